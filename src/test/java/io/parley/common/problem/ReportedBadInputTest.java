package io.parley.common.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The requests an attacker's run answered with 500 (issue "Hardening the pipeline"), each now a clear 4xx. */
@QuarkusTest
class ReportedBadInputTest {

    private static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer(Roles.ADMIN)).contentType(ContentType.JSON);
    }

    @Test
    void nullChannelSettingsNameTheField() {
        admin().body("""
                {"type":"webhook","name":"n","config":{"url":"http://127.0.0.1:9/r","replayWindowSeconds":null},
                "secrets":{"signingSecret":"0123456789abcdef0123456789abcdef"}}""")
                .when().post("/api/admin/channels").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("config.replayWindowSeconds"));
        admin().body("""
                {"type":"inapp","name":"n","config":{"title":null},"secrets":{"identitySecret":"0123456789abcdef-x"}}""")
                .when().post("/api/admin/channels").then().statusCode(400)
                .body("errors[0].field", equalTo("config.title"));
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        admin().body("""
                {"displayName":"Dup","skills":["claims"],"skills":["vip"],"languages":["ru"]}""")
                .when().put("/api/admin/operators/dup-keys").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("skills"));
        UUID channel = Api.createInAppChannel("Duplicates");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        given().contentType(ContentType.JSON).header("X-Visitor-Token", visitor.token()).body("""
                {"clientMessageId":"a","text":"one","attachments":[],"text":"two"}""")
                .when().post("/api/inapp/{c}/messages", channel).then().statusCode(400)
                .body("errors[0].field", equalTo("text"));
    }

    @Test
    void aNumberWhereTextIsExpectedIsRefusedNotConverted() {
        UUID channel = Api.createInAppChannel("Numbers");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        given().contentType(ContentType.JSON).header("X-Visitor-Token", visitor.token()).body("""
                {"clientMessageId":12345,"text":"hi"}""")
                .when().post("/api/inapp/{c}/messages", channel).then().statusCode(400)
                .body("errors[0].field", equalTo("clientMessageId"));
    }

    @Test
    void hugeNumbersInDryRunsAndExpressionChecksAreNotServerErrors() {
        admin().body("""
                {"conversation":{"channel":"vk","level":1e400}}""")
                .when().post("/api/admin/routing/dry-run").then().statusCode(lessThan(500));
        admin().body("""
                {"expression":"customer.level > 2","attributes":{"customer":{"level":1e400}}}""")
                .when().post("/api/admin/routing/expressions/check").then().statusCode(lessThan(500));
    }

    @Test
    void nulInAPathOrQueryIsRefused() {
        admin().body(Map.of("displayName", "x", "skills", List.of(), "languages", List.of()))
                .when().put("/api/admin/operators/a%00b").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR))
                .queryParam("channelId", UUID.randomUUID()).urlEncodingEnabled(false)
                .queryParam("externalUserId", "a%00b")
                .when().get("/api/customers").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void plainTextBodiesAreUnsupportedMediaTypes() {
        UUID session = UUID.randomUUID();
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).contentType("text/plain")
                .body("{\"category\":\"damage\"}").when().put("/api/sessions/{id}/classification/category", session)
                .then().statusCode(415).contentType(Problem.MEDIA_TYPE);
        given().header("Authorization", TestTokens.bearer(Roles.SUPERVISOR)).contentType("text/plain")
                .body("{\"operator\":\"anna\"}").when().put("/api/sessions/{id}/assignee", session)
                .then().statusCode(415).contentType(Problem.MEDIA_TYPE);
    }
}
