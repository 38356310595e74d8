package io.tender.core.internal.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void keepsTheBasePathOfATenderBehindAProxy() {
        assertThat(io.tender.core.internal.PublicAddress.under(URI.create("https://host/tender/"), "/pay/result/pay_1")).hasToString("https://host/tender/pay/result/pay_1");
        assertThat(io.tender.core.internal.PublicAddress.under(URI.create("http://localhost:8080"), "/api/webhooks/con_1")).hasToString("http://localhost:8080/api/webhooks/con_1");
    }

    @Test
    void putsTheParameterBeforeTheFragment() {
        assertThat(Urls.withQueryParameter(URI.create("https://shop.example/done#top"), "canceled=true"))
                .hasToString("https://shop.example/done?canceled=true#top");
        assertThat(Urls.withQueryParameter(URI.create("https://shop.example/done?order=7"), "canceled=true"))
                .hasToString("https://shop.example/done?order=7&canceled=true");
    }
}
