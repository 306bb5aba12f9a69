package org.kaspa.aio.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kaspa.aio.testsupport.KaspaAio;
import org.kaspa.aio.testsupport.Proc;
import org.kaspa.aio.testsupport.Rows;
import org.kaspa.aio.testsupport.TestEngine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The exported compose stack, judged by the real docker-compose (Debian's) on the real engine. */
class ComposeExportIT {
    private static KaspaAio app;
    private static Path out;

    @BeforeAll
    static void installAndExport() throws Exception {
        app = KaspaAio.installed();
        // a password that needs quoting everywhere it goes
        assertEquals(0, app.runWithInput("q'u\"o$te@s:/ and \\ back-1\n", "rotate-password", "simply-kaspa-indexer", "--password-stdin").exitCode());
        out = Files.createTempDirectory("kaspa-aio-export");
        app.ok("export", "--out", out.toString());
    }

    @AfterAll
    static void cleanUp() {
        compose("down", "-v");
        TestEngine.reset();
    }

    private static Proc.Result compose(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker-compose", "--project-directory", out.toString(),
                "-f", out.resolve("docker-compose.yml").toString(), "-p", "kaspa-aio-export"));
        cmd.addAll(List.of(args));
        return Proc.run(cmd, Map.of("DOCKER_HOST", TestEngine.dockerHost()), Duration.ofMinutes(3));
    }

    @Test
    void exportedStackComesUpUnderDockerComposeWithTheExportedPasswords() throws Exception {
        assertTrue(Files.exists(out.resolve("docker-compose.yml")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(".env"))));
        assertTrue(Files.exists(out.resolve("init/k-social-db/001-kaspa-aio-database.sql")));
        assertTrue(Files.exists(out.resolve("init/simply-kaspa-db/001-kaspa-aio-database.sql")));
        String yml = Files.readString(out.resolve("docker-compose.yml"));
        for (String service : List.of("k-indexer", "simply-kaspa-indexer")) {
            assertFalse(yml.contains(app.password(service)), "passwords only in .env");
        }
        assertTrue(yml.contains("\"127.0.0.1:5433:5432\""), yml);

        Proc.Result config = compose("config");
        assertEquals(0, config.exitCode(), config.toString());
        assertTrue(config.stdout().contains("container_name: k-social-db"), config.stdout());

        // an engine with none of our containers (and fresh volumes, so the images initialise from .env)
        app.ok("uninstall", "--delete-data", "--yes");
        assertTrue(TestEngine.nothingOfOurs());
        Proc.Result up = compose("up", "-d");
        assertEquals(0, up.exitCode(), up.toString());

        for (int port : new int[]{5433, 5434}) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (Proc.run("pg_isready", "-h", "127.0.0.1", "-p", String.valueOf(port), "-q").exitCode() != 0) {
                assertTrue(System.nanoTime() < deadline, "port " + port + " never accepted");
                Thread.sleep(200);
            }
        }
        assertEquals("UTC", Rows.psql(5433, "k_social_user", "ksocial", app.password("k-indexer"), "show timezone").stdout().trim(),
                "the exported init folder ran");
        Proc.Result login = Rows.psql(5434, "simply_kaspa_user", "simply_kaspa", app.password("simply-kaspa-indexer"), "select current_user");
        assertEquals(0, login.exitCode(), login.toString());
        assertEquals("simply_kaspa_user", login.stdout().trim());
        assertEquals("running", TestEngine.dockerOk("inspect", "--format", "{{.State.Status}}", "k-social-db"));
    }
}
