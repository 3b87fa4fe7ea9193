package io.parley.routing.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.parley.routing.expression.ExpressionParser;
import io.parley.routing.queue.SelectionStrategy;
import io.parley.routing.workflow.CompiledWorkflow;
import io.parley.routing.workflow.Workflow;

/** The README's worked example and the engine's rules, without any I/O. */
class RoutingCoreTest {

    private static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");

    /** Damage complaints go to claims for 2 minutes, then overflow to general; everything else to general. */
    private static final CompiledWorkflow WORKFLOW = CompiledWorkflow.compile(3, new Workflow(
            List.of(new Workflow.Filter("damage claims", "classification.category == 'damage'", List.of(
                    new Workflow.Target("claims", 10, 120, null, null),
                    new Workflow.Target("general", 10, null, null, null))),
                    new Workflow.Filter("vip", "customer.vip", List.of(
                            new Workflow.Target("general", 50, null, "operator.skills HAS 'vip'", null)))),
            new Workflow.Target("general", 0, null, null, null)), null);

    private static final Map<String, QueueSnapshot> QUEUES = Map.of(
            "claims", new QueueSnapshot("claims",
                    ExpressionParser.parse("operator.skills HAS 'claims' AND operator.languages HAS 'ru'"),
                    SelectionStrategy.LONGEST_IDLE, 30, false, true, 0, 0, null, null, null),
            "general", new QueueSnapshot("general", ExpressionParser.parse("true"), SelectionStrategy.LEAST_LOADED,
                    30, false, true, 0, 0, null, null, null));

    private static final Map<String, Object> RUSSIAN_VK_DAMAGE = Map.of(
            "conversation", Map.of("channel", "vk", "language", "ru"),
            "classification", Map.of("category", "damage"),
            "customer", Map.of("vip", false));

    private static OperatorSnapshot operator(String subject, String status, List<String> skills, List<String> languages,
            int chatLoad, String idleSince) {
        return new OperatorSnapshot(subject, status, skills, languages, List.of(), Map.of("chat", 3, "email", 5), 4,
                Map.of("chat", chatLoad), Instant.parse(idleSince), null);
    }

    private static final List<OperatorSnapshot> TEAM = List.of(
            operator("anna", "AVAILABLE", List.of("claims"), List.of("ru"), 1, "2026-11-23T06:50:00Z"),
            operator("boris", "AVAILABLE", List.of("claims"), List.of("ru", "en"), 0, "2026-11-23T06:40:00Z"),
            operator("carl", "AVAILABLE", List.of("claims"), List.of("en"), 0, "2026-11-23T06:00:00Z"),
            operator("dina", "BREAK", List.of("claims"), List.of("ru"), 0, "2026-11-23T05:00:00Z"),
            operator("egor", "AVAILABLE", List.of("claims"), List.of("ru"), 3, "2026-11-23T04:00:00Z"),
            operator("fedor", "AVAILABLE", List.of("returns", "vip"), List.of("ru"), 0, "2026-11-23T06:59:00Z"));

    @Test
    void inARoundOnlyOperatorsTheQueueAdmitsAreConsideredAndTheOthersCounted() {
        Map<String, OperatorSnapshot> team = new LinkedHashMap<>();
        TEAM.forEach(operator -> team.put(operator.subject(), operator));
        TargetMatches matches = new TargetMatches();

        Decision first = RoutingCore.decide(WORKFLOW, RUSSIAN_VK_DAMAGE, "chat", 0, QUEUES, team, Set.of(), null, NOW,
                matches);
        team.put("boris", team.get("boris").holding("chat", NOW));
        team.put("boris", team.get("boris").holding("chat", NOW));
        team.put("boris", team.get("boris").holding("chat", NOW));
        Decision second = RoutingCore.decide(WORKFLOW, RUSSIAN_VK_DAMAGE, "chat", 0, QUEUES, team, Set.of(), null, NOW,
                matches);

        assertThat(first.winner()).isEqualTo("boris");
        assertThat(first.candidates()).extracting(Decision.Candidate::operator)
                .containsExactlyInAnyOrder("anna", "boris", "dina", "egor");
        assertThat(first.notes()).contains("2 operators not considered: queue 'claims' expression does not match them");
        assertThat(second.winner()).as("the index follows the team's current snapshots").isEqualTo("anna");
        assertThat(second.candidates()).contains(new Decision.Candidate("boris", false, "full for chat (3/3)"));
    }

    @Test
    void aRussianVkDamageComplaintGoesToClaimsAndTheLongestIdleRussianSpeaker() {
        Decision decision = RoutingCore.decide(WORKFLOW, RUSSIAN_VK_DAMAGE, "chat", 0, QUEUES, TEAM, Set.of(), null, NOW);

        assertThat(decision.workflowVersion()).isEqualTo(3);
        assertThat(decision.filter()).isEqualTo("damage claims");
        assertThat(decision.queue()).isEqualTo("claims");
        assertThat(decision.timeoutSeconds()).isEqualTo(120);
        assertThat(decision.winner()).isEqualTo("boris");
        assertThat(decision.candidates()).containsExactlyInAnyOrder(
                new Decision.Candidate("anna", true, "eligible"),
                new Decision.Candidate("boris", true, "eligible"),
                new Decision.Candidate("carl", false, "queue expression does not match"),
                new Decision.Candidate("dina", false, "status BREAK"),
                new Decision.Candidate("egor", false, "full for chat (3/3)"),
                new Decision.Candidate("fedor", false, "queue expression does not match"));
    }

    @Test
    void afterTheClaimsTimeoutTheNextStepOverflowsToGeneral() {
        Decision decision = RoutingCore.decide(WORKFLOW, RUSSIAN_VK_DAMAGE, "chat", 1, QUEUES, TEAM, Set.of(), null, NOW);

        assertThat(decision.queue()).isEqualTo("general");
        assertThat(decision.step()).isEqualTo(1);
        assertThat(decision.timeoutSeconds()).isNull();
        // general picks the operator with the most spare chat capacity, longest idle among equals
        assertThat(decision.winner()).isEqualTo("carl");
    }

    @Test
    void unmatchedConversationsUseTheDefaultTargetAndTargetExpressionsNarrowTheCandidates() {
        Decision other = RoutingCore.decide(WORKFLOW, Map.of("classification", Map.of("category", "refund")), "chat",
                0, QUEUES, TEAM, Set.of(), null, NOW);
        assertThat(other.filter()).isEqualTo("default");
        assertThat(other.queue()).isEqualTo("general");

        Decision vip = RoutingCore.decide(WORKFLOW, Map.of("customer", Map.of("vip", true)), "chat", 0, QUEUES, TEAM,
                Set.of(), null, NOW);
        assertThat(vip.filter()).isEqualTo("vip");
        assertThat(vip.priority()).isEqualTo(50);
        assertThat(vip.winner()).isEqualTo("fedor");
        assertThat(vip.candidates()).filteredOn(c -> c.operator().equals("anna")).singleElement()
                .extracting(Decision.Candidate::reason).isEqualTo("target expression does not match");
    }

    @Test
    void nobodyEligibleOrAClosedQueueMeansWaitingWithoutAWinner() {
        List<OperatorSnapshot> onBreak = List.of(operator("dina", "BREAK", List.of("claims"), List.of("ru"), 0,
                "2026-11-23T05:00:00Z"));
        assertThat(RoutingCore.decide(WORKFLOW, RUSSIAN_VK_DAMAGE, "chat", 0, QUEUES, onBreak, Set.of(), null, NOW).winner())
                .isNull();

        Map<String, QueueSnapshot> closed = Map.of("claims", new QueueSnapshot("claims",
                ExpressionParser.parse("true"), SelectionStrategy.LONGEST_IDLE, 30, false, false, 0, 0, null, null, null),
                "general",
                QUEUES.get("general"));
        Decision decision = RoutingCore.decide(WORKFLOW, RUSSIAN_VK_DAMAGE, "chat", 0, closed, TEAM, Set.of(), null, NOW);
        assertThat(decision.queueOpen()).isFalse();
        assertThat(decision.winner()).isNull();
        assertThat(decision.notes()).contains("queue 'claims' is outside its business hours");
    }

    @Test
    void skipIfMovesAlongTheLadder() {
        CompiledWorkflow skipping = CompiledWorkflow.compile(4, new Workflow(List.of(new Workflow.Filter("all",
                "true", List.of(new Workflow.Target("claims", 0, 60, null, "queue.waiting > 10"),
                        new Workflow.Target("general", 0, null, null, null)))),
                new Workflow.Target("general", 0,
                        null, null, null)),
                null);
        Map<String, QueueSnapshot> busy = Map.of("claims", new QueueSnapshot("claims", ExpressionParser.parse("true"),
                SelectionStrategy.LONGEST_IDLE, 30, false, true, 25, 0, null, null, null), "general", QUEUES.get("general"));

        Decision decision = RoutingCore.decide(skipping, RUSSIAN_VK_DAMAGE, "chat", 0, busy, TEAM, Set.of(), null, NOW);

        assertThat(decision.queue()).isEqualTo("general");
        assertThat(decision.notes()).containsExactly("target 0: skipped, skipIf holds");
    }

    @Test
    void aReopenedConversationGoesBackToItsLastOperatorWhenEligibleAndExcludedOperatorsAreSkipped() {
        Decision back = RoutingCore.decide(WORKFLOW, RUSSIAN_VK_DAMAGE, "chat", 0, QUEUES, TEAM, Set.of(), "anna", NOW);
        assertThat(back.winner()).isEqualTo("anna");
        assertThat(back.notes()).contains("returned to the last operator, anna");

        Decision onBreak = RoutingCore.decide(WORKFLOW, RUSSIAN_VK_DAMAGE, "chat", 0, QUEUES, TEAM, Set.of(), "dina",
                NOW);
        assertThat(onBreak.winner()).isEqualTo("boris");

        Decision declined = RoutingCore.decide(WORKFLOW, RUSSIAN_VK_DAMAGE, "chat", 0, QUEUES, TEAM, Set.of("boris"),
                null, NOW);
        assertThat(declined.winner()).isEqualTo("anna");
        assertThat(declined.candidates()).contains(
                new Decision.Candidate("boris", false, "declined or missed this conversation's offer"));
    }

    @Test
    void aQueuesMaximumWaitShortensTheStepTimeout() {
        Map<String, QueueSnapshot> impatient = Map.of("claims", new QueueSnapshot("claims",
                ExpressionParser.parse("true"), SelectionStrategy.LONGEST_IDLE, 30, false, true, 0, 0, 45, null, null),
                "general", QUEUES.get("general"));
        Decision decision = RoutingCore.decide(WORKFLOW, RUSSIAN_VK_DAMAGE, "chat", 0, impatient, List.of(), Set.of(),
                null, NOW);
        assertThat(decision.timeoutSeconds()).isEqualTo(45);
    }

    @Test
    void roundRobinOffersToWhoeverWasOfferedLeastRecently() {
        Map<String, QueueSnapshot> roundRobin = Map.of("general", new QueueSnapshot("general",
                ExpressionParser.parse("true"), SelectionStrategy.ROUND_ROBIN, 30, false, true, 0, 0, null, null, null));
        List<OperatorSnapshot> team = List.of(
                new OperatorSnapshot("a", "AVAILABLE", List.of(), List.of(), List.of(), Map.of("chat", 3), 3, Map.of(),
                        NOW, Instant.parse("2026-11-23T06:59:00Z")),
                new OperatorSnapshot("b", "AVAILABLE", List.of(), List.of(), List.of(), Map.of("chat", 3), 3, Map.of(),
                        NOW, Instant.parse("2026-11-23T06:58:00Z")));
        assertThat(RoutingCore.decide(WORKFLOW, Map.of(), "chat", 0, roundRobin, team, Set.of(), null, NOW).winner())
                .isEqualTo("b");
    }
}
