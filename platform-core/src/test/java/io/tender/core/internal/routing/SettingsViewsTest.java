package io.tender.core.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tender.api.provider.ProviderAccount;
import io.tender.core.internal.settings.ConnectionAccount;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider's typed settings are read once per registration, and again as soon as they change. */
class SettingsViewsTest {

    /** How a provider declares its settings: an interface, read through {@link ProviderAccount#settings(Class)}. */
    public interface AcmeSettings {
        String secretKey();

        int latencyMillis();

        default String label() {
            return "acme " + secretKey();
        }
    }

    public interface OtherView {
        String secretKey();
    }

    private final SettingsViews views = new SettingsViews();

    @Test
    void oneViewServesEveryPaymentOfAConnectionWhileItsSettingsStayTheSame() {
        AcmeSettings first = views.over(account("con_1", Map.of("secretKey", "sk_1", "latencyMillis", "5")))
                .settings(AcmeSettings.class);
        AcmeSettings second = views.over(account("con_1", Map.of("secretKey", "sk_1", "latencyMillis", "5")))
                .settings(AcmeSettings.class);

        assertThat(second).isSameAs(first);
        assertThat(first.secretKey()).isEqualTo("sk_1");
        assertThat(first.latencyMillis()).isEqualTo(5);
        assertThat(first.label()).isEqualTo("acme sk_1");
    }

    @Test
    void changedSettingsAreReadAgain() {
        views.over(account("con_1", Map.of("secretKey", "sk_1", "latencyMillis", "5"))).settings(AcmeSettings.class);

        AcmeSettings changed = views.over(account("con_1", Map.of("secretKey", "sk_2", "latencyMillis", "0")))
                .settings(AcmeSettings.class);

        assertThat(changed.secretKey()).isEqualTo("sk_2");
        assertThat(changed.latencyMillis()).isZero();
    }

    @Test
    void eachConnectionAndTypeHasItsOwnView() {
        ProviderAccount one = views.over(account("con_1", Map.of("secretKey", "sk_1", "latencyMillis", "1")));
        ProviderAccount two = views.over(account("con_2", Map.of("secretKey", "sk_2", "latencyMillis", "2")));

        assertThat(one.settings(AcmeSettings.class).secretKey()).isEqualTo("sk_1");
        assertThat(two.settings(AcmeSettings.class).secretKey()).isEqualTo("sk_2");
        assertThat(one.settings(OtherView.class).secretKey()).isEqualTo("sk_1");
        assertThat(one.connectionId()).isEqualTo("con_1");
    }

    @Test
    void neitherTheAccountNorItsViewsPrintTheirSecrets() {
        ProviderAccount account = views.over(account("con_1", Map.of("secretKey", "sk_live_secret", "latencyMillis", "1")));

        assertThat(account.toString()).doesNotContain("sk_live_secret");
        assertThat(account.settings(AcmeSettings.class).toString()).doesNotContain("sk_live_secret").contains("con_1");
    }

    private static ProviderAccount account(String connectionId, Map<String, Object> settings) {
        return new ConnectionAccount(connectionId, "loc", settings);
    }
}
