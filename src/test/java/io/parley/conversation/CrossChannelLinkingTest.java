package io.parley.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** One customer across channels: only verified identifiers link automatically; supervisors link by hand, audited. */
@QuarkusTest
class CrossChannelLinkingTest {

    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    @Test
    void aVerifiedUserWritingInTwoChannelsHasOneTimelineAndOneSession() {
        // Given the company's site and its mobile app, and a signed-in user writing in both
        UUID site = Api.createInAppChannel("Site");
        UUID app = Api.createInAppChannel("Mobile app");
        String userId = "u-" + UUID.randomUUID();
        Api.Visitor onSite = Api.verifiedVisitor(site, userId);
        Api.Visitor inApp = Api.verifiedVisitor(app, userId);

        Api.visitorSays(site, onSite.token(), "s-1", "Холодильник не морозит");
        String customer = awaitCustomer(site, onSite.id());
        Api.visitorSays(app, inApp.token(), "a-1", "Пишу из приложения, номер заказа 77-100");
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.customerOf(app, inApp.id()), customer::equals);

        // Then both messages are in one timeline, in one open session
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}/timeline", customer)
                .then().body("messages", hasSize(2))
                .body("messages.channelId", containsInAnyOrder(site.toString(), app.toString()))
                .body("messages[0].sessionId", equalTo(
                        given().header("Authorization", SUPERVISOR)
                                .when().get("/api/customers/{id}/timeline", customer)
                                .then().extract().path("messages[1].sessionId")));
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}", customer)
                .then().body("identities", hasSize(2));
    }

    @Test
    void anonymousVisitorsAreNeverLinkedAutomaticallyButCanBeMergedAndUnlinkedByHand() {
        // Given two anonymous visitors (perhaps the same person) on two channels
        UUID site = Api.createInAppChannel("Site B");
        UUID app = Api.createInAppChannel("App B");
        Api.Visitor first = Api.anonymousVisitor(site);
        Api.Visitor second = Api.anonymousVisitor(app);
        Api.visitorSays(site, first.token(), "1", "Здравствуйте, это Анна");
        Api.visitorSays(app, second.token(), "1", "Здравствуйте, это Анна");
        String a = awaitCustomer(site, first.id());
        String b = awaitCustomer(app, second.id());

        // Then they are two customers
        assertThat(a).isNotEqualTo(b);

        // When a supervisor merges them, then one customer has both identities and the whole history
        given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("sourceCustomerId", b, "reason", "same phone number confirmed by call"))
                .when().post("/api/customers/{id}/merge", a)
                .then().statusCode(200).body("identities", hasSize(2));
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}/timeline", a)
                .then().body("messages", hasSize(2));
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}", b)
                .then().statusCode(409).contentType("application/problem+json");

        // When the supervisor unlinks the app identity again, then it is a separate customer with its message
        String appIdentity = given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}", a)
                .then().extract().path("identities.find { it.channelId == '" + app + "' }.id");
        given().header("Authorization", SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("reason", "different people after all"))
                .when().post("/api/customers/{id}/identities/{identity}/unlink", a, appIdentity)
                .then().statusCode(200).body("identities", hasSize(1));
        String split = Api.customerOf(app, second.id());
        assertThat(split).isNotIn(a, b);
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}/timeline", split)
                .then().body("messages", hasSize(1));
        given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}/timeline", a)
                .then().body("messages", hasSize(1));
    }

    @Test
    void operatorsCannotLinkCustomers() {
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).contentType(ContentType.JSON)
                .body(Map.of("sourceCustomerId", UUID.randomUUID(), "reason", "x"))
                .when().post("/api/customers/{id}/merge", UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    void aWrongUserSignatureIsRefused() {
        UUID site = Api.createInAppChannel("Site C");
        given().contentType(ContentType.JSON).body(Map.of("userId", "42", "userHash", "00ff"))
                .when().post("/api/inapp/{c}/visitors", site)
                .then().statusCode(401).contentType("application/problem+json")
                .body("errors[0].field", equalTo("userHash"));
    }

    private static String awaitCustomer(UUID channel, String visitorId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> Api.customerOf(channel, visitorId),
                id -> id != null);
    }
}
