package io.tender.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/tender}'s class archive: the first start on a data folder records the classes it loaded
 * as it stops, and a restart maps them, the bundles' classes included. A damaged or incomplete
 * recording can crash the JVM that maps it, so such a recording must be refused and made again.
 */
class ClassDataSharingIT {

    /** As CI or a developer may have set them otherwise. */
    private static final Map<String, String> DEFAULTS = Map.of("TENDER_CDS", "on", "JAVA_OPTS", "");

    @Test
    void aRestartMapsTheRecordedClassesAndAnIncompleteRecordingIsMadeAgain() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "reads which files a process maps from /proc");
        RunningTender.Node node;
        try (RunningTender first = RunningTender.start(DEFAULTS)) {
            node = first.node();
            assertThat(archivesMappedBy(first, node)).as("nothing recorded yet").isEmpty();
        }
        Path cds = node.data().resolve("cds");
        Path recorded = single(cds, ".jsa.recorded");
        long size = Files.size(recorded);
        assertThat(size).as("the classes of a whole start").isGreaterThan(10_000_000);

        cutShort(recorded, size / 2);
        try (RunningTender second = RunningTender.start(node)) {
            assertThat(second.output()).contains("The class archive recorded at the last stop is unusable: recording it again");
            assertThat(archivesMappedBy(second, node)).isEmpty();
        }
        assertThat(Files.size(single(cds, ".jsa.recorded"))).as("recorded again in full").isGreaterThan(size * 9 / 10);

        // JDK_JAVA_OPTIONS, unlike JAVA_OPTS, is not part of the archive's name.
        Path classLog = node.data().resolve("classes.log");
        Map<String, String> environment = new HashMap<>(node.environment());
        environment.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + classLog);
        RunningTender.Node logging = new RunningTender.Node(node.home(), node.data(), node.port(), environment);
        try (RunningTender third = RunningTender.start(logging)) {
            Path archive = single(cds, ".jsa");
            assertThat(archive.getFileName().toString()).isEqualTo(recorded.getFileName().toString().replace(".recorded", ""));
            assertThat(archivesMappedBy(third, node)).containsOnly(archive.toRealPath().toString());
            List<String> fromArchive = Files.readAllLines(classLog).stream().filter(l -> l.endsWith("source: shared objects file (top)")).toList();
            assertThat(fromArchive).as("a bundle's class, defined by its bundle's class loader")
                    .anyMatch(l -> l.contains(" org.eclipse.jetty.server.Server source:"))
                    .anyMatch(l -> l.contains(" io.tender.core.internal.store.TenderStore source:"))
                    .hasSizeGreaterThan(3_000);
        }
    }

    /** @return the files under the node's data folder that its JVM has mapped into memory */
    private static List<String> archivesMappedBy(RunningTender tender, RunningTender.Node node) throws IOException {
        String data = node.data().toRealPath().toString();
        try (Stream<String> maps = Files.lines(Path.of("/proc", String.valueOf(tender.pid()), "maps"))) {
            // address perms offset device inode path; the path may hold spaces
            return maps.map(line -> line.split("\\s+", 6)).filter(fields -> fields.length == 6)
                    .map(fields -> fields[5].replaceFirst(" \\(deleted\\)$", ""))
                    .filter(file -> file.startsWith(data)).distinct().toList();
        }
    }

    private static Path single(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as("files ending in " + suffix + " in " + folder).hasSize(1);
            return found.get(0);
        }
    }

    /** Leaves only the first {@code length} bytes, as a machine that crashed while the file was written may. */
    private static void cutShort(Path file, long length) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(part)) {
            out.write(in.readNBytes((int) length));
        }
        Files.delete(file); // the JVM writes its archives read-only
        Files.move(part, file);
    }
}
