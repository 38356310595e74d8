package io.tender.core.internal.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The credential key kept in a file: created on first start with owner-only permissions, read on
 * every later start.
 */
public final class KeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFile() {
    }

    /**
     * @param file where the key lives
     * @return the 32-byte key, newly created if the file did not exist
     * @throws IOException if the file cannot be read or created, or holds no valid key
     */
    public static byte[] loadOrCreate(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                createOwnerOnly(file);
                Files.write(file, Base64.getEncoder().encode(key), StandardOpenOption.TRUNCATE_EXISTING);
                return key;
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: use theirs
            }
        }
        return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
    }

    /** Creates the empty file with owner-only permissions from the start, where the file system has them. */
    private static void createOwnerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
        }
    }

    /**
     * @param base64 a base64-encoded 32-byte key
     * @param source where it came from, for the error message
     * @return the key
     */
    public static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credential key in " + source + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("credential key in " + source + " must be 32 bytes, is " + key.length);
        }
        return key;
    }
}
