package io.parley.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.KafkaTopics;
import io.parley.testing.RoutingFixtures;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A data subject's request: everything Parley keeps about a customer exported, then erased everywhere. */
@QuarkusTest
class CustomerDataTest {

    private static final String ADMIN = TestTokens.bearer(Roles.ADMIN);

    @Inject
    Pool pool;

    @Test
    void aCustomersDataIsExportedThenErasedEverywhere() throws Exception {
        // Given a verified customer who wrote, sent a photo, and whose conversation has a note, attributes and a label
        UUID channel = Api.createInAppChannel("Privacy");
        String userId = "user-" + UUID.randomUUID();
        Api.Visitor visitor = Api.verifiedVisitor(channel, userId);
        String photo = given().header("X-Visitor-Token", visitor.token()).contentType("image/png")
                .queryParam("name", "passport.png").body(new byte[] { 1, 2, 3 })
                .when().post("/api/inapp/{c}/uploads", channel).then().statusCode(201).extract().path("url");
        given().header("X-Visitor-Token", visitor.token()).contentType(ContentType.JSON)
                .body(Map.of("clientMessageId", "p-1", "text", "Мой паспорт 4510 123456, телефон +79991234567",
                        "attachments", List.of(Map.of("url", photo, "name", "passport.png", "mediaType", "image/png",
                                "size", 3))))
                .when().post("/api/inapp/{c}/messages", channel).then().statusCode(202);
        String session = Api.sessionOf(channel, visitor);
        String customer = Api.customerOf(channel, visitor.id());
        given().header("Authorization", RoutingFixtures.SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("tier", "gold")).when().put("/api/customers/{id}/attributes", customer).then().statusCode(200);
        given().header("Authorization", RoutingFixtures.SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("text", "Клиент Иванов, проверить паспорт")).when().post("/api/sessions/{id}/notes", session)
                .then().statusCode(201);
        given().header("Authorization", RoutingFixtures.SUPERVISOR).contentType(ContentType.JSON)
                .body(Map.of("category", "damage", "resolution", "resolved")).when()
                .post("/api/sessions/{id}/close", session).then().statusCode(200);

        given().header("Authorization", RoutingFixtures.SUPERVISOR).when().get("/api/customers/{id}", customer).then()
                .body("verified[0].kind", equalTo("app_user")).body("verified[0].value", equalTo(userId))
                .body("identities[0].channelType", equalTo("inapp"));

        // When an administrator exports it: everything is there
        given().header("Authorization", ADMIN).when().get("/api/admin/customers/{id}/export", customer).then()
                .statusCode(200)
                .body("customers[0].attributes.tier", equalTo("gold"))
                .body("identities[0].external_user_id", equalTo(visitor.id()))
                .body("messages[0].text", equalTo("Мой паспорт 4510 123456, телефон +79991234567"))
                .body("notes[0].text", equalTo("Клиент Иванов, проверить паспорт"))
                .body("sessions[0].wrap_up_resolution", equalTo("resolved"));
        for (String token : new String[] { RoutingFixtures.SUPERVISOR, RoutingFixtures.token("op") }) {
            given().header("Authorization", token).when().get("/api/admin/customers/{id}/export", customer).then()
                    .statusCode(403);
        }
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .when().post("/api/admin/customers/{id}/erase", customer).then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));

        // And erases it on the customer's request
        try (KafkaTopics.Reader events = KafkaTopics.read("parley.events")) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("reason", "request of 2026-12-08")).when()
                    .post("/api/admin/customers/{id}/erase", customer).then().statusCode(204);
            assertThat(events.await(v -> v.contains("io.parley.customer.erased") && v.contains(customer)))
                    .contains("request of 2026-12-08").doesNotContain("паспорт");
        }

        // Then nothing personal is left: texts, files, notes, attributes, identifiers, training labels
        given().header("Authorization", ADMIN).when().get("/api/admin/customers/{id}/export", customer).then()
                .statusCode(200)
                .body("customers[0].attributes", equalTo(Map.of()))
                .body("identities[0].external_user_id", startsWith("erased:"))
                .body("verifiedIdentifiers", empty())
                .body("messages[0].text", nullValue())
                .body("messages[0].attachments", equalTo("[]"))
                .body("notes", empty())
                .body("sessions[0].wrap_up_resolution", equalTo("resolved"));
        given().when().get(URI.create(photo).getRawPath()).then().statusCode(404);
        given().header("Authorization", RoutingFixtures.SUPERVISOR).queryParam("channelId", channel)
                .queryParam("externalUserId", visitor.id()).when().get("/api/customers").then().statusCode(200)
                .body("$", empty());
        assertThat(count("SELECT count(*) AS n FROM classification_labels WHERE session_id = $1",
                UUID.fromString(session))).isZero();
        assertThat(count("SELECT count(*) AS n FROM audit_log WHERE action = 'customer.erased' AND subject = $1",
                customer)).isEqualTo(1);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .when().post("/api/admin/customers/{id}/erase", UUID.randomUUID()).then().statusCode(404);

        // And the same user writing again is a new customer, not linked to the erased one
        Api.Visitor again = Api.verifiedVisitor(channel, userId);
        Api.visitorSays(channel, again.token(), "p-2", "Снова здравствуйте");
        Api.sessionOf(channel, again);
        given().header("Authorization", RoutingFixtures.SUPERVISOR).queryParam("channelId", channel)
                .queryParam("externalUserId", again.id()).when().get("/api/customers").then()
                .body("id", hasItem(org.hamcrest.Matchers.not(customer)));
    }

    private long count(String sql, Object parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely().iterator().next()
                .getLong("n");
    }
}
