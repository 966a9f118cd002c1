package dev.weft.processor.lowering;

import dev.weft.processor.emission.Code;
import dev.weft.processor.emission.CommentText;
import dev.weft.processor.emission.Exit;
import dev.weft.processor.emission.Protocol;
import dev.weft.processor.model.LineTable;
import dev.weft.processor.model.LocalVar;
import dev.weft.processor.model.ProcessingFailure;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state machine being built for one coroutine: a list of blocks, one per state, each ending
 * in a jump, a suspension, a return or a throw; and the exception regions of lowered {@code try}
 * statements. Rendered as {@code for (;;) { try { switch (state) { case N: {...} } } catch ... }}.
 *
 * <p>Code refers to states through their labels, which are state references of {@link Code}: a
 * label's number is fixed only when the machine is rendered, and written when JavaPoet writes it.
 */
public final class Machine {
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

        /** The state's number: how code writes the label. */
        @Override
        public String toString() {
            int n = state();
            if (n < 0) {
                throw new IllegalStateException("state " + index + " written before the machine is numbered");
            }
            return Integer.toString(n);
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
        /** Statements ({@link Code}) and comments ({@link Comment}), in order. */
        final List<Object> lines = new ArrayList<>();
        final Set<LocalVar> snapshots = new LinkedHashSet<>();
        boolean terminated;
        /** The label a final plain jump goes to, for falling through instead. */
        Label finalJump;
        /** Whether the block already set {@code state} to {@link #finalJump} (a direct call's). */
        boolean finalStateSet;

        Block(Label label, Region region) {
            this.label = label;
            this.region = region;
        }

        /** The characters of code of this state, comments left out. */
        int codeSize() {
            int size = 0;
            for (Object line : lines) {
                if (line instanceof Code) {
                    size += line.toString().length();
                } else if (line instanceof DirectCall) {
                    size += ((DirectCall) line).code(true).toString().length();
                }
            }
            return size;
        }
    }

    private final List<Label> labels = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private final Map<Label, Block> blockOf = new LinkedHashMap<>();
    private final SnapshotDeclarer snapshotDeclarer;
    private Block current;
    private Region region = new Region(null, null);
    private boolean usesRegions;
    /** The user's line of the statement being lowered, and of the suspension each label resumes after. */
    private long currentLine = -1;
    private final Map<Label, Long> suspensionLines = new LinkedHashMap<>();
    final String machineLabel;
    final String caughtField;

    /** Declares the final local that snapshots a hoisted local for lambda and class bodies. */
    interface SnapshotDeclarer {
        Code declaration(LocalVar local);
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

    /** Code that continues at {@code label}. */
    Code jumpCode(Label label) {
        return exitTo(Code.EMPTY, label).code();
    }

    /** An exit that runs {@code setup}, then continues at {@code label}. */
    Exit exitTo(Code setup, Label label) {
        return Exit.to(setup, label, machineLabel);
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
    void line(Code code) {
        line(code, Set.of());
    }

    /** Appends a statement, first declaring the snapshots of hoisted locals it captures. */
    void line(Code code, Set<LocalVar> captures) {
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

    /** A comment line: the user's source line a statement comes from, and its number. */
    private static final class Comment {
        final String text;
        final long line;

        Comment(String text, long line) {
            this.text = text;
            this.line = line;
        }
    }

    /**
     * Appends a comment line: the user's line a statement comes from ({@code text}, line
     * {@code line}), not again for the next statement of the same line.
     */
    void comment(String text, long line) {
        currentLine = line;
        if (current.terminated) {
            return;
        }
        for (int i = current.lines.size() - 1; i >= 0; i--) {
            if (current.lines.get(i) instanceof Comment) {
                if (((Comment) current.lines.get(i)).text.equals(text)) {
                    return;
                }
                break;
            }
        }
        current.lines.add(new Comment(text, line));
    }

    /** Ends the current block with a statement that does not complete normally. */
    void terminate() {
        current.terminated = true;
    }

    void jump(Label label) {
        line(jumpCode(label));
        current.finalJump = label;
        current.terminated = true;
    }

    /** {@code if (!(condition)) goto label}. */
    void jumpUnless(Code condition, Label label, Set<LocalVar> captures) {
        line(Code.block(Code.of("if (!(", condition, "))"), jumpCode(label)), captures);
    }

    /** {@code if (condition) goto label}. */
    void jumpIf(Code condition, Label label) {
        line(Code.block(Code.of("if (", condition, ")"), jumpCode(label)));
    }

    /** Suspends on {@code awaitable}; the coroutine resumes at {@code resume}. */
    void suspend(Code awaitable, Label resume, Set<LocalVar> captures) {
        suspensionLines.put(resume, currentLine);
        line(Code.of("state = ", resume, ";"), captures);
        line(Code.of("return ", awaitable, ";"));
        current.terminated = true;
    }

    /**
     * Calls a coroutine: runs the coroutine object {@code call} at once on the Java stack
     * ({@code callInline}) and goes on at {@code resume} with its result in {@code awaited}; if it
     * suspends, returns as a suspension does, and the coroutine resumes at {@code resume} later.
     */
    void callCoroutine(Code call, Label resume, Set<LocalVar> captures, String awaitedParam, String failureParam) {
        suspensionLines.put(resume, currentLine);
        line(Code.of("state = ", resume, ";"), captures);
        current.lines.add(new DirectCall(call, awaitedParam, failureParam));
        current.finalStateSet = true;
        jump(resume);
    }

    /**
     * A coroutine call run at once ({@link #callCoroutine}), which then falls into the state it
     * resumes at; where that state is in another part of a split machine, the call is returned to
     * the driver instead, as an await of it would be (the value could not follow it there).
     */
    private static final class DirectCall {
        final Code call;
        final String awaitedParam;
        final String failureParam;

        DirectCall(Code call, String awaitedParam, String failureParam) {
            this.call = call;
            this.awaitedParam = awaitedParam;
            this.failureParam = failureParam;
        }

        Code code(boolean fallsThrough) {
            if (!fallsThrough) {
                return Code.of("return ", call, ";");
            }
            return Code.of(awaitedParam, " = ", Protocol.callInline(call), ";\n",
                    "if (", awaitedParam, " == ", Protocol.SUSPENDED_INSIDE, ") return ", Protocol.SUSPENDED_INSIDE, ";\n",
                    failureParam, " = null;");
        }
    }

    boolean hasRegions() {
        return usesRegions;
    }

    /**
     * The code of the states that one method holds at most, in characters of code (comments
     * left out). A method's bytecode may not exceed 64 KiB; generated code reads locals from
     * fields and takes at most about two bytes per character, so this keeps every part well under.
     */
    static final int PART_SIZE = 20_000;

    /**
     * The code of one state that cannot fit one method, in characters (about a byte of bytecode
     * each, measured): a state runs from one suspension point to the next and is not split.
     */
    static final int STATE_LIMIT = 55_000;

    /** The rendered machine: the body of {@code resume} and, for a large machine, the parts it calls. */
    public static final class Rendered {
        public final CodeBlock resumeBody;
        /** Each part's method name and body; empty when {@code resume} holds every state. */
        public final Map<String, CodeBlock> parts;

        /** Where its code is in the user's source. */
        public final LineTable lines;

        Rendered(CodeBlock resumeBody, Map<String, CodeBlock> parts, LineTable lines) {
            this.resumeBody = resumeBody;
            this.parts = parts;
            this.lines = lines;
        }
    }

    /**
     * Renders the machine. A machine whose states do not fit one method ({@link #PART_SIZE}) is
     * split, in state order, into parts of its own methods: {@code resume} calls the part that
     * holds the current state; a part returns {@code continueMachine()}'s sentinel when the
     * next state is in another part, and {@code resume} calls that one (with no awaited value and
     * no failure: only a suspension gives those; a coroutine call whose next state is in another
     * part is handed to the driver, see {@link DirectCall}).
     *
     * @param partName the name of the part methods, numbered from 1
     */
    public Rendered render(String awaitedParam, String failureParam, String exceptionLocal, String partName) {
        int n = 0;
        for (Block b : blocks) {
            b.label.state = n++;
        }
        for (Label l : labels) {
            if (l.state() < 0) {
                throw new IllegalStateException("label never started");
            }
        }
        LineTable table = new LineTable();
        for (Map.Entry<Label, Long> e : suspensionLines.entrySet()) {
            table.suspensionResumingAt(e.getKey().state(), e.getValue());
        }
        List<List<Block>> parts = new ArrayList<>();
        List<Block> part = new ArrayList<>();
        int size = 0;
        for (Block b : blocks) {
            int blockSize = b.codeSize();
            if (blockSize > STATE_LIMIT) {
                throw new ProcessingFailure(null, "the code of this coroutine between two suspension points is too"
                        + " large for one method of its state machine (a Java method holds at most 64 KiB of bytecode,"
                        + " and the machine keeps locals used across awaits in fields); move part of it into plain"
                        + " helper methods");
            }
            if (!part.isEmpty() && size + blockSize > PART_SIZE) {
                parts.add(part);
                part = new ArrayList<>();
                size = 0;
            }
            part.add(b);
            size += blockSize;
        }
        parts.add(part);
        if (parts.size() == 1) {
            return new Rendered(states(blocks, exceptionLocal, false, table), Map.of(), table);
        }
        Map<String, CodeBlock> methods = new LinkedHashMap<>();
        CodeBlock.Builder resume = CodeBlock.builder();
        resume.add("// The states are split into $L methods: a method's code is limited to 64 KiB.\n", parts.size());
        resume.beginControlFlow("for (;;)");
        resume.addStatement("$T next", ParameterizedTypeName.get(Protocol.AWAITABLE, WildcardTypeName.subtypeOf(Object.class)));
        for (int i = 0; i < parts.size(); i++) {
            List<Block> states = parts.get(i);
            String name = partName + (i + 1);
            int last = states.get(states.size() - 1).label.state;
            String call = "next = " + name + "(" + awaitedParam + ", " + failureParam + ")";
            if (i == 0) {
                // (a negative state, as the runtime's probe for the anchor line uses, is no part's)
                resume.beginControlFlow("if (state < 0)");
                resume.addStatement("throw invalidState(state)");
                resume.nextControlFlow("else if (state <= $L)", last);
            } else {
                resume.nextControlFlow("else if (state <= $L)", last);
            }
            resume.addStatement(call);
            methods.put(name, states(states, exceptionLocal, true, null));
        }
        resume.nextControlFlow("else");
        resume.addStatement("throw invalidState(state)");
        resume.endControlFlow();
        resume.beginControlFlow("if (next != continueMachine())");
        resume.addStatement("return next");
        resume.endControlFlow();
        resume.addStatement("$L = null", awaitedParam);
        resume.addStatement("$L = null", failureParam);
        resume.endControlFlow();
        return new Rendered(resume.build(), methods, table);
    }

    /**
     * {@code machine: for (;;) { try { switch (state) {...} } catch ... }} over {@code states}. In
     * a part of a split machine, a state of another part leaves with the sentinel.
     */
    private CodeBlock states(List<Block> states, String exceptionLocal, boolean part, LineTable lines) {
        CountedCode code = new CountedCode();
        code.add("$L:\n", machineLabel);
        code.beginControlFlow("for (;;)");
        boolean regions = usesRegions && anyHandled(states);
        if (regions) {
            code.beginControlFlow("try");
        }
        code.beginControlFlow("switch (state)");
        for (int i = 0; i < states.size(); i++) {
            Block b = states.get(i);
            code.add("case $L: {\n", b.label.state);
            code.indent();
            boolean fallsThrough = b.finalJump != null && i + 1 < states.size()
                    && states.get(i + 1).label.state() == b.finalJump.state();
            for (int j = 0; j < b.lines.size(); j++) {
                Object line = b.lines.get(j);
                boolean last = j == b.lines.size() - 1;
                if (line instanceof DirectCall) {
                    line = ((DirectCall) line).code(fallsThrough);
                    if (!fallsThrough) {
                        // the call goes to the driver: the block ends here, its final jump is left out
                        code.add("$L\n", ((Code) line).toCodeBlock());
                        code.unindent();
                        code.add("}\n");
                        b = null;
                        break;
                    }
                }
                if (last && fallsThrough) {
                    // The next state follows: set it (exceptions are dispatched by state) and fall through.
                    if (!b.finalStateSet) {
                        code.add("state = $L;\n", b.finalJump);
                    }
                    code.unindent();
                    code.add("}\n");
                    code.add("// falls through\n");
                    b = null;
                    break;
                }
                if (line instanceof Code) {
                    if (lines != null) {
                        for (long[] mark : ((Code) line).lineMarks()) {
                            lines.statementAt(code.line() + (int) mark[0], mark[1]);
                        }
                    }
                    code.add("$L\n", ((Code) line).toCodeBlock());
                } else {
                    Comment c = (Comment) line;
                    if (lines != null) {
                        lines.statementAt(code.line(), c.line);
                    }
                    code.add("// $L\n", CommentText.lineComment(c.text));
                }
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
        if (part) {
            code.add("// a state of another part\n");
            code.addStatement("return continueMachine()");
        } else {
            if (lines != null) {
                lines.anchorAt(code.line());
            }
            code.addStatement("throw invalidState(state)");
        }
        code.unindent();
        code.endControlFlow();
        if (regions) {
            code.nextControlFlow("catch ($T $L)", Throwable.class, exceptionLocal);
            code.add("// Where an exception thrown in each state goes (the try statements of the coroutine).\n");
            code.beginControlFlow("switch (state)");
            Map<Label, List<Integer>> byHandler = new LinkedHashMap<>();
            for (Block b : states) {
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

    /** Whether an exception thrown in one of {@code states} goes to a handler. */
    private static boolean anyHandled(List<Block> states) {
        for (Block b : states) {
            if (b.region.effectiveHandler() != null) {
                return true;
            }
        }
        return false;
    }

}
