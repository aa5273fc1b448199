package dev.agentruntime.api.security;

import dev.agentruntime.api.error.AccessDenied;
import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the subject of the token, as every write records it (the {@code created_by} of
 * tenants, agents, versions, runs and secrets, the actor of control actions and decisions).
 */
@RequestScoped
public class CurrentActor {

  /** Recorded when a token names no subject, which a conforming issuer never does. */
  static final String UNNAMED = "(no subject)";

  /** What every {@code created_by} and {@code updated_by} column holds at most (its check). */
  public static final int MAX_CHARS = 255;

  private final JsonWebToken token;

  public CurrentActor(JsonWebToken token) {
    this.token = token;
  }

  /**
   * The subject, as it will be recorded. Checked here, the one place every write gets it from, so
   * no service can record a subject the database would refuse or cut.
   *
   * @throws AccessDenied when the subject cannot be recorded (see {@link #requireRecordable})
   */
  public String subject() {
    String subject = token.getSubject();
    return requireRecordable(subject == null || subject.isBlank() ? UNNAMED : subject);
  }

  /**
   * When the caller's token expires; empty when it carries no {@code exp} (SmallRye JWT refuses
   * such tokens, so only in theory). What the caller holds open must not outlive it.
   */
  public Optional<Instant> tokenExpiry() {
    Object exp = token.getClaim(Claims.exp);
    return exp instanceof Number seconds
        ? Optional.of(Instant.ofEpochSecond(seconds.longValue()))
        : Optional.empty();
  }

  /**
   * A token's subject is the issuer's to choose; one that cannot be recorded (more than {@link
   * #MAX_CHARS} characters, counted as PostgreSQL counts them, or U+0000, which text cannot hold)
   * is refused rather than cut, so a record never names someone else.
   */
  static String requireRecordable(String subject) {
    if (subject.codePointCount(0, subject.length()) > MAX_CHARS || subject.indexOf('\0') >= 0) {
      throw new AccessDenied(
          "The token's subject cannot be recorded as the author of a change (more than "
              + MAX_CHARS
              + " characters, or U+0000); nothing was written");
    }
    return subject;
  }
}
