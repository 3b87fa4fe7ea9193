package io.parley.classification;

import java.util.List;
import java.util.Map;

/**
 * A menu the bot runs before a session reaches routing (docs/classification.md). Nodes are a graph from {@code start};
 * a transition ({@code next}) names a node or one of two ends: {@value #OPERATOR} hands the session to routing with
 * the answers, {@value #CLOSE} closes it (an FAQ answer that settled the question). "Talk to an operator" always works:
 * every choice gets an operator button, the operator words work anywhere, and {@code timeoutSeconds} of silence or
 * {@value #MAX_RETRIES} unrecognized answers hand over too.
 *
 * @param channels channel instance ids or channel types whose new sessions start this menu
 * @param start the first node
 * @param timeoutSeconds silence after which the session goes to routing
 * @param operatorLabel the label of the operator button
 * @param operatorWords words that hand over at any point (compared by stem)
 * @param retryText sent before the node again when an answer is not one of the options
 * @param handoverText sent when the session goes to an operator; none when null
 * @param nodes the nodes by id
 */
public record MenuFlow(List<String> channels, String start, Integer timeoutSeconds, String operatorLabel,
        List<String> operatorWords, String retryText, String handoverText, Map<String, Node> nodes) {

    public static final String OPERATOR = "@operator";
    public static final String CLOSE = "@close";
    static final int MAX_RETRIES = 2;
    static final int MAX_OPTIONS = 9;

    public MenuFlow {
        channels = channels == null ? List.of() : List.copyOf(channels);
        timeoutSeconds = timeoutSeconds == null ? 300 : timeoutSeconds;
        operatorLabel = operatorLabel == null ? "Оператор / Operator" : operatorLabel;
        operatorWords = operatorWords == null ? List.of("оператор", "человек", "operator", "agent", "human")
                : List.copyOf(operatorWords);
        retryText = retryText == null ? "Пожалуйста, выберите вариант. / Please choose an option." : retryText;
        nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
    }

    /**
     * A step of the menu: with {@code options} the customer chooses; with {@code ask} the customer's free text is
     * stored under that name and the flow goes to {@code next}; with only {@code next} the text is sent and the flow
     * goes on at once (e.g. an FAQ answer followed by {@value #CLOSE}).
     */
    public record Node(String text, List<Option> options, String ask, String next) {

        public Node {
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    /**
     * A choice.
     *
     * @param category sets the session's category (source {@code menu}) when chosen
     * @param set answers stored when chosen, e.g. {@code {"topic": "refund"}}
     */
    public record Option(String label, String next, String category, Map<String, String> set) {

        public Option {
            set = set == null ? Map.of() : Map.copyOf(set);
        }
    }
}
