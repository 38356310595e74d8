package io.tender.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every browser test class stands on: {@code bin/tender} started on a fresh data folder with
 * its first owner signed in over HTTP, headless Chromium, and the API as that owner, the way a host
 * booking system would set things up.
 */
abstract class TenderInBrowser {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static RunningTender tender;
    static RunningTender.SignedIn owner;
    static Browser browser;

    @BeforeAll
    static void startTenderAndBrowser() throws Exception {
        tender = RunningTender.start();
        owner = tender.signIn(RunningTender.OWNER_EMAIL, RunningTender.OWNER_PASSWORD);
        browser = new Browser();
    }

    @AfterAll
    static void stopTenderAndBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (tender != null) {
            tender.close();
        }
    }

    static HttpRequest.Builder json(URI uri, String method, String body) {
        return owner.on(HttpRequest.newBuilder(uri)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(json(tender.url(path), method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String api(String method, String path, String body, int expected) {
        try {
            HttpResponse<String> response = send(method, path, body);
            assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
            return response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The page's text once it says every one of {@code expected}. A click that submits a form returns
     * before the next page has replaced the current one, so the text is read again until it says them
     * (15 s at most, time for a webhook to settle a payment); the assertion then shows the text last read.
     */
    static String pageSaying(String... expected) {
        String[] last = {""};
        try {
            new WebDriverWait(browser.driver, Duration.ofSeconds(15), Duration.ofMillis(100)).until(d -> {
                last[0] = text();
                return Arrays.stream(expected).allMatch(last[0]::contains);
            });
        } catch (TimeoutException notSaid) {
            assertThat(last[0]).contains(expected);
        }
        return last[0];
    }

    /** The page's text, read again while the page is being replaced under it. */
    static String text() {
        for (int attempt = 0;; attempt++) {
            try {
                return browser.driver.findElement(By.tagName("body")).getText();
            } catch (StaleElementReferenceException | NoSuchElementException replaced) {
                if (attempt == 30) {
                    throw replaced;
                }
            } catch (WebDriverException replaced) {
                // Chrome reports a body that left the document between finding and reading it this way.
                if (attempt == 30 || !String.valueOf(replaced.getMessage()).contains("does not belong to the document")) {
                    throw replaced;
                }
            }
            sleep();
        }
    }

    static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
