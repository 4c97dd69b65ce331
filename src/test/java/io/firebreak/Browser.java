package io.firebreak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) for the browser
 * checks: a phone (375 CSS px wide) or a desktop window, Tasklist's login, a screenshot in
 * {@code target/screenshots/} when a check fails, and screenshots for the guides in
 * {@code docs/images/} when the build is run with {@code -Dfirebreak.guide-screenshots=true}
 * (off by default, so {@code mvn verify} never changes tracked files).
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  public static final Path FAILURES = Path.of("target/screenshots");
  public static final Path GUIDE_IMAGES = Path.of("docs/images");
  public static final int PHONE_WIDTH = 375;

  private final WebDriver driver;
  private final int port;

  private Browser(WebDriver driver, int port) {
    this.driver = driver;
    this.port = port;
  }

  /** Skips the test, saying what to install, where Chromium or its driver is missing. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
        "SKIPPED: the real-browser check needs Debian's chromium and chromium-driver "
            + "(apt-get install chromium chromium-driver; .ci/run installs them)");
  }

  /** A phone's screen: 375 × 812 CSS pixels (mobile emulation: a headless window cannot be that narrow). */
  public static Browser phone(int port) {
    return open(port, PHONE_WIDTH, 812, true);
  }

  public static Browser desktop(int port) {
    return open(port, 1280, 900, false);
  }

  /** A desktop window of this size (a long form fits without scrolling). */
  public static Browser desktop(int port, int width, int height) {
    return open(port, width, height, false);
  }

  private static Browser open(int port, int width, int height, boolean mobile) {
    assumeAvailable();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--window-size=" + Math.max(width, 500) + "," + height,
        // No password manager: its save and leak-check bubbles have no place in a test.
        "--disable-features=PasswordLeakDetection,PasswordManagerOnboarding");
    options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
        "profile.password_manager_enabled", false));
    if (mobile) {
      // Pixel ratio 1 keeps the guides' screenshots small; CSS pixels are what the checks measure.
      options.setExperimentalOption("mobileEmulation",
          Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 1.0)));
    }
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    return new Browser(new ChromeDriver(service, options), port);
  }

  public WebDriver driver() {
    return driver;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Opens a page behind HTTP Basic; credentials in the URL answer the prompt a person would type into. */
  public void getAs(String user, String password, String path) {
    driver.get("http://" + user + ":" + password + "@127.0.0.1:" + port + path);
  }

  public void get(String path) {
    driver.get(url(path));
  }

  /**
   * Logs in to Tasklist with its own login form, as a person does. A busy build machine can let the
   * form appear before Angular has bound it (typed text then lost, the click then does nothing), so
   * each try checks what the inputs hold, and a form still there after 20 s is filled in again, up to
   * four tries; the failure names what the page said on every try.
   */
  public void tasklistLogin(String user, String password) {
    get("/camunda/app/tasklist/default/");
    StringBuilder tries = new StringBuilder();
    for (int attempt = 1; attempt <= 4; attempt++) {
      WebElement form = waitFor(d -> d.findElements(By.cssSelector("form[name=signinForm]")).stream()
          .filter(WebElement::isDisplayed).findFirst().orElse(null));
      WebElement name = form.findElement(By.cssSelector("input[type=text]"));
      WebElement secret = form.findElement(By.cssSelector("input[type=password]"));
      name.clear();
      name.sendKeys(user);
      secret.clear();
      secret.sendKeys(password);
      if (user.equals(name.getAttribute("value")) && password.equals(secret.getAttribute("value"))) {
        form.findElement(By.cssSelector("button[type=submit]")).click();
        if (within(Duration.ofSeconds(20), d -> d.findElements(By.cssSelector("form[name=signinForm]")).isEmpty())) {
          waitFor(d -> !d.findElements(By.cssSelector(
              ".start-process-action, [cam-tasklist-navbar-action-create-process-instance]")).isEmpty());
          return;
        }
      }
      tries.append("\n try ").append(attempt).append(": ").append(js(
          "var n = document.querySelector('.notifications'); var f = document.querySelector('form[name=signinForm]');"
              + " return 'notifications: ' + (n ? n.innerText : 'none') + ' | form: '"
              + " + (f ? f.className + ' ' + f.innerText : 'gone') + ' | ready: ' + document.readyState"));
    }
    throw new AssertionError("Tasklist's login form stayed after 4 tries as " + user + ":" + tries);
  }

  /** Whether the condition holds within the time given (no exception when it does not). */
  public boolean within(Duration time, Function<WebDriver, Boolean> condition) {
    long deadline = System.nanoTime() + time.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.apply(driver))) {
          return true;
        }
      } catch (org.openqa.selenium.WebDriverException e) {
        // the page is still changing
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return false;
  }

  /** Waits up to 20 s for the condition to give something other than {@code null} or {@code false}. */
  public <T> T waitFor(Function<WebDriver, T> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        T value = condition.apply(driver);
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (org.openqa.selenium.WebDriverException e) {
        last = e; // the page is still changing
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("waited 20 s in vain on " + driver.getCurrentUrl(), last);
  }

  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Whether the page is no wider than the screen (nothing to scroll sideways). */
  public boolean fitsTheScreen() {
    long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
    long viewport = ((Number) js("return window.innerWidth")).longValue();
    return scrollWidth <= viewport;
  }

  /** Runs a check; when it fails, the page as it was is saved to {@code target/screenshots/<name>.png}. */
  public void check(String name, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException | AssertionError e) {
      Path file = screenshot(FAILURES, name);
      e.addSuppressed(new IllegalStateException("screenshot of the failure: " + file.toAbsolutePath()
          + "; page was " + driver.getCurrentUrl()));
      throw e;
    }
  }

  /** Saves the screen for a guide ({@code docs/images/<name>.png}) when guide screenshots are asked for. */
  public void forGuide(String name) {
    if (Boolean.getBoolean("firebreak.guide-screenshots")) {
      screenshot(GUIDE_IMAGES, name);
    }
  }

  private Path screenshot(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException | RuntimeException e) {
      // A screenshot that cannot be taken must not hide the failure it was for.
      return dir.resolve(name + ".png (not saved: " + e.getMessage() + ")");
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
