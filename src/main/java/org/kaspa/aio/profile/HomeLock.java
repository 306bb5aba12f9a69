package org.kaspa.aio.profile;

import org.kaspa.aio.errors.UserFacingException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One writer at a time per home directory: every use case that changes the engine, the profile or the
 * secrets holds this lock, so two rotations, an apply and an init, or two restores never interleave.
 * Across processes it is an OS file lock on {@code <home>/.lock} (released by the OS when a process
 * dies, even by kill -9); within one process a reentrant lock, so a use case may call another.
 */
public final class HomeLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Map<Path, Held> HELD = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(100);

    private record Held(FileChannel channel, FileLock lock) {
    }

    private final Path key;
    private final ReentrantLock local;

    private HomeLock(Path key, ReentrantLock local) {
        this.key = key;
        this.local = local;
    }

    /**
     * Waits up to {@code patience} for the lock, telling {@code waiting} once whom it waits for; then
     * fails with one line. The lock file holds the owner's pid, for that message.
     */
    public static HomeLock acquire(Path homeDir, Duration patience, Consumer<String> waiting) {
        Path key = homeDir.toAbsolutePath().normalize();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
        long deadline = System.nanoTime() + patience.toNanos();
        boolean told = false;
        try {
            while (!local.tryLock(POLL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (!told) {
                    waiting.accept("waiting for another task of this window to finish with " + key);
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    throw new UserFacingException(key + " is being changed by another task; try again when it has finished");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("interrupted while waiting for " + key);
        }
        if (local.getHoldCount() > 1) {
            return new HomeLock(key, local);
        }
        try {
            Files.createDirectories(key);
            Path file = key.resolve(".lock");
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            while ((lock = ch.tryLock()) == null) {
                if (!told) {
                    waiting.accept("waiting for another kaspa-aio (" + owner(file) + ") that is changing " + key);
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    ch.close();
                    throw new UserFacingException("another kaspa-aio (" + owner(file) + ") is changing " + key
                            + "; try again when it has finished");
                }
                Thread.sleep(POLL.toMillis());
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            HELD.put(key, new Held(ch, lock));
            return new HomeLock(key, local);
        } catch (IOException | InterruptedException | RuntimeException e) {
            local.unlock();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof UserFacingException u) {
                throw u;
            }
            throw new UserFacingException("cannot lock " + key + ": " + e.getMessage(), e);
        }
    }

    private static String owner(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "unknown pid" : s;
        } catch (IOException e) {
            return "unknown pid";
        }
    }

    @Override
    public void close() {
        if (local.getHoldCount() == 1) {
            Held h = HELD.remove(key);
            if (h != null) {
                try {
                    h.lock().release();
                    h.channel().close();
                } catch (IOException ignored) {
                    // the OS drops the lock with the channel anyway
                }
            }
        }
        local.unlock();
    }
}
