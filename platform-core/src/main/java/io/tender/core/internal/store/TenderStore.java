package io.tender.core.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tender.core.internal.DataFolder;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's database: a pooled connection to the configured JDBC driver, migrated to the
 * current schema before anything else may use it.
 */
// The configuration is required so that a PostgreSQL node never starts on the default H2 store
// for the moment before FileInstall hands it its configuration (deploy/io.tender.store.cfg).
@Component(
        service = TenderStore.class,
        configurationPid = TenderStore.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TenderStore.Config.class)
public final class TenderStore {

    static final String PID = "io.tender.store";
    private static final Logger LOG = LoggerFactory.getLogger(TenderStore.class);

    @ObjectClassDefinition(
            name = "Tender store",
            description = "The database that holds the settings and the payment ledger.")
    public @interface Config {
        @AttributeDefinition(
                name = "JDBC URL",
                description = "Empty for the embedded H2 database under the data folder, "
                        + "e.g. jdbc:postgresql://db:5432/tender for PostgreSQL.")
        String jdbcUrl() default "";

        @AttributeDefinition(name = "User")
        String user() default "";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "Pool size", description = "Most connections held open.", min = "1")
        int maxPoolSize() default 10;

        @AttributeDefinition(
                name = "JDBC driver",
                description = "Filter selecting the driver's DataSourceFactory service.")
        String dataSourceFactory_target() default "(osgi.jdbc.driver.class=org.h2.Driver)";
    }

    private final HikariDataSource pool;

    @Activate
    public TenderStore(Config config, @Reference(name = "dataSourceFactory") DataSourceFactory factory) {
        String url = config.jdbcUrl().isBlank() ? defaultH2Url(DataFolder.path()) : config.jdbcUrl();
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, url);
        if (!config.user().isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_USER, config.user());
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, config.password());
        }
        // The failure names the database (Flyway's and the driver's messages do not); the OSGi log,
        // printed by OsgiLogPrinter, reports it with the component that failed.
        try {
            this.pool = pool(factory.createDataSource(properties), config.maxPoolSize());
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("the store at " + redact(url) + " could not be opened", e);
        }
        try {
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("the store at " + redact(url) + " could not be migrated", e);
        }
        LOG.info("Store ready at {}", redact(url));
    }

    static String defaultH2Url(Path dataFolder) {
        return "jdbc:h2:file:" + dataFolder.resolve("db").resolve("tender").toAbsolutePath()
                // H2 parses a statement again unless it is in its session's cache, of 8 by default:
                // a payment alone runs more distinct statements than that, so most were parsed anew
                + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256";
    }

    static HikariDataSource pool(DataSource dataSource, int maxPoolSize) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("tender");
        hikari.setDataSource(dataSource);
        hikari.setMaximumPoolSize(maxPoolSize);
        hikari.setAutoCommit(true);
        return new HikariDataSource(hikari);
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure(TenderStore.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** URLs can carry passwords as parameters; logs must not. */
    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    /** @return the pooled data source */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * Runs work in one transaction: committed if it returns, rolled back if it throws.
     *
     * @param work what to do with the connection
     * @param <T>  the result type
     * @return what the work returned
     */
    public <T> T inTransaction(SqlWork<T> work) {
        return Transactions.run(pool, work);
    }

    /**
     * Runs work that reads what exists before it writes (an update-then-insert, an idempotent
     * create that first looks for its key); if a concurrent first write of the same key won the
     * insert, runs it once more, when its read finds that write.
     */
    public <T> T upsert(SqlWork<T> work) {
        try {
            return inTransaction(work);
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                return inTransaction(work);
            }
            throw e;
        }
    }

    @Deactivate
    public void close() {
        pool.close();
    }
}
