package dev.weft.processor;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state machine being built for one coroutine: a list of blocks, one per state, each ending
 * in a jump, a suspension, a return or a throw; and the exception regions of lowered {@code try}
 * statements. Rendered as {@code for (;;) { try { switch (state) { case N: {...} } } catch ... }}.
 *
 * <p>Code refers to states through labels whose numbers are fixed only at rendering; inside text a
 * label is a placeholder made by {@link #ref(Label)}.
 */
final class Machine {
    /** A state, by number once rendered. */
    static final class Label {
        final int index;
        int state = -1;
        /** Set when the label names the same state as another (an empty block was reused). */
        Label sameAs;

        Label(int index) {
            this.index = index;
        }

        int state() {
            return sameAs != null ? sameAs.state() : state;
        }
    }

    /** The code protected by a lowered try: where an exception thrown there goes. */
    static final class Region {
        final Region parent;
        /** The state that handles an exception, or {@code null} to use the parent's. */
        final Label handler;

        Region(Region parent, Label handler) {
            this.parent = parent;
            this.handler = handler;
        }

        Label effectiveHandler() {
            for (Region r = this; r != null; r = r.parent) {
                if (r.handler != null) {
                    return r.handler;
                }
            }
            return null;
        }
    }

    private static final class Block {
        final Label label;
        final Region region;
        final List<String> lines = new ArrayList<>();
        final Set<LocalVar> snapshots = new LinkedHashSet<>();
        boolean terminated;
        /** The label a final plain jump goes to, for falling through instead. */
        Label finalJump;

        Block(Label label, Region region) {
            this.label = label;
            this.region = region;
        }
    }

    private static final Pattern REF = Pattern.compile("\u0001(\\d+)\u0002");

    private final List<Label> labels = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private final Map<Label, Block> blockOf = new LinkedHashMap<>();
    private final SnapshotDeclarer snapshotDeclarer;
    private Block current;
    private Region region = new Region(null, null);
    private boolean usesRegions;
    final String machineLabel;
    final String caughtField;

    /** Declares the final local that snapshots a hoisted local for lambda and class bodies. */
    interface SnapshotDeclarer {
        String declaration(LocalVar local);
    }

    Machine(String machineLabel, String caughtField, SnapshotDeclarer snapshotDeclarer) {
        this.machineLabel = machineLabel;
        this.caughtField = caughtField;
        this.snapshotDeclarer = snapshotDeclarer;
        start(newLabel());
    }

    Label newLabel() {
        Label l = new Label(labels.size());
        labels.add(l);
        return l;
    }

    /** A placeholder for the number of {@code label}'s state, inside code text. */
    static String ref(Label label) {
        return "\u0001" + label.index + "\u0002";
    }

    /** Code that continues at {@code label}. */
    String jumpText(Label label) {
        return "state = " + ref(label) + "; continue " + machineLabel + ";";
    }

    Region region() {
        return region;
    }

    void setRegion(Region r) {
        region = r;
    }

    Region newRegion(Label handler) {
        usesRegions = true;
        return new Region(region, handler);
    }

    /** Starts the block of {@code label}; a reachable end of the current block jumps to it. */
    void start(Label label) {
        if (current != null && !current.terminated && current.lines.isEmpty() && current.region == region
                && current.label != label) {
            // Nothing happened in the current state yet: the label names it too.
            label.sameAs = current.label;
            blockOf.put(label, current);
            return;
        }
        if (current != null && !current.terminated) {
            jump(label);
        }
        if (blockOf.containsKey(label)) {
            throw new IllegalStateException("label started twice");
        }
        current = new Block(label, region);
        blocks.add(current);
        blockOf.put(label, current);
    }

    boolean reachable() {
        return !current.terminated;
    }

    /** Appends a statement (possibly several lines) to the current block. */
    void line(String code) {
        line(code, Set.of());
    }

    /** Appends a statement, first declaring the snapshots of hoisted locals it captures. */
    void line(String code, Set<LocalVar> captures) {
        if (current.terminated) {
            throw new IllegalStateException("code after the end of a block: " + code);
        }
        for (LocalVar v : captures) {
            if (current.snapshots.add(v)) {
                current.lines.add(snapshotDeclarer.declaration(v));
            }
        }
        current.lines.add(code);
    }

    /** Appends a comment line. */
    void comment(String text) {
        String line = "// " + text;
        if (!current.terminated && !(current.lines.size() > 0 && current.lines.get(current.lines.size() - 1).equals(line))) {
            current.lines.add(line);
        }
    }

    /** Ends the current block with a statement that does not complete normally. */
    void terminate() {
        current.terminated = true;
    }

    void jump(Label label) {
        line(jumpText(label));
        current.finalJump = label;
        current.terminated = true;
    }

    /** {@code if (!(condition)) goto label}. */
    void jumpUnless(String condition, Label label) {
        line("if (!(" + condition + ")) {\n" + CodePrinter.INDENT + jumpText(label) + "\n}");
    }

    /** {@code if (condition) goto label}. */
    void jumpIf(String condition, Label label) {
        line("if (" + condition + ") {\n" + CodePrinter.INDENT + jumpText(label) + "\n}");
    }

    /** Suspends on {@code awaitable}; the coroutine resumes at {@code resume}. */
    void suspend(String awaitable, Label resume, Set<LocalVar> captures) {
        line("state = " + ref(resume) + ";", captures);
        line("return " + awaitable + ";");
        current.terminated = true;
    }

    boolean hasRegions() {
        return usesRegions;
    }

    /** Renders the body of {@code resume}. */
    CodeBlock render(String awaitedParam, String failureParam, String exceptionLocal) {
        int n = 0;
        for (Block b : blocks) {
            b.label.state = n++;
        }
        for (Label l : labels) {
            if (l.state() < 0) {
                throw new IllegalStateException("label never started");
            }
        }
        CodeBlock.Builder code = CodeBlock.builder();
        code.add("$L:\n", machineLabel);
        code.beginControlFlow("for (;;)");
        if (usesRegions) {
            code.beginControlFlow("try");
        }
        code.beginControlFlow("switch (state)");
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            code.add("case $L: {\n", b.label.state);
            code.indent();
            for (int j = 0; j < b.lines.size(); j++) {
                String line = b.lines.get(j);
                boolean last = j == b.lines.size() - 1;
                if (last && b.finalJump != null && i + 1 < blocks.size()
                        && blocks.get(i + 1).label.state() == b.finalJump.state()) {
                    // The next state follows: set it (exceptions are dispatched by state) and fall through.
                    line = "state = " + ref(b.finalJump) + ";";
                    code.add("$L\n", resolve(line));
                    code.unindent();
                    code.add("}\n");
                    code.add("// falls through\n");
                    b = null;
                    break;
                }
                code.add("$L\n", resolve(line));
            }
            if (b != null) {
                if (!b.terminated) {
                    throw new IllegalStateException("block " + b.label.state + " does not end");
                }
                code.unindent();
                code.add("}\n");
            }
        }
        code.add("default:\n");
        code.indent();
        code.addStatement("throw invalidState(state)");
        code.unindent();
        code.endControlFlow();
        if (usesRegions) {
            code.nextControlFlow("catch ($T $L)", Throwable.class, exceptionLocal);
            code.add("// Where an exception thrown in each state goes (the try statements of the coroutine).\n");
            code.beginControlFlow("switch (state)");
            Map<Label, List<Integer>> byHandler = new LinkedHashMap<>();
            for (Block b : blocks) {
                Label h = b.region.effectiveHandler();
                if (h != null) {
                    byHandler.computeIfAbsent(h, k -> new ArrayList<>()).add(b.label.state);
                }
            }
            for (Map.Entry<Label, List<Integer>> e : byHandler.entrySet()) {
                StringBuilder cases = new StringBuilder();
                for (int s : e.getValue()) {
                    cases.append("case ").append(s).append(": ");
                }
                code.add("$L\n", cases.toString().trim());
                code.indent();
                code.addStatement("state = $L", e.getKey().state());
                code.addStatement("break");
                code.unindent();
            }
            code.add("default:\n");
            code.indent();
            code.addStatement("throw $L", exceptionLocal);
            code.unindent();
            code.endControlFlow();
            code.addStatement("$L = $L", caughtField, exceptionLocal);
            code.endControlFlow();
        }
        code.endControlFlow();
        return code.build();
    }

    private String resolve(String text) {
        Matcher m = REF.matcher(text);
        StringBuffer sb = new StringBuffer();
        while (m.find()) {
            m.appendReplacement(sb, Integer.toString(labels.get(Integer.parseInt(m.group(1))).state()));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
