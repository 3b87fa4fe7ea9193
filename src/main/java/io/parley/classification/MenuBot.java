package io.parley.classification;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.parley.channel.spi.Button;
import io.parley.conversation.InboundTriage;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs menus (see {@link MenuFlow}) in the inbound transaction. While a session is in a menu its routing task is in
 * state {@code BOT}, which routing ignores; handing over sets it to {@code WAITING} with the answers under
 * {@code attributes.menu}. Options are sent as buttons whose payloads are their numbers, so a pressed button and a
 * typed number ("2") are the same answer; the operator button is the last number.
 */
@ApplicationScoped
class MenuBot {

    /** What the menu did with a message: close the session, and a category the customer chose. */
    record Result(String closeReason, String category) {

        static final Result NONE = new Result(null, null);
    }

    private static final Logger LOG = Logger.getLogger(MenuBot.class);
    private static final int MAX_ANSWER = 500;

    private final MenuFlows flows;
    private final BotReplies replies;

    MenuBot(MenuFlows flows, BotReplies replies) {
        this.flows = flows;
        this.replies = replies;
    }

    /** A new or reopened session: starts the channel's menu, if it has one. */
    Uni<Result> start(SqlConnection c, InboundTriage.Inbound in) {
        Optional<MenuFlows.Saved> menu = flows.forChannel(in.channelId(), in.channelType());
        if (menu.isEmpty()) {
            return Uni.createFrom().item(Result.NONE);
        }
        LOG.debugf("Session %s starts menu %s", in.sessionId(), menu.get().id());
        return c.preparedQuery("UPDATE routing_tasks SET state = 'BOT', updated_at = $2 WHERE session_id = $1")
                .execute(Tuple.of(in.sessionId(), in.now()))
                .chain(() -> go(c, in, menu.get().id(), menu.get().flow(), menu.get().flow().start(), new JsonObject(),
                        null));
    }

    /** A message while the session's task is in state {@code BOT}. */
    Uni<Result> answer(SqlConnection c, InboundTriage.Inbound in) {
        return c.preparedQuery("SELECT flow_id, node, answers, retries FROM menu_sessions WHERE session_id = $1"
                + " FOR UPDATE").execute(Tuple.of(in.sessionId())).chain(rows -> {
                    Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    MenuFlow flow = row == null ? null : flows.get(row.getString("flow_id"));
                    MenuFlow.Node node = flow == null ? null : flow.nodes().get(row.getString("node"));
                    if (node == null) {
                        return handover(c, in, row == null ? null : row.getString("flow_id"), new JsonObject(),
                                "menu-changed", null);
                    }
                    return answer(c, in, row.getString("flow_id"), flow, row.getString("node"), node,
                            row.getJsonObject("answers"), row.getInteger("retries"));
                });
    }

    private Uni<Result> answer(SqlConnection c, InboundTriage.Inbound in, String flowId, MenuFlow flow, String nodeId,
            MenuFlow.Node node, JsonObject answers, int retries) {
        String text = in.text() == null ? "" : in.text().strip();
        if (asksForOperator(flow, text)) {
            return handover(c, in, flowId, answers, "operator", flow.handoverText());
        }
        if (node.ask() != null && !text.isEmpty()) {
            answers.put(node.ask(), text.length() > MAX_ANSWER ? text.substring(0, MAX_ANSWER) : text);
            return go(c, in, flowId, flow, node.next(), answers, null);
        }
        int chosen = choice(node, text);
        if (chosen == node.options().size()) {
            return handover(c, in, flowId, answers, "operator", flow.handoverText());
        }
        if (chosen >= 0) {
            MenuFlow.Option option = node.options().get(chosen);
            option.set().forEach(answers::put);
            return go(c, in, flowId, flow, option.next(), answers, option.category());
        }
        if (retries + 1 > MenuFlow.MAX_RETRIES) {
            return handover(c, in, flowId, answers, "unrecognized", flow.handoverText());
        }
        return show(c, in, flowId, flow, nodeId, node, answers, retries + 1, flow.retryText() + "\n")
                .replaceWith(Result.NONE);
    }

    /** The index of the chosen option (by number or label), options().size() for the operator, or -1. */
    private static int choice(MenuFlow.Node node, String text) {
        int count = node.options().size();
        if (count == 0) {
            return -1;
        }
        if (text.matches("\\d{1,2}")) {
            int number = Integer.parseInt(text);
            return number >= 1 && number <= count + 1 ? number - 1 : -1;
        }
        for (int i = 0; i < count; i++) {
            if (node.options().get(i).label().equalsIgnoreCase(text)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean asksForOperator(MenuFlow flow, String text) {
        if (flow.operatorLabel().equalsIgnoreCase(text)) {
            return true;
        }
        Set<String> words = new HashSet<>(TextAnalysis.stems(text));
        return flow.operatorWords().stream().map(TextAnalysis::stems).flatMap(List::stream).anyMatch(words::contains);
    }

    /** Follows a transition: to an end, through pass-through nodes, or to a node that waits for the customer. */
    private Uni<Result> go(SqlConnection c, InboundTriage.Inbound in, String flowId, MenuFlow flow, String target,
            JsonObject answers, String category) {
        if (MenuFlow.OPERATOR.equals(target)) {
            return handover(c, in, flowId, answers, "operator", flow.handoverText())
                    .map(r -> new Result(null, category));
        }
        if (MenuFlow.CLOSE.equals(target)) {
            return c.preparedQuery("DELETE FROM menu_sessions WHERE session_id = $1").execute(Tuple.of(in.sessionId()))
                    .replaceWith(new Result("menu " + flowId + " answered", category));
        }
        MenuFlow.Node node = flow.nodes().get(target);
        if (MenuValidation.passThrough(node)) {
            return replies.send(c, in, node.text(), List.of())
                    .chain(() -> go(c, in, flowId, flow, node.next(), answers, category));
        }
        return show(c, in, flowId, flow, target, node, answers, 0, "").replaceWith(new Result(null, category));
    }

    private Uni<Void> show(SqlConnection c, InboundTriage.Inbound in, String flowId, MenuFlow flow, String nodeId,
            MenuFlow.Node node, JsonObject answers, int retries, String prefix) {
        List<Button> buttons = new ArrayList<>();
        for (int i = 0; i < node.options().size(); i++) {
            buttons.add(new Button(node.options().get(i).label(), String.valueOf(i + 1)));
        }
        if (!buttons.isEmpty()) {
            buttons.add(new Button(flow.operatorLabel(), String.valueOf(buttons.size() + 1)));
        }
        OffsetDateTime expires = in.now().plusSeconds(flow.timeoutSeconds());
        return replies.send(c, in, prefix + node.text(), buttons)
                .chain(() -> c.preparedQuery("INSERT INTO menu_sessions (session_id, flow_id, node, answers, retries,"
                        + " expires_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (session_id) DO UPDATE SET"
                        + " flow_id = $2, node = $3, answers = $4::jsonb, retries = $5, expires_at = $6")
                        .execute(Tuple.of(in.sessionId(), flowId, nodeId, answers, retries, expires)))
                .replaceWithVoid();
    }

    /** Gives the session to routing with what the customer answered. */
    private Uni<Result> handover(SqlConnection c, InboundTriage.Inbound in, String flowId, JsonObject answers,
            String outcome, String text) {
        JsonObject menu = answers.copy().put("flow", flowId).put("outcome", outcome);
        Uni<Void> say = text == null ? Uni.createFrom().voidItem() : replies.send(c, in, text, List.of());
        return say.chain(() -> c.preparedQuery("DELETE FROM menu_sessions WHERE session_id = $1")
                .execute(Tuple.of(in.sessionId())))
                .chain(() -> c.preparedQuery("UPDATE routing_tasks SET state = 'WAITING', updated_at = $2,"
                        + " attributes = jsonb_set(attributes, '{menu}', $3::jsonb) WHERE session_id = $1"
                        + " AND state = 'BOT'").execute(Tuple.of(in.sessionId(), in.now(), menu)))
                .replaceWith(Result.NONE);
    }
}
