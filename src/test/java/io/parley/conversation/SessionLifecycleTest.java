package io.parley.conversation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.TestTokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** Inactivity closes a session; writing again within the reopen window reopens it, later opens a new one. */
@QuarkusTest
class SessionLifecycleTest {

    private static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    @Inject
    InactivitySweeper sweeper;

    @Inject
    ConversationConfig config;

    @Test
    void inactiveSessionClosesAndReopensWithinTheWindowButNotAfter() throws Throwable {
        UUID channel = Api.createInAppChannel("Lifecycle");
        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "first question");
        String customer = await().atMost(Duration.ofSeconds(20)).until(() -> Api.customerOf(channel, visitor.id()),
                id -> id != null);
        String session = sessionOf(customer, 0);

        // When the session has been idle longer than the inactivity timeout
        closeIdleAsOf(OffsetDateTime.now().plus(config.inactivityTimeout()).plusMinutes(1));
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}", session)
                .then().body("state", equalTo("CLOSED")).body("closeReason", equalTo("inactivity"));

        // Then a message within the reopen window reopens the same session
        Api.visitorSays(channel, visitor.token(), "2", "one more thing");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session)
                .then().body("state", equalTo("OPEN")).body("reopenCount", equalTo(1)));

        // When it closes again and the reopen window passes, then the next message opens a new session
        closeIdleAsOf(OffsetDateTime.now().plus(config.inactivityTimeout()).plusMinutes(1));
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> SessionEntity
                .update("closedAt = ?1 where id = ?2", OffsetDateTime.now().minus(config.reopenWindow())
                        .minusMinutes(1), UUID.fromString(session))));
        Api.visitorSays(channel, visitor.token(), "3", "new problem a week later");
        await().atMost(Duration.ofSeconds(20)).until(() -> !session.equals(sessionOf(customer, 0)));
        assertThat(sessionOf(customer, 1)).isEqualTo(session);
    }

    private void closeIdleAsOf(OffsetDateTime now) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> sweeper.closeIdle(now));
    }

    /** The session of the timeline's n-th newest message. */
    private static String sessionOf(String customer, int index) {
        return given().header("Authorization", SUPERVISOR).when().get("/api/customers/{id}/timeline", customer)
                .then().extract().path("messages[" + index + "].sessionId");
    }
}
