package io.parley.push;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.parley.conversation.ReplyRequest;
import io.parley.conversation.SessionCommands;
import io.parley.conversation.WrapUp;
import io.parley.operator.OperatorService;
import io.parley.operator.OperatorStatus;
import io.parley.operator.StatusChange;
import io.parley.routing.assignment.OfferDecisions;
import io.parley.routing.assignment.TransferRequest;
import io.parley.routing.assignment.Transfers;
import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * What an operator asks over the push API, performed by the same services as the REST API with the same checks. Each
 * request frame may carry a {@code requestId}; the answer is {@code result} (with it) or {@code error} (a problem:
 * status, title, detail, field errors).
 */
@ApplicationScoped
class OperatorActions {

    private final OfferDecisions offers;
    private final SessionCommands sessions;
    private final Transfers transfers;
    private final OperatorService operators;
    private final Validator validator;

    OperatorActions(OfferDecisions offers, SessionCommands sessions, Transfers transfers, OperatorService operators,
            Validator validator) {
        this.offers = offers;
        this.sessions = sessions;
        this.transfers = transfers;
        this.operators = operators;
        this.validator = validator;
    }

    /** Performs one request frame and returns the answer frame. */
    Uni<JsonObject> perform(JsonObject frame, SecurityIdentity who) {
        String requestId = frame.getString("requestId");
        return Uni.createFrom().deferred(() -> dispatch(frame, who))
                .map(result -> result.put("type", "result").put("requestId", requestId))
                .onFailure(ProblemException.class).recoverWithItem(e -> error(((ProblemException) e).problem(),
                        requestId))
                .onFailure(IllegalArgumentException.class).recoverWithItem(e -> error(Problem.of(400,
                        "Bad request", e.getMessage()), requestId))
                .onFailure().recoverWithItem(e -> error(Problem.of(500, "Internal error",
                        "The request could not be performed"), requestId));
    }

    private Uni<JsonObject> dispatch(JsonObject frame, SecurityIdentity who) {
        if (!who.hasRole(Roles.OPERATOR)) {
            throw new ProblemException(Problem.of(403, "Forbidden", "Only operators use the push API"));
        }
        String subject = who.getPrincipal().getName();
        return switch (frame.getString("type", "")) {
            case "accept" -> offers.decide(uuid(frame, "offerId"), subject, true).replaceWith(new JsonObject());
            case "decline" -> offers.decide(uuid(frame, "offerId"), subject, false).replaceWith(new JsonObject());
            case "reply" -> sessions.replyWithId(uuid(frame, "sessionId"), valid(new ReplyRequest(frame.getString(
                    "text"), List.of(), frame.getString("clientKey"), null)), who)
                    .map(id -> new JsonObject().put("messageId", id.toString()));
            case "typing" -> sessions.typing(uuid(frame, "sessionId"), who).replaceWith(new JsonObject());
            case "close" -> sessions.close(uuid(frame, "sessionId"), valid(new WrapUp(frame.getString("category"),
                    frame.getString("resolution"))), who).replaceWith(new JsonObject());
            case "transfer" -> transfers.transfer(uuid(frame, "sessionId"), valid(new TransferRequest(
                    frame.getString("operator"), frame.getString("queue"), frame.getString("note"))), who)
                    .replaceWith(new JsonObject());
            case "status" -> operators.changeStatus(subject, valid(new StatusChange(status(frame),
                    frame.getString("reason"))), subject)
                    .map(view -> new JsonObject().put("status", view.status().name()));
            default -> throw ProblemException.invalidField("type", "unknown request type");
        };
    }

    private <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.iterator().next();
            throw ProblemException.invalidField(first.getPropertyPath().toString(), first.getMessage());
        }
        return request;
    }

    private static UUID uuid(JsonObject frame, String field) {
        try {
            return UUID.fromString(frame.getString(field, ""));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "must be a UUID");
        }
    }

    private static OperatorStatus status(JsonObject frame) {
        try {
            return OperatorStatus.valueOf(frame.getString("status", ""));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "must be one of AVAILABLE, BUSY, BREAK, MEETING, OFFLINE");
        }
    }

    private static JsonObject error(Problem problem, String requestId) {
        JsonObject frame = new JsonObject().put("type", "error").put("requestId", requestId)
                .put("status", problem.status()).put("title", problem.title()).put("detail", problem.detail());
        if (problem.errors() != null) {
            frame.put("errors", problem.errors().stream()
                    .map(e -> new JsonObject().put("field", e.field()).put("message", e.message())).toList());
        }
        return frame;
    }
}
