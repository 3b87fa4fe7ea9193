package io.parley.routing.assignment;

import static io.parley.testing.RoutingFixtures.queue;
import static io.parley.testing.RoutingFixtures.queueOf;
import static io.parley.testing.RoutingFixtures.rules;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.parley.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

/** Customers hear from a closed queue, and learn their place when nobody can take them yet. */
@QuarkusTest
class AutoReplyTest {

    @Test
    void aClosedQueueAnswersWithItsOutOfHoursReply() {
        UUID channel = Api.createInAppChannel("Night");
        Map<String, Object> closed = new HashMap<>(queueOf("true", 30, false));
        closed.put("businessHours", Map.of("timeZone", "Europe/Moscow", "weekly", Map.of()));
        closed.put("outOfHoursReply", "Мы работаем с 9 до 18 по Москве, ответим утром");
        queue("ar-closed", closed);
        rules(channel, List.of(Map.of("queue", "ar-closed")));

        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "Здравствуйте");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-Visitor-Token", visitor.token())
                .when().get("/api/inapp/{c}/messages", channel)
                .then().body("messages.text", hasItem("Мы работаем с 9 до 18 по Москве, ответим утром"))
                .body("messages.find { it.direction == 'OUT' }.deliveryStatus", equalTo("SENT")));
    }

    @Test
    void waitingCustomersAreToldTheirPlaceInTheQueue() {
        UUID channel = Api.createInAppChannel("Busy");
        Map<String, Object> busy = new HashMap<>(queueOf("operator.groups HAS 'nobody-here'", 30, false));
        busy.put("positionReply", "Вы {position}-й в очереди");
        queue("ar-busy", busy);
        rules(channel, List.of(Map.of("queue", "ar-busy")));

        Api.Visitor first = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, first.token(), "1", "первый");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-Visitor-Token", first.token())
                .when().get("/api/inapp/{c}/messages", channel).then().body("messages.text", hasItem("Вы 1-й в очереди")));
        Api.Visitor second = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, second.token(), "1", "второй");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-Visitor-Token", second.token())
                .when().get("/api/inapp/{c}/messages", channel).then().body("messages.text", hasItem("Вы 2-й в очереди")));
    }
}
