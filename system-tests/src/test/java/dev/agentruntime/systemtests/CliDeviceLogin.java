package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentruntime.testkit.KeycloakServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;

/**
 * {@code agentctl login --device} against the real Keycloak: the CLI asks the realm for a device
 * code (PKCE S256), a person signs in at the verification URL in a real browser, and the CLI's poll
 * gets the tokens, which the API accepts. Run by KeycloakIT, which owns the realm and the stack.
 */
final class CliDeviceLogin {

  private CliDeviceLogin() {}

  static void throughTheRealm(KeycloakServer keycloak, String realm, String apiUrl, Path work)
      throws Exception {
    Agentctl cli = new Agentctl(work.resolve("agentctl").resolve("config.json"), work);
    Path out = work.resolve("login.out");
    Path err = work.resolve("login.err");
    Process login =
        cli.start(
            out,
            err,
            null,
            "login",
            "--device",
            "--issuer",
            keycloak.issuer(realm),
            "--api",
            apiUrl);
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.readString(err).contains("(or open "));
      Matcher complete = Pattern.compile("\\(or open (\\S+)\\)").matcher(Files.readString(err));
      assertThat(complete.find()).isTrue();
      try (ConsoleBrowser browser = new ConsoleBrowser(work)) {
        browser.open(complete.group(1));
        browser.find(By.id("username")).sendKeys("acme-admin");
        browser.find(By.id("password")).sendKeys("acme-admin-LOCAL-ONLY");
        browser.find(By.id("kc-login")).click();
        // A realm that asks for consent shows one more page; this one may not.
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    !login.isAlive()
                        || !browser.driver().findElements(By.name("accept")).isEmpty());
        if (login.isAlive()) {
          browser.driver().findElement(By.name("accept")).click();
        }
      }
      assertThat(login.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(err)).isTrue();
      assertThat(login.exitValue()).as(Files.readString(err)).isZero();
    } finally {
      login.destroyForcibly();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.config())))
        .isEqualTo("rw-------");
    assertThat(Files.readString(cli.config())).contains("\"refreshToken\"").contains("\"issuer\"");
    Agentctl.Result whoami = cli.run("whoami");
    assertThat(whoami.exitCode()).as(whoami.toString()).isZero();
    assertThat(whoami.out())
        .containsPattern("tenant\\s+acme")
        .containsPattern("checked\\s+GET /v1/runs\\?limit=1: ok");
    Agentctl.Result runs = cli.run("runs", "list", "-o", "json");
    assertThat(runs.exitCode()).as(runs.toString()).isZero();
  }
}
