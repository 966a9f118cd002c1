package dev.weft.processor.emission;

import com.sun.source.tree.LiteralTree;

/** Renders literal values as Java source, escaping as needed; the output is plain ASCII. */
public final class Literals {
    private Literals() {
    }

    static String render(LiteralTree literal) {
        Object v = literal.getValue();
        switch (literal.getKind()) {
            case INT_LITERAL:
                return v.toString();
            case LONG_LITERAL:
                return v + "L";
            case FLOAT_LITERAL:
                return v + "f";
            case DOUBLE_LITERAL:
                return v.toString();
            case BOOLEAN_LITERAL:
                return v.toString();
            case CHAR_LITERAL:
                return "'" + escape(String.valueOf(v), '\'') + "'";
            case STRING_LITERAL:
                return quote((String) v);
            case NULL_LITERAL:
                return "null";
            default:
                throw new IllegalArgumentException(literal.getKind().toString());
        }
    }

    static String quote(String s) {
        return "\"" + escape(s, '"') + "\"";
    }

    private static String escape(String s, char quote) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b': sb.append("\\b"); break;
                case '\t': sb.append("\\t"); break;
                case '\n': sb.append("\\n"); break;
                case '\f': sb.append("\\f"); break;
                case '\r': sb.append("\\r"); break;
                case '\\': sb.append("\\\\"); break;
                case '"':
                case '\'':
                    if (c == quote) {
                        sb.append('\\');
                    }
                    sb.append(c);
                    break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.toString();
    }
}
