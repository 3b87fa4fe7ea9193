package io.parley.routing.expression;

/** An expression could not be parsed; {@link #position()} is the 0-based character offset of the problem. */
public class ExpressionSyntaxException extends RuntimeException {

    private final int position;

    public ExpressionSyntaxException(int position, String message) {
        super(message + " at position " + position, null, false, false);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
