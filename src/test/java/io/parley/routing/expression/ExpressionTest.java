package io.parley.routing.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {

    private static final Attributes DAMAGE_CLAIM = Attributes.of(Map.of(
            "conversation", Map.of("channel", "vk", "waitingSeconds", 95),
            "customer", Map.of("vip", true, "language", "ru", "orders", 12),
            "classification", Map.of("category", "damage", "spam", false, "confidence", 0.87),
            "operator", Map.of("skills", List.of("claims", "returns"), "languages", List.of("ru", "en"),
                    "load", 2)));

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "conversation.channel == 'vk' AND classification.category == 'damage'   | true",
            "operator.skills HAS 'claims' AND operator.languages HAS 'ru'            | true",
            "operator.skills HAS 'delivery'                                          | false",
            "conversation.channel IN ('telegram', 'vk')                              | true",
            "conversation.channel in ['email']                                       | false",
            "NOT classification.spam                                                 | true",
            "customer.vip == true and customer.orders >= 10                          | true",
            "classification.confidence > 0.9 OR customer.vip                         | true",
            "classification.confidence < 0.9 AND NOT (customer.language != 'ru')    | true",
            "conversation.waitingSeconds <= 95.0 AND conversation.waitingSeconds > 94 | true",
            "customer.missing == null                                                | true",
            "customer.missing > 3                                                    | false",
            "customer.language < 5                                                   | false",
            "'Холодильник пришёл разбитым' CONTAINS 'РАЗБИТ'                         | true",
            "operator.skills CONTAINS 'returns'                                      | true",
            "customer.orders == 12.0                                                 | true",
            "customer.orders != 12                                                   | false",
            "true OR false AND false                                                 | true",
            "(true OR false) AND false                                               | false",
    })
    void evaluates(String expression, boolean expected) {
        assertThat(ExpressionParser.parse(expression).test(DAMAGE_CLAIM)).as(expression).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "skills HAS                        | 10 | ended",
            "channel == 'vk                    | 11 | Unterminated",
            "channel = 'vk'                    | 8  | Unexpected '='",
            "channel IN 'vk'                   | 11 | Expected a list",
            "(channel == 'vk'                  | 16 | Expected ')'",
            "channel == 'vk' AND               | 19 | ended",
            "channel == 'vk' category          | 16 | Unexpected 'c'",
            "customer. == 1                    | 9  | attribute name after '.'",
            "a == AND                          | 5  | found AND",
            "channel IN ('vk' 'tg')            | 17 | Expected ',' or ')'",
            "                                  | 0  | Empty",
    })
    void rejectsWithThePositionOfTheError(String expression, int position, String message) {
        assertThatThrownBy(() -> ExpressionParser.parse(expression == null ? "" : expression))
                .isInstanceOfSatisfying(ExpressionSyntaxException.class,
                        e -> assertThat(e.position()).as(e.getMessage()).isEqualTo(position))
                .hasMessageContaining(message);
    }

    @Test
    void parsesOnceIntoATreeWithPrecedence() {
        Expression tree = ExpressionParser.parse("NOT a == 1 OR b HAS 'x' AND c");
        assertThat(tree).isInstanceOf(Expression.Or.class);
        Expression.Or or = (Expression.Or) tree;
        assertThat(or.left()).isInstanceOf(Expression.Not.class);
        assertThat(or.right()).isInstanceOf(Expression.And.class);
    }

    @Test
    void evaluationNeverFailsOnMissingOrMismatchedAttributes() {
        Attributes empty = path -> null;
        assertThat(ExpressionParser.parse("operator.skills HAS 'claims'").test(empty)).isFalse();
        assertThat(ExpressionParser.parse("a CONTAINS 'x' OR a < 'b' OR a IN (1, 2)").test(empty)).isFalse();
        assertThat(ExpressionParser.parse("a == b").test(empty)).isTrue();
    }
}
