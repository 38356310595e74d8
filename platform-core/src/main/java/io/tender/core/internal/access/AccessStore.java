package io.tender.core.internal.access;

import io.tender.api.TenderException;
import io.tender.api.access.AccessService;
import io.tender.api.access.AdminUser;
import io.tender.api.access.ApiKey;
import io.tender.api.access.Principal;
import io.tender.api.access.Role;
import io.tender.api.access.Session;
import io.tender.core.internal.Fields;
import io.tender.core.internal.Fingerprint;
import io.tender.core.internal.Ids;
import io.tender.core.internal.credentials.AesGcmCipher;
import io.tender.core.internal.credentials.CredentialVault;
import io.tender.core.internal.store.Sql;
import io.tender.core.internal.store.StoreException;
import io.tender.core.internal.store.TenderStore;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users, sessions and API keys, kept in the store. On its first start with no owner, it creates one
 * from {@code TENDER_OWNER_EMAIL} and {@code TENDER_OWNER_PASSWORD}: there is never a default password.
 */
@Component(service = AccessService.class, immediate = true, configurationPid = AccessStore.PID)
@Designate(ocd = AccessStore.Config.class)
public final class AccessStore implements AccessService {

    static final String PID = "io.tender.access";
    private static final Logger LOG = LoggerFactory.getLogger(AccessStore.class);
    private static final int MIN_PASSWORD = 12;
    /** How long a created API key's secret is kept sealed, for a retried request to get it again. */
    static final Duration REPLAY_WINDOW = Duration.ofDays(1);
    /** The least a use moves a session's end; smaller moves are not written. */
    static final Duration EXTENSION_STEP = Duration.ofMinutes(1);

    @ObjectClassDefinition(name = "Tender access", description = "How long console sessions last.")
    public @interface Config {
        @AttributeDefinition(name = "Session lifetime (minutes)", description = "Extended by every use.", min = "5", max = "10080")
        int sessionMinutes() default 480;

        @AttributeDefinition(name = "Longest session (hours)", description = "A session ends this long after sign-in, however"
                + " often it is used.", min = "1", max = "8760")
        int sessionMaxHours() default 168;
    }

    private final TenderStore store;
    private final AesGcmCipher cipher;
    private final Clock clock;
    private final Duration sessionLifetime;
    private final Duration sessionMaximum;

    @Activate
    public AccessStore(Config config, @Reference TenderStore store, @Reference CredentialVault vault) {
        this(store, vault.cipher(), Clock.systemUTC(), Duration.ofMinutes(config.sessionMinutes()),
                Duration.ofHours(config.sessionMaxHours()));
        createFirstOwner(System.getenv("TENDER_OWNER_EMAIL"), FirstOwnerPassword.read());
    }

    AccessStore(TenderStore store, AesGcmCipher cipher, Clock clock, Duration sessionLifetime, Duration sessionMaximum) {
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
        this.sessionLifetime = sessionLifetime;
        this.sessionMaximum = sessionMaximum;
    }

    /** Creates the first owner from the environment, once: with an owner in place it does nothing. */
    void createFirstOwner(String email, String password) {
        if (hasOwner()) {
            return;
        }
        if (email == null || email.isBlank() || password == null) {
            LOG.warn("No owner can sign in yet: start Tender once with 'bin/tender --owner you@example.com' (it asks for the"
                    + " password) or with TENDER_OWNER_EMAIL and TENDER_OWNER_PASSWORD set");
            return;
        }
        try {
            createUser(email, password, Role.OWNER, Set.of());
            LOG.info("First owner {} created from TENDER_OWNER_EMAIL", email);
        } catch (TenderException e) {
            LOG.error("The first owner could not be created from TENDER_OWNER_EMAIL: {} {}", e.field(), e.getMessage());
        }
    }

    @Override
    public boolean hasOwner() {
        return store.inTransaction(db -> Sql.first(db, "SELECT id FROM admin_user WHERE role = 'OWNER'", rows -> rows.getString(1))
                .isPresent());
    }

    // ---- users --------------------------------------------------------------------------------

    @Override
    public AdminUser createUser(String email, String password, Role role, Set<String> locations, String idempotencyKey) {
        Fields.idempotencyKey(idempotencyKey);
        String address = Fields.email("email", Fields.required("email", email, 254)).strip().toLowerCase(Locale.ROOT);
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 1000) {
            throw TenderException.invalid("password", "must be " + MIN_PASSWORD + " to 1000 characters");
        }
        Set<String> scope = scope(role, locations, "locations");
        // The password is no part of the fingerprint: no fast hash of it is ever stored.
        String fingerprint = Fingerprint.of(address, role, new TreeSet<>(scope));
        Optional<AdminUser> replayed = replayedUser(idempotencyKey, fingerprint);
        if (replayed.isPresent()) {
            return replayed.get();
        }
        // Hashing takes a while on purpose: outside the transaction.
        String hash = Secrets.hash(password);
        AdminUser user = new AdminUser(Ids.next("usr"), address, role, scope, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            return store.inTransaction(db -> {
                requireLocations(db, scope, "locations");
                Sql.execute(db, "INSERT INTO admin_user (id, email, password_hash, role, created_at, idempotency_key,"
                        + " request_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)", s -> {
                            s.setString(1, user.id());
                            s.setString(2, user.email());
                            s.setString(3, hash);
                            s.setString(4, role.name());
                            s.setTimestamp(5, Timestamp.from(user.createdAt()));
                            s.setString(6, idempotencyKey);
                            s.setString(7, fingerprint);
                        });
                grant(db, user.id(), scope);
                return user;
            });
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                // The same request made at the same moment: its user is this one's.
                return replayedUser(idempotencyKey, fingerprint)
                        .orElseThrow(() -> TenderException.conflict("email", "a user with this email exists"));
            }
            throw e;
        }
    }

    private Optional<AdminUser> replayedUser(String idempotencyKey, String fingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return store.inTransaction(db -> {
            Optional<String[]> row = Sql.first(db, "SELECT id, email, role, created_at, request_fingerprint FROM admin_user"
                    + " WHERE idempotency_key = ?", rows -> new String[] {rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getTimestamp(4).toInstant().toString(), rows.getString(5)}, idempotencyKey);
            if (row.isEmpty()) {
                return Optional.<AdminUser>empty();
            }
            if (!fingerprint.equals(row.get()[4])) {
                throw TenderException.keyReused("this idempotency key was used for another user");
            }
            return Optional.of(new AdminUser(row.get()[0], row.get()[1], Role.valueOf(row.get()[2]), locationsOf(db, row.get()[0]),
                    Instant.parse(row.get()[3])));
        });
    }

    /** @return the locations of a role that has some; an owner's are none (they use every location) */
    private static Set<String> scope(Role role, Set<String> locations, String field) {
        if (role == null) {
            throw TenderException.invalid("role", "is required: OWNER, LOCATION_ADMIN or VIEWER");
        }
        Set<String> scope = locations == null ? Set.of() : Set.copyOf(locations);
        if (role == Role.OWNER && !scope.isEmpty()) {
            throw TenderException.invalid(field, "an owner uses every location; give none");
        }
        if (role != Role.OWNER && scope.isEmpty()) {
            throw TenderException.invalid(field, "name the locations this role may use");
        }
        scope.forEach(id -> Fields.id(field, id));
        return scope;
    }

    private static void requireLocations(Connection db, Set<String> locations, String field) throws SQLException {
        for (String id : locations) {
            if (Sql.first(db, "SELECT id FROM location WHERE id = ?", rows -> rows.getString(1), id).isEmpty()) {
                throw TenderException.invalid(field, "no location '" + id + "'");
            }
        }
    }

    private static void grant(Connection db, String subject, Set<String> locations) throws SQLException {
        for (String location : new TreeSet<>(locations)) {
            Sql.execute(db, "INSERT INTO access_location (subject_id, location_id) VALUES (?, ?)", s -> {
                s.setString(1, subject);
                s.setString(2, location);
            });
        }
    }

    private static Set<String> locationsOf(Connection db, String subject) throws SQLException {
        return new HashSet<>(Sql.list(db, "SELECT location_id FROM access_location WHERE subject_id = ?", rows -> rows.getString(1),
                subject));
    }

    @Override
    public List<AdminUser> users() {
        return store.inTransaction(db -> {
            List<AdminUser> users = new java.util.ArrayList<>();
            for (String[] row : Sql.list(db, "SELECT id, email, role, created_at FROM admin_user ORDER BY email", rows ->
                    new String[] {rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getTimestamp(4).toInstant().toString()})) {
                users.add(new AdminUser(row[0], row[1], Role.valueOf(row[2]), locationsOf(db, row[0]), Instant.parse(row[3])));
            }
            return users;
        });
    }

    // ---- sessions -----------------------------------------------------------------------------

    private record Account(String id, String email, String hash, Role role) {
    }

    @Override
    public Optional<Session> signIn(String email, String password) {
        if (email == null || password == null || password.length() > 1000) {
            return Optional.empty();
        }
        Optional<Account> account = store.inTransaction(db -> Sql.first(db, "SELECT id, email, password_hash, role FROM admin_user"
                + " WHERE email = ?", rows -> new Account(rows.getString(1), rows.getString(2), rows.getString(3),
                        Role.valueOf(rows.getString(4))), email.strip().toLowerCase(Locale.ROOT)));
        if (!Secrets.matches(password, account.map(Account::hash).orElse(null))) {
            // What was typed is logged only as far as it is an address: no control characters, no long text.
            String shown = email.strip().replaceAll("[^\\p{Alnum}@._+-]", "?");
            LOG.info("Sign-in refused for {}", shown.substring(0, Math.min(80, shown.length())));
            return Optional.empty();
        }
        String token = Secrets.token();
        String csrf = Secrets.token();
        Instant now = clock.instant();
        Instant expires = now.plus(sessionLifetime).truncatedTo(ChronoUnit.SECONDS);
        return Optional.of(store.inTransaction(db -> {
            // Signing in sweeps the sessions that ended, so the table holds only live ones.
            Sql.execute(db, "DELETE FROM admin_session WHERE expires_at <= ?", s -> s.setTimestamp(1, Timestamp.from(now)));
            Sql.execute(db, "INSERT INTO admin_session (token_hash, user_id, csrf_token, expires_at, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)", s -> {
                        s.setString(1, Secrets.sha256(token));
                        s.setString(2, account.get().id());
                        s.setString(3, csrf);
                        s.setTimestamp(4, Timestamp.from(expires));
                        s.setTimestamp(5, Timestamp.from(now));
                    });
            return new Session(token, csrf, principal(db, account.get()), expires);
        }));
    }

    private static Principal principal(Connection db, Account account) throws SQLException {
        return new Principal(account.id(), account.email(), account.role(), locationsOf(db, account.id()));
    }

    @Override
    public Optional<Session> session(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(token);
        Instant now = clock.instant();
        return store.inTransaction(db -> {
            record Row(Account account, String csrf, Instant expiresAt, Instant createdAt) {
            }
            Optional<Row> row = Sql.first(db, "SELECT u.id, u.email, u.password_hash, u.role, s.csrf_token, s.expires_at, s.created_at"
                    + " FROM admin_session s JOIN admin_user u ON u.id = s.user_id WHERE s.token_hash = ?", rows -> new Row(
                            new Account(rows.getString(1), rows.getString(2), rows.getString(3), Role.valueOf(rows.getString(4))),
                            rows.getString(5), rows.getTimestamp(6).toInstant(), rows.getTimestamp(7).toInstant()), hash);
            if (row.isEmpty() || !now.isBefore(row.get().expiresAt())) {
                return Optional.<Session>empty();
            }
            // Use extends a session, but never past its longest life: a stolen cookie stops working in the end.
            Instant last = row.get().createdAt().plus(sessionMaximum);
            if (!now.isBefore(last)) {
                return Optional.<Session>empty();
            }
            Instant wanted = now.plus(sessionLifetime).truncatedTo(ChronoUnit.SECONDS);
            Instant extended = wanted.isAfter(last) ? last : wanted;
            // Every API call passes here: write the new end only when it moves by a minute or more.
            Instant end = row.get().expiresAt();
            if (Duration.between(end, extended).compareTo(EXTENSION_STEP) >= 0) {
                Sql.execute(db, "UPDATE admin_session SET expires_at = ? WHERE token_hash = ?", s -> {
                    s.setTimestamp(1, Timestamp.from(extended));
                    s.setString(2, hash);
                });
                end = extended;
            }
            return Optional.of(new Session(token, row.get().csrf(), principal(db, row.get().account()), end));
        });
    }

    @Override
    public void signOut(String token) {
        if (token == null) {
            return;
        }
        store.inTransaction(db -> Sql.execute(db, "DELETE FROM admin_session WHERE token_hash = ?",
                s -> s.setString(1, Secrets.sha256(token))));
    }

    // ---- API keys -----------------------------------------------------------------------------

    @Override
    public ApiKey createApiKey(String name, Role role, Set<String> locations, String idempotencyKey) {
        Fields.idempotencyKey(idempotencyKey);
        Fields.required("name", name, 200);
        if (role == Role.OWNER) {
            throw TenderException.invalid("role", "an API key is LOCATION_ADMIN or VIEWER, scoped to locations");
        }
        Set<String> scope = scope(role, locations, "locations");
        String fingerprint = Fingerprint.of(name.strip(), role, new TreeSet<>(scope));
        String secret = "tk_" + Secrets.token();
        ApiKey key = new ApiKey(Ids.next("key"), name.strip(), role, scope, secret, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        // Run again after the same request made at the same moment, it finds that key and replays it.
        return store.upsert(db -> {
            Optional<ApiKey> replayed = replayedKey(db, idempotencyKey, fingerprint);
            if (replayed.isPresent()) {
                return replayed.get();
            }
            requireLocations(db, scope, "locations");
            // Secrets kept for replays are dropped a day after their key was made.
            Sql.execute(db, "UPDATE api_key SET sealed_secret = NULL WHERE sealed_secret IS NOT NULL AND created_at < ?",
                    s -> s.setTimestamp(1, Timestamp.from(key.createdAt().minus(REPLAY_WINDOW))));
            Sql.execute(db, "INSERT INTO api_key (id, name, key_hash, role, revoked, created_at, idempotency_key, request_fingerprint,"
                    + " sealed_secret) VALUES (?, ?, ?, ?, FALSE, ?, ?, ?, ?)", s -> {
                        s.setString(1, key.id());
                        s.setString(2, key.name());
                        s.setString(3, Secrets.sha256(secret));
                        s.setString(4, role.name());
                        s.setTimestamp(5, Timestamp.from(key.createdAt()));
                        s.setString(6, idempotencyKey);
                        s.setString(7, fingerprint);
                        s.setString(8, idempotencyKey == null ? null
                                : cipher.seal(secret.getBytes(StandardCharsets.UTF_8), "api-key:" + key.id()));
                    });
            grant(db, key.id(), scope);
            LOG.info("API key {} ({}) created for {}", key.id(), key.name(), scope);
            return key;
        });
    }

    private Optional<ApiKey> replayedKey(Connection db, String idempotencyKey, String fingerprint) throws SQLException {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        Optional<String[]> row = Sql.first(db, "SELECT id, name, role, created_at, request_fingerprint, sealed_secret FROM api_key"
                + " WHERE idempotency_key = ?", rows -> new String[] {rows.getString(1), rows.getString(2), rows.getString(3),
                    rows.getTimestamp(4).toInstant().toString(), rows.getString(5), rows.getString(6)}, idempotencyKey);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String[] found = row.get();
        if (!fingerprint.equals(found[4])) {
            throw TenderException.keyReused("this idempotency key was used for another API key");
        }
        Instant created = Instant.parse(found[3]);
        if (found[5] == null || clock.instant().isAfter(created.plus(REPLAY_WINDOW))) {
            throw TenderException.conflict("idempotencyKey", "this API key was created more than a day ago; its secret is not"
                    + " shown again (revoke it and create another)");
        }
        String secret = new String(cipher.open(found[5], "api-key:" + found[0]), StandardCharsets.UTF_8);
        return Optional.of(new ApiKey(found[0], found[1], Role.valueOf(found[2]), locationsOf(db, found[0]), secret, created));
    }

    @Override
    public List<ApiKey> apiKeys() {
        return store.inTransaction(db -> {
            List<ApiKey> keys = new java.util.ArrayList<>();
            for (String[] row : Sql.list(db, "SELECT id, name, role, created_at FROM api_key WHERE revoked = FALSE ORDER BY name, id",
                    rows -> new String[] {rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getTimestamp(4).toInstant().toString()})) {
                keys.add(new ApiKey(row[0], row[1], Role.valueOf(row[2]), locationsOf(db, row[0]), null, Instant.parse(row[3])));
            }
            return keys;
        });
    }

    @Override
    public Optional<Principal> apiKey(String secret) {
        if (secret == null || !secret.startsWith("tk_") || secret.length() > 100) {
            return Optional.empty();
        }
        return store.inTransaction(db -> {
            Optional<String[]> key = Sql.first(db, "SELECT id, name, role FROM api_key WHERE key_hash = ? AND revoked = FALSE",
                    rows -> new String[] {rows.getString(1), rows.getString(2), rows.getString(3)}, Secrets.sha256(secret));
            if (key.isEmpty()) {
                return Optional.<Principal>empty();
            }
            return Optional.of(new Principal(key.get()[0], key.get()[1], Role.valueOf(key.get()[2]), locationsOf(db, key.get()[0])));
        });
    }

    @Override
    public void revokeApiKey(String id) {
        if (store.inTransaction(db -> Sql.execute(db, "UPDATE api_key SET revoked = TRUE WHERE id = ?",
                s -> s.setString(1, String.valueOf(id)))) == 0) {
            throw TenderException.notFound("id", "no API key '" + id + "'");
        }
        LOG.info("API key {} revoked", id);
    }
}
