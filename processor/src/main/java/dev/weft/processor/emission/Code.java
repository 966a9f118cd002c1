package dev.weft.processor.emission;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A piece of generated Java code: text, the types it names and references to states, kept apart
 * until JavaPoet writes the file. A type is a {@link TypeName}, which JavaPoet imports or
 * qualifies as the file requires; a state reference is any object whose {@code toString()} gives
 * the state's number once the machine is numbered (a lowering label). So generated code is never
 * parsed back: what it refers to stays an object.
 *
 * <p>Text may span lines: JavaPoet indents every line to where the code is written, and the
 * text keeps its own relative indentation.
 */
public final class Code {
    /** No code. */
    public static final Code EMPTY = new Code(new Object[0]);

    /** Indents the lines that follow by one level more (JavaPoet's {@code $>}). */
    private static final Object INDENT = new Object() {
        @Override
        public String toString() {
            return "";
        }
    };
    /** Ends one level of {@link #INDENT}. */
    private static final Object UNINDENT = new Object() {
        @Override
        public String toString() {
            return "";
        }
    };

    /**
     * Where a statement of the user's starts, a mark that writes nothing: the machine counts the
     * lines before it to place the statement in the frame's line table.
     */
    public static final class LineMark {
        public final long line;

        LineMark(long line) {
            this.line = line;
        }

        @Override
        public String toString() {
            return "";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof LineMark && ((LineMark) o).line == line;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(line);
        }
    }

    /** Text (merged where adjacent), {@link TypeName}s, {@link CodeBlock}s, line marks and state references. */
    private final Object[] parts;

    private Code(Object[] parts) {
        this.parts = parts;
    }

    /**
     * The code made of {@code items} in order: text (strings, names, numbers), {@code Code}s,
     * {@link TypeName}s, {@link CodeBlock}s, and other objects, which are state references.
     */
    public static Code of(Object... items) {
        Builder b = new Builder();
        for (Object item : items) {
            b.add(item);
        }
        return b.build();
    }

    /**
     * Blocks of a statement, each a header and a body: {@code block("if (c)", body)} is
     * {@code if (c) {...}}, {@code block("try", a, "catch (E e)", b)} is
     * {@code try {...} catch (E e) {...}}. The bodies are indented one level.
     */
    public static Code block(Object... headersAndBodies) {
        Builder b = new Builder();
        for (int i = 0; i < headersAndBodies.length; i += 2) {
            if (i > 0) {
                b.add(" ");
            }
            b.add(headersAndBodies[i]).add(" ").add(braces(headersAndBodies[i + 1]));
        }
        return b.build();
    }

    /** {@code { body }}, the body indented one level. */
    public static Code braces(Object body) {
        return new Builder().add("{\n").add(INDENT).add(body).add("\n").add(UNINDENT).add("}").build();
    }

    /** {@code items} with {@code separator} between them. */
    public static Code join(String separator, List<Code> items) {
        Builder b = new Builder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                b.add(separator);
            }
            b.add(items.get(i));
        }
        return b.build();
    }

    public boolean isEmpty() {
        return parts.length == 0;
    }

    /** Whether this is plain text that starts with {@code prefix}. */
    public boolean startsWith(String prefix) {
        return parts.length > 0 && parts[0] instanceof String && ((String) parts[0]).startsWith(prefix);
    }

    /** Whether this is the text {@code text} and nothing else. */
    public boolean isText(String text) {
        return parts.length == 1 && text.equals(parts[0]);
    }

    /** The JavaPoet code block JavaPoet writes. */
    public CodeBlock toCodeBlock() {
        CodeBlock.Builder b = CodeBlock.builder();
        for (Object part : parts) {
            if (part == INDENT) {
                b.add("$>");
            } else if (part == UNINDENT) {
                b.add("$<");
            } else if (part instanceof LineMark) {
                continue;
            } else {
                b.add(part instanceof TypeName ? "$T" : "$L", part);
            }
        }
        return b.build();
    }

    /**
     * The line marks of this code, each as the number of lines before it (from the code's first
     * line) and the user's line it marks.
     */
    public List<long[]> lineMarks() {
        List<long[]> marks = new ArrayList<>();
        long lines = 0;
        for (Object part : parts) {
            if (part instanceof LineMark) {
                marks.add(new long[] {lines, ((LineMark) part).line});
            } else if (part instanceof String || part instanceof CodeBlock) {
                String text = part.toString();
                for (int i = 0; i < text.length(); i++) {
                    if (text.charAt(i) == '\n') {
                        lines++;
                    }
                }
            }
        }
        return marks;
    }

    /** The code as text, types by their canonical names (for messages and tests). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            sb.append(part);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Code && Arrays.equals(parts, ((Code) o).parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    /** Builds code from left to right. */
    public static final class Builder {
        private final List<Object> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        /** Appends text, code, a type, a code block or a state reference (see {@link Code#of}). */
        public Builder add(Object item) {
            if (item instanceof CharSequence || item instanceof Character || item instanceof Number
                    || item instanceof Boolean) {
                text.append(item); // a name (javax.lang.model's Names are CharSequences), a literal
            } else if (item instanceof Code) {
                for (Object part : ((Code) item).parts) {
                    add(part);
                }
            } else if (item == null) {
                throw new NullPointerException("null code");
            } else {
                flush();
                parts.add(item);
            }
            return this;
        }

        public Builder add(char c) {
            text.append(c);
            return this;
        }

        /** Marks where a statement of the user's at {@code line} starts (a line below 1: nothing). */
        public Builder mark(long line) {
            if (line > 0) {
                flush();
                parts.add(new LineMark(line));
            }
            return this;
        }

        /** Indents the lines that follow one level more, where JavaPoet writes them. */
        public Builder indent() {
            flush();
            parts.add(INDENT);
            return this;
        }

        /** Ends one level of {@link #indent()}. */
        public Builder unindent() {
            flush();
            parts.add(UNINDENT);
            return this;
        }

        /** Whether nothing has been added. */
        public boolean isEmpty() {
            return parts.isEmpty() && text.length() == 0;
        }

        private void flush() {
            if (text.length() > 0) {
                parts.add(text.toString());
                text.setLength(0);
            }
        }

        public Code build() {
            flush();
            return parts.isEmpty() ? EMPTY : new Code(parts.toArray());
        }
    }
}
