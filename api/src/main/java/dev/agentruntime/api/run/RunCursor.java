package dev.agentruntime.api.run;

import dev.agentruntime.api.error.InvalidParameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a run listing: the last run a page answered, by its sort key (created_at, id). The
 * next page starts strictly after it, so a page never depends on how many rows came before it (no
 * OFFSET): runs inserted meanwhile sort before the position and never shift it.
 *
 * <p>On the wire it is base64url of {@code 1|<created_at in epoch microseconds>|<id>|<fingerprint
 * of the listing>}. It is opaque to clients but not secret: it names a run of the caller's own
 * tenant, and the fingerprint binds it to the tenant and filters it was made with.
 *
 * <p>The tenant's approval listing pages the same way by (requested_at, id): there {@code
 * createdAt} is the approval's request time and {@code id} the approval's. Its fingerprints differ
 * from every run listing's, so a cursor of one is refused by the other.
 */
public record RunCursor(Instant createdAt, UUID id) {

  /** What the cursor parameter must be; the problem answer names it. */
  static final String EXPECTED = "a nextCursor answered by this listing with the same filters";

  public static final int MAX_LENGTH = 256;

  private static final String VERSION = "1";
  private static final Pattern WIRE =
      Pattern.compile(
          "^1\\|(-?[0-9]{1,19})\\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
              + "\\|([A-Za-z0-9_-]{22})$");

  public RunCursor {
    // The database keeps microseconds; a finer position would fall between stored rows.
    createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The fingerprint of a listing: a digest of {@code canonical}, the text that names the tenant and
   * the filters, in the form {@link #decode} expects.
   */
  public static String fingerprint(String canonical) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      // 128 bits tell listings apart; the cursor is no secret, so a shorter digest keeps URLs
      // short.
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  public String encode(String fingerprint) {
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
    String text = String.join("|", VERSION, Long.toString(micros), id.toString(), fingerprint);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The position {@code text} names, when it was made for the listing with {@code fingerprint}; a
   * 400 naming the {@code cursor} parameter otherwise.
   */
  public static RunCursor decode(String text, String fingerprint) {
    if (text.length() > MAX_LENGTH || text.indexOf('=') >= 0) {
      throw invalid();
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    Matcher m = WIRE.matcher(decoded);
    if (!m.matches() || !m.group(3).equals(fingerprint)) {
      throw invalid();
    }
    try {
      Instant createdAt = Instant.EPOCH.plus(Long.parseLong(m.group(1)), ChronoUnit.MICROS);
      // Only a hand-made cursor lies outside the times a run can have; the database need not see
      // it.
      if (createdAt.isBefore(RunListQuery.EARLIEST) || createdAt.isAfter(RunListQuery.LATEST)) {
        throw invalid();
      }
      return new RunCursor(createdAt, UUID.fromString(m.group(2)));
    } catch (ArithmeticException | java.time.DateTimeException | NumberFormatException e) {
      throw invalid();
    }
  }

  private static InvalidParameter invalid() {
    return new InvalidParameter("cursor", EXPECTED);
  }
}
