package dev.stt.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Finds which configured API key a request presented, in time that depends on neither the presented key
 * nor the configured ones: both sides are hashed to 32 bytes first (so no length leaks and no prefix can
 * match early), every configured key is compared, and every byte of each comparison is looked at.
 */
final class KeyMatcher {

    private final List<byte[]> digests;

    KeyMatcher(List<String> keys) {
        this.digests = keys.stream().map(KeyMatcher::sha256).toList();
    }

    /** The owner id (hex SHA-256 of the key) of the configured key presented, if it is one. */
    Optional<String> ownerOf(String presented) {
        byte[] candidate = sha256(presented == null ? "" : presented);
        byte[] matched = null;
        for (byte[] digest : digests) {
            // no break: the loop costs the same wherever (and whether) the match is
            boolean equal = difference(digest, candidate) == 0;
            matched = equal ? digest : matched;
        }
        return presented == null || matched == null ? Optional.empty() : Optional.of(HexFormat.of().formatHex(matched));
    }

    /** The OR of the XOR of every byte pair: 0 only for equal arrays. Never stops at the first differing byte. */
    static int difference(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("compare digests of one length");
        }
        int difference = 0;
        for (int i = 0; i < a.length; i++) {
            difference |= (a[i] ^ b[i]) & 0xff;
        }
        return difference;
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
