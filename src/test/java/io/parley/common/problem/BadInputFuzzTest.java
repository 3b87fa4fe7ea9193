package io.parley.common.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.EndpointFuzz;
import io.parley.testing.EndpointFuzz.Outcome;
import io.parley.testing.EndpointFuzz.Target;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Mutated bodies (wrong types, duplicate keys, NUL, lone surrogates, huge and out-of-range values, deep nesting,
 * truncation) at the in-app chat API and the admin APIs: never a 5xx, every refusal a
 * problem+json, no refused message stored and every accepted one stored. The webhook channels have their own.
 */
@QuarkusTest
class BadInputFuzzTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    private static final String SIGNING_SECRET = "fuzz-signing-secret-0123456789abcdef";

    @Inject
    AgroalDataSource database;

    @Test
    void inAppChat() {
        UUID channel = Api.createInAppChannel("Fuzz");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Map<String, String> token = Map.of("X-Visitor-Token", visitor.token());
        String base = "/api/inapp/" + channel;

        List<Outcome> messages = EndpointFuzz.run(new Target("inapp messages", "POST", base + "/messages", """
                {"clientMessageId":"m-MARK","text":"fuzz MARK","attachments":[{"url":"https://shop.example/a.png",
                "name":"a.png","mediaType":"image/png","size":617}]}""", body -> token));
        EndpointFuzz.checkStored(database, channel, messages, o -> EndpointFuzz.idKeepsMarker(o, "clientMessageId"));
        EndpointFuzz.run(new Target("inapp receipts", "POST", base + "/receipts", """
                {"messageIds":["%s"],"status":"READ"}""".formatted(UUID.randomUUID()), body -> token));
        EndpointFuzz.run(new Target("inapp visitors", "POST", base + "/visitors", """
                {"userId":"u-MARK","userHash":"%s","name":"Ivan","email":"ivan@shop.example","visitorToken":"%s"}"""
                .formatted(Api.userHash("u-1"), visitor.token()), body -> Map.of()));
    }

    @Test
    void adminApis() throws Exception {
        Map<String, String> admin = Map.of("Authorization", ADMIN);
        UUID inApp = Api.createInAppChannel("Fuzz admin");
        Api.Visitor visitor = Api.anonymousVisitor(inApp);
        Api.visitorSays(inApp, visitor.token(), "first", "Здравствуйте");
        String session = Api.sessionOf(inApp, visitor);
        String customer = Api.customerOf(inApp, visitor.id());
        String workflow = Files.readString(Path.of("config/workflow.json"), StandardCharsets.UTF_8);
        List<Target> targets = List.of(
                new Target("channels", "POST", "/api/admin/channels", """
                        {"type":"webhook","name":"fz MARK","config":{"url":"http://127.0.0.1:9/r",
                        "replayWindowSeconds":"300"},"secrets":{"signingSecret":"%s"}}""".formatted(SIGNING_SECRET),
                        body -> admin),
                new Target("queues", "PUT", "/api/admin/queues/fuzz-q", """
                        {"name":"Fuzz","targetExpression":"operator.skills HAS 'claims'","offerTimeoutSeconds":30,
                        "maxWaitSeconds":120,"strategy":"LONGEST_IDLE","businessHours":{"timeZone":"Europe/Moscow",
                        "weekly":{"MONDAY":[{"from":"09:00","to":"18:00"}]},"holidays":["2027-01-01"]},
                        "positionReply":"Вы {position}-й","slaFirstResponseSeconds":300}""", body -> admin),
                new Target("operators", "PUT", "/api/admin/operators/fuzz-op", """
                        {"displayName":"Fuzz","skills":["claims"],"languages":["ru"],"groups":["fuzz"],
                        "capacity":{"chat":3},"maxConcurrent":3}""", body -> admin),
                new Target("dry run", "POST", "/api/admin/routing/dry-run", """
                        {"conversation":{"channel":"vk","language":"ru"},"classification":{"category":"damage"},
                        "step":0,"channelKind":"chat","workflow":%s}""".formatted(workflow), body -> admin),
                new Target("expression check", "POST", "/api/admin/routing/expressions/check", """
                        {"expression":"operator.skills HAS 'claims' AND customer.level > 2",
                        "attributes":{"operator":{"skills":["claims"]},"customer":{"level":3}}}""", body -> admin),
                new Target("classification try", "POST", "/api/admin/classification/try", """
                        {"text":"Привезли разбитый холодильник","language":"ru"}""", body -> admin),
                new Target("reply", "POST", "/api/sessions/" + session + "/messages", """
                        {"text":"Ответ MARK","clientKey":"k-MARK","attachments":[{"url":"https://shop.example/a.png",
                        "name":"a.png","mediaType":"image/png","size":1}]}""", body -> admin),
                new Target("category", "PUT", "/api/sessions/" + session + "/classification/category", """
                        {"category":"damage"}""", body -> admin),
                new Target("spam", "PUT", "/api/sessions/" + session + "/classification/spam", """
                        {"spam":false}""", body -> admin),
                new Target("assignee", "PUT", "/api/sessions/" + session + "/assignee", """
                        {"operator":"fuzz-op"}""", body -> admin),
                new Target("transfer", "POST", "/api/sessions/" + session + "/transfer", """
                        {"queue":"general","note":"n"}""", body -> admin),
                new Target("attributes", "PUT", "/api/customers/" + customer + "/attributes", """
                        {"vip":true,"segment":"gold","orders":3}""", body -> admin),
                new Target("webhook subscriptions", "POST", "/api/webhooks/subscriptions", """
                        {"url":"http://127.0.0.1:9/MARK","types":["io.parley.fuzz.MARK.*"],"enabled":false,
                        "filter":"data.n >= 424242 AND type != 'MARK'","description":"fz MARK",
                        "secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""", body -> admin),
                new Target("webhook replay", "POST", "/api/webhooks/subscriptions/" + UUID.randomUUID() + "/replay",
                        """
                                {"from":"2026-12-01T00:00:00Z","to":"2026-12-02T00:00:00Z","include":"all"}""",
                        body -> admin),
                new Target("merge", "POST", "/api/customers/" + customer + "/merge", """
                        {"sourceCustomerId":"%s","reason":"same person"}""".formatted(UUID.randomUUID()),
                        body -> admin));
        List<String> failed = new ArrayList<>();
        for (Target target : targets) {
            try {
                EndpointFuzz.run(target);
            } catch (AssertionError e) {
                failed.add(e.getMessage());
            }
        }
        assertThat(failed).isEmpty();
        given().header("Authorization", ADMIN).when().get("/q/health/live").then().statusCode(200);
        assertThat(
                given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).when().get("/api/sessions/{id}", session)
                        .then().extract().statusCode())
                .isEqualTo(200);
    }
}
