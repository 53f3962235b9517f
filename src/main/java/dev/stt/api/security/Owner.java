package dev.stt.api.security;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose jobs a request may reach: the jobs of one API key, or — only when no keys are configured (auth off, local
 * development) — every job. Only the security layer makes owners, so "every job" can never come from a request that
 * simply lacks a key.
 */
public final class Owner {

    private static final Owner EVERYONE = new Owner(null);

    private final String keyHash;

    private Owner(String keyHash) {
        this.keyHash = keyHash;
    }

    static Owner ofKey(String keyHash) {
        return new Owner(Objects.requireNonNull(keyHash, "a key owner has a key hash"));
    }

    /** The caller of an API that runs with auth off; never used while keys are configured. */
    static Owner everyone() {
        return EVERYONE;
    }

    /** The SHA-256 (hex) of the caller's key; empty only with auth off. */
    public Optional<String> keyHash() {
        return Optional.ofNullable(keyHash);
    }

    /** Whether this caller may reach a job (or deletion) recorded with {@code ownerKeyHash}. */
    public boolean owns(String ownerKeyHash) {
        return keyHash == null || keyHash.equals(ownerKeyHash);
    }

    /** What a job created by this caller records as its owner: the key's hash, or nothing with auth off. */
    public String keyHashForNewRecords() {
        return keyHash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Owner that && Objects.equals(keyHash, that.keyHash);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(keyHash);
    }

    @Override
    public String toString() {
        return keyHash == null ? "Owner[everyone]" : "Owner[key " + keyHash.substring(0, 8) + "…]";
    }
}
