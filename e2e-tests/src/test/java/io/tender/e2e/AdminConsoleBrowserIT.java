package io.tender.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console as a new admin uses it, in headless Chromium against {@code bin/tender}: the
 * first owner signs in, adds a location, connects the sandbox, switches prepayment on for one
 * service, creates a payment link that a client pays, finds the payment and refunds part of it.
 * Then a viewer and a location admin try what their roles forbid.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminConsoleBrowserIT extends TenderInBrowser {

    /** The host booking system pushes its catalogue as soon as the location exists. */
    private static void pushCatalogue() throws Exception {
        api("PUT", "/api/locations/downtown/services/cut", "{\"name\":\"Haircut\",\"price\":4000,\"currency\":\"EUR\"}", 200);
        api("PUT", "/api/locations/downtown/services/color", "{\"name\":\"Colour\",\"price\":9000,\"currency\":\"EUR\"}", 200);
    }

    @Test
    @Order(1)
    void theOwnerSignsInAddsALocationAndConnectsTheSandbox() throws Exception {
        browser.driver.get(tender.url("/console").toString());
        await(By.id("login"));
        type("email", RunningTender.OWNER_EMAIL);
        type("password", "wrong password!");
        click(By.cssSelector("#login button[type=submit]"));
        assertThat(await(By.cssSelector("#login .alert")).getText()).contains("the email or the password is wrong");
        browser.screenshot("console-01-sign-in");
        type("password", RunningTender.OWNER_PASSWORD);
        click(By.cssSelector("#login button[type=submit]"));

        // A new owner has no location yet: the console asks for one. A bad id is refused next to its field.
        await(By.id("location-form"));
        type("id", "Down Town!");
        type("name", "Downtown <b>Salon</b>");
        ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('f-id').removeAttribute('pattern')");
        click(By.cssSelector("#location-form button[type=submit]"));
        assertThat(await(By.cssSelector("[data-error-for=id]")).getText()).isNotBlank();
        type("id", "downtown");
        type("timeZone", "Europe/Berlin");
        click(By.cssSelector("#location-form button[type=submit]"));

        // Finance > Online payments: three cards, the fee note, and How it works.
        await(By.cssSelector("[data-method=booking-prepayment]"));
        pushCatalogue();
        pageSaying("Finance › Online payments", "Tender takes no fee", "Downtown <b>Salon</b>");
        assertThat(browser.driver.findElements(By.cssSelector("main b"))).as("a name is text, never markup").isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector(".card"))).hasSize(3);
        assertThat(browser.driver.findElements(By.cssSelector(".card .badge"))).extracting(WebElement::getText)
                .containsOnly("Not connected");
        browser.screenshot("console-02-online-payments");
        browser.driver.findElement(By.cssSelector("[data-method=booking-prepayment] button.link")).click();
        WebElement dialog = await(By.cssSelector("dialog[open]"));
        assertThat(dialog.getText()).contains("how it works").contains("Examples").contains("no fee");
        browser.screenshot("console-03-how-it-works");
        dialog.sendKeys(Keys.ESCAPE);
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOf(dialog));

        // Connect: the form comes from the sandbox's metatype; the credential check refuses a bad key.
        click(By.cssSelector("[data-method=booking-prepayment] a.button.primary"));
        click(By.cssSelector("input[name=provider][value=sandbox]"));
        await(By.id("connect-form"));
        type("settings.secretKey", "not-a-sandbox-key");
        type("settings.webhookSecret", "whsec_console_1");
        click(By.cssSelector("#connect-form button[type=submit]"));
        assertThat(await(By.cssSelector("#connect-form .alert")).getText()).isNotBlank();
        browser.screenshot("console-04-connect-refused");
        type("settings.secretKey", "sk_sandbox_console");
        click(By.cssSelector("#connect-form button[type=submit]"));
        assertThat(await(By.cssSelector("#connect-form .success")).getText()).contains("accepted the credentials");
        browser.screenshot("console-05-connected");
        String connections = api("GET", "/api/locations/downtown/connections", null, 200);
        assertThat(connections).contains("\"providerId\":\"sandbox\"").doesNotContain("sk_sandbox_console");
    }

    @Test
    @Order(2)
    void prepaymentIsSwitchedOnForOneService() throws Exception {
        // Straight on from connecting: the admin uses the connection for prepayment and sets one service's rule.
        click(By.xpath("//a[contains(., 'Use for') and contains(., 'Prepayment')]"));
        await(By.id("method-form"));
        assertThat(field("enabled").isSelected()).as("connecting for the method switches it on").isTrue();
        new Select(field("services.cut.mode")).selectByValue("REQUIRED");
        new Select(field("services.cut.amount")).selectByValue("FIXED");
        type("services.cut.value", "twelve");
        click(By.cssSelector("#method-form button[type=submit]"));
        assertThat(await(By.cssSelector("[data-error-for='services.cut.value']")).getText()).contains("12.50");
        new Select(field("services.cut.amount")).selectByValue("PERCENT");
        type("services.cut.value", "30");
        click(By.cssSelector("#method-form button[type=submit]"));
        assertThat(await(By.cssSelector("#method-form .success")).getText()).contains("Saved").contains("on");
        browser.screenshot("console-06-prepayment-rules");
        String setting = api("GET", "/api/locations/downtown/methods/booking-prepayment", null, 200);
        assertThat(setting).contains("\"enabled\":true").contains("\"cut\":{\"mode\":\"REQUIRED\",\"amount\":\"PERCENT\",\"value\":30}")
                .doesNotContain("\"color\"");
        String audit = api("GET", "/api/locations/downtown/audit", null, 200);
        assertThat(audit).contains("\"action\":\"method.configure\"").contains(RunningTender.OWNER_EMAIL)
                .doesNotContain("sk_sandbox_console");
    }

    @Test
    @Order(3)
    void aPaymentLinkIsCreatedPaidByTheClientFoundAndRefunded() throws Exception {
        String connection = between(api("GET", "/api/locations/downtown/connections", null, 200), "\"id\":\"", "\"");
        browser.driver.get(tender.url("/console/index.html#/l/downtown/methods/payment-link").toString());
        await(By.id("method-form"));
        field("enabled").click();
        new Select(field("connectionId")).selectByValue(connection);
        click(By.cssSelector("#method-form button[type=submit]"));
        await(By.cssSelector("#method-form .success"));
        pageSaying("Link defaults and messages");
        click(By.linkText("Create a payment link"));

        await(By.id("link-form"));
        type("reference", "order-77");
        type("items[0].name", "Massage oil");
        type("items[0].quantity", "2");
        type("items[0].unitPrice", "22.50");
        click(By.cssSelector("#link-form button[type=submit]"));
        WebElement created = await(By.id("created-link"));
        assertThat(created.getText()).contains("45.00 EUR").contains("Copy link");
        String url = browser.driver.findElement(By.id("link-url")).getAttribute("value");
        assertThat(url).startsWith(tender.url("/pay/link/").toString());
        assertThat(created.getText()).contains(url);
        // The QR code is an image the API draws for the signed-in admin.
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "return document.querySelector('.qr img').naturalWidth;")).intValue() > 0);
        browser.screenshot("console-07-link-created");

        // The client pays on the sandbox page.
        browser.driver.get(url);
        pageSaying("Massage oil × 2", "45.00 EUR");
        click(By.cssSelector("form button"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/sandbox/checkout/"));
        click(By.cssSelector("button[value=pay]"));
        pageSaying("Payment received");

        // The admin finds it succeeded in the list, opens it and refunds 10.00 EUR.
        browser.driver.get(tender.url("/console/index.html#/l/downtown/payments").toString());
        WebElement row = await(By.cssSelector("#payments tbody tr"));
        assertThat(row.getText()).contains("45.00 EUR").contains("succeeded").contains("Payment via link");
        browser.screenshot("console-08-payments");
        new Select(field("status")).selectByValue("REFUNDED");
        click(By.cssSelector("#payment-filters button[type=submit]"));
        pageSaying("No payments match");
        new Select(field("status")).selectByValue("SUCCEEDED");
        click(By.cssSelector("#payment-filters button[type=submit]"));
        click(By.cssSelector("#payments tbody tr a"));
        await(By.id("timeline"));
        assertThat(browser.driver.findElement(By.id("timeline")).getText()).contains("succeeded");
        type("amount", "999");
        click(By.cssSelector("#refund-form button[type=submit]"));
        assertThat(await(By.cssSelector("#refund-form .alert")).getText()).isNotBlank();
        assertThat(browser.driver.findElement(By.id("refunded")).getText()).isEqualTo("0.00 EUR");
        type("amount", "10.00");
        click(By.cssSelector("#refund-form button[type=submit]"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("refunded")).getText().equals("10.00 EUR"));
        pageSaying("partially refunded");
        browser.screenshot("console-09-refunded");
        String payments = api("GET", "/api/payments?locationId=downtown", null, 200);
        assertThat(payments).contains("\"refunded\":1000").contains("\"status\":\"PARTIALLY_REFUNDED\"");
    }

    @Test
    @Order(4)
    void aGiftCardIsPutOnSaleAndTwoAdminsCannotOverwriteEachOther() {
        browser.driver.get(tender.url("/console/index.html#/l/downtown/methods/online-sales").toString());
        await(By.id("sale-form"));
        type("id", "gift-50");
        type("name", "Gift card 50");
        type("price", "50.00");
        type("validityDays", "365");
        click(By.cssSelector("#sale-form button[type=submit]"));
        click(By.cssSelector("button[data-edit=gift-50]"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d -> "Gift card 50".equals(field("name").getAttribute("value")));
        // Meanwhile another admin changes the price through the API.
        api("PUT", "/api/locations/downtown/sales/gift-50", "{\"name\":\"Gift card 50\",\"price\":5500,\"currency\":\"EUR\","
                + "\"giftCard\":{\"validityDays\":365}}", 200);
        type("name", "Gift card fifty");
        click(By.cssSelector("#sale-form button[type=submit]"));
        assertThat(await(By.cssSelector("#sale-form .alert")).getText()).contains("Someone else saved");
        assertThat(api("GET", "/api/locations/downtown/sales/gift-50", null, 200)).contains("\"name\":\"Gift card 50\"")
                .contains("\"price\":5500");
        browser.screenshot("console-09b-sales-conflict");
        browser.driver.navigate().refresh();
        click(By.cssSelector("button[data-edit=gift-50]"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(d -> "55.00".equals(field("price").getAttribute("value")));
        type("name", "Gift card fifty");
        click(By.cssSelector("#sale-form button[type=submit]"));
        pageSaying("Gift card fifty");
    }

    @Test
    @Order(5)
    void theOpsPageListsTheInstalledProviderBundles() {
        browser.driver.get(tender.url("/console/index.html#/ops").toString());
        WebElement providers = await(By.id("providers"));
        assertThat(providers.getText()).contains("sandbox").contains("io.tender.provider-template").contains("active");
        assertThat(browser.driver.findElement(By.id("provider-bundles")).getText()).as("the deploy folder's provider bundles")
                .contains("provider-template-0.1.0-SNAPSHOT.jar").contains("provider-stripe-0.1.0-SNAPSHOT.jar").contains("active");
        assertThat(browser.driver.findElement(By.id("webhook-events-none")).getText()).contains("every event providers sent was applied");
        browser.screenshot("console-10-ops");

        // A signed event for a checkout Tender never opened: tried three times, then shown as unmatched.
        String connection = between(api("POST", "/api/locations/downtown/connections", "{\"providerId\":\"sandbox\","
                + "\"name\":\"Sandbox events\",\"settings\":{\"secretKey\":\"sk_sandbox_events\",\"webhookSecret\":\"whsec_events\"}}", 201),
                "\"id\":\"", "\"");
        String event = "id=evt_elsewhere&type=checkout.paid&checkout=sbx_made_elsewhere&amount=1000&currency=EUR";
        long now = java.time.Instant.now().getEpochSecond();
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    tender.url("/api/webhooks/" + connection)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Sandbox-Signature", "t=" + now + ",v1=" + hmac("whsec_events", now + "." + event))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(event)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!api("GET", "/api/ops/webhooks?state=UNMATCHED", null, 200).contains("evt_elsewhere")) {
            assertThat(System.nanoTime()).as("the event is left unmatched after its attempts").isLessThan(deadline);
            sleep(500);
        }
        browser.driver.navigate().refresh(); // the same address again: only a reload reads the list anew
        WebElement events = await(By.id("webhook-events"));
        assertThat(events.getText()).contains("evt_elsewhere").contains("unmatched").contains("sbx_made_elsewhere");
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", events);
        browser.screenshot("console-10d-unmatched-event");
        events.findElement(By.xpath(".//button[normalize-space()='Retry']")).click();
        // Sent through again, it is back on its schedule (and, still matching nothing, unmatched again later).
        await(By.id("webhook-events-none"));
        assertThat(api("GET", "/api/audit", null, 200)).contains("webhook.retry").contains("evt_elsewhere");

        browser.driver.get(tender.url("/console/index.html#/users").toString());
        assertThat(await(By.id("users")).getText()).contains(RunningTender.OWNER_EMAIL).contains("OWNER");
        browser.screenshot("console-10a-users");
        browser.driver.get(tender.url("/console/index.html#/l/downtown/audit").toString());
        assertThat(await(By.id("audit")).getText()).contains("method.configure").contains("connection.create")
                .contains(RunningTender.OWNER_EMAIL).doesNotContain("sk_sandbox_console");
        browser.screenshot("console-10c-audit");

        // At a phone's width the cards stack and every control stays on screen.
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.driver.get(tender.url("/console/index.html#/l/downtown/online-payments").toString());
            await(By.cssSelector("[data-method=online-sales]"));
            Number overflow = (Number) ((JavascriptExecutor) browser.driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(0);
            browser.screenshot("console-10b-phone-width");
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    @Order(6)
    void aViewerSeesTheSettingsButCannotChangeThem() throws Exception {
        api("POST", "/api/users", "{\"email\":\"vera@salon.example\",\"password\":\"viewer password 1\",\"role\":\"VIEWER\","
                + "\"locations\":[\"downtown\"]}", 201);
        signInAs("vera@salon.example", "viewer password 1");
        browser.driver.get(tender.url("/console/index.html#/l/downtown/methods/booking-prepayment").toString());
        await(By.id("method-form"));
        pageSaying("You can see these settings but not change them");
        assertThat(browser.driver.findElement(By.cssSelector("#method-form button[type=submit]")).isEnabled()).isFalse();
        assertThat(browser.driver.findElements(By.linkText("Users & keys"))).isEmpty();
        // Even a request the page makes on its own is refused by the API, and nothing changes.
        Object status = ((JavascriptExecutor) browser.driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/session').then(r => r.json()).then(s => fetch('/api/locations/downtown/methods/booking-prepayment',"
                + "{method: 'PUT', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken},"
                + "body: JSON.stringify({enabled: false})})).then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(api("GET", "/api/locations/downtown/methods/booking-prepayment", null, 200)).contains("\"enabled\":true");
        browser.screenshot("console-11-viewer");
    }

    @Test
    @Order(7)
    void aLocationAdminDoesNotSeeAnotherLocation() throws Exception {
        api("POST", "/api/locations", "{\"id\":\"uptown\",\"name\":\"Uptown Spa\"}", 201);
        api("POST", "/api/users", "{\"email\":\"lara@salon.example\",\"password\":\"location admin 1\",\"role\":\"LOCATION_ADMIN\","
                + "\"locations\":[\"uptown\"]}", 201);
        signInAs("lara@salon.example", "location admin 1");
        await(By.cssSelector("[data-method=payment-link]"));
        assertThat(new Select(browser.driver.findElement(By.id("location"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("Uptown Spa");
        browser.driver.get(tender.url("/console/index.html#/l/downtown/payments").toString());
        assertThat(pageSaying("Not allowed", "you may not see location 'downtown'")).doesNotContain("45.00 EUR");
        browser.screenshot("console-12-other-location-refused");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void signInAs(String email, String password) {
        browser.driver.get(tender.url("/console/index.html#/login").toString());
        if (!browser.driver.findElements(By.id("signout")).isEmpty() && browser.driver.findElement(By.id("signout")).isDisplayed()) {
            browser.driver.findElement(By.id("signout")).click();
        }
        await(By.id("login"));
        type("email", email);
        type("password", password);
        click(By.cssSelector("#login button[type=submit]"));
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("#/login"));
    }

    private static WebElement await(By locator) {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static void click(By locator) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private static String hmac(String secret, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static WebElement field(String name) {
        return await(By.cssSelector("[data-field='" + name + "']"));
    }

    private static void type(String name, String value) {
        WebElement input = field(name);
        input.clear();
        input.sendKeys(value);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

}
