package io.parley.common.infra;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The settings a production Parley cannot start without, checked before Quarkus boots so that a missing one is
 * reported together with what it is and an example, instead of as a low-level configuration error.
 */
final class RequiredEnvironment {

    /**
     * One required setting.
     *
     * @param variable the environment variable users set
     * @param override the Quarkus property (as an environment variable) that replaces it, for advanced setups
     * @param meaning what it is
     * @param example a valid value
     */
    record Setting(String variable, String override, String meaning, String example) {
    }

    static final List<Setting> SETTINGS = List.of(
            new Setting("PARLEY_DB_HOST", "QUARKUS_DATASOURCE_REACTIVE_URL", "PostgreSQL host", "postgres.internal"),
            new Setting("PARLEY_KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS", "Kafka bootstrap servers",
                    "kafka-1:9092,kafka-2:9092"),
            new Setting("PARLEY_OIDC_URL", "QUARKUS_OIDC_AUTH_SERVER_URL", "OIDC issuer URL (e.g. a Keycloak realm)",
                    "https://sso.example.com/realms/parley"),
            new Setting("PARLEY_SECRETS_KEY", "PARLEY_SECRETS_KEY", "AES-256 key (base64) encrypting channel secrets",
                    "$(openssl rand -base64 32)"));

    private RequiredEnvironment() {
    }

    /**
     * One line per missing or unusable setting; empty when the production profile has everything it needs. The secrets
     * key must be 32 bytes in base64 (the example file's placeholder is not), else Parley would start, report ready,
     * and fail on the first channel it stores.
     */
    static List<String> missing(Map<String, String> environment) {
        List<String> missing = new ArrayList<>();
        for (Setting setting : SETTINGS) {
            if (blank(environment.get(setting.variable())) && blank(environment.get(setting.override()))) {
                missing.add(setting.variable() + " is not set: the " + setting.meaning() + ", for example "
                        + setting.variable() + "=" + setting.example());
            }
        }
        String key = environment.get("PARLEY_SECRETS_KEY");
        if (!blank(key) && !validKey(key.strip())) {
            missing.add("PARLEY_SECRETS_KEY is not a base64-encoded 32-byte key; create one with"
                    + " PARLEY_SECRETS_KEY=$(openssl rand -base64 32)");
        }
        return missing;
    }

    private static boolean validKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
