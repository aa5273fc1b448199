package dev.agentruntime.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentruntime.embedded.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its ChromeDriver by Selenium: the console's tests see
 * what a person's browser sees, with the Content-Security-Policy enforced. Also injects axe-core
 * for the accessibility check and saves screenshots for docs/console.md when asked to.
 */
final class ConsoleBrowser implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final ChromeDriver driver;
  private final Path downloads;
  private final Path screenshots;

  ConsoleBrowser(Path work) {
    try {
      downloads = Files.createDirectories(work.resolve("downloads"));
      Path profile = Files.createDirectories(work.resolve("profile"));
      String shots = System.getProperty("agent-runtime.console.screenshots", "");
      screenshots = shots.isBlank() ? null : Files.createDirectories(Path.of(shots));
      ChromeOptions options = new ChromeOptions();
      options.setBinary(Tools.binary("chromium").toString());
      // Flags from the machine notes: without the background-networking ones Chromium keeps
      // trying hosts this closed network refuses.
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--window-size=1280,1000",
          "--user-data-dir=" + profile);
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory",
              downloads.toString(),
              "download.prompt_for_download",
              false));
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(Tools.binary("chromedriver").toFile())
              .usingAnyFreePort()
              .build();
      driver = new ChromeDriver(service, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WebDriver driver() {
    return driver;
  }

  Path downloads() {
    return downloads;
  }

  void open(String url) {
    driver.get(url);
  }

  /**
   * Waits for {@code condition} to answer neither null nor false. The console re-renders parts of
   * the page as events arrive, so an element found a moment ago may be gone: that is a retry too.
   */
  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** The first displayed element {@code by} finds, once there is one. */
  WebElement find(By by) {
    return until(
        d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The serious and critical violations axe-core finds on the page as it is now. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> seriousAccessibilityViolations() {
    try {
      script(Files.readString(Tools.location("axe.min.js")));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "axe-core missing: run scripts/install-tools.sh browser-test", e);
    }
    Map<String, Object> results =
        (Map<String, Object>)
            ((JavascriptExecutor) driver)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(r => done({violations: r.violations.map(v => ({id: v.id,"
                        + " impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.map(n => n.target.join(' '))}))}))"
                        + ".catch(e => done({error: String(e)}));");
    assertThat(results).doesNotContainKey("error");
    return ((List<Map<String, Object>>) results.get("violations"))
        .stream()
            .filter(v -> List.of("serious", "critical").contains(String.valueOf(v.get("impact"))))
            .toList();
  }

  /** Saves the page as {@code name}.png when screenshots were asked for. */
  void screenshot(String name) {
    if (screenshots == null) {
      return;
    }
    try {
      Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
