package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.testkit.KeycloakServer;
import java.nio.file.Path;
import org.openqa.selenium.By;

/**
 * The console's OIDC sign-in in a real browser against the real Keycloak: authorization code with
 * PKCE through the realm's own login page, the token exchanged from the page (CORS), kept in memory
 * only, and good for the API. Run by KeycloakIT, which owns the realm and the stack.
 */
final class ConsoleSignIn {

  private static final String CLIENT = "agent-runtime-console";

  private ConsoleSignIn() {}

  static void throughTheRealm(
      KeycloakServer keycloak, String realm, String apiUrl, Path work, String acmeRunId) {
    String console = apiUrl + "/console/";
    // The deployment's own step (docs/console.md): the console's address on the public client.
    keycloak.allowBrowserClient(realm, CLIENT, console + "*", apiUrl);
    try (ConsoleBrowser browser = new ConsoleBrowser(work)) {
      browser.open(console);
      browser.find(By.id("oidc")).click();
      browser.find(By.id("username")).sendKeys("acme-admin");
      browser.find(By.id("password")).sendKeys("acme-admin-LOCAL-ONLY");
      browser.find(By.id("kc-login")).click();

      browser.find(By.xpath("//h1[text()='Runs']"));
      assertThat(browser.find(By.id("who")).getText()).contains("acme-admin", "tenant acme");
      // The acme run an earlier test started: the realm's token works against the API.
      browser.find(By.cssSelector("tr[data-run='" + acmeRunId + "']"));
      assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=").endsWith("#/runs");
      assertThat(browser.script("return localStorage.length + sessionStorage.length"))
          .as("no token, code or verifier left in web storage")
          .isEqualTo(0L);
      // A reload forgets the token: the page asks to sign in again.
      browser.driver().navigate().refresh();
      browser.find(By.id("oidc"));
    }
  }
}
