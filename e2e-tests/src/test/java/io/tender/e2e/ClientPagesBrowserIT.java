package io.tender.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import io.tender.e2e.client.ApiClient;
import io.tender.e2e.client.ApiException;
import io.tender.e2e.client.api.DefaultApi;
import io.tender.e2e.client.model.ConnectionView;
import io.tender.e2e.client.model.LinkBody;
import io.tender.e2e.client.model.LinkItemBody;
import io.tender.e2e.client.model.LinkView;
import io.tender.e2e.client.model.MethodSettingBody;
import io.tender.e2e.client.model.NewConnection;
import io.tender.e2e.client.model.NewLocation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The three payment methods from the client's side, in headless Chromium against the distribution
 * started with {@code bin/tender} and the sandbox provider: the booking widget's prepayment, a
 * payment link, and the online shop. The setup goes through the REST API, as a host system's would.
 */
class ClientPagesBrowserIT extends TenderInBrowser {

    @BeforeAll
    static void setUp() throws Exception {
        api("POST", "/api/locations", "{\"id\":\"salon\",\"name\":\"Salon <b>Elise</b>\",\"timeZone\":\"Europe/Berlin\"}", 201);
        String connection = field(api("POST", "/api/locations/salon/connections", "{\"providerId\":\"sandbox\",\"name\":\"Sandbox\","
                + "\"settings\":{\"secretKey\":\"sk_sandbox_e2e\",\"webhookSecret\":\"whsec_e2e_secret\"}}", 201), "id");
        api("PUT", "/api/locations/salon/services/cut", "{\"name\":\"Haircut\",\"price\":4000,\"currency\":\"EUR\"}", 200);
        api("PUT", "/api/locations/salon/employees/anna", "{\"name\":\"Anna\"}", 200);
        api("PUT", "/api/locations/salon/methods/booking-prepayment", "{\"enabled\":true,\"connectionId\":\"" + connection
                + "\",\"options\":{\"services\":{\"cut\":{\"mode\":\"REQUIRED\",\"amount\":\"PERCENT\",\"value\":30}}}}", 200);
        api("PUT", "/api/locations/salon/methods/payment-link", "{\"enabled\":true,\"connectionId\":\"" + connection + "\"}", 200);
        api("PUT", "/api/locations/salon/methods/online-sales", "{\"enabled\":true,\"connectionId\":\"" + connection + "\"}", 200);
        api("PUT", "/api/locations/salon/sales/gift-any", "{\"name\":\"Gift card\",\"description\":\"Any amount\","
                + "\"price\":1000,\"maxPrice\":20000,\"currency\":\"EUR\",\"giftCard\":{\"validityDays\":365}}", 200);
        api("POST", "/api/locations", "{\"id\":\"plain\",\"name\":\"Plain Studio\"}", 201);
        api("PUT", "/api/locations/plain/services/cut", "{\"name\":\"Haircut\",\"price\":4000,\"currency\":\"EUR\"}", 200);
    }

    @Test
    void aBookingNeeding30PercentIsPaidOnTheSandboxPageAndConfirmed() {
        browser.driver.get(tender.url("/book/salon").toString());
        pageSaying("Salon <b>Elise</b>", "Time (Europe/Berlin)");
        assertThat(browser.driver.findElements(By.tagName("b"))).as("a name is text, never markup").isEmpty();
        new Select(browser.driver.findElement(By.name("service"))).selectByValue("cut");
        new Select(browser.driver.findElement(By.name("employee"))).selectByValue("anna");
        ((JavascriptExecutor) browser.driver).executeScript(
                "document.querySelector('input[name=time]').value = '2026-12-05T10:00'");
        browser.driver.findElement(By.name("name")).sendKeys("Eve Adams");
        browser.driver.findElement(By.name("email")).sendKeys("eve@example.com");
        browser.screenshot("1-booking-widget");
        browser.driver.findElement(By.cssSelector("form button")).click();

        pageSaying("Prepayment required: 12.00 EUR", "held until it is paid");
        browser.screenshot("2-prepayment-required");
        browser.driver.findElement(By.id("pay")).click();
        payOnSandboxPage("Pay 12.00 EUR", "3-sandbox-checkout");

        awaitText("Your booking is confirmed");
        browser.screenshot("4-booking-confirmed");
        String bookings = api("GET", "/api/locations/salon/bookings", null, 200);
        assertThat(bookings).contains("\"status\":\"CONFIRMED\"").contains("\"paid\":1200")
                .as("10:00 in Berlin is 09:00 UTC").contains("\"startsAt\":\"2026-12-05T09:00:00Z\"");
    }

    @Test
    void aLinkForGoodsIsPaidOnceAndRefusedTheSecondTime() throws Exception {
        String link = api("POST", "/api/locations/salon/links", "{\"purpose\":\"goods\",\"reference\":\"order-9\",\"currency\":\"EUR\","
                + "\"items\":[{\"name\":\"Massage oil\",\"quantity\":2,\"unitPrice\":2250}]}", 201);
        String url = field(link, "url");
        browser.driver.get(url);
        pageSaying("Massage oil × 2", "45.00 EUR");
        browser.screenshot("5-payment-link");
        browser.driver.findElement(By.cssSelector("form button")).click();
        payOnSandboxPage("Pay 45.00 EUR", "6-sandbox-link-checkout");
        awaitText("Payment received");
        browser.screenshot("7-link-paid");

        browser.driver.get(url);
        pageSaying("This link has been paid");
        assertThat(browser.driver.findElements(By.cssSelector("form button"))).as("no second Pay button").isEmpty();
        HttpResponse<String> again = send("POST", "/api/payments", "{\"locationId\":\"salon\",\"methodId\":\"payment-link\","
                + "\"purpose\":\"link\",\"reference\":\"" + field(link, "token") + "\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("\"field\":\"reference\"");
    }

    @Test
    void aGiftCardBoughtInTheShopIsRedeemedTwiceAtOnceWithoutGoingBelowZero() throws Exception {
        browser.driver.get(tender.url("/shop/salon").toString());
        pageSaying("Gift card", "10.00 EUR to 200.00 EUR");
        browser.driver.findElement(By.name("amount")).sendKeys("50");
        browser.driver.findElement(By.name("email")).sendKeys("gift@example.com");
        browser.screenshot("8-shop");
        browser.driver.findElement(By.cssSelector("form button")).click();
        payOnSandboxPage("Pay 50.00 EUR", "9-sandbox-shop-checkout");
        String result = awaitText("Your gift card code is");
        browser.screenshot("10-gift-card-code");
        Matcher code = Pattern.compile("[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}").matcher(result);
        assertThat(code.find()).as(result).isTrue();

        String redeem = "{\"locationId\":\"salon\",\"amount\":3000,\"currency\":\"EUR\"}";
        URI redemptions = tender.url("/api/gift-cards/" + code.group() + "/redemptions");
        CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(json(redemptions, "POST", redeem)
                .header("Idempotency-Key", "till-1").build(), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> second = HTTP.sendAsync(json(redemptions, "POST", redeem)
                .header("Idempotency-Key", "till-2").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(List.of(first.get().statusCode(), second.get().statusCode())).containsExactlyInAnyOrder(200, 400);
        assertThat(api("GET", "/api/gift-cards/" + code.group(), null, 200)).contains("\"balance\":2000");
    }

    /** The check issue 6 names: a client generated from /api/openapi.json creates a payment link that opens. */
    @Test
    void aClientGeneratedFromTheOpenApiDocumentCreatesAPaymentLink() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(tender.url("/api").toString());
        client.setRequestInterceptor(owner::on);
        DefaultApi api = new DefaultApi(client);
        api.createLocation("generated-1", new NewLocation().id("generated").name("Generated Client Spa").timeZone("Europe/Paris"));
        ConnectionView connection = api.connect("generated", "generated-2", new NewConnection().providerId("sandbox")
                .name("Sandbox").settings(Map.of("secretKey", "sk_sandbox_generated", "webhookSecret", "whsec_generated_secret")));
        assertThat(String.valueOf(connection.getSettings().get("secretKey"))).as("write-only: shown masked")
                .startsWith("••••").doesNotContain("sk_sandbox");
        api.configureMethod("generated", "payment-link", null, new MethodSettingBody().enabled(true)
                .connectionId(connection.getId()));
        LinkView link = api.createLink("generated", "generated-3", new LinkBody().purpose("goods").reference("order-1")
                .currency("EUR").addItemsItem(new LinkItemBody().name("Scented candle").quantity(3).unitPrice(1500L)));
        assertThat(link.getAmount()).isEqualTo(4500L);
        assertThat(link.getStatus()).isEqualTo("OPEN");
        assertThat(api.createLink("generated", "generated-3", new LinkBody().purpose("goods").reference("order-1")
                .currency("EUR").addItemsItem(new LinkItemBody().name("Scented candle").quantity(3).unitPrice(1500L)))
                .getToken()).as("the key makes a retry a replay").isEqualTo(link.getToken());

        browser.driver.get(link.getUrl());
        pageSaying("Generated Client Spa", "Scented candle × 3", "45.00 EUR");
        ApiException refused = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () -> api.createLink("generated",
                null, new LinkBody().purpose("goods").reference("order-2").currency("EUR")));
        assertThat(refused.getCode()).isEqualTo(400);
        assertThat(refused.getResponseBody()).contains("\"field\":\"items\"");
    }

    @Test
    void aLocationWithoutBoundMethodsBooksToPayAtTheVisitAndKeepsItsShopClosed() {
        browser.driver.get(tender.url("/shop/plain").toString());
        pageSaying("The online shop is closed");
        browser.driver.get(tender.url("/book/plain").toString());
        new Select(browser.driver.findElement(By.name("service"))).selectByValue("cut");
        ((JavascriptExecutor) browser.driver).executeScript(
                "document.querySelector('input[name=time]').value = '2026-12-06T11:30'");
        browser.driver.findElement(By.name("name")).sendKeys("Tom");
        browser.driver.findElement(By.cssSelector("form button")).click();
        pageSaying("You pay at the visit");
    }

    /** On the sandbox's hosted page: checks the amount, keeps its test card, pays. */
    private static void payOnSandboxPage(String payButton, String screenshot) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/sandbox/checkout/"));
        WebElement pay = browser.driver.findElement(By.cssSelector("button[value=pay]"));
        assertThat(pay.getText()).isEqualTo(payButton);
        browser.screenshot(screenshot);
        pay.click();
        // Pay posts, then the sandbox redirects to Tender's result page: wait until it has left.
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/sandbox/checkout/"));
    }

    /** Reloads the result page until it says the text: the webhook settles the payment a moment later. */
    private static String awaitText(String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!text().contains(expected) && System.nanoTime() < deadline) {
            sleep();
            browser.driver.navigate().refresh();
        }
        return pageSaying(expected);
    }

    /** The page's text; a page that is being replaced (a redirect after Pay) is read again once it is there. */
    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(value.find()).as(name + " in " + json).isTrue();
        return value.group(1);
    }
}
