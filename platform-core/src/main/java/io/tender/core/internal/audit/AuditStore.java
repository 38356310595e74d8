package io.tender.core.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tender.api.TenderException;
import io.tender.api.audit.AuditEntry;
import io.tender.api.audit.AuditLog;
import io.tender.core.internal.Fields;
import io.tender.core.internal.Ids;
import io.tender.core.internal.store.Sql;
import io.tender.core.internal.store.TenderStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit log in the store. Redacts secrets itself, so a caller's slip cannot put one in the log. */
@Component(service = AuditLog.class)
public final class AuditStore implements AuditLog {

    static final String REDACTED = "********";
    /**
     * Member names that may hold secrets: secretKey, webhookSecret, password, apiKey, signingKey,
     * token, credentials... It redacts some harmless values too (publishableKey): better than one secret kept.
     */
    private static final Pattern SECRET_NAME = Pattern.compile("secret|password|passwd|pass$|key|token|credential");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TenderStore store;
    private final Clock clock;

    @Activate
    public AuditStore(@Reference TenderStore store) {
        this(store, Clock.systemUTC());
    }

    AuditStore(TenderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public AuditEntry record(String actorId, String actor, String action, String locationId, String target, String before,
            String after) {
        AuditEntry entry = new AuditEntry(Ids.ordered("aud"), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                Fields.required("actorId", actorId, 40), Fields.required("actor", actor, 254), Fields.required("action", action, 64),
                locationId, target, redact(before), redact(after));
        store.inTransaction(db -> Sql.execute(db, "INSERT INTO audit_entry (id, at, actor_id, actor, action, location_id, target,"
                + " before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", s -> {
                    s.setString(1, entry.id());
                    s.setTimestamp(2, Timestamp.from(entry.at()));
                    s.setString(3, entry.actorId());
                    s.setString(4, entry.actor());
                    s.setString(5, entry.action());
                    s.setString(6, entry.locationId());
                    s.setString(7, entry.target() == null ? null : entry.target().substring(0, Math.min(200, entry.target().length())));
                    s.setString(8, entry.before());
                    s.setString(9, entry.after());
                }));
        return entry;
    }

    @Override
    public List<AuditEntry> entries(String locationId, String before, int limit) {
        if (limit < 1 || limit > 200) {
            throw TenderException.invalid("limit", "must be 1 to 200");
        }
        return store.inTransaction(db -> {
            long from = Long.MAX_VALUE;
            if (before != null) {
                from = Sql.first(db, "SELECT seq FROM audit_entry WHERE id = ?", rows -> rows.getLong(1), before)
                        .orElseThrow(() -> TenderException.invalid("before", "no audit entry '" + before + "'"));
            }
            String sql = "SELECT id, at, actor_id, actor, action, location_id, target, before_json, after_json FROM audit_entry"
                    + " WHERE seq < ?" + (locationId != null ? " AND location_id = ?" : "") + " ORDER BY seq DESC";
            List<AuditEntry> entries = new ArrayList<>();
            try (var select = db.prepareStatement(sql)) {
                select.setLong(1, from);
                if (locationId != null) {
                    select.setString(2, locationId);
                }
                select.setMaxRows(limit);
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new AuditEntry(rows.getString(1), rows.getTimestamp(2).toInstant(), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                                rows.getString(9)));
                    }
                }
            }
            return entries;
        });
    }

    /** @return the JSON with every secret-named member's value replaced, or null for null */
    static String redact(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode tree = JSON.readTree(json);
            redact(tree);
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw TenderException.invalid("before", "is not JSON");
        }
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> members = object.fields();
            List<String> secret = new ArrayList<>();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                // A secret-named member is redacted whole, whatever it holds: a list or an object of secrets too.
                if (SECRET_NAME.matcher(member.getKey().toLowerCase(Locale.ROOT)).find() && !member.getValue().isNull()) {
                    secret.add(member.getKey());
                } else {
                    redact(member.getValue());
                }
            }
            secret.forEach(name -> object.put(name, REDACTED));
        } else if (node instanceof ArrayNode array) {
            array.forEach(AuditStore::redact);
        }
    }
}
