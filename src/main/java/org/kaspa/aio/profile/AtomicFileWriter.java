package org.kaspa.aio.profile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a file so that readers see either the old or the new content, never a torn one: a temp file
 * in the same directory, created with the final permissions (so a secret is never world-readable even
 * for a moment), synced, then renamed over the target.
 */
public final class AtomicFileWriter {
    private AtomicFileWriter() {
    }

    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = supportsPosix(dir);
        Path tmp = posix
                ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(permissions))
                : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            if (!posix) {
                restrictWithoutPosix(tmp, permissions);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (posix) {
                Files.setPosixFilePermissions(tmp, permissions);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Whether the directory's file store takes POSIX permissions (a FAT stick mounted on Linux does not). Inside a
     * chroot or some containers the JDK cannot find the store ("Mount point not found": /proc/mounts names paths
     * outside the root); then the file system's answer stands, which on Linux and macOS is yes.
     */
    private static boolean supportsPosix(Path dir) {
        try {
            return Files.getFileStore(dir).supportsFileAttributeView("posix");
        } catch (IOException storeNotFound) {
            return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        }
    }

    /**
     * Where there are no POSIX permissions (Windows, NTFS): an owner-only file gets an ACL with one entry,
     * its owner, and nothing inherited, before any content is written; other modes keep the default ACL.
     */
    static void restrictWithoutPosix(Path file, Set<PosixFilePermission> permissions) throws IOException {
        boolean ownerOnly = permissions.stream().allMatch(p -> p.name().startsWith("OWNER_"));
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (!ownerOnly) {
            return;
        }
        if (acl == null) {
            throw new IOException("cannot make " + file + " private: its file system has neither POSIX permissions nor ACLs");
        }
        UserPrincipal owner = Files.getOwner(file);
        acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
    }

    /**
     * Renames a complete, synced file over {@code target}, then syncs the directory so that the rename
     * itself survives a power cut (without it, the directory entry may still name the old file).
     */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself
        }
    }
}
