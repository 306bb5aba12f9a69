package org.kaspa.aio.ops;

import org.kaspa.aio.engine.DockerEngine;
import org.kaspa.aio.engine.ExecResult;
import org.kaspa.aio.profile.DatabaseProfile;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Backups and restores with the tools inside the database container (pg_dump, pg_restore, psql over its
 * local socket, as the design documents). A backup streams to a temporary file beside the target and is
 * renamed only when pg_dump succeeded, so a failed backup never leaves a truncated file under the final
 * name. A restore runs in one transaction: it applies completely or not at all.
 */
public final class DatabaseBackup {
    private static final String RESTORE_PATH = "/tmp/kaspa-aio-restore.dump";

    public record BackupResult(Path file, long bytes, String sha256, DumpFormat format) {
    }

    private final DockerEngine engine;

    public DatabaseBackup(DockerEngine engine) {
        this.engine = engine;
    }

    public BackupResult backup(DatabaseProfile db, DumpFormat format, Path out, LongConsumer progress) throws IOException {
        String id = runningContainer(db);
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
        try {
            MessageDigest sha = sha256();
            long bytes;
            ExecResult r;
            try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                 CountingOutputStream counter = new CountingOutputStream(new DigestOutputStream(
                         java.nio.channels.Channels.newOutputStream(file), sha), progress)) {
                List<String> cmd = format == DumpFormat.CUSTOM
                        ? List.of("pg_dump", "-U", db.user(), "-Fc", db.name())
                        : List.of("pg_dump", "-U", db.user(), db.name());
                r = engine.execStreaming(id, cmd, counter);
                bytes = counter.count;
                counter.flush();
                file.force(true); // on disk before it is renamed into place
            }
            if (r.exitCode() != 0) {
                throw new BackupException("pg_dump in " + db.container() + " failed (exit " + r.exitCode() + "): "
                        + r.stderr().strip().lines().findFirst().orElse("") + "; no file was written to " + target);
            }
            org.kaspa.aio.profile.AtomicFileWriter.moveIntoPlace(tmp, target);
            return new BackupResult(target, bytes, HexFormat.of().formatHex(sha.digest()), format);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Tables (outside the system schemas) that a restore would overwrite. */
    public int existingTables(DatabaseProfile db) {
        ExecResult r = engine.exec(runningContainer(db), List.of("psql", "-U", db.user(), "-d", db.name(), "-tAc",
                "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')"));
        if (r.exitCode() != 0) {
            throw new BackupException("cannot read " + db.name() + " in " + db.container() + ": " + r.stderr().strip());
        }
        return Integer.parseInt(r.stdout().strip());
    }

    /**
     * A dump that can be restored whole, checked before anything is touched: a plain dump must end with
     * pg_dump's completion trailer (a file cut inside a COPY block would otherwise restore "successfully"
     * with half the rows); a custom one is read whole inside the container ({@code pg_restore -l}, then
     * every entry to /dev/null) before the database is changed.
     */
    public static DumpFormat checkDumpFile(Path in) throws IOException {
        DumpFormat format = DumpFormat.detect(in).orElseThrow(() -> new BackupException(in + " is not a pg_dump file "
                + "(neither custom format, which starts with PGDMP, nor a plain SQL dump); nothing was restored"));
        if (format == DumpFormat.PLAIN && !DumpFormat.plainDumpComplete(in)) {
            throw new BackupException(in + " is an incomplete plain dump (it lacks pg_dump's '" + DumpFormat.PLAIN_TRAILER
                    + "' trailer, so it was cut short); nothing was restored");
        }
        return format;
    }

    /** Restores a dump over the database's current content; call only after the user agreed to overwrite. */
    public DumpFormat restore(DatabaseProfile db, Path in, LongConsumer secondsElapsed) throws IOException {
        DumpFormat format = checkDumpFile(in);
        String id = runningContainer(db);
        engine.copyFileIn(id, in, RESTORE_PATH);
        try {
            ExecResult r;
            if (format == DumpFormat.CUSTOM) {
                // -l reads the table of contents; reading every entry to /dev/null finds a file cut in its data
                ExecResult toc = engine.exec(id, List.of("sh", "-c", "pg_restore -l \"$1\" > /dev/null && pg_restore -f /dev/null \"$1\"",
                        "check", RESTORE_PATH), secondsElapsed);
                if (toc.exitCode() != 0) {
                    throw new BackupException(in + " is a damaged or incomplete custom dump (pg_restore -l: "
                            + errorLine(toc.stderr(), toc.exitCode()) + "); nothing was restored");
                }
                r = engine.exec(id, List.of("pg_restore", "-U", db.user(), "-d", db.name(), "--clean", "--if-exists",
                        "--no-owner", "--single-transaction", "--exit-on-error", RESTORE_PATH), secondsElapsed);
            } else {
                // A plain dump has no DROP statements: start from an empty public schema, in the same transaction.
                r = engine.exec(id, List.of("sh", "-c", "{ printf '%s\\n' 'DROP SCHEMA IF EXISTS public CASCADE;' "
                        + "'CREATE SCHEMA public;' 'ALTER SCHEMA public OWNER TO pg_database_owner;' "
                        + "'GRANT USAGE ON SCHEMA public TO public;'; cat \"$1\"; } | psql -U \"$2\" -d \"$3\" -v ON_ERROR_STOP=1 "
                        + "--single-transaction -q -o /dev/null", "restore", RESTORE_PATH, db.user(), db.name()), secondsElapsed);
            }
            if (r.exitCode() != 0) {
                throw new BackupException("restore into " + db.name() + " failed and was rolled back: " + errorLine(r.stderr(), r.exitCode()));
            }
            return format;
        } finally {
            engine.exec(id, List.of("rm", "-f", RESTORE_PATH));
        }
    }

    /**
     * The line that says what went wrong: psql and pg_restore print NOTICEs (such as "drop cascades to …")
     * before the error, so the first line is rarely the one to show.
     */
    static String errorLine(String stderr, int exitCode) {
        List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
        return lines.stream().filter(l -> l.contains("ERROR:") || l.contains("FATAL:") || l.contains("error:")).findFirst()
                .or(() -> lines.stream().filter(l -> !l.contains("NOTICE:")).findFirst())
                .orElse("exit " + exitCode);
    }

    private String runningContainer(DatabaseProfile db) {
        return engine.findContainer(db.container()).filter(c -> c.running()).map(c -> c.id())
                .orElseThrow(() -> new BackupException(db.container() + " is not running (run apply first)"));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts bytes and reports them at most every 256 KiB. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private final LongConsumer progress;
        private long count;
        private long reported;

        CountingOutputStream(OutputStream out, LongConsumer progress) {
            super(out);
            this.progress = progress;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
            if (count - reported >= 256 * 1024) {
                reported = count;
                progress.accept(count);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }
    }

    /** A backup or restore that did not happen; the message says what was (not) changed. */
    public static final class BackupException extends org.kaspa.aio.errors.UserFacingException {
        public BackupException(String message) {
            super(message);
        }
    }
}
