package dev.weft.processor.lowering;

import com.palantir.javapoet.CodeBlock;

/**
 * A {@link CodeBlock.Builder} that counts the lines of what it builds, so that the machine knows
 * at which line of {@code resume} each of the user's statements starts (for the frame's line
 * table: see {@link dev.weft.processor.model.LineTable}). Every method adds what the builder's
 * method of the same name adds, and the lines JavaPoet writes for it.
 */
final class CountedCode {
    private final CodeBlock.Builder code = CodeBlock.builder();
    private int line;

    /** The line (from 0) the next code added starts on. */
    int line() {
        return line;
    }

    CountedCode add(String format, Object... args) {
        CodeBlock piece = CodeBlock.of(format, args);
        code.add(piece);
        return counted(piece, 0);
    }

    CountedCode addStatement(String format, Object... args) {
        CodeBlock statement = CodeBlock.of(format, args);
        code.addStatement("$L", statement);
        return counted(statement, 1); // the statement's line ends with ";\n"
    }

    CountedCode beginControlFlow(String format, Object... args) {
        CodeBlock header = CodeBlock.of(format, args);
        code.beginControlFlow("$L", header);
        return counted(header, 1); // "header {\n"
    }

    CountedCode nextControlFlow(String format, Object... args) {
        CodeBlock header = CodeBlock.of(format, args);
        code.nextControlFlow("$L", header);
        return counted(header, 1); // "} header {\n"
    }

    private CountedCode counted(CodeBlock piece, int linesAfter) {
        line += newlines(piece) + linesAfter;
        return this;
    }

    CountedCode endControlFlow() {
        code.endControlFlow();
        line++;
        return this;
    }

    CountedCode indent() {
        code.indent();
        return this;
    }

    CountedCode unindent() {
        code.unindent();
        return this;
    }

    CodeBlock build() {
        return code.build();
    }

    private static int newlines(CodeBlock piece) {
        String text = piece.toString();
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
