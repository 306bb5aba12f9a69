package org.kaspa.aio.engine;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The in-memory tar stream the engine's copy-to-container endpoint takes, parent directories included. */
final class TarArchive {
    private TarArchive() {
    }

    static byte[] of(List<ContainerFile> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            Set<String> dirs = new LinkedHashSet<>();
            for (ContainerFile f : files) {
                String rel = f.path().replaceFirst("^/+", "");
                int i = rel.indexOf('/');
                while (i > 0) {
                    dirs.add(rel.substring(0, i + 1));
                    i = rel.indexOf('/', i + 1);
                }
            }
            for (String d : dirs) {
                TarArchiveEntry e = new TarArchiveEntry(d);
                e.setMode(040755);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            for (ContainerFile f : files) {
                TarArchiveEntry e = new TarArchiveEntry(f.path().replaceFirst("^/+", ""));
                e.setSize(f.content().length);
                e.setMode(0100000 | f.mode());
                e.setUserId(f.owner());
                e.setGroupId(f.owner());
                if (f.stamped()) {
                    e.setModTime(java.nio.file.attribute.FileTime.from(f.contentStamp()));
                }
                tar.putArchiveEntry(e);
                tar.write(f.content());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
