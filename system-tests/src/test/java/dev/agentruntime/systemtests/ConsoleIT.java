package dev.agentruntime.systemtests;

import static dev.agentruntime.systemtests.E2ETenant.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentruntime.client.model.ApprovalResponse;
import dev.agentruntime.client.model.DecideApprovalRequest;
import dev.agentruntime.client.model.RunEventResponse;
import dev.agentruntime.standalone.Stack;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator console in a real browser (Debian's headless Chromium through Selenium) on the
 * packaged stack: sign in, start a run and watch it live through an API restart, approve its gated
 * call, download its artifact, the approvals inbox with the API's refusals, cancel, filters,
 * hostile content rendered inert, and an automated accessibility check of every main screen.
 */
@ExtendWith(E2EStack.class)
class ConsoleIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static ConsoleBrowser browser;
  private static E2ETenant api;
  private static String console;

  @BeforeAll
  static void openBrowser() {
    Stack stack = E2EStack.stack();
    api = E2ETenant.newTenant(stack);
    api.createGatedAgent("gated", E2EStack.model().baseUrl());
    api.createAgentWithDefaults("plain", E2EStack.model().baseUrl());
    console = stack.apiUrl() + "/console/";
    browser = new ConsoleBrowser(work);
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void signInStartARunWatchItLiveThroughAnApiRestartApproveItAndDownloadItsArtifact()
      throws Exception {
    browser.open(console);
    browser.find(By.id("token")).sendKeys(api.token());
    browser.find(By.cssSelector("form.signin button[type=submit]")).click();
    browser.find(By.xpath("//h1[text()='Runs']"));

    browser.find(By.cssSelector("details.start summary")).click();
    new Select(browser.find(By.id("start-agent"))).selectByVisibleText("gated");
    WebElement input = browser.find(By.id("start-input"));
    input.clear();
    input.sendKeys("{\"message\": \"from the console\"}");
    browser.find(By.cssSelector("details.start button[type=submit]")).click();
    String runId = browser.until(d -> runIdIn(d.getCurrentUrl()));

    browser.find(By.cssSelector("#timeline li[data-type='approval.requested']"));
    browser.screenshot("run-waiting-for-approval");
    // The stream drops with the API; the page reconnects with Last-Event-ID.
    Stack stack = E2EStack.stack();
    stack.killApi();
    stack.startApi();
    browser.find(By.cssSelector("article.approval button.approve")).click();
    browser.find(By.cssSelector("#timeline li[data-type='run.succeeded']"));

    List<Integer> shown =
        browser.driver().findElements(By.cssSelector("#timeline li")).stream()
            .map(li -> Integer.parseInt(li.getAttribute("data-seq")))
            .toList();
    List<RunEventResponse> events = api.events(runId);
    assertThat(shown)
        .as("every event once, in order, across the dropped stream")
        .isEqualTo(IntStream.rangeClosed(1, events.size()).boxed().toList())
        .isEqualTo(events.stream().map(RunEventResponse::getSeq).toList());
    assertThat(events).extracting(e -> e.getType().getValue()).contains("approval.decided");
    browser.until(d -> d.findElement(By.id("run-title")).getText().contains("succeeded"));
    browser.until(d -> d.findElement(By.id("transcript")).getText().contains("from the console"));
    assertThat(browser.find(By.id("transcript")).getText()).contains("Calls write_artifact");
    browser.screenshot("run");

    browser.find(By.cssSelector("button[aria-label='Download notes-1.txt']")).click();
    Path downloaded = browser.downloads().resolve("notes-1.txt");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(downloaded));
    File fromApi =
        call(() -> api.client().runs().getArtifactContent("notes-1.txt", UUID.fromString(runId)));
    assertThat(Files.readAllBytes(downloaded)).isEqualTo(Files.readAllBytes(fromApi.toPath()));
  }

  @Test
  void theApprovalsInboxShowsWhatADecisionBindsToAndTheApisRefusal() throws Exception {
    String runId = api.startRun("gated", "inbox me");
    ApprovalResponse pending = awaitPending(runId);
    go("/approvals");
    WebElement card =
        browser.find(By.cssSelector("article[data-approval='" + pending.getId() + "']"));
    JsonNode shown = JSON.readTree(card.findElement(By.cssSelector("pre.arguments")).getText());
    assertThat(shown).isEqualTo(JSON.valueToTree(pending.getArguments()));
    assertThat(card.findElement(By.cssSelector("code.sha")).getText())
        .isEqualTo(pending.getArgumentsSha256());
    assertThat(card.getText()).contains("write_artifact", "agent-admin");
    browser.screenshot("approvals");
    assertThat(browser.seriousAccessibilityViolations()).as("approvals inbox").isEmpty();

    // Someone else decides first: the console shows the API's 409, not a success.
    call(
        () ->
            api.client()
                .approvals()
                .decideApproval(
                    UUID.fromString(pending.getId()),
                    UUID.fromString(runId),
                    new DecideApprovalRequest()
                        .decision(DecideApprovalRequest.DecisionEnum.DENY)
                        .argumentsSha256(pending.getArgumentsSha256())));
    card.findElement(By.cssSelector("button.approve")).click();
    browser.until(d -> card.findElement(By.cssSelector(".result")).getText().startsWith("409"));
    api.awaitEnd(runId, Duration.ofSeconds(60));
  }

  @Test
  void aRunIsCancelledWithAReasonAndFoundByItsStatus() {
    String runId = api.startRun("gated", "cancel me");
    awaitPending(runId);
    go("/runs/" + runId);
    browser.find(By.id("control-reason")).sendKeys("not needed any more");
    browser.find(By.id("run-cancel")).click();
    browser.find(By.cssSelector("#timeline li[data-type='run.cancelled']"));
    assertThat(api.run(runId).getStatusReason()).contains("not needed any more");

    go("/runs");
    new Select(browser.find(By.id("f-status"))).selectByVisibleText("cancelled");
    browser.find(By.cssSelector("form.filters button[type=submit]")).click();
    browser.until(d -> d.getCurrentUrl().contains("status=cancelled"));
    browser.find(By.cssSelector("tr[data-run='" + runId + "']"));
    List<String> statuses =
        browser.driver().findElements(By.cssSelector("#runs-body td.status")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(statuses).isNotEmpty().allMatch("cancelled"::equals);
  }

  @Test
  void whatAModelWroteRendersAsInertText() {
    String hostile =
        "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"
            + "<a href=\"javascript:window.__pwned=3\">click</a> [md](javascript:window.__pwned=4) "
            + "x".repeat(50_000);
    String runId = api.startRun("plain", hostile);
    api.awaitEnd(runId, Duration.ofSeconds(60));
    go("/runs/" + runId);
    browser.until(d -> d.findElement(By.id("transcript")).getText().contains("<script>"));
    browser.find(By.id("output"));

    assertThat(browser.script("return window.__pwned === undefined")).isEqualTo(true);
    assertThat(
            browser.script(
                "return document.querySelectorAll('#transcript script, #transcript img,"
                    + " #transcript a, #output script, #output img, #output a').length"))
        .isEqualTo(0L);
    assertThat(browser.find(By.id("transcript")).getText())
        .contains("<img src=x onerror=\"window.__pwned=2\">", "[md](javascript:window.__pwned=4)");
    // The 50 000-character line wraps instead of widening the page.
    assertThat(
            browser.script("return document.documentElement.scrollWidth <= window.innerWidth + 1"))
        .isEqualTo(true);
    try {
      browser.driver().switchTo().alert();
      throw new AssertionError("an alert opened");
    } catch (NoAlertPresentException expected) {
      // Nothing ran.
    }
  }

  @Test
  void everyMainScreenPassesTheAccessibilityCheck() {
    String runId = api.startRun("plain", "for the screenshots");
    api.awaitEnd(runId, Duration.ofSeconds(60));
    String agentId = api.client() == null ? null : agentIdOf("plain");
    for (String page :
        List.of(
            "/runs", "/runs/" + runId, "/agents", "/agents/" + agentId, "/automation", "/usage")) {
      go(page);
      browser.find(By.cssSelector("main h1"));
      // Sections that load after the heading: give them their turn before the check.
      browser.until(d -> d.findElements(By.cssSelector("main .problem")).isEmpty());
      String name = page.equals("/runs") ? "runs" : page.replaceAll("/[0-9a-f-]{36}", "-detail");
      browser.screenshot(name.replaceAll("^/", "").replace('/', '-'));
      assertThat(browser.seriousAccessibilityViolations()).as(page).isEmpty();
    }
  }

  @Test
  void aPlatformAdminSeesTheTenantsAndTheirPolicies() {
    String admin = E2EStack.stack().tokens().platformAdmin(Duration.ofMinutes(10));
    browser.open(console + "#token=" + admin + "&next=/tenants");
    WebElement tenant = browser.find(By.cssSelector("details[data-tenant='" + api.tenant + "']"));
    tenant.findElement(By.tagName("summary")).click();
    browser.until(
        d -> tenant.findElement(By.tagName("pre")).getText().contains("maxConcurrentRuns"));
    // No tenant of its own: the tenant screens are the platform admin's, the runs are not.
    assertThat(browser.find(By.id("nav")).getText()).contains("Tenants");
    browser.screenshot("tenants");
    assertThat(browser.seriousAccessibilityViolations()).as("tenants").isEmpty();
  }

  private static String agentIdOf(String name) {
    return call(() -> api.client().agents().listAgents()).stream()
        .filter(a -> a.getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getId()
        .toString();
  }

  /** Opens a console page, signed in by the launcher's kind of link. */
  private static void go(String route) {
    browser.open(console + "#token=" + api.token() + "&next=" + route);
    browser.until(d -> d.getCurrentUrl().endsWith("#" + route));
  }

  private static ApprovalResponse awaitPending(String runId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "waiting_for_approval".equals(api.run(runId).getStatus().getValue()));
    return call(() -> api.client().approvals().listApprovals(UUID.fromString(runId))).get(0);
  }

  private static String runIdIn(String url) {
    int at = url.indexOf("#/runs/");
    return at < 0 ? null : url.substring(at + "#/runs/".length());
  }
}
