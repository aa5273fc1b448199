package dev.agentruntime.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.agentruntime.embedded.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API refuses the demo realm's signing key, in every form SmallRye JWT reads it, unless the
 * operator allows it for a local stack; any other key passes.
 */
class SigningKeyCheckTest {

  @TempDir Path dir;

  @Test
  void thePublishedKeysAreTheDemoRealmsKey() throws Exception {
    RSAPublicKey realm = SigningKeys.demoRealmKey();
    assertThat(PublishedSigningKeys.find(realm.getModulus())).isPresent();
    assertThat(PublishedSigningKeys.all())
        .extracting(PublishedSigningKeys.PublishedKey::name)
        .allMatch(name -> name.contains("demo-rsa-LOCAL-USE-ONLY"));
  }

  @Test
  void theDemoRealmKeyInAPemFileStopsTheStartup() throws Exception {
    Path pem =
        Files.writeString(dir.resolve("realm.pem"), SigningKeys.pem(SigningKeys.demoRealmKey()));

    assertThatThrownBy(() -> check(false, Optional.empty(), pem.toString()).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("demo-rsa-LOCAL-USE-ONLY")
        .hasMessageContaining(pem.toString())
        .hasMessageContaining("docs/deployment.md#the-token-signing-key")
        .hasMessageContaining("agent-runtime.auth.allow-demo-signing-key=true");
  }

  @Test
  void kongsConsumerKeyAsAnInlineKeyStopsTheStartup() throws Exception {
    String kong = SigningKeys.kongConsumerKey();

    assertThatThrownBy(() -> check(false, Optional.of(kong), null).start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mp.jwt.verify.publickey");
  }

  @Test
  void theDemoRealmKeyAmongOthersInAJwksStopsTheStartup() throws Exception {
    int port = Ports.free();
    HttpServer keycloak =
        SigningKeys.serveJwks(
            port, SigningKeys.jwks(SigningKeys.freshKey(), SigningKeys.demoRealmKey()));
    try {
      String url = "http://127.0.0.1:" + port + "/certs";
      assertThatThrownBy(() -> check(false, Optional.empty(), url).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("demo-rsa-LOCAL-USE-ONLY")
          .hasMessageContaining(url);
    } finally {
      keycloak.stop(0);
    }
  }

  @Test
  void anotherKeyPassesAsPemAndAsJwks() throws Exception {
    RSAPublicKey own = SigningKeys.freshKey();
    Path pem = Files.writeString(dir.resolve("own.pem"), SigningKeys.pem(own));
    SigningKeyCheck fromFile = check(false, Optional.empty(), pem.toString());
    fromFile.start();
    assertThat(fromFile.checked()).isTrue();

    int port = Ports.free();
    HttpServer keycloak = SigningKeys.serveJwks(port, SigningKeys.jwks(own));
    try {
      SigningKeyCheck fromUrl =
          check(false, Optional.empty(), "http://127.0.0.1:" + port + "/certs");
      fromUrl.start();
      assertThat(fromUrl.checked()).isTrue();
    } finally {
      keycloak.stop(0);
    }
  }

  @Test
  void theSettingAllowsTheDemoKeyForALocalStack() throws Exception {
    Path pem =
        Files.writeString(dir.resolve("realm.pem"), SigningKeys.pem(SigningKeys.demoRealmKey()));
    SigningKeyCheck local = check(true, Optional.empty(), pem.toString());

    local.start();

    assertThat(local.checked()).isTrue();
  }

  @Test
  void aKeySetThatCannotBeFetchedYetIsCheckedOnceItCanBe() throws Exception {
    int port = Ports.free();
    String url = "http://127.0.0.1:" + port + "/certs";
    AtomicReference<String> refusal = new AtomicReference<>();
    SigningKeyCheck check =
        new SigningKeyCheck(false, Optional.empty(), Optional.of(url), null, refusal::set);

    check.start(); // Keycloak is not up: the start-up goes on, unchecked

    assertThat(check.checked()).isFalse();
    assertThat(check.pending()).contains(url);
    HttpServer keycloak = SigningKeys.serveJwks(port, SigningKeys.jwks(SigningKeys.demoRealmKey()));
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> refusal.get() != null);
      assertThat(refusal.get()).contains("demo-rsa-LOCAL-USE-ONLY").contains(url);
      assertThat(check.checked()).isFalse();
    } finally {
      keycloak.stop(0);
    }
  }

  @Test
  void aLaterFetchedKeySetOfAnotherKeyOpensTheApi() throws Exception {
    int port = Ports.free();
    AtomicReference<String> refusal = new AtomicReference<>();
    SigningKeyCheck check =
        new SigningKeyCheck(
            false,
            Optional.empty(),
            Optional.of("http://127.0.0.1:" + port + "/certs"),
            null,
            refusal::set);
    check.start();
    HttpServer keycloak = SigningKeys.serveJwks(port, SigningKeys.jwks(SigningKeys.freshKey()));
    try {
      await().atMost(Duration.ofSeconds(20)).until(check::checked);
      assertThat(refusal.get()).isNull();
    } finally {
      keycloak.stop(0);
    }
  }

  private static SigningKeyCheck check(boolean allowed, Optional<String> inline, String location) {
    return new SigningKeyCheck(
        allowed,
        inline,
        Optional.ofNullable(location),
        null,
        refusal -> {
          throw new AssertionError("refused in the background: " + refusal);
        });
  }
}
