package org.kaspa.aio.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small disk of its own for one volume, so that filling it is real: an ext4 filesystem on a loop device
 * (Podman 4.3 cannot size a tmpfs volume), created as a volume with the labels apply gives the volumes it
 * creates (so apply adopts it). Closing removes the loop device and the file; the volume goes with the
 * engine's reset.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path file;
    private final String device;

    private SmallDisk(Path file, String device) {
        this.file = file;
        this.device = device;
    }

    /** @param labels the volume's labels, key=value */
    public static SmallDisk volume(String name, int megabytes, String... labels) throws IOException {
        Path file = Files.createTempFile("kaspa-aio-small-disk", ".img");
        // no lost+found: PostgreSQL's initdb wants an empty directory
        Proc.Result mkfs = Proc.run(List.of("bash", "-c", "truncate -s " + megabytes + "M " + file + " && mkfs.ext4 -q -F " + file
                + " && debugfs -w -R 'rmdir lost+found' " + file + " && losetup -f --show " + file), Map.of(), Duration.ofMinutes(1));
        assertEquals(0, mkfs.exitCode(), mkfs.toString());
        String device = mkfs.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
        List<String> args = new ArrayList<>(List.of("volume", "create", "--opt", "type=ext4", "--opt", "device=" + device));
        for (String l : labels) {
            args.add("--label");
            args.add(l);
        }
        args.add(name);
        TestEngine.dockerOk(args.toArray(String[]::new));
        return new SmallDisk(file, device);
    }

    @Override
    public void close() throws IOException {
        Proc.run(List.of("losetup", "-d", device), Map.of(), Duration.ofSeconds(30));
        Files.deleteIfExists(file);
    }
}
