package io.parley.routing.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the routing expression language into an {@link Expression} tree (recursive descent, no code generation).
 *
 * <pre>
 * expression := or
 * or         := and ( OR and )*
 * and        := unary ( AND unary )*
 * unary      := NOT unary | comparison
 * comparison := operand ( ( == | != | &lt; | &gt; | &lt;= | &gt;= | HAS | CONTAINS ) operand | IN list )?
 * operand    := 'text' | "text" | number | TRUE | FALSE | NULL | path | ( expression )
 * list       := ( operand , ... ) | [ operand , ... ]
 * path       := name ( . name )*            e.g. classification.category, operator.skills
 * </pre>
 *
 * Keywords are case-insensitive. Errors carry the offset where the parser stopped.
 */
public final class ExpressionParser {

    private final String text;
    private int pos;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}; fails with {@link ExpressionSyntaxException} naming the position of the first error. */
    public static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ExpressionSyntaxException(0, "Empty expression");
        }
        ExpressionParser parser = new ExpressionParser(text);
        Expression expression = parser.or();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw new ExpressionSyntaxException(parser.pos, "Unexpected '" + text.charAt(parser.pos) + "'");
        }
        return expression;
    }

    private Expression or() {
        Expression left = and();
        while (keyword("OR")) {
            left = new Expression.Or(left, and());
        }
        return left;
    }

    private Expression and() {
        Expression left = unary();
        while (keyword("AND")) {
            left = new Expression.And(left, unary());
        }
        return left;
    }

    private Expression unary() {
        return keyword("NOT") ? new Expression.Not(unary()) : comparison();
    }

    private Expression comparison() {
        Expression left = operand();
        if (keyword("IN")) {
            return new Expression.Compare(Operator.IN, left, list());
        }
        for (Operator operator : List.of(Operator.EQ, Operator.NE, Operator.LE, Operator.GE, Operator.LT, Operator.GT)) {
            if (symbol(operator.symbol())) {
                return new Expression.Compare(operator, left, operand());
            }
        }
        if (keyword("HAS")) {
            return new Expression.Compare(Operator.HAS, left, operand());
        }
        if (keyword("CONTAINS")) {
            return new Expression.Compare(Operator.CONTAINS, left, operand());
        }
        return left;
    }

    private Expression list() {
        skipSpace();
        char open = peek();
        if (open != '(' && open != '[') {
            throw new ExpressionSyntaxException(pos, "Expected a list such as ('a', 'b') after IN");
        }
        pos++;
        char close = open == '(' ? ')' : ']';
        List<Expression> items = new ArrayList<>();
        do {
            items.add(operand());
        } while (symbol(","));
        if (!symbol(String.valueOf(close))) {
            throw new ExpressionSyntaxException(pos, "Expected ',' or '" + close + "' in the list");
        }
        return new Expression.ListOf(items);
    }

    private Expression operand() {
        skipSpace();
        if (pos >= text.length()) {
            throw new ExpressionSyntaxException(pos, "Expected a value or an attribute, but the expression ended");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expression inner = or();
            if (!symbol(")")) {
                throw new ExpressionSyntaxException(pos, "Expected ')'");
            }
            return inner;
        }
        if (c == '\'' || c == '"') {
            return new Expression.Literal(string(c));
        }
        if (Character.isDigit(c) || (c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return new Expression.Literal(number());
        }
        if (Character.isLetter(c) || c == '_') {
            return word();
        }
        throw new ExpressionSyntaxException(pos, "Unexpected '" + c + "'");
    }

    private Expression word() {
        int start = pos;
        List<String> segments = new ArrayList<>();
        segments.add(name());
        while (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            if (pos >= text.length() || !(Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
                throw new ExpressionSyntaxException(pos, "Expected an attribute name after '.'");
            }
            segments.add(name());
        }
        if (segments.size() == 1) {
            switch (segments.get(0).toUpperCase(Locale.ROOT)) {
                case "TRUE":
                    return new Expression.Literal(Boolean.TRUE);
                case "FALSE":
                    return new Expression.Literal(Boolean.FALSE);
                case "NULL":
                    return new Expression.Literal(null);
                case "AND", "OR", "NOT", "IN", "HAS", "CONTAINS":
                    throw new ExpressionSyntaxException(start, "Expected a value or an attribute, found "
                            + segments.get(0));
                default:
                    break;
            }
        }
        return new Expression.Path(segments);
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String string(char quote) {
        int start = pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return value.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw new ExpressionSyntaxException(start, "Unterminated text literal");
    }

    private BigDecimal number() {
        int start = pos;
        pos++;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new ExpressionSyntaxException(start, "Malformed number");
        }
    }

    /** Consumes a case-insensitive keyword that stands alone (not the start of a longer name). */
    private boolean keyword(String word) {
        skipSpace();
        int end = pos + word.length();
        if (end > text.length() || !text.regionMatches(true, pos, word, 0, word.length())) {
            return false;
        }
        if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            return false;
        }
        pos = end;
        return true;
    }

    private boolean symbol(String symbol) {
        skipSpace();
        if (text.startsWith(symbol, pos)) {
            pos += symbol.length();
            return true;
        }
        return false;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
