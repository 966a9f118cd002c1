package dev.weft.processor.emission;

import com.sun.source.tree.Tree;

/** The source symbol of each operator tree kind. */
public final class Operators {
    private Operators() {
    }

    public static String symbol(Tree.Kind kind) {
        switch (kind) {
            case POSTFIX_INCREMENT:
            case PREFIX_INCREMENT:
                return "++";
            case POSTFIX_DECREMENT:
            case PREFIX_DECREMENT:
                return "--";
            case UNARY_PLUS:
            case PLUS:
                return "+";
            case UNARY_MINUS:
            case MINUS:
                return "-";
            case BITWISE_COMPLEMENT:
                return "~";
            case LOGICAL_COMPLEMENT:
                return "!";
            case MULTIPLY:
                return "*";
            case DIVIDE:
                return "/";
            case REMAINDER:
                return "%";
            case LEFT_SHIFT:
                return "<<";
            case RIGHT_SHIFT:
                return ">>";
            case UNSIGNED_RIGHT_SHIFT:
                return ">>>";
            case LESS_THAN:
                return "<";
            case GREATER_THAN:
                return ">";
            case LESS_THAN_EQUAL:
                return "<=";
            case GREATER_THAN_EQUAL:
                return ">=";
            case EQUAL_TO:
                return "==";
            case NOT_EQUAL_TO:
                return "!=";
            case AND:
                return "&";
            case XOR:
                return "^";
            case OR:
                return "|";
            case CONDITIONAL_AND:
                return "&&";
            case CONDITIONAL_OR:
                return "||";
            case MULTIPLY_ASSIGNMENT:
                return "*=";
            case DIVIDE_ASSIGNMENT:
                return "/=";
            case REMAINDER_ASSIGNMENT:
                return "%=";
            case PLUS_ASSIGNMENT:
                return "+=";
            case MINUS_ASSIGNMENT:
                return "-=";
            case LEFT_SHIFT_ASSIGNMENT:
                return "<<=";
            case RIGHT_SHIFT_ASSIGNMENT:
                return ">>=";
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
                return ">>>=";
            case AND_ASSIGNMENT:
                return "&=";
            case XOR_ASSIGNMENT:
                return "^=";
            case OR_ASSIGNMENT:
                return "|=";
            default:
                throw new IllegalArgumentException("not an operator: " + kind);
        }
    }

    /** The binary operator of a compound assignment ({@code +=} gives {@code +}). */
    public static String binaryOf(Tree.Kind compound) {
        String s = symbol(compound);
        return s.substring(0, s.length() - 1);
    }
}
