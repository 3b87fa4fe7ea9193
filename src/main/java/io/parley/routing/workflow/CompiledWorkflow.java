package io.parley.routing.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.parley.common.problem.ProblemException;
import io.parley.routing.expression.Expression;
import io.parley.routing.expression.ExpressionParser;
import io.parley.routing.expression.ExpressionSyntaxException;

/** A workflow with its expressions parsed once; building one validates everything and names the bad field. */
public record CompiledWorkflow(int version, List<CompiledFilter> filters, CompiledTarget defaultTarget) {

    /** A filter ready to evaluate. */
    public record CompiledFilter(String name, Expression when, List<CompiledTarget> targets) {
    }

    /** A target ready to evaluate; {@code operators} and {@code skipIf} are null when absent. */
    public record CompiledTarget(String queue, int priority, Integer timeoutSeconds, Expression operators,
            Expression skipIf) {
    }

    /**
     * Parses and checks a workflow.
     *
     * @param knownQueues the queue ids that exist; null skips that check (start-up, before queues are loaded)
     */
    public static CompiledWorkflow compile(int version, Workflow workflow, Set<String> knownQueues) {
        if (workflow.defaultTarget() == null) {
            throw ProblemException.invalidField("defaultTarget", "is required");
        }
        List<CompiledFilter> filters = new ArrayList<>();
        for (int i = 0; i < workflow.filters().size(); i++) {
            Workflow.Filter filter = workflow.filters().get(i);
            String field = "filters[" + i + "]";
            if (filter.name() == null || filter.name().isBlank()) {
                throw ProblemException.invalidField(field + ".name", "is required");
            }
            if (filter.targets().isEmpty()) {
                throw ProblemException.invalidField(field + ".targets", "needs at least one target");
            }
            List<CompiledTarget> targets = new ArrayList<>();
            for (int t = 0; t < filter.targets().size(); t++) {
                targets.add(target(filter.targets().get(t), field + ".targets[" + t + "]", knownQueues));
            }
            filters.add(new CompiledFilter(filter.name(), required(filter.when(), field + ".when"), targets));
        }
        return new CompiledWorkflow(version, filters, target(workflow.defaultTarget(), "defaultTarget", knownQueues));
    }

    private static CompiledTarget target(Workflow.Target target, String field, Set<String> knownQueues) {
        if (target.queue() == null || target.queue().isBlank()) {
            throw ProblemException.invalidField(field + ".queue", "is required");
        }
        if (knownQueues != null && !knownQueues.contains(target.queue())) {
            throw ProblemException.invalidField(field + ".queue", "no queue '" + target.queue() + "' exists");
        }
        if (target.timeoutSeconds() != null && target.timeoutSeconds() < 1) {
            throw ProblemException.invalidField(field + ".timeoutSeconds", "must be at least 1");
        }
        return new CompiledTarget(target.queue(), target.priority() == null ? 0 : target.priority(),
                target.timeoutSeconds(), optional(target.operators(), field + ".operators"),
                optional(target.skipIf(), field + ".skipIf"));
    }

    private static Expression required(String text, String field) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalidField(field, "is required");
        }
        return parse(text, field);
    }

    private static Expression optional(String text, String field) {
        return text == null || text.isBlank() ? null : parse(text, field);
    }

    private static Expression parse(String text, String field) {
        try {
            return ExpressionParser.parse(text);
        } catch (ExpressionSyntaxException e) {
            throw ProblemException.invalidField(field, e.getMessage());
        }
    }
}
