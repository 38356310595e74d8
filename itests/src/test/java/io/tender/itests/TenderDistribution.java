package io.tender.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * The options that boot the distribution's own bundle set (system/ at start level 1, bundle/ at 2)
 * with a private data folder, HTTP port and FileInstall folder for each test class, so that a test
 * never touches the distribution's files.
 */
final class TenderDistribution {

    static final Path DISTRIBUTION = Path.of(System.getProperty("tender.distribution", "../distribution/target/tender"));
    static final Path FIXTURE_BUNDLE = Path.of(System.getProperty("tender.fixture.bundle"));

    private TenderDistribution() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Option[] options(int httpPort, Option... extra) {
        try {
            Path root = Files.createDirectories(Path.of(System.getProperty("tender.itest.dir", "target/itest")).toAbsolutePath());
            Path work = Files.createTempDirectory(root, "run");
            Path deploy = Files.createDirectories(work.resolve("deploy"));
            // FileInstall may write configurations back: give it a copy (OSGI-STACK trap 4).
            try (Stream<Path> configs = Files.list(DISTRIBUTION.resolve("deploy"))) {
                for (Path cfg : configs.filter(p -> p.toString().endsWith(".cfg")).toList()) {
                    Files.copy(cfg, deploy.resolve(cfg.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // The store: H2 under the run's data folder unless the test names another database.
            Files.writeString(deploy.resolve("io.tender.store.cfg"), storeConfig());
            // The credential key under the run's data folder (the shipped file reads TENDER_KEY_FILE).
            Files.writeString(deploy.resolve("io.tender.credentials.cfg"), "keyFile=\n");
            // Tests cannot wait half a minute for a booking hold to be released.
            Files.writeString(deploy.resolve("io.tender.methods.holds.cfg"), "sweepSeconds=1\n");
            // A test that stops a provider for good should not wait the full 10 s for it to come back.
            Files.writeString(deploy.resolve("io.tender.providers.cfg"), "waitSeconds=5\ndrainSeconds=1\n");
            List<Option> options = new ArrayList<>();
            options.add(frameworkStartLevel(10));
            options.add(systemProperty("tender.data.dir").value(work.resolve("data").toString()));
            options.add(frameworkProperty("org.osgi.service.http.port").value(Integer.toString(httpPort)));
            options.add(frameworkProperty("felix.fileinstall.dir").value(deploy.toString()));
            options.add(frameworkProperty("felix.fileinstall.poll").value("200"));
            options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
            options.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
            options.add(frameworkProperty("felix.webconsole.security.providers").value("tender"));
            options.add(junitBundles());
            options.addAll(bundles("system", 1));
            options.addAll(bundles("bundle", 2));
            options.addAll(bundles("deploy", 3));
            options.addAll(List.of(extra));
            return options.toArray(Option[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The store configuration of a run: the embedded H2 database, or a fresh database on a real
     * PostgreSQL server when the build sets {@code tender.itest.store=postgres}.
     */
    private static String storeConfig() {
        if (!"postgres".equals(System.getProperty("tender.itest.store"))) {
            return "jdbcUrl=\n";
        }
        String url = PostgresLauncher.newDatabase();
        return "jdbcUrl=" + url.replace("\\", "\\\\").replace("=", "\\=") + "\n"
                + "dataSourceFactory.target=(osgi.jdbc.driver.class=org.postgresql.Driver)\n";
    }

    private static List<Option> bundles(String folder, int startLevel) throws IOException {
        try (Stream<Path> jars = Files.list(DISTRIBUTION.resolve(folder))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().map(jar -> {
                var option = bundle(jar.toUri().toString()).startLevel(startLevel);
                return (Option) (isFragment(jar) ? option.noStart() : option);
            }).toList();
        }
    }

    private static boolean isFragment(Path jar) {
        try (var file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
