package io.parley.classification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * End to end: a message's classification is stored, visible in its session, and drives a workflow rule to a queue;
 * spam never reaches routing, is answered once, and a supervisor's decision changes what happens next.
 */
@QuarkusTest
class ClassificationRoutingTest {

    static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    /** Damage claims of {@code channel} go to {@code cls-damage}, the rest of it to {@code cls-other}. */
    static void routeByCategory(UUID channel) {
        queue("cls-damage");
        queue("cls-other");
        queue("nobody");
        String mine = "conversation.channelId == '" + channel + "'";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("filters", List.of(
                        Map.of("name", "damage", "when", mine + " AND classification.category == 'damage'",
                                "targets", List.of(Map.of("queue", "cls-damage"))),
                        Map.of("name", "rest", "when", mine, "targets", List.of(Map.of("queue", "cls-other")))),
                        "defaultTarget", Map.of("queue", "nobody")))
                .when().put("/api/admin/workflow").then().statusCode(200);
    }

    static void queue(String id) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", id, "targetExpression", "false", "offerTimeoutSeconds", 30))
                .when().put("/api/admin/queues/{id}", id).then().statusCode(Matchers.oneOf(200, 201));
    }

    static String queueOf(String session) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}/routing", session).then().statusCode(200).extract()
                .<String> path("[0].decision.queue"), q -> q != null);
    }

    @Test
    void aDamageClaimIsClassifiedVisibleInItsSessionAndRoutedByARule() {
        UUID channel = Api.createInAppChannel("Shop");
        routeByCategory(channel);

        Api.Visitor damaged = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, damaged.token(), "1", "Здравствуйте! Заказ пришёл, а ваза внутри разбита, срочно");
        String session = Api.sessionOf(channel, damaged);

        assertThat(queueOf(session)).isEqualTo("cls-damage");
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/classification", session)
                .then().statusCode(200)
                .body("category", equalTo("damage")).body("source", Matchers.oneOf("rule", "model"))
                .body("language", equalTo("ru")).body("urgent", equalTo(true)).body("spam", equalTo(false))
                .body("messages[0].category", equalTo("damage"));

        Api.Visitor asking = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, asking.token(), "1", "Hi, where is my order? Tracking shows nothing");
        String other = Api.sessionOf(channel, asking);
        assertThat(queueOf(other)).isEqualTo("cls-other");
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/classification", other)
                .then().body("category", equalTo("delivery")).body("language", equalTo("en"));
    }

    @Test
    void spamIsKeptFromRoutingAnsweredOnceAndReleasedWhenUnmarked() {
        UUID channel = Api.createInAppChannel("Spam target");
        routeByCategory(channel);

        Api.Visitor spammer = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, spammer.token(), "1", "Добрый день! Предлагаем дизельное топливо оптом со склада");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-Visitor-Token", spammer.token())
                .when().get("/api/inapp/{c}/messages", channel).then()
                .body("messages.text", hasItem(Matchers.startsWith("Спасибо за сообщение!"))));
        String session = Api.sessionOf(channel, spammer);
        // the reply was written in the same transaction that set the task to SPAM: routing never saw it waiting
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/classification", session)
                .then().body("spam", equalTo(true)).body("spamReason", equalTo("trigger 'дизельное топливо'"))
                .body("taskState", equalTo("SPAM"));
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/routing", session)
                .then().body("$", empty());

        Api.visitorSays(channel, spammer.token(), "2", "Бартер тоже возможен");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}/classification", session).then().body("messages.size()", equalTo(2)));
        given().header("X-Visitor-Token", spammer.token()).when().get("/api/inapp/{c}/messages", channel)
                .then().body("messages.findAll { it.direction == 'OUT' }.size()", equalTo(1));

        // a supervisor decides it is not spam: routing takes it
        given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON).body(Map.of("spam", false))
                .when().put("/api/sessions/{id}/classification/spam", session)
                .then().statusCode(200).body("spam", equalTo(false)).body("taskState", equalTo("WAITING"));
        assertThat(queueOf(session)).isEqualTo("cls-other");
    }

    @Test
    void aSupervisorsSpamMarkKeepsTheCustomersLaterSessionsAway() {
        UUID channel = Api.createInAppChannel("Marked");
        routeByCategory(channel);
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "Hello, I have a question about my account");
        String session = Api.sessionOf(channel, visitor);
        assertThat(queueOf(session)).isEqualTo("cls-other");

        given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON).body(Map.of("spam", true))
                .when().put("/api/sessions/{id}/classification/spam", session)
                .then().statusCode(200).body("spam", equalTo(true)).body("taskState", equalTo("SPAM"));
        given().header("Authorization", SUPERVISOR).when().post("/api/sessions/{id}/close", session)
                .then().statusCode(200);

        Api.visitorSays(channel, visitor.token(), "2", "Hello again, a perfectly normal question");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}/classification", session).then()
                .body("messages.size()", equalTo(2)).body("taskState", equalTo("SPAM")));
        // operators may not decide about spam
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).contentType(ContentType.JSON)
                .body(Map.of("spam", false)).when().put("/api/sessions/{id}/classification/spam", session)
                .then().statusCode(403);
    }

    @Test
    void aVipCustomerIsRoutedByTheirAttributesFromTheirNextMessageOn() {
        UUID channel = Api.createInAppChannel("Classification VIP");
        queue("cls-vip");
        queue("cls-other");
        queue("nobody");
        String mine = "conversation.channelId == '" + channel + "'";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("filters", List.of(
                        Map.of("name", "vip", "when", mine + " AND classification.vip AND customer.segment == 'gold'",
                                "targets", List.of(Map.of("queue", "cls-vip"))),
                        Map.of("name", "rest", "when", mine, "targets", List.of(Map.of("queue", "cls-other")))),
                        "defaultTarget", Map.of("queue", "nobody")))
                .when().put("/api/admin/workflow").then().statusCode(200);
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "Здравствуйте, вопрос по заказу");
        String session = Api.sessionOf(channel, visitor);
        assertThat(queueOf(session)).isEqualTo("cls-other");
        String customer = given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().extract().path("customerId");

        // the CRM marks the customer; bad attributes are refused naming the field
        given().header("Authorization", TestTokens.bearer(Roles.INTEGRATOR)).contentType(ContentType.JSON)
                .body(Map.of("vip", true, "segment", "gold")).when().put("/api/customers/{id}/attributes", customer)
                .then().statusCode(200).body("vip", equalTo(true));
        given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON).body(Map.of("tier", Map.of("a", 1)))
                .when().put("/api/customers/{id}/attributes", customer).then().statusCode(400)
                .body("errors[0].field", equalTo("attributes.tier"));
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).contentType(ContentType.JSON)
                .body(Map.of("vip", false)).when().put("/api/customers/{id}/attributes", customer).then()
                .statusCode(403);

        // their next message (the session reopens) is routed as a VIP's
        given().header("Authorization", SUPERVISOR).when().post("/api/sessions/{id}/close", session).then()
                .statusCode(200);
        Api.visitorSays(channel, visitor.token(), "2", "И ещё вопрос");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}/routing", session).then().statusCode(200)
                .body("decision.queue", hasItem("cls-vip")));
    }
}
