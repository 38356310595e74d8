package io.tender.core.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.TenderException;
import io.tender.api.TenderException.Reason;
import io.tender.api.access.AdminUser;
import io.tender.api.access.ApiKey;
import io.tender.api.access.Principal;
import io.tender.api.access.Role;
import io.tender.api.access.Session;
import io.tender.core.internal.credentials.AesGcmCipher;
import io.tender.core.internal.payments.CoreFixture;
import io.tender.core.internal.payments.SettableClock;
import io.tender.core.internal.store.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users, sessions and API keys on the real store. */
class AccessStoreTest {

    private static final AesGcmCipher CIPHER = new AesGcmCipher(new byte[32]);
    private final SettableClock now = new SettableClock(Instant.parse("2026-11-24T09:00:00Z"));
    CoreFixture core;
    private AccessStore access;

    @BeforeEach
    void setUp() throws Exception {
        core = newFixture();
        core.settings.createLocation("downtown", "Downtown");
        core.settings.createLocation("uptown", "Uptown");
        access = new AccessStore(core.store, CIPHER, now, Duration.ofMinutes(30), Duration.ofDays(7));
    }

    /** The platform these tests run on: H2 here, PostgreSQL in {@code PostgresAccessStoreTest}. */
    CoreFixture newFixture() throws Exception {
        return new CoreFixture();
    }

    @AfterEach
    void tearDown() {
        core.close();
    }

    @Test
    void theFirstOwnerComesFromTheEnvironmentOnceAndNeverWithADefaultPassword() {
        assertThat(access.hasOwner()).isFalse();
        access.createFirstOwner("owner@salon.example", null);
        assertThat(access.hasOwner()).as("no password, no owner").isFalse();
        access.createFirstOwner("Owner@Salon.example", "correct horse battery");
        access.createFirstOwner("second@salon.example", "another long password");
        assertThat(access.users()).extracting(AdminUser::email, AdminUser::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("owner@salon.example", Role.OWNER));
        String stored = core.store.inTransaction(db -> Sql.first(db, "SELECT password_hash FROM admin_user",
                rows -> rows.getString(1))).orElseThrow();
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
    }

    @Test
    void aSessionSignsInExtendsWithUseAndEnds() {
        access.createUser("anna@salon.example", "a long enough password", Role.LOCATION_ADMIN, Set.of("downtown"));
        assertThat(access.signIn("anna@salon.example", "a wrong password!!")).isEmpty();
        assertThat(access.signIn("nobody@salon.example", "a long enough password")).isEmpty();
        // Found by the fuzz run: characters outside the BMP in what was typed once broke the log line.
        assertThat(access.signIn("💳💳", "a long enough password")).isEmpty();
        Session session = access.signIn(" ANNA@salon.example ", "a long enough password").orElseThrow();
        assertThat(session.token()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(session.csrfToken());
        Principal anna = session.principal();
        assertThat(anna.canWrite("downtown")).isTrue();
        assertThat(anna.canRead("uptown")).isFalse();
        assertThat(core.store.inTransaction(db -> Sql.first(db, "SELECT token_hash FROM admin_session",
                rows -> rows.getString(1))).orElseThrow()).as("only the token's hash is stored").isNotEqualTo(session.token());

        now.advance(Duration.ofMinutes(20));
        assertThat(access.session(session.token())).isPresent();
        now.advance(Duration.ofMinutes(20));
        assertThat(access.session(session.token())).as("extended by the use 20 minutes ago").isPresent();
        now.advance(Duration.ofMinutes(31));
        assertThat(access.session(session.token())).as("expired").isEmpty();

        Session again = access.signIn("anna@salon.example", "a long enough password").orElseThrow();
        access.signOut(again.token());
        assertThat(access.session(again.token())).isEmpty();
        assertThat(access.session("forged")).isEmpty();
    }

    @Test
    void anApiKeyIsShownOnceScopedToLocationsAndRevocable() {
        ApiKey key = access.createApiKey("Booking system", Role.LOCATION_ADMIN, Set.of("uptown"));
        assertThat(key.secret()).startsWith("tk_");
        Principal integration = access.apiKey(key.secret()).orElseThrow();
        assertThat(integration.name()).isEqualTo("Booking system");
        assertThat(integration.canWrite("uptown")).isTrue();
        assertThat(integration.canWrite("downtown")).isFalse();
        assertThat(access.apiKey("tk_" + "x".repeat(43))).isEmpty();
        access.revokeApiKey(key.id());
        assertThat(access.apiKey(key.secret())).isEmpty();
        assertRefused(() -> access.revokeApiKey("key_none"), Reason.NOT_FOUND, "id");
    }

    @Test
    void aViewerReadsTheirLocationsAndChangesNothing() {
        access.createUser("vic@salon.example", "a long enough password", Role.VIEWER, Set.of("downtown", "uptown"));
        Principal vic = access.signIn("vic@salon.example", "a long enough password").orElseThrow().principal();
        assertThat(vic.canRead("uptown")).isTrue();
        assertThat(vic.canWrite("uptown")).isFalse();
    }

    @Test
    void badAccountsAreRefusedWithTheirField() {
        assertRefused(() -> access.createUser("no address", "a long enough password", Role.OWNER, Set.of()), Reason.INVALID, "email");
        assertRefused(() -> access.createUser("a@b.example", "short", Role.OWNER, Set.of()), Reason.INVALID, "password");
        assertRefused(() -> access.createUser("a@b.example", "a long enough password", Role.VIEWER, Set.of()),
                Reason.INVALID, "locations");
        assertRefused(() -> access.createUser("a@b.example", "a long enough password", Role.OWNER, Set.of("downtown")),
                Reason.INVALID, "locations");
        assertRefused(() -> access.createUser("a@b.example", "a long enough password", Role.VIEWER, Set.of("nowhere")),
                Reason.INVALID, "locations");
        access.createUser("a@b.example", "a long enough password", Role.OWNER, Set.of());
        assertRefused(() -> access.createUser("A@B.example", "a long enough password", Role.OWNER, Set.of()),
                Reason.CONFLICT, "email");
        assertRefused(() -> access.createApiKey("k", Role.OWNER, Set.of()), Reason.INVALID, "role");
        assertThat(access.users()).hasSize(1);
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TenderException.class, e -> {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    @Test
    void useExtendsASessionButNeverPastItsLongestLife() {
        AccessStore bounded = new AccessStore(core.store, CIPHER, now, Duration.ofMinutes(30), Duration.ofHours(1));
        bounded.createUser("anna@salon.example", "a long enough password", Role.LOCATION_ADMIN, Set.of("downtown"));
        Session session = bounded.signIn("anna@salon.example", "a long enough password").orElseThrow();
        for (int i = 0; i < 2; i++) {
            now.advance(Duration.ofMinutes(25));
            assertThat(bounded.session(session.token())).as("used within 30 minutes").isPresent();
        }
        now.advance(Duration.ofMinutes(9));
        assertThat(bounded.session(session.token()).orElseThrow().expiresAt())
                .as("extended only up to one hour after sign-in").isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        now.advance(Duration.ofMinutes(2));
        assertThat(bounded.session(session.token())).as("an hour after sign-in, however used").isEmpty();
    }

    @Test
    void aRetriedCreationWithTheSameKeyReplaysAndAnotherRequestWithItIsAConflict() {
        AdminUser user = access.createUser("rita@salon.example", "a long enough password", Role.VIEWER, Set.of("downtown"), "add-rita");
        assertThat(access.createUser("Rita@salon.example", "a long enough password", Role.VIEWER, Set.of("downtown"), "add-rita"))
                .isEqualTo(user);
        assertRefused(() -> access.createUser("rita@salon.example", "a long enough password", Role.LOCATION_ADMIN,
                Set.of("downtown"), "add-rita"), Reason.KEY_REUSED, "idempotencyKey");
        assertThat(access.users()).hasSize(1);

        ApiKey key = access.createApiKey("Till", Role.LOCATION_ADMIN, Set.of("uptown"), "till-key");
        ApiKey again = access.createApiKey("Till", Role.LOCATION_ADMIN, Set.of("uptown"), "till-key");
        assertThat(again.id()).isEqualTo(key.id());
        assertThat(again.secret()).as("the secret, once more, for the retry").isEqualTo(key.secret());
        assertThat(access.apiKeys()).hasSize(1);
        assertRefused(() -> access.createApiKey("Till", Role.VIEWER, Set.of("uptown"), "till-key"), Reason.KEY_REUSED, "idempotencyKey");
        String stored = core.store.inTransaction(db -> Sql.first(db, "SELECT sealed_secret FROM api_key", rows -> rows.getString(1)))
                .orElseThrow();
        assertThat(stored).doesNotContain(key.secret().substring(3));
        now.advance(Duration.ofDays(2));
        assertRefused(() -> access.createApiKey("Till", Role.LOCATION_ADMIN, Set.of("uptown"), "till-key"), Reason.CONFLICT,
                "idempotencyKey");
        access.createApiKey("Other", Role.VIEWER, Set.of("uptown"), "other-key");
        String kept = core.store.inTransaction(db -> Sql.first(db, "SELECT sealed_secret FROM api_key WHERE id = ?",
                rows -> String.valueOf(rows.getString(1)), key.id())).orElseThrow();
        assertThat(kept).as("swept a day after").isEqualTo("null");
    }

    @Test
    void aSessionUsedAgainWithinAMinuteIsNotWrittenAgain() {
        access.createUser("ben@salon.example", "a long enough password", Role.VIEWER, Set.of("downtown"));
        Session session = access.signIn("ben@salon.example", "a long enough password").orElseThrow();
        now.advance(Duration.ofSeconds(30));
        assertThat(access.session(session.token()).orElseThrow().expiresAt()).as("under a minute: the stored end stands")
                .isEqualTo(session.expiresAt());
        now.advance(Duration.ofSeconds(40));
        assertThat(access.session(session.token()).orElseThrow().expiresAt()).isEqualTo(session.expiresAt().plusSeconds(70));
    }
}
