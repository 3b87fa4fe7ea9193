package io.parley.classification;

import java.util.List;
import java.util.stream.Stream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.parley.common.problem.ProblemException;
import io.parley.conversation.ConversationConfig;
import io.parley.security.Roles;
import io.smallrye.mutiny.Uni;

/** What a wrap-up may say: the active rules' categories (none without rules) and the configured resolution codes. */
@Path("/api/wrap-up")
@RolesAllowed({ Roles.OPERATOR, Roles.SUPERVISOR })
class WrapUpOptionsResource {

    /** The choices, categories in the rules' order (the default category included once). */
    record Options(List<String> categories, List<String> resolutions) {
    }

    private final RulesService rules;
    private final ConversationConfig config;

    WrapUpOptionsResource(RulesService rules, ConversationConfig config) {
        this.rules = rules;
        this.config = config;
    }

    @GET
    public Uni<Options> options() {
        return rules.active().map(active -> new Options(Stream.concat(
                active.rules().categories().stream().map(RuleSet.CategoryRule::id),
                Stream.ofNullable(active.rules().defaultCategory())).distinct().toList(),
                config.wrapUpResolutions()))
                .onFailure(ProblemException.class)
                .recoverWithItem(() -> new Options(List.of(), config.wrapUpResolutions()));
    }
}
