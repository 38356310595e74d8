package io.tender.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The distribution started the way the README starts it, {@code bin/tender}, on a free port and a
 * fresh data folder, as a process of its own. Closing it sends SIGTERM and waits for a clean stop.
 */
final class RunningTender implements AutoCloseable {

    /** The first owner, created from the environment on the first start, as the README says. */
    static final String OWNER_EMAIL = "owner@e2e.example";
    static final String OWNER_PASSWORD = "e2e owner password";

    private static final HttpClient HEALTH_CHECKS = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Node node;
    private final Path log;

    /**
     * Where and how one Tender runs: its installation, its data folder, its port and its
     * environment, so that it can be started again as the same node.
     */
    record Node(Path home, Path data, int port, java.util.Map<String, String> environment) {
    }

    private RunningTender(Process process, Node node, Path log) {
        this.process = process;
        this.port = node.port();
        this.node = node;
        this.log = log;
    }

    static RunningTender start() throws IOException, InterruptedException {
        return start(java.util.Map.of());
    }

    /** Starts a fresh node with these environment variables besides the usual ones, and waits until it is healthy. */
    static RunningTender start(java.util.Map<String, String> environment) throws IOException, InterruptedException {
        return start(freshNode(environment));
    }

    /** @return a node of the built distribution on a new data folder and a free port */
    private static Node freshNode(java.util.Map<String, String> environment) throws IOException {
        return new Node(distribution(), Files.createTempDirectory(workFolder(), "data"), freePort(), environment);
    }

    /** @return where the nodes' data folders and outputs go */
    private static Path workFolder() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("tender.e2e.dir", "target/e2e")).toAbsolutePath());
    }

    /** @return the built distribution, which the tests start in place unless they need their own copy */
    static Path distribution() {
        Path distribution = Path.of(System.getProperty("tender.distribution", "../distribution/target/tender"));
        if (!Files.isExecutable(distribution.resolve("bin/tender"))) {
            throw new IllegalStateException("no distribution at " + distribution.toAbsolutePath() + "; build it first");
        }
        return distribution;
    }

    /** Starts a node (again: the same data folder and port) and waits until it is healthy. */
    static RunningTender start(Node node) throws IOException, InterruptedException {
        RunningTender tender = launch(node);
        try {
            tender.awaitHealthy(Duration.ofSeconds(90));
        } catch (RuntimeException | InterruptedException e) {
            tender.close(); // never leave a Tender running behind a failed start
            throw e;
        }
        return tender;
    }

    /** Starts a fresh node with this environment and returns at once, healthy or not: for starts meant to fail. */
    static RunningTender launch(java.util.Map<String, String> environment) throws IOException {
        return launch(freshNode(environment));
    }

    private static RunningTender launch(Node node) throws IOException {
        Path log = workFolder().resolve("tender-" + node.port() + ".log");
        ProcessBuilder builder = new ProcessBuilder(node.home().resolve("bin/tender").toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("TENDER_HTTP_PORT", String.valueOf(node.port()));
        builder.environment().put("TENDER_DATA_DIR", node.data().toString());
        builder.environment().put("TENDER_OWNER_EMAIL", OWNER_EMAIL);
        builder.environment().put("TENDER_OWNER_PASSWORD", OWNER_PASSWORD);
        builder.environment().putAll(node.environment());
        return new RunningTender(builder.start(), node, log);
    }

    /** @return the first line of the node's output that holds {@code text}, waiting for it up to {@code timeout} */
    String awaitLogLine(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Optional<String> line = output().lines().filter(l -> l.contains(text)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no line with '" + text + "' within " + timeout + " in " + log);
    }

    /** @return all the node has written to its output so far */
    String output() throws IOException {
        return Files.readString(log);
    }

    /** @return the status {@code /api/health} answers now */
    int healthStatus() throws IOException, InterruptedException {
        return HEALTH_CHECKS.send(HttpRequest.newBuilder(url("/api/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** @return how to start this node again */
    Node node() {
        return node;
    }

    /** @return the JVM's process id: {@code bin/tender} replaces itself with the JVM */
    long pid() {
        return process.pid();
    }

    /** Kills the process at once, as {@code kill -9} does: no shutdown hook, no clean stop. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Tender on port " + port + " did not die");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until {@code /api/health} answers 200, which it does once payments can be taken. */
    private void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tender exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (healthStatus() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Tender was not healthy within " + timeout + "; see " + log);
    }

    /** A session signed in over HTTP: the cookie to send and the CSRF token to repeat. */
    record SignedIn(String cookie, String csrfToken) {
        HttpRequest.Builder on(HttpRequest.Builder request) {
            return request.header("Cookie", cookie).header("X-CSRF-Token", csrfToken);
        }
    }

    /** Signs in over HTTP with {@code POST /api/session}, as the console does. */
    SignedIn signIn(String email, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url("/api/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in refused: " + response.body());
        }
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("\"csrfToken\":\"([^\"]+)\"").matcher(response.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token in " + response.body());
        }
        return new SignedIn(cookie.substring(0, cookie.indexOf(';')), csrf.group(1));
    }

    URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
