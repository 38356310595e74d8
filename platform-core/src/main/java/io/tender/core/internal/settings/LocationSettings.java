package io.tender.core.internal.settings;

import io.tender.api.Location;
import io.tender.api.MethodSetting;
import io.tender.api.ProviderConnection;
import io.tender.api.SettingsService;
import io.tender.api.SetupForm;
import io.tender.api.TenderException;
import io.tender.api.method.PaymentMethod;
import io.tender.api.provider.PaymentProvider;
import io.tender.api.provider.ProviderErrorKind;
import io.tender.api.provider.ProviderException;
import io.tender.core.internal.Fields;
import io.tender.core.internal.Fingerprint;
import io.tender.core.internal.Ids;
import io.tender.core.internal.credentials.CredentialVault;
import io.tender.core.internal.routing.RunningServices;
import io.tender.core.internal.store.StoreException;
import io.tender.core.internal.store.TenderStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Locations, their provider connections and method settings, kept in the store. */
@Component(service = SettingsService.class)
public final class LocationSettings implements SettingsService {

    private static final Logger LOG = LoggerFactory.getLogger(LocationSettings.class);

    private final TenderStore store;
    private final RunningServices installed;
    private final SealedSettings sealed;
    private final ProviderForms forms;
    private final SettingsRepository repository = new SettingsRepository();
    private final Clock clock;

    @Activate
    public LocationSettings(
            @Reference TenderStore store,
            @Reference CredentialVault vault,
            @Reference RunningServices installed,
            @Reference MetaTypeService metaType) {
        this(store, vault, installed, metaType, Clock.systemUTC());
    }

    LocationSettings(TenderStore store, CredentialVault vault, RunningServices installed, MetaTypeService metaType, Clock clock) {
        this.store = store;
        this.installed = installed;
        this.sealed = new SealedSettings(vault.cipher());
        this.forms = new ProviderForms(metaType, installed);
        this.clock = clock;
    }

    @Override
    public Location createLocation(Location requested, String idempotencyKey) {
        Fields.idempotencyKey(idempotencyKey);
        Location location = checked(requested);
        String fingerprint = Fingerprint.of(location.id(), location.name(), location.timeZone().getId());
        try {
            store.inTransaction(db -> {
                repository.insertLocation(db, location, idempotencyKey, fingerprint, clock.instant());
                return null;
            });
        } catch (StoreException e) {
            if (!e.isDuplicateKey()) {
                throw e;
            }
            // The id or the key exists: a retry of this very request is a replay, anything else a conflict.
            if (idempotencyKey != null) {
                Optional<String> stored = store.inTransaction(db -> repository.locationFingerprint(db, idempotencyKey));
                if (stored.isPresent()) {
                    if (!stored.get().equals(fingerprint)) {
                        throw TenderException.keyReused("this idempotency key was used for another location");
                    }
                    return location(location.id()).orElseThrow();
                }
            }
            throw TenderException.conflict("id", "location '" + location.id() + "' already exists");
        }
        LOG.info("Location {} created", location.id());
        return new Location(location.id(), location.name(), location.timeZone(), 1); // a new row starts at version 1
    }

    @Override
    public Location updateLocation(Location requested, Long expectedVersion) {
        Location location = checked(requested);
        long version = store.inTransaction(db -> repository.updateLocation(db, location, expectedVersion))
                .orElseThrow(() -> TenderException.notFound("locationId", "no location '" + location.id() + "'"));
        LOG.info("Location {} updated (version {})", location.id(), version);
        return new Location(location.id(), location.name(), location.timeZone(), version);
    }

    private static Location checked(Location location) {
        return new Location(Fields.id("id", location.id()), requireName(location.name()),
                location.timeZone() == null ? ZoneId.of("UTC") : location.timeZone());
    }

    private static String requireName(String name) {
        return Fields.required("name", name, 200).strip();
    }

    @Override
    public List<Location> locations() {
        return store.inTransaction(repository::locations);
    }

    @Override
    public Optional<Location> location(String id) {
        return store.inTransaction(db -> repository.location(db, id));
    }

    @Override
    public boolean offered(String locationId, String methodId) {
        Optional<String> provider = store.inTransaction(db -> {
            Optional<MethodSetting> setting = repository.methodSetting(db, String.valueOf(locationId), String.valueOf(methodId))
                    .filter(MethodSetting::enabled);
            if (setting.isEmpty() || setting.get().connectionId() == null) {
                return Optional.<String>empty();
            }
            return repository.connection(db, setting.get().connectionId()).map(ConnectionRow::providerId);
        });
        return provider.isPresent() && installed.available(provider.get());
    }

    private void requireLocation(String locationId) {
        store.inTransaction(db -> {
            requireLocation(db, locationId);
            return null;
        });
    }

    /** Inside the caller's transaction, so the check and the read see the same state. */
    private void requireLocation(Connection db, String locationId) throws SQLException {
        if (locationId == null || repository.location(db, locationId).isEmpty()) {
            throw TenderException.notFound("locationId", "no location '" + locationId + "'");
        }
    }

    @Override
    public ProviderConnection connect(String locationId, String providerId, String name, Map<String, Object> settings,
            String idempotencyKey) {
        requireLocation(locationId);
        Fields.idempotencyKey(idempotencyKey);
        PaymentProvider provider = installed.provider(providerId).orElseThrow(
                () -> TenderException.notFound("providerId", "no provider '" + providerId + "' is installed"));
        if (settings == null) {
            throw TenderException.invalid("settings", "must be an object");
        }
        settings.forEach(LocationSettings::requireScalar);
        forms.validate(providerId, settings);
        if (idempotencyKey != null) {
            Optional<ProviderConnection> replayed = store.inTransaction(db ->
                    replay(db, locationId, providerId, name, settings, idempotencyKey));
            if (replayed.isPresent()) {
                return replayed.get(); // stored by the first call: its credentials were checked then
            }
        }
        String id = Ids.next("con");
        try {
            provider.verifyCredentials(new ConnectionAccount(id, locationId, settings));
        } catch (ProviderException e) {
            if (e.kind() == ProviderErrorKind.AUTHENTICATION || e.kind() == ProviderErrorKind.INVALID_REQUEST) {
                throw TenderException.invalid("settings", providerId + " refused the credentials: " + e.getMessage());
            }
            throw new TenderException(TenderException.Reason.PROVIDER_UNAVAILABLE, null,
                    providerId + " could not check the credentials: " + e.getMessage());
        }
        // Milliseconds: what every store keeps, so the connection returned equals the one read back.
        ConnectionRow row = new ConnectionRow(id, locationId, providerId, requireName(name), sealed.seal(id, settings),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        try {
            store.inTransaction(db -> {
                repository.insertConnection(db, row, idempotencyKey);
                return null;
            });
        } catch (StoreException e) {
            if (idempotencyKey != null && e.isDuplicateKey()) {
                // The same key, connected concurrently: the first one's connection, if it asked for the same.
                return store.inTransaction(db -> replay(db, locationId, providerId, name, settings, idempotencyKey))
                        .orElseThrow(() -> e);
            }
            throw e;
        }
        LOG.info("Location {} connected to {} as {}", locationId, providerId, id);
        return view(row, settings);
    }

    /**
     * @return the connection stored earlier with the key, if any
     * @throws TenderException CONFLICT if it was stored for another provider, name or settings (the
     *                         settings are compared opened, in memory)
     */
    private Optional<ProviderConnection> replay(Connection db, String locationId, String providerId, String name,
            Map<String, Object> settings, String key) throws SQLException {
        Optional<ConnectionRow> prior = repository.connectionByIdempotencyKey(db, locationId, key);
        if (prior.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> stored = sealed.open(prior.get());
        boolean same = prior.get().providerId().equals(providerId) && prior.get().name().equals(requireName(name))
                && JsonOptions.write(new TreeMap<>(stored)).equals(JsonOptions.write(new TreeMap<>(settings)));
        if (!same) {
            throw TenderException.keyReused("this idempotency key was used for another connection");
        }
        return Optional.of(view(prior.get(), stored));
    }

    private static void requireScalar(String key, Object value) {
        boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
        boolean listOfScalars = value instanceof Collection<?> values
                && values.stream().allMatch(v -> v instanceof String || v instanceof Number || v instanceof Boolean);
        if (!scalar && !listOfScalars) {
            throw TenderException.invalid("settings." + key, "must be a string, number, boolean or a list of them");
        }
    }

    private ProviderConnection view(ConnectionRow row, Map<String, Object> settings) {
        return new ProviderConnection(row.id(), row.locationId(), row.providerId(), row.name(),
                new TreeMap<>(forms.mask(row.providerId(), settings)), row.createdAt());
    }

    @Override
    public Optional<SetupForm> setupForm(String providerId) {
        if (installed.provider(String.valueOf(providerId)).isEmpty()) {
            throw TenderException.notFound("providerId", "no provider '" + providerId + "' is installed");
        }
        return forms.setupForm(providerId);
    }

    @Override
    public List<ProviderConnection> connections(String locationId) {
        return store.inTransaction(db -> {
            requireLocation(db, locationId);
            return repository.connections(db, locationId);
        }).stream()
                .map(row -> view(row, sealed.open(row)))
                .toList();
    }

    @Override
    public Optional<ProviderConnection> connection(String connectionId) {
        return store.inTransaction(db -> repository.connection(db, connectionId)).map(row -> view(row, sealed.open(row)));
    }

    @Override
    public MethodSetting configureMethod(MethodSetting setting, Long expectedVersion) {
        requireLocation(setting.locationId());
        PaymentMethod method = installed.method(setting.methodId()).orElseThrow(() ->
                TenderException.notFound("methodId", "no payment method '" + setting.methodId() + "' is installed"));
        // The method checks its own options: it alone knows what they mean.
        method.checkOptions(setting.locationId(), setting.options());
        if (setting.enabled() && setting.connectionId() == null) {
            throw TenderException.invalid("connectionId", "an enabled method needs a provider connection");
        }
        // Update-then-insert: two first writes of one method at once must not fail on the key.
        return store.upsert(db -> {
            if (setting.connectionId() != null) {
                boolean ours = repository.connection(db, setting.connectionId())
                        .filter(c -> c.locationId().equals(setting.locationId()))
                        .isPresent();
                if (!ours) {
                    throw TenderException.invalid("connectionId",
                            "no connection '" + setting.connectionId() + "' at location '" + setting.locationId() + "'");
                }
            }
            long version = repository.saveMethodSetting(db, setting, expectedVersion, clock.instant());
            LOG.info("Method {} at {}: enabled={}, connection={}, version {}", setting.methodId(), setting.locationId(),
                    setting.enabled(), setting.connectionId(), version);
            return new MethodSetting(setting.locationId(), setting.methodId(), setting.enabled(), setting.connectionId(),
                    setting.options(), version);
        });
    }

    @Override
    public List<MethodSetting> methodSettings(String locationId) {
        Map<String, MethodSetting> byMethod = new TreeMap<>();
        installed.methodIds().forEach(id -> byMethod.put(id, new MethodSetting(locationId, id, false, null)));
        store.inTransaction(db -> {
            requireLocation(db, locationId);
            return repository.methodSettings(db, locationId);
        }).forEach(s -> byMethod.put(s.methodId(), s));
        return new ArrayList<>(byMethod.values());
    }
}
