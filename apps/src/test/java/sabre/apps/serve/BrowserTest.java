package sabre.apps.serve;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by Selenium
 * through {@code /usr/bin/chromedriver}; nothing is downloaded): upload → result with Grad-CAM → mark it wrong →
 * the correction is in the database → a quiz round → an article. A failing test leaves a screenshot in
 * {@code target/browser-<test>.png}. Skipped, with the reason, where Chromium is not installed.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver driver;

    @RegisterExtension
    final TestWatcher screenshots = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (driver != null) {
                try {
                    Path png = Path.of("target", "browser-" + context.getRequiredTestMethod().getName() + ".png");
                    Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
                    System.err.println("browser test: screenshot of the failure in " + png.toAbsolutePath());
                } catch (Exception e) {
                    System.err.println("browser test: no screenshot: " + e);
                }
            }
        }
    };

    private ServeFixture fx;

    @BeforeEach
    void browser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; "
                        + ".ci/run installs them)");
        fx = ServeFixture.get();
        if (driver == null) {
            driver = start();
        }
    }

    /** A phone-sized headless Chromium; the driver path is given, so Selenium Manager never runs. */
    static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=412,1000", "--disable-extensions", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    @Test
    void uploadCorrectQuizAndRead() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        File image = Files.write(Files.createTempFile(fx.dir, "upload", ".png"), fx.testPng(4)).toFile();

        driver.get(fx.app.url());
        driver.findElement(By.id("file")).sendKeys(image.getAbsolutePath());
        driver.findElement(By.id("recognise")).click();

        WebElement cam = wait.until(d -> d.findElement(By.id("cam")));
        assertTrue(cam.getAttribute("src").startsWith("data:image/png;base64,"));
        assertTrue(cam.getSize().getWidth() > 100, "the overlay is drawn: " + cam.getSize());
        assertEquals(Recognizer.TOP, driver.findElements(By.cssSelector("#top5 li")).size());
        assertTrue(Double.parseDouble(driver.findElement(By.id("millis")).getText()) >= 0);
        String predicted = driver.findElement(By.id("prediction")).getText();

        // wrong? choose the right class: the first one offered after the placeholder (never the predicted one)
        Select corrected = new Select(driver.findElement(By.id("corrected")));
        String choice = corrected.getOptions().get(1).getText();
        corrected.selectByIndex(1);
        int before = fx.db.count();
        driver.findElement(By.id("send-feedback")).click();
        long id = Long.parseLong(wait.until(d -> d.findElement(By.id("feedback-id"))).getText());
        assertEquals(before + 1, fx.db.count());
        List<FeedbackStore.Feedback> rows = new ArrayList<>();
        fx.db.forEach(rows::add);
        FeedbackStore.Feedback row = rows.stream().filter(r -> r.id() == id).findFirst().orElseThrow();
        assertEquals(choice, row.correctedName());
        assertEquals(predicted, row.predictedName());
        assertEquals(fx.served.id(), row.modelId());

        // a quiz round
        driver.findElement(By.linkText("Quiz")).click();
        wait.until(d -> d.findElement(By.id("quiz-image")));
        driver.findElements(By.cssSelector("#quiz-form button")).get(0).click();
        wait.until(d -> d.findElement(By.id("answer")));
        assertEquals("1", driver.findElement(By.id("asked")).getText());
        assertTrue(fx.served.classes().contains(driver.findElement(By.id("truth")).getText()));

        // an article
        driver.findElement(By.linkText("Articles")).click();
        driver.findElement(By.linkText("Sneaker")).click();
        WebElement article = wait.until(d -> d.findElement(By.id("article")));
        assertEquals("Sneaker", article.findElement(By.tagName("h1")).getText());
    }

    @Test
    void badUploadShowsAFriendlyPage() throws Exception {
        File text = Files.writeString(Files.createTempFile(fx.dir, "notes", ".png"), "just text").toFile();
        driver.get(fx.app.url());
        driver.findElement(By.id("file")).sendKeys(text.getAbsolutePath());
        driver.findElement(By.id("recognise")).click();
        WebElement error = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("error")));
        assertTrue(error.getText().contains("not a PNG or JPEG"), error.getText());
        assertEquals("400", driver.findElement(By.id("status")).getText());
    }
}
