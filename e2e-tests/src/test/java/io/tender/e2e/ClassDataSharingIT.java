package io.tender.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/tender}'s class archive: the first start on a data folder records the classes it loaded
 * as it stops, and a restart maps them. A recording cut short (the JVM killed while writing it)
 * crashes any JVM that maps it, so such a recording must be refused and made again, never used.
 */
class ClassDataSharingIT {

    @Test
    void aRestartMapsTheRecordedClassesAndARecordingCutShortIsMadeAgain() throws Exception {
        RunningTender.Node node;
        try (RunningTender first = RunningTender.start()) {
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
        assertThat(Files.size(single(cds, ".jsa.recorded"))).as("recorded again in full").isGreaterThan(size / 2);

        try (RunningTender third = RunningTender.start(node)) {
            Path archive = single(cds, ".jsa");
            assertThat(archive.getFileName().toString()).isEqualTo(recorded.getFileName().toString().replace(".recorded", ""));
            assertThat(archivesMappedBy(third, node)).containsOnly(archive.toString());
        }
    }

    /** @return the files under the node's data folder that its JVM has mapped into memory */
    private static List<String> archivesMappedBy(RunningTender tender, RunningTender.Node node) throws IOException {
        try (Stream<String> maps = Files.lines(Path.of("/proc", String.valueOf(tender.pid()), "maps"))) {
            return maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> file.startsWith(node.data().toString())).distinct().toList();
        }
    }

    private static Path single(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as("files ending in " + suffix + " in " + folder).hasSize(1);
            return found.get(0);
        }
    }

    /** Leaves only the first {@code length} bytes, as a JVM killed while writing the file would. */
    private static void cutShort(Path file, long length) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(part)) {
            out.write(in.readNBytes((int) length));
        }
        Files.delete(file); // the JVM writes its archives read-only
        Files.move(part, file);
    }
}
