package io.tender.core.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.TenderException;
import io.tender.api.audit.AuditEntry;
import io.tender.core.internal.payments.CoreFixture;
import io.tender.core.internal.payments.SettableClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log on the real store. */
class AuditStoreTest {

    private final SettableClock now = new SettableClock(Instant.parse("2026-11-24T09:00:00Z"));
    CoreFixture core;
    private AuditStore audit;

    @BeforeEach
    void setUp() throws Exception {
        core = newFixture();
        audit = new AuditStore(core.store, now);
    }

    /** The platform these tests run on: H2 here, PostgreSQL in {@code PostgresAuditStoreTest}. */
    CoreFixture newFixture() throws Exception {
        return new CoreFixture();
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void secretsAreRedactedWhateverTheCallerPassed() {
        audit.record("usr_1", "owner@salon.example", "connection.create", "downtown", "con_1", null,
                "{\"name\":\"Stripe\",\"settings\":{\"secretKey\":\"sk_live_123\",\"webhookSecret\":\"whsec_9\",\"mode\":\"live\"},"
                        + "\"smtp\":[{\"password\":\"hunter22\"}],\"apiKey\":\"tk_abc\",\"note\":null,"
                        + "\"gateway\":{\"signingKey\":\"sig_1\"},\"credentials\":{\"user\":\"u\",\"pass\":\"p_2\"},\"secrets\":[\"s_3\"]}");
        AuditEntry stored = audit.entries(null, null, 10).get(0);
        assertThat(stored.after()).doesNotContain("sk_live_123", "whsec_9", "hunter22", "tk_abc", "sig_1", "p_2", "s_3")
                .contains("\"secretKey\":\"********\"", "\"mode\":\"live\"", "\"note\":null", "\"name\":\"Stripe\"");
        assertThat(stored.before()).isNull();
        assertThat(stored.actor()).isEqualTo("owner@salon.example");
        assertThat(stored.at()).isEqualTo(now.instant());
    }

    @Test
    void entriesAreListedNewestFirstByLocationAndPaged() {
        for (int i = 1; i <= 5; i++) {
            now.advance(java.time.Duration.ofSeconds(1));
            audit.record("usr_1", "owner@salon.example", "method.configure", i % 2 == 0 ? "uptown" : "downtown", "m" + i,
                    "{\"v\":" + (i - 1) + "}", "{\"v\":" + i + "}");
        }
        List<AuditEntry> first = audit.entries(null, null, 2);
        assertThat(first).extracting(AuditEntry::target).containsExactly("m5", "m4");
        assertThat(audit.entries(null, first.get(1).id(), 10)).extracting(AuditEntry::target).containsExactly("m3", "m2", "m1");
        assertThat(audit.entries("downtown", null, 10)).extracting(AuditEntry::target).containsExactly("m5", "m3", "m1");
        assertThatThrownBy(() -> audit.entries(null, "aud_nope", 10)).isInstanceOf(TenderException.class)
                .extracting("field").isEqualTo("before");
        assertThatThrownBy(() -> audit.entries(null, null, 0)).isInstanceOf(TenderException.class)
                .extracting("field").isEqualTo("limit");
    }
}
