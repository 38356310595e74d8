package io.tender.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts GreenMail (standalone, a real SMTP server with a REST API to read what it received) as a
 * process of its own, once per JVM. Not in this JVM: GreenMail's Jakarta Mail on the class path
 * would meet the framework's own. Kept out of the test class, which is also loaded in the probe.
 */
final class MailServerLauncher {

    static final String SMTP_PORT = "tender.itest.smtp.port";
    static final String API = "tender.itest.smtp.api";
    private static Process server;

    private MailServerLauncher() {
    }

    /** Starts the server and sets {@value #SMTP_PORT} and {@value #API}; waits until it answers. */
    static synchronized void start() throws IOException, InterruptedException {
        if (server == null) {
            Path jar = Path.of(System.getProperty("tender.greenmail.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("GreenMail is not at " + jar + " (copied in pre-integration-test)");
            }
            int smtp = TenderDistribution.freePort();
            int api = TenderDistribution.freePort();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            server = new ProcessBuilder(List.of(java.toString(), "-Dgreenmail.smtp.hostname=127.0.0.1",
                    "-Dgreenmail.smtp.port=" + smtp, "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + api,
                    "-Dgreenmail.auth.disabled", "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of(System.getProperty("tender.itest.dir", "target/itest"), "greenmail.log").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
            System.setProperty(SMTP_PORT, String.valueOf(smtp));
            System.setProperty(API, "http://127.0.0.1:" + api + "/api");
            awaitReady(URI.create(System.getProperty(API) + "/service/readiness"));
        }
    }

    private static void awaitReady(URI readiness) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("GreenMail did not start within 30 s; see target/itest/greenmail.log");
    }
}
