package dev.catena.samples.support;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in real headless Chromium (Debian's chromium and chromedriver, installed by
 * {@code .ci/setup.d/40-chromium.sh}): type a question, see the streamed answer and its sources.
 */
@QuarkusTest
class BrowserChatTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    @TestHTTPResource("/")
    URL page;

    private WebDriver driver;

    @BeforeEach
    void start() throws Exception {
        dev.catena.testing.ExternalInputs.require(CHROMIUM.canExecute() && DRIVER.canExecute(),
                "/usr/bin/chromium and /usr/bin/chromedriver are missing (bash .ci/setup.d/40-chromium.sh installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (driver != null) driver.quit();
    }

    @Test
    void questionGetsAStreamedAnswerWithSources() {
        driver.get(page.toString());
        WebElement input = driver.findElement(By.id("message"));
        input.sendKeys("How long does standard shipping take?");
        driver.findElement(By.id("send")).click();

        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        wait.until(d -> {
            List<WebElement> bots = d.findElements(By.cssSelector(".msg.bot"));
            return !bots.isEmpty() && "done".equals(bots.getLast().getDomAttribute("data-state"));
        });
        WebElement bot = driver.findElements(By.cssSelector(".msg.bot")).getLast();
        assertThat(bot.findElement(By.cssSelector(".text")).getText()).contains("3 to 5 business days");
        assertThat(bot.findElement(By.cssSelector(".sources")).getText()).contains("shipping.md");
        assertThat(driver.findElement(By.cssSelector(".msg.user")).getText()).isEqualTo("How long does standard shipping take?");
    }
}
