package io.parley.classification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.runtime.InboundEnvelope;
import io.parley.channel.runtime.ScriptedAdapterFactory;
import io.parley.channel.spi.Button;
import io.parley.channel.spi.InboundEvent;
import io.parley.channel.spi.OutboundMessage;
import io.parley.channel.spi.Sender;
import io.parley.security.Roles;
import io.parley.testing.Api;
import io.parley.testing.KafkaTopics;
import io.parley.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The menu bot before handoff: numbered text in the in-app chat, buttons where the channel has them, answers that
 * route the customer, an FAQ answer that closes the session, the operator always reachable, timeouts, and menus
 * refused when they have dead ends.
 */
@QuarkusTest
class MenuBotTest {

    static final String ADMIN = TestTokens.bearer(Roles.ADMIN);
    static final String SUPERVISOR = TestTokens.bearer(Roles.SUPERVISOR);

    @Inject
    ObjectMapper json;

    /** Главное меню: where is my order (asks the number), refund, opening hours (FAQ that closes). */
    static Map<String, Object> shopMenu(String channel, int timeoutSeconds) {
        return Map.of("channels", List.of(channel), "start", "root", "timeoutSeconds", timeoutSeconds,
                "handoverText", "Соединяем с оператором",
                "nodes", Map.of(
                        "root", Map.of("text", "Чем помочь?", "options", List.of(
                                Map.of("label", "Где мой заказ", "next", "order", "category", "delivery",
                                        "set", Map.of("topic", "delivery")),
                                Map.of("label", "Возврат", "next", "@operator", "category", "refund",
                                        "set", Map.of("topic", "refund")),
                                Map.of("label", "Часы работы", "next", "hours"))),
                        "order", Map.of("text", "Номер заказа?", "ask", "orderNumber", "next", "@operator"),
                        "hours", Map.of("text", "Мы работаем с 9 до 21", "next", "@close")));
    }

    static void saveMenu(String id, Map<String, Object> menu) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(menu)
                .when().put("/api/admin/menus/{id}", id).then().statusCode(200);
    }

    /** Delivery topics of {@code channel} go to {@code menu-delivery}, the rest of it to {@code menu-other}. */
    static void routeByMenuAnswer(UUID channel) {
        ClassificationRoutingTest.queue("menu-delivery");
        ClassificationRoutingTest.queue("menu-other");
        ClassificationRoutingTest.queue("nobody");
        String mine = "conversation.channelId == '" + channel + "'";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("filters", List.of(
                        Map.of("name", "delivery", "when", mine + " AND menu.topic == 'delivery'",
                                "targets", List.of(Map.of("queue", "menu-delivery"))),
                        Map.of("name", "rest", "when", mine, "targets", List.of(Map.of("queue", "menu-other")))),
                        "defaultTarget", Map.of("queue", "nobody")))
                .when().put("/api/admin/workflow").then().statusCode(200);
    }

    static List<String> visitorSees(UUID channel, Api.Visitor visitor) {
        return given().header("X-Visitor-Token", visitor.token()).when().get("/api/inapp/{c}/messages", channel)
                .then().statusCode(200).extract().path("messages.text");
    }

    @Test
    void inAppCustomerChoosesByNumberAnswersAQuestionAndIsRoutedByTheAnswer() {
        UUID channel = Api.createInAppChannel("Menu shop");
        saveMenu("shop-" + channel, shopMenu(channel.toString(), 300));
        routeByMenuAnswer(channel);

        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "Здравствуйте");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(visitorSees(channel, visitor))
                .contains("Чем помочь?\n1. Где мой заказ\n2. Возврат\n3. Часы работы\n4. Оператор / Operator"));
        String session = Api.sessionOf(channel, visitor);
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/classification", session)
                .then().body("taskState", equalTo("BOT"));

        Api.visitorSays(channel, visitor.token(), "2", "1");
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
        }
        System.out.println("DEBUG sees " + visitorSees(channel, visitor));
        System.out.println("DEBUG cls " + given().header("Authorization", SUPERVISOR).when()
                .get("/api/sessions/{id}/classification", session).asString());
        await().atMost(Duration.ofSeconds(20)).until(() -> visitorSees(channel, visitor).contains("Номер заказа?"));
        Api.visitorSays(channel, visitor.token(), "3", "4455667");

        assertThat(ClassificationRoutingTest.queueOf(session)).isEqualTo("menu-delivery");
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/classification", session)
                .then().body("category", equalTo("delivery")).body("source", equalTo("menu"));
        await().atMost(Duration.ofSeconds(20)).until(() -> visitorSees(channel, visitor)
                .contains("Соединяем с оператором"));
    }

    @Test
    void anFaqAnswerClosesTheSessionAndTheOperatorWordAlwaysHandsOver() {
        UUID channel = Api.createInAppChannel("Menu faq");
        saveMenu("faq-" + channel, shopMenu(channel.toString(), 300));
        routeByMenuAnswer(channel);

        Api.Visitor faq = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, faq.token(), "1", "Hi");
        await().atMost(Duration.ofSeconds(20)).until(() -> visitorSees(channel, faq).size() == 2);
        Api.visitorSays(channel, faq.token(), "2", "Часы работы");
        String session = Api.sessionOf(channel, faq);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("Authorization", SUPERVISOR)
                .when().get("/api/sessions/{id}", session).then().body("state", equalTo("CLOSED"))
                .body("closeReason", equalTo("menu faq-" + channel + " answered")));
        assertThat(visitorSees(channel, faq)).contains("Мы работаем с 9 до 21");

        Api.Visitor impatient = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, impatient.token(), "1", "Добрый день");
        await().atMost(Duration.ofSeconds(20)).until(() -> visitorSees(channel, impatient).size() == 2);
        Api.visitorSays(channel, impatient.token(), "2", "Позовите оператора!");
        String other = Api.sessionOf(channel, impatient);
        assertThat(ClassificationRoutingTest.queueOf(other)).isEqualTo("menu-other");
    }

    @Test
    void silenceHandsOverAfterTheTimeout() {
        UUID channel = Api.createInAppChannel("Menu silent");
        saveMenu("silent-" + channel, shopMenu(channel.toString(), 1));
        routeByMenuAnswer(channel);

        Api.Visitor visitor = Api.anonymousVisitor(channel);
        Api.visitorSays(channel, visitor.token(), "1", "Здравствуйте");
        String session = Api.sessionOf(channel, visitor);

        assertThat(ClassificationRoutingTest.queueOf(session)).isEqualTo("menu-other");
    }

    @Test
    void aChannelWithButtonsShowsAKeyboardAndAPressedButtonAnswers() throws Exception {
        String channel = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("type", "scripted", "name", "keyboard", "config", Map.of("buttons", "true")))
                .when().post("/api/admin/channels").then().statusCode(201).extract().path("id");
        UUID channelId = UUID.fromString(channel);
        saveMenu("keyboard-" + channel, shopMenu(channel, 300));
        routeByMenuAnswer(channelId);
        String chat = "tg-" + UUID.randomUUID();

        customerSends(channelId, chat, "m1", "/start");
        OutboundMessage menu = await().atMost(Duration.ofSeconds(20)).until(() -> ScriptedAdapterFactory.SENT.stream()
                .filter(m -> m.externalChatId().equals(chat) && !m.buttons().isEmpty()).findFirst().orElse(null),
                m -> m != null);
        assertThat(menu.text()).isEqualTo("Чем помочь?");
        assertThat(menu.buttons()).containsExactly(new Button("Где мой заказ", "1"), new Button("Возврат", "2"),
                new Button("Часы работы", "3"), new Button("Оператор / Operator", "4"));

        // pressing "Возврат" sends its payload back
        customerSends(channelId, chat, "m2", "2");
        String customer = await().atMost(Duration.ofSeconds(20)).until(() -> Api.customerOf(channelId, chat),
                id -> id != null);
        String session = given().header("Authorization", SUPERVISOR)
                .when().get("/api/customers/{id}/timeline", customer).then().extract().path("messages[0].sessionId");
        assertThat(ClassificationRoutingTest.queueOf(session)).isEqualTo("menu-other");
        given().header("Authorization", SUPERVISOR).when().get("/api/sessions/{id}/classification", session)
                .then().body("category", equalTo("refund")).body("source", equalTo("menu"));
    }

    @Test
    void menusWithDeadEndsOrUnknownNodesAreRefusedNamingTheField() {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("inapp"), "start", "root", "nodes", Map.of(
                        "root", Map.of("text", "Выберите", "options", List.of(Map.of("label", "A", "next", "nowhere"))))))
                .when().put("/api/admin/menus/{id}", "broken").then().statusCode(400)
                .body("errors.field", hasItem("nodes.root.options[0].next"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("inapp"), "start", "a", "nodes", Map.of(
                        "a", Map.of("text", "A", "options", List.of(Map.of("label", "to b", "next", "b"))),
                        "b", Map.of("text", "B", "options", List.of(Map.of("label", "to a", "next", "a"))))))
                .when().put("/api/admin/menus/{id}", "loop").then().statusCode(400)
                .body("errors.field", hasItem(Matchers.startsWith("nodes.")));
        given().header("Authorization", TestTokens.bearer(Roles.OPERATOR)).when().get("/api/admin/menus")
                .then().statusCode(403);
    }

    private void customerSends(UUID channel, String chat, String id, String text) throws Exception {
        InboundEnvelope envelope = new InboundEnvelope(channel, "scripted", Instant.now(),
                new InboundEvent.MessageReceived(id, chat, Sender.anonymous(chat), text, List.of(), Instant.now(),
                        Map.of()));
        KafkaTopics.write("parley.inbound", envelope.key(), json.writeValueAsString(envelope));
    }
}
