package dev.agentruntime.api.security;

import dev.agentruntime.api.problem.RouteProblems;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.util.ResourceUtils;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to run the API with a token signing key whose private half is published ({@link
 * PublishedSigningKeys}: the demo realm's key), unless {@value #ALLOW} is true (a local stack on
 * the demo realm).
 *
 * <p>The keys are those SmallRye JWT verifies with: {@code mp.jwt.verify.publickey}, and the PEM,
 * JWK or JWKS at {@code mp.jwt.verify.publickey.location}. A file or an inline key is checked at
 * start-up, and a published key stops the start-up. A JWKS URL (Keycloak's {@code certs} endpoint)
 * is fetched at start-up too; while it cannot be fetched (Keycloak starting after the API) it is
 * fetched again every few seconds in the background, and until it has been checked the API is not
 * ready and answers every {@code /v1} request with 503: no token is verified with a key set that
 * was not checked. A published key found then stops the process (exit status 1). The check runs
 * once: keys added to the realm later are not checked.
 */
@ApplicationScoped
public class SigningKeyCheck {

  static final String ALLOW = "agent-runtime.auth.allow-demo-signing-key";

  /** Just before {@code RequestLimits} (-3): nothing else runs for a request refused here. */
  private static final int ORDER = -4;

  private static final Duration RETRY_EVERY = Duration.ofSeconds(2);
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(SigningKeyCheck.class);

  private final boolean allowed;
  private final Optional<String> inlineKey;
  private final Optional<String> location;
  private final RouteProblems problems;
  private final Consumer<String> refuseRunning;
  private volatile boolean checked;
  private volatile boolean stopping;
  private volatile String pending = "not checked yet";

  @Inject
  public SigningKeyCheck(
      @ConfigProperty(name = ALLOW, defaultValue = "false") boolean allowed,
      @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> inlineKey,
      @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> location,
      RouteProblems problems) {
    this(allowed, inlineKey, location, problems, SigningKeyCheck::exit);
  }

  /**
   * @param refuseRunning what to do with the refusal when a published key is found after start-up
   *     (in the background): log it and exit
   */
  SigningKeyCheck(
      boolean allowed,
      Optional<String> inlineKey,
      Optional<String> location,
      RouteProblems problems,
      Consumer<String> refuseRunning) {
    this.allowed = allowed;
    // NONE is the value Quarkus gives mp.jwt.verify.publickey when none is configured.
    this.inlineKey = inlineKey.filter(k -> !k.isBlank() && !"NONE".equals(k));
    this.location = location.filter(l -> !l.isBlank());
    this.problems = problems;
    this.refuseRunning = refuseRunning;
  }

  void onStart(@Observes StartupEvent event) {
    start();
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  /**
   * Checks what can be checked now.
   *
   * @throws IllegalStateException when a key is a published one, which stops the start-up
   */
  void start() {
    if (allowed) {
      LOG.warnf(
          "%s=true: tokens signed with a published key (the demo realm's) are accepted; for a"
              + " local stack only",
          ALLOW);
      checked = true;
      return;
    }
    inlineKey.ifPresent(key -> refusePublished(key, "mp.jwt.verify.publickey"));
    if (location.isEmpty()) {
      checked = true;
      return;
    }
    String where = location.get();
    if (!isUrl(where)) {
      String content = readLocal(where);
      if (content == null) {
        // SmallRye refuses every token then: nothing can be verified, so nothing to refuse here.
        LOG.warnf(
            "mp.jwt.verify.publickey.location %s cannot be read: every token will be refused",
            where);
      } else {
        refusePublished(content, where);
        LOG.infof("token signing keys at %s checked: none is a published key", where);
      }
      checked = true;
      return;
    }
    try {
      refusePublished(fetch(where), where);
      checked = true;
      LOG.infof("token signing keys at %s checked: none is a published key", where);
    } catch (IOException e) {
      pending = unfetched(where, e);
      LOG.warnf(
          "%s; fetching it again every %d s, and answering 503 until it has been checked",
          pending, RETRY_EVERY.toSeconds());
      Thread.ofVirtual().name("signing-key-check").start(() -> checkInBackground(where));
    }
  }

  /** Whether the keys have been checked (and are not published ones), or the check is off. */
  public boolean checked() {
    return checked;
  }

  /** Why the keys are not checked yet; meaningful only while {@link #checked()} is false. */
  public String pending() {
    return pending;
  }

  /**
   * @throws IllegalStateException naming the published key and what to do, when {@code content}
   *     holds one
   */
  static void refusePublished(String content, String source) {
    List<BigInteger> moduli;
    try {
      moduli = SigningKeyMaterial.rsaModuli(content);
    } catch (IllegalArgumentException e) {
      // SmallRye cannot use it either, so it verifies no token.
      LOG.warnf("the token verification key at %s does not parse: %s", source, e.getMessage());
      return;
    }
    for (BigInteger modulus : moduli) {
      PublishedSigningKeys.find(modulus)
          .ifPresent(
              published -> {
                throw new IllegalStateException(
                    "The API refuses to start: it would verify tokens with "
                        + published.name()
                        + ", found at "
                        + source
                        + ". Its private key is public, so anyone could sign a token it"
                        + " accepts. Give the realm its own signing key and delete the demo"
                        + " key provider (docs/deployment.md#the-token-signing-key); only for a"
                        + " local stack on the demo realm, set "
                        + ALLOW
                        + "=true.");
              });
    }
  }

  void install(@Observes Router router) {
    router.route("/v1/*").order(ORDER).handler(this::gate);
  }

  private void gate(RoutingContext context) {
    if (checked) {
      context.next();
      return;
    }
    problems.send(
        context,
        503,
        "signing-keys-unchecked",
        "Service Unavailable",
        "The API has not checked its token signing keys yet: " + pending,
        Map.of("Retry-After", Long.toString(RETRY_EVERY.toSeconds())),
        true);
  }

  private void checkInBackground(String url) {
    int attempts = 0;
    while (!stopping) {
      try {
        Thread.sleep(RETRY_EVERY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      attempts++;
      String content;
      try {
        content = fetch(url);
      } catch (IOException e) {
        pending = unfetched(url, e);
        if (attempts % 30 == 0) {
          LOG.warnf("%s; still answering 503", pending);
        }
        continue;
      }
      try {
        refusePublished(content, url);
      } catch (IllegalStateException refused) {
        refuseRunning.accept(refused.getMessage());
        return;
      }
      checked = true;
      LOG.infof("token signing keys at %s checked: none is a published key", url);
      return;
    }
  }

  private static String unfetched(String url, IOException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "the key set at " + url + " could not be fetched yet (" + reason + ")";
  }

  private static boolean isUrl(String location) {
    return location.startsWith("http://") || location.startsWith("https://");
  }

  /** A file or classpath resource, found as SmallRye JWT finds it; null when there is none. */
  private static String readLocal(String location) {
    try {
      return ResourceUtils.readResource(location);
    } catch (IOException e) {
      return null;
    }
  }

  private static String fetch(String url) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(FETCH_TIMEOUT)
            .header("Accept", "application/json")
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } finally {
      client.close();
    }
  }

  private static void exit(String refusal) {
    LOG.error(refusal);
    Quarkus.asyncExit(1);
  }
}
