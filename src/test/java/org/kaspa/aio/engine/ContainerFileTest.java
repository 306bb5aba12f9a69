package org.kaspa.aio.engine;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerFileTest {
    private static ContainerFile live(String content) {
        return new ContainerFile("/etc/kaspa-aio/postgresql.conf", content.getBytes(StandardCharsets.UTF_8), 0644, false, true);
    }

    @Test
    void aLiveFilesStampIsASecondOf2000To2008DerivedFromItsContentAlone() {
        Instant from = Instant.parse("2000-01-01T00:00:00Z");
        Instant to = from.plusSeconds(1L << 28);
        Set<Instant> stamps = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Instant stamp = live("work_mem = '" + i + "MB'\n").contentStamp();
            assertTrue(!stamp.isBefore(from) && stamp.isBefore(to), stamp.toString());
            assertEquals(0, stamp.getNano());
            stamps.add(stamp);
        }
        assertTrue(stamps.size() >= 995, "content tells stamps apart: " + stamps.size() + " of 1000");
        assertEquals(live("a").contentStamp(), new ContainerFile("/elsewhere", "a".getBytes(StandardCharsets.UTF_8), 0600, false, true).contentStamp());
    }

    @Test
    void aSecretIsNeverStampedSoItsTimeTellsNothingOfItsContent() throws Exception {
        ContainerFile auth = new ContainerFile("/etc/pgbouncer/userlist.txt", "\"u\" \"SCRAM-SHA-256$4096:…\"".getBytes(StandardCharsets.UTF_8),
                0444, true, true);
        assertFalse(auth.stamped());
        assertFalse(auth.writtenAsIs(new ContainerPathStat(auth.content().length, auth.contentStamp())), "always read");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(TarArchive.of(List.of(auth))))) {
            TarArchiveEntry e = tar.getNextEntry();
            while (e.isDirectory()) {
                e = tar.getNextEntry();
            }
            assertNotEquals(auth.contentStamp(), e.getLastModifiedTime().toInstant());
        }
        assertFalse(new ContainerFile("/docker-entrypoint-initdb.d/x.sql", new byte[1], 0644, false).stamped(), "not live: written once");
    }

    @Test
    void theEnginesStatSaysTheFileIsAsWrittenOnlyForItsSizeAndStamp() {
        ContainerFile f = live("work_mem = '24MB'\n");
        assertTrue(f.writtenAsIs(new ContainerPathStat(f.content().length, f.contentStamp())));
        assertFalse(f.writtenAsIs(new ContainerPathStat(f.content().length + 1, f.contentStamp())), "an edit that changed its length");
        assertFalse(f.writtenAsIs(new ContainerPathStat(f.content().length, f.contentStamp().plusSeconds(1))), "another time");
        assertFalse(f.writtenAsIs(new ContainerPathStat(f.content().length, Instant.now())), "an edit stamps its own time");
        assertFalse(f.writtenAsIs(new ContainerPathStat(f.content().length, null)), "a time the engine gave unreadably");
    }

    @Test
    void theTarCarriesALiveFilesStampAndLeavesOtherFilesTheTimeOfTheCopy() throws Exception {
        ContainerFile settings = live("work_mem = '24MB'\n");
        ContainerFile once = new ContainerFile("/docker-entrypoint-initdb.d/10-schema.sql", "select 1;".getBytes(StandardCharsets.UTF_8), 0644, false);
        Instant before = Instant.now().minusSeconds(2);
        Map<String, Instant> times = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(TarArchive.of(List.of(settings, once))))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                times.put("/" + e.getName(), e.getLastModifiedTime().toInstant());
            }
        }
        assertEquals(settings.contentStamp(), times.get(settings.path()));
        Instant copied = times.get(once.path());
        assertNotEquals(once.contentStamp(), copied);
        assertTrue(Duration.between(before, copied).toSeconds() >= 0 && Duration.between(before, copied).toSeconds() < 60, copied.toString());
    }
}
