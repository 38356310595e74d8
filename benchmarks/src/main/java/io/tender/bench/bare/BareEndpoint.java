package io.tender.bench.bare;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * The benchmark's baseline: {@code POST /api/bench/bare} takes a JSON body and inserts one row
 * through a pooled connection, in the same JVM, Jetty and Jersey as Tender, but with nothing of
 * Tender: no authentication, no idempotency, no routing, no provider. It is deployed only by
 * {@code docs/bench/perf.sh}, never by the distribution.
 */
// Open to all: Tender's access control, which applies to every resource of the application, steps
// aside for @PermitAll, so this endpoint pays for none of Tender's work.
// It reads Tender's store configuration (io.tender.store), so that on PostgreSQL it inserts into the
// same server as Tender, and on H2 into an H2 file of its own beside Tender's.
@Component(service = BareEndpoint.class, configurationPid = "io.tender.store")
@PermitAll
@JakartarsResource
@JakartarsName("bench.bare")
@Path("bench/bare")
public final class BareEndpoint {

    /** The part of Tender's store configuration the baseline uses. */
    public @interface StoreConfig {
        String jdbcUrl() default "";

        String user() default "";

        String password() default "";
    }

    private final HikariDataSource pool;

    /** @param factory the driver Tender's store uses: its configuration sets this reference's target */
    @Activate
    public BareEndpoint(StoreConfig store,
            @Reference(name = "dataSourceFactory", target = "(osgi.jdbc.driver.class=org.h2.Driver)") DataSourceFactory factory)
            throws SQLException {
        Properties properties = new Properties();
        // An embedded H2 database belongs to one store: opened here too, Tender's boot stalled.
        boolean h2 = store.jdbcUrl().isBlank() || store.jdbcUrl().startsWith("jdbc:h2:");
        properties.setProperty(DataSourceFactory.JDBC_URL, h2
                ? "jdbc:h2:file:" + java.nio.file.Path.of(System.getProperty("tender.data.dir", "data"), "bench", "bare")
                        .toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256"
                : store.jdbcUrl());
        if (!h2 && !store.user().isBlank()) {
            properties.setProperty(DataSourceFactory.JDBC_USER, store.user());
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, store.password());
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench-bare");
        config.setDataSource(factory.createDataSource(properties));
        config.setMaximumPoolSize(10); // as Tender's store
        pool = new HikariDataSource(config);
        // A schema of its own: on PostgreSQL this is Tender's database, and Flyway will not migrate a
        // schema that holds tables but no history of its own, so a table of the baseline's in
        // Tender's schema, made before Tender's store started, stopped Tender's boot.
        try (Connection db = pool.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("CREATE SCHEMA IF NOT EXISTS bench");
            sql.execute("CREATE TABLE IF NOT EXISTS bench.bare_payment (id VARCHAR(64) PRIMARY KEY, body VARCHAR(2000) NOT NULL,"
                    + " created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
    }

    @Deactivate
    void deactivate() {
        pool.close();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        String id = "bare_" + UUID.randomUUID();
        try (Connection db = pool.getConnection();
                PreparedStatement insert = db.prepareStatement("INSERT INTO bench.bare_payment (id, body, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, body.length() > 2000 ? body.substring(0, 2000) : body);
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new WebApplicationException(Response.status(500).entity("{\"error\":\"" + e.getSQLState() + "\"}").build());
        }
        return Response.status(201).entity("{\"id\":\"" + id + "\"}").build();
    }
}
