package io.parley.webhooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.testing.FakeHttpServer;

/**
 * Verifies received deliveries with the {@code standardwebhooks} package from the npm registry
 * (src/test/webhooks/verify.mjs), an implementation independent of Parley's. {@code .ci/run} installs it
 * ({@code npm ci} in src/test/webhooks); without it the tests fail rather than skip.
 */
final class StandardWebhooksVerifier {

    private static final Path DIR = Path.of("src/test/webhooks");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One verdict: {@code ok}, and the verified event's {@code type} or the verifier's {@code error}. */
    record Verdict(boolean ok, String type, String error) {
    }

    private StandardWebhooksVerifier() {
    }

    static List<Verdict> verify(String secret, List<FakeHttpServer.Request> requests) throws Exception {
        if (!Files.isDirectory(DIR.resolve("node_modules/standardwebhooks"))) {
            throw new IllegalStateException("The standardwebhooks verifier is not installed: run npm ci in " + DIR);
        }
        List<Map<String, String>> input = requests.stream().map(r -> Map.of("secret", secret,
                "id", r.header("webhook-id"), "timestamp", r.header("webhook-timestamp"),
                "signature", r.header("webhook-signature"), "body", r.body())).toList();
        Process node = new ProcessBuilder("node", "verify.mjs").directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var stdin = node.getOutputStream()) {
            stdin.write(JSON.writeValueAsBytes(input));
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new IOException("The verifier failed: " + output);
        }
        return JSON.readValue(output, new TypeReference<List<Verdict>>() {
        });
    }
}
