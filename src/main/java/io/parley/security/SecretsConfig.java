package io.parley.security;

import io.smallrye.config.ConfigMapping;

/** Encryption of secrets at rest. */
@ConfigMapping(prefix = "parley.secrets")
public interface SecretsConfig {

    /**
     * The AES-256 key (32 bytes, base64) that encrypts channel secrets at rest; {@code PARLEY_SECRETS_KEY} in
     * production (generate one with {@code openssl rand -base64 32}). Required; the embedded and test profiles set a
     * public development key.
     */
    String key();
}
