package io.tender.core.internal.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmCipherTest {

    private final AesGcmCipher cipher = new AesGcmCipher(new byte[32]);

    @Test
    void sealedValuesOpenWithTheSameContextOnly() {
        String sealed = cipher.seal("sk_live_secret".getBytes(StandardCharsets.UTF_8), "con_1");
        assertThat(sealed).doesNotContain("sk_live");
        assertThat(new String(cipher.open(sealed, "con_1"), StandardCharsets.UTF_8)).isEqualTo("sk_live_secret");
        assertThatThrownBy(() -> cipher.open(sealed, "con_2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySealUsesAFreshNonce() {
        byte[] secret = "same".getBytes(StandardCharsets.UTF_8);
        assertThat(cipher.seal(secret, "c")).isNotEqualTo(cipher.seal(secret, "c"));
    }

    @Test
    void alteredOrForeignValuesDoNotOpen() {
        String sealed = cipher.seal("x".getBytes(StandardCharsets.UTF_8), "c");
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(Base64.getEncoder().encodeToString(bytes), "c"))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new AesGcmCipher(otherKey).open(sealed, "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysMustBe256Bits() {
        assertThatThrownBy(() -> new AesGcmCipher(new byte[16])).hasMessageContaining("32 bytes");
    }

    @Test
    void keyFileIsCreatedOwnerOnlyOnceAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/credentials.key");
        byte[] first = KeyFile.loadOrCreate(file);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyFile.loadOrCreate(file)).isEqualTo(first);
    }

    @Test
    void aBrokenKeyFileIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("k");
        Files.writeString(file, "c2hvcnQ=");
        assertThatThrownBy(() -> KeyFile.loadOrCreate(file)).hasMessageContaining("must be 32 bytes");
    }
}
