package io.parley.routing;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.parley.common.problem.ProblemException;
import io.parley.routing.expression.Attributes;
import io.parley.routing.expression.Expression;
import io.parley.routing.expression.ExpressionParser;
import io.parley.routing.expression.ExpressionSyntaxException;
import io.parley.security.Roles;

/**
 * Checks a routing expression as an administrator writes it: syntax errors come back with their position; a valid
 * expression lists the attributes it reads and, given sample attributes, what it evaluates to.
 */
@Path("/api/admin/routing/expressions/check")
@RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
class ExpressionCheckResource {

    /**
     * @param expression e.g. {@code operator.skills HAS 'claims' AND operator.languages HAS 'ru'}
     * @param attributes sample attributes as nested objects, e.g. {@code {"operator": {"skills": ["claims"]}}}
     */
    record CheckRequest(@NotBlank @Size(max = 4000) String expression, Map<String, Object> attributes) {
    }

    /** @param result what the expression evaluates to for the sample attributes (null without them) */
    record CheckResult(boolean valid, List<String> paths, Object result) {
    }

    @POST
    public CheckResult check(@Valid @NotNull CheckRequest request) {
        Expression expression;
        try {
            expression = ExpressionParser.parse(request.expression());
        } catch (ExpressionSyntaxException e) {
            throw ProblemException.invalidField("expression", e.getMessage());
        }
        Object result = request.attributes() == null ? null
                : expression.evaluate(Attributes.of(request.attributes()));
        return new CheckResult(true, expression.paths(), result);
    }
}
