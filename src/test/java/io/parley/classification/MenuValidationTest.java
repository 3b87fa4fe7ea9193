package io.parley.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.common.problem.ProblemException;

/** Menus are refused when a customer could get stuck, naming the field. */
class MenuValidationTest {

    static MenuFlow.Node choice(String text, MenuFlow.Option... options) {
        return new MenuFlow.Node(text, List.of(options), null, null);
    }

    static MenuFlow.Option to(String label, String next) {
        return new MenuFlow.Option(label, next, null, null);
    }

    static MenuFlow flow(Map<String, MenuFlow.Node> nodes) {
        return new MenuFlow(List.of("inapp"), "root", null, null, null, null, null, nodes);
    }

    static String refusedField(MenuFlow flow) {
        try {
            MenuValidation.validate(flow);
        } catch (ProblemException e) {
            return e.problem().errors().getFirst().field();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void aMenuWhereEveryPathEndsIsAccepted() {
        assertThatCode(() -> MenuValidation.validate(flow(Map.of(
                "root", choice("Чем помочь?", to("Заказ", "order"), to("Часы", "hours"), to("Оператор", "@operator")),
                "order", new MenuFlow.Node("Номер заказа?", null, "orderNumber", "@operator"),
                "hours", new MenuFlow.Node("9–21", null, null, "@close"))))).doesNotThrowAnyException();
    }

    @Test
    void unknownTargetsUnreachableNodesAndLoopsAreRefused() {
        assertThat(refusedField(flow(Map.of("root", choice("?", to("A", "nowhere"))))))
                .isEqualTo("nodes.root.options[0].next");
        assertThat(refusedField(flow(Map.of("root", choice("?", to("A", "@close")),
                "orphan", new MenuFlow.Node("x", null, null, "@close"))))).isEqualTo("nodes.orphan");
        assertThat(refusedField(flow(Map.of("root", choice("?", to("B", "b")),
                "b", choice("?", to("back", "root")))))).startsWith("nodes.");
        assertThat(refusedField(flow(Map.of("root", choice("?", to("A", "a")),
                "a", new MenuFlow.Node("a", null, null, "b"), "b", new MenuFlow.Node("b", null, null, "a"),
                "exit", new MenuFlow.Node("x", null, null, "@close"))))).startsWith("nodes.");
        assertThat(refusedField(flow(Map.of("root", new MenuFlow.Node("Имя?", null, "name", null)))))
                .isEqualTo("nodes.root.next");
        assertThat(refusedField(new MenuFlow(List.of(), "root", null, null, null, null, null,
                Map.of("root", choice("?", to("A", "@close")))))).isEqualTo("channels");
    }
}
