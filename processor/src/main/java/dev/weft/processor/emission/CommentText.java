package dev.weft.processor.emission;

/**
 * Text of the user's source (a line, a name, a message that quotes it) made safe to repeat in a
 * comment of generated code, where it must not change what the file means.
 *
 * <p>javac translates unicode escapes before it reads comments (JLS 3.3), so an escaped line feed
 * (a backslash, {@code u000a}) copied into a {@code //} comment ends the comment and makes the rest
 * of the line code, and an escape cut short is a compile error. Each backslash that would begin an escape gets a second
 * one in front, which leaves it a plain character: the comment shows the user's text with that
 * backslash doubled. In Javadoc, {@code *}{@code /} would also end the comment.
 */
public final class CommentText {
    private CommentText() {
    }

    /** {@code text} for a {@code //} comment: one line, with no unicode escape. */
    public static String lineComment(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        int backslashes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                sb.append(' ');
                backslashes = 0;
                continue;
            }
            if (c == 'u' && backslashes % 2 == 1) {
                // the backslash before this u begins an escape (an odd run of backslashes): double it
                sb.insert(sb.length() - 1, '\\');
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
            sb.append(c);
        }
        return sb.toString();
    }

    /** {@code text} for a Javadoc comment: as {@link #lineComment}, and no comment end. */
    public static String javadoc(String text) {
        return lineComment(text).replace("*/", "*&#47;");
    }
}
