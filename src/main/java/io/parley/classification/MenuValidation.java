package io.parley.classification;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parley.common.problem.ProblemException;

/**
 * Checks a menu when it is saved: every transition goes somewhere, every node is reachable, and from every node some
 * path ends ({@value MenuFlow#CLOSE}) or reaches an operator, with no loop of nodes that never wait for the customer.
 */
final class MenuValidation {

    private MenuValidation() {
    }

    static void validate(MenuFlow flow) {
        if (flow.channels().isEmpty()) {
            throw ProblemException.invalidField("channels", "must name at least one channel id or type");
        }
        if (flow.timeoutSeconds() < 1) {
            throw ProblemException.invalidField("timeoutSeconds", "must be at least 1");
        }
        if (flow.start() == null || !flow.nodes().containsKey(flow.start())) {
            throw ProblemException.invalidField("start", "must name a node");
        }
        flow.nodes().forEach((id, node) -> shape(flow, id, node));
        reachable(flow);
        for (String id : flow.nodes().keySet()) {
            if (!ends(flow, id)) {
                throw ProblemException.invalidField("nodes." + id,
                        "is a dead end: no path from it ends or reaches an operator");
            }
        }
        passThroughLoops(flow);
    }

    private static void shape(MenuFlow flow, String id, MenuFlow.Node node) {
        String field = "nodes." + id;
        if (node.text() == null || node.text().isBlank()) {
            throw ProblemException.invalidField(field + ".text", "must not be blank");
        }
        if (!node.options().isEmpty()) {
            if (node.ask() != null || node.next() != null) {
                throw ProblemException.invalidField(field, "has options, so it takes neither ask nor next");
            }
            if (node.options().size() > MenuFlow.MAX_OPTIONS) {
                throw ProblemException.invalidField(field + ".options", "at most " + MenuFlow.MAX_OPTIONS);
            }
            for (int i = 0; i < node.options().size(); i++) {
                MenuFlow.Option option = node.options().get(i);
                if (option.label() == null || option.label().isBlank() || option.label().length() > 64) {
                    throw ProblemException.invalidField(field + ".options[" + i + "].label", "must be 1 to 64 characters");
                }
                target(flow, field + ".options[" + i + "].next", option.next());
            }
            return;
        }
        target(flow, field + ".next", node.next());
    }

    private static void target(MenuFlow flow, String field, String next) {
        if (next == null || !(MenuFlow.OPERATOR.equals(next) || MenuFlow.CLOSE.equals(next)
                || flow.nodes().containsKey(next))) {
            throw ProblemException.invalidField(field,
                    "must name a node, " + MenuFlow.OPERATOR + " or " + MenuFlow.CLOSE);
        }
    }

    static List<String> targets(MenuFlow.Node node) {
        List<String> targets = new ArrayList<>();
        node.options().forEach(option -> targets.add(option.next()));
        if (node.next() != null) {
            targets.add(node.next());
        }
        return targets;
    }

    private static void reachable(MenuFlow flow) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(flow.start()));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                targets(flow.nodes().get(id)).stream().filter(flow.nodes()::containsKey).forEach(todo::push);
            }
        }
        for (String id : flow.nodes().keySet()) {
            if (!seen.contains(id)) {
                throw ProblemException.invalidField("nodes." + id, "cannot be reached from start");
            }
        }
    }

    private static boolean ends(MenuFlow flow, String from) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (!flow.nodes().containsKey(id)) {
                return true;
            }
            if (seen.add(id)) {
                targets(flow.nodes().get(id)).forEach(todo::push);
            }
        }
        return false;
    }

    /** Nodes with only {@code next} follow each other at once, so a loop of them would never stop. */
    private static void passThroughLoops(MenuFlow flow) {
        for (Map.Entry<String, MenuFlow.Node> entry : flow.nodes().entrySet()) {
            Set<String> seen = new HashSet<>();
            String id = entry.getKey();
            while (flow.nodes().containsKey(id) && passThrough(flow.nodes().get(id))) {
                if (!seen.add(id)) {
                    throw ProblemException.invalidField("nodes." + entry.getKey() + ".next",
                            "loops through nodes that never wait for the customer");
                }
                id = flow.nodes().get(id).next();
            }
        }
    }

    static boolean passThrough(MenuFlow.Node node) {
        return node.options().isEmpty() && node.ask() == null;
    }
}
