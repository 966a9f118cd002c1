package dev.weft.processor.differential;

import static dev.weft.processor.differential.GeneratedProgram.AWAIT_CLOSE;
import static dev.weft.processor.differential.GeneratedProgram.AWAIT_OPEN;
import static dev.weft.processor.differential.GeneratedProgram.COROUTINE;
import static dev.weft.processor.differential.GeneratedProgram.OWN_CLASS;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Generates one random program from a seed: a few static fields (and, for a third of the
 * programs, an instance field, with every method an instance method, and a subclass overriding
 * the coroutines that return boxes, called through the declaring class), private in half of the
 * programs (which then have a private plain helper too), two coroutines that return
 * boxes, up to three helper
 * coroutines {@code <p>_cK(int d, int a, String s)} that call each other and themselves while the
 * depth {@code d} is positive, sometimes a generic helper coroutine {@code <T> T <p>_c9(T x)},
 * and the entry coroutine {@code String <p>_main()}.
 *
 * <p>Statements: local declarations (int, long, boolean, String, byte, short, char, int[], lists,
 * an enum; several declarators), assignments and compound assignments (all operators, with
 * implicit narrowing) to locals, fields and array elements, {@code ++}/{@code --}, traced calls
 * {@code t(tag, value)}, if/else, while, do-while, for (several variables), enhanced for over
 * int[] (also as long), lists (as int and Integer), Strings' chars and enum values, labeled loops
 * and blocks, break/continue (labeled or not, conditional or not), try/catch/finally (multi-catch,
 * nested, catch parameters rethrown), try-with-resources (resources whose close fails, Java 9
 * {@code try (r)}), switch statements on int, String and enum (fallthrough, several labels, arrow
 * form), return and throw anywhere, awaits that fail, lambdas reading effectively final locals,
 * constant locals (read anywhere, in case labels, compared by string identity, narrowed implicitly
 * to byte and char), {@code int[][]} arrays (jagged, rectangular, nested initializers), and
 * {@code Integer} locals, perhaps null, as left operands of operators and compound assignments
 * whose right side suspends (the NullPointerException caught), numeric and boolean conditionals
 * whose operands suspend and may be boxes or null (casts of awaited values, calls of coroutines
 * {@code <p>_cb}/{@code <p>_cz} that return an Integer or a Boolean, literals of other numeric
 * types; traced as strings, so the type shows), anonymous class instances typed again after a
 * suspension, lambdas, method references and diamonds with lambda arguments inside awaits typed
 * by their context, and lines whose comment holds a unicode escape for a line feed.
 * Expressions: arithmetic, bitwise and shift operators, comparisons, {@code &&}, {@code ||},
 * {@code !}, {@code ?:}, string concatenation, assignments and increments inside expressions,
 * casts, array and list reads, calls with several arguments, calls of helper coroutines (also
 * qualified by the class or {@code this}), switch expressions (arrow and colon form, yield from
 * nested statements). Any expression may be awaited: {@code await(later(e))} as coroutines,
 * {@code id(e)} as plain Java. Division by zero, indexes out of bounds, thrown exceptions and
 * failing closes happen on purpose.
 *
 * <p>Programs are valid Java by construction:
 * <ul>
 *   <li>Every local is initialized where it is declared, and names are unique in a method.
 *   <li>Each statement reports whether it can complete normally by the rules of JLS 14.22 (breaks,
 *       continues and yields are tracked per target; those of a try or catch block are dropped when
 *       the finally block cannot complete normally); nothing is generated after a statement that
 *       cannot, and a method that can fall off its end gets a final {@code return}.
 *   <li>Expressions are generated for a type. An awaited int is an Integer, and a call of a generic
 *       method makes a conditional a reference conditional, so {@code ==} on ints always has a
 *       literal on one side, both arms of a long conditional are long, and narrow locals are read
 *       as {@code (v + 0)}.
 *   <li>Every loop has a counter the body cannot assign, incremented before anything that could
 *       continue, and bounded by a small constant, so programs terminate; strings that are stored
 *       are built without reading other stored strings, so they grow at most linearly.
 *   <li>Two javac quirks are avoided: a switch expression containing a try statement is never
 *       evaluated with a long on the operand stack (javac 17 to 25 crash), and a switch expression
 *       that is an argument of an overloaded method is cast to its type.
 * </ul>
 * The Java 8 mode leaves out switch expressions, arrow-form switch statements, multi-label cases
 * and {@code try (resource)} on an existing variable.
 */
final class ProgramGenerator {
    enum Type { INT, LONG, BOOL, STRING, INT_ARR, INT_LIST, STR_LIST, COLOR, RES, EXC, BYTE, SHORT, CHAR, SUPPLIER }

    /** A variable (or an expression read like one); capturable: a lambda may read it. */
    private record Var(String name, Type type, boolean assignable, boolean capturable) {
        Var(String name, Type type, boolean assignable) {
            this(name, type, assignable, false);
        }
    }

    private record Helper(String name, Type result) {
    }

    private enum Kind { LOOP, SWITCH, BLOCK, SWITCH_EXPR }

    /** Something break, continue or yield can target. */
    private static final class Target {
        final Kind kind;
        final String label;
        final Type yieldType;
        boolean broken;
        boolean continued;
        boolean yielded;

        Target(Kind kind, String label, Type yieldType) {
            this.kind = kind;
            this.label = label;
            this.yieldType = yieldType;
        }
    }

    private record Jump(Target target, boolean isContinue) {
    }

    private static final String[] INT_OPS = {"+", "-", "*", "&", "|", "^", "+", "-", "*"};
    private static final String[] SHIFT_OPS = {"<<", ">>", ">>>"};
    private static final String[] COMPOUND_INT = {"+=", "-=", "*=", "&=", "|=", "^=", "<<=", ">>=", ">>>=", "+=", "-="};
    private static final String[] COLORS = {"RED", "GREEN", "BLUE"};
    private static final String[] STRINGS = {"a", "b", "xy", "", "k1", "k2", "q"};
    /** Exception types that may be caught, with the index of their superclass here (-1: none here). */
    private static final String[] EXCEPTIONS = {
        "RuntimeException", "IllegalStateException", "IllegalArgumentException", "ArithmeticException",
        "IndexOutOfBoundsException", "ArrayIndexOutOfBoundsException", "Exception"};
    private static final int[] EXCEPTION_PARENT = {6, 0, 0, 0, 0, 4, -1};
    private static final String[] THROWN = {"IllegalStateException", "IllegalArgumentException", "UnsupportedOperationException"};

    private final Random rnd;
    private final long seed;
    private final boolean java8;
    private final String p;

    private final List<List<Var>> scopes = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final List<Jump> pending = new ArrayList<>();
    private final List<Helper> helpers = new ArrayList<>();
    private final List<Var> fields = new ArrayList<>();
    private final List<String> freed = new ArrayList<>();
    /** The values of the constant locals, by name. */
    private final java.util.Map<String, Integer> constants = new java.util.HashMap<>();

    private double awaitP;
    /** The name of the program's generic helper coroutine {@code <T> T g(T x)}, or null. */
    private String generic;
    private boolean instance;
    /** Whether the program's fields and its plain helper are private (reached through accessors). */
    private boolean privateMembers;
    /** The simple name of the nested class the program is in, or null. */
    private String nested;
    private int names;
    private int tags;
    private int budget;
    private int indent;
    private Type returnType;
    private boolean inHelper;
    private int loopDepth;
    private int switchExprDepth;
    private boolean noStrVars;
    /** While positive, expressions are in a lambda body: they read only capturable variables. */
    private int inLambda;
    /** How many try statements with a finally block (or resources) the code is in the try or catch part of. */
    private int tryFinallyDepth;
    /** While positive, a long is on javac's operand stack; see {@link #rightOfLong}. */
    private int longLeft;
    /** No try statements here; see {@link #rightOfLong}. */
    private boolean noTry;
    /** While positive, expressions neither await nor call helper coroutines. */
    private int noSuspend;

    ProgramGenerator(long seed, boolean java8) {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.java8 = java8;
        this.p = "p" + Long.toString(seed, 36).replace('-', 'm');
    }

    static GeneratedProgram generate(long seed, boolean java8) {
        return new ProgramGenerator(seed, java8).generate();
    }

    /** The name that qualifies a static call of the program's methods. */
    private String className() {
        return nested != null ? nested : String.valueOf(OWN_CLASS);
    }

    GeneratedProgram generate() {
        awaitP = 0.1 + rnd.nextDouble() * 0.35;
        privateMembers = rnd.nextBoolean();
        boolean inNested = rnd.nextInt(4) == 0;
        String access = privateMembers ? "private " : "";
        // javac for Java 8 reaches an enclosing class's private field through a synthetic accessor that reads
        // it only after a compound assignment's right side ran (f += (f = 0) adds to the new value): the plain
        // version would not follow JLS 15.26.2 there, so those fields stay package-private
        String outerAccess = inNested && java8 ? "" : access;
        StringBuilder o = new StringBuilder();
        o.append("    // program ").append(p).append(" (seed ").append(seed).append(")\n");
        fields.add(new Var(p + "_fi", Type.INT, true, true));
        fields.add(new Var(p + "_fl", Type.LONG, true, true));
        fields.add(new Var(p + "_fb", Type.BOOL, true, true));
        fields.add(new Var(p + "_fs", Type.STRING, true, true));
        fields.add(new Var(p + "_fa", Type.INT_ARR, true, true));
        for (Var f : fields) {
            o.append("    ").append(outerAccess).append("static ").append(javaType(f.type)).append(' ').append(f.name)
                    .append(";\n");
        }
        instance = rnd.nextInt(3) == 0;
        if (inNested) {
            // the program's members in a static nested class (coroutines class Outer_NestedCoroutines)
            nested = p + "N";
            o.append("    static class ").append(nested).append(" {\n");
        }
        if (instance) {
            // instance coroutines: main and helpers are instance methods, with an instance field
            o.append("    ").append(access).append("int ").append(p).append("_if;\n");
            fields.add(new Var(p + "_if", Type.INT, true, true));
            fields.add(new Var("this." + p + "_if", Type.INT, true, true));
        }
        if (privateMembers) {
            o.append("    private static int ").append(p).append("_ph(int x) { return t(\"").append(p)
                    .append("_ph\", x) * 3 + 1; }\n");
        }
        // coroutines that return boxes: their calls are numeric and boolean operands (JLS 15.25)
        String modifier = instance ? "" : "static ";
        o.append("    ").append(COROUTINE).append(modifier).append("Integer ").append(p).append("_cb(Integer v) {\n        ")
                .append(AWAIT_OPEN).append('0').append(AWAIT_CLOSE).append(";\n        return v;\n    }\n");
        o.append("    ").append(COROUTINE).append(modifier).append("Boolean ").append(p).append("_cz(Boolean v) {\n        ")
                .append(AWAIT_OPEN).append('0').append(AWAIT_CLOSE).append(";\n        return v;\n    }\n");
        int helperCount = rnd.nextInt(4);
        for (int i = 0; i < helperCount; i++) {
            Type r = switch (rnd.nextInt(3)) {
                case 0 -> Type.INT;
                case 1 -> Type.STRING;
                default -> null;
            };
            helpers.add(new Helper(p + "_c" + i, r));
        }
        for (Helper h : helpers) {
            helperMethod(o, h);
        }
        if (rnd.nextInt(3) == 0) {
            generic = p + "_c9";
            o.append("    ").append(COROUTINE).append(instance ? "" : "static ").append("<T> T ").append(generic)
                    .append("(T x) {\n        t(\"").append(generic).append("\", 0);\n        return ").append(AWAIT_OPEN)
                    .append('x').append(AWAIT_CLOSE).append(";\n    }\n");
        }
        mainMethod(o);
        if (instance) {
            // an override of the boxed coroutines: calls through the declaring class dispatch to it
            o.append("    static class ").append(p).append("S extends ").append(className()).append(" {\n");
            o.append("        ").append(COROUTINE).append("Integer ").append(p).append("_cb(Integer v) {\n            t(\"")
                    .append(p).append("S_cb\", 0);\n            ").append(AWAIT_OPEN).append('1').append(AWAIT_CLOSE)
                    .append(";\n            return v == null ? null : v + 1;\n        }\n");
            o.append("        ").append(COROUTINE).append("Boolean ").append(p).append("_cz(Boolean v) {\n            return ")
                    .append(AWAIT_OPEN).append("v == null ? null : !v").append(AWAIT_CLOSE).append(";\n        }\n");
            o.append("    }\n");
        }
        if (nested != null) {
            o.append("    }\n");
        }
        return new GeneratedProgram(seed, p, java8, instance, nested, o.toString());
    }

    // ------------------------------------------------------------------ methods

    private void helperMethod(StringBuilder o, Helper h) {
        startMethod(h.result, true, 3 + rnd.nextInt(8));
        List<Var> params = scopes.get(scopes.size() - 1);
        params.add(new Var("d", Type.INT, false, true));
        params.add(new Var("a", Type.INT, true));
        params.add(new Var("s", Type.STRING, true));
        o.append("    ").append(COROUTINE).append(instance ? "" : "static ").append(h.result == null ? "void" : javaType(h.result))
                .append(' ').append(h.name).append("(int d, int a, String s) {\n");
        indent = 2;
        pushScope();
        boolean live = statements(o, 2, 1 + rnd.nextInt(4));
        if (live && h.result != null) {
            line(o, "return " + expr(h.result, 2) + ";");
        } else if (live && rnd.nextInt(4) == 0) {
            line(o, "return;");
        }
        popScope();
        o.append("    }\n");
    }

    private void mainMethod(StringBuilder o) {
        startMethod(Type.STRING, false, 6 + rnd.nextInt(24));
        o.append("    ").append(COROUTINE).append(instance ? "" : "static ").append("String ").append(p).append("_main() {\n");
        indent = 2;
        pushScope();
        line(o, p + "_fi = " + rnd.nextInt(10) + ";");
        if (instance) {
            line(o, "this." + p + "_if = " + rnd.nextInt(10) + ";");
        }
        line(o, p + "_fl = " + rnd.nextInt(10) + "L;");
        line(o, p + "_fb = " + rnd.nextBoolean() + ";");
        line(o, p + "_fs = \"f\";");
        line(o, p + "_fa = new int[] {" + rnd.nextInt(5) + ", " + rnd.nextInt(5) + ", " + rnd.nextInt(5) + ", "
                + rnd.nextInt(5) + "};");
        boolean live = statements(o, 4, 2 + rnd.nextInt(6));
        while (live && budget > 0) {
            live = statement(o, 4);
        }
        if (live) {
            StringBuilder r = new StringBuilder("\"\"");
            for (Var f : fields) {
                r.append(" + \"|\" + ").append(show(f));
            }
            for (Var v : scopes.get(scopes.size() - 1)) {
                if (v.type != Type.SUPPLIER) {
                    r.append(" + \"|\" + ").append(show(v));
                }
            }
            if (rnd.nextBoolean()) {
                r.append(" + \"|\" + ").append(expr(Type.STRING, 2));
            }
            line(o, "return " + r + ";");
        }
        popScope();
        o.append("    }\n");
    }

    private String show(Var v) {
        return v.type == Type.INT_ARR ? "Arrays.toString(" + v.name + ")" : v.name;
    }

    private void startMethod(Type result, boolean helper, int statementBudget) {
        scopes.clear();
        targets.clear();
        pending.clear();
        scopes.add(new ArrayList<>(fields));
        scopes.add(new ArrayList<>());
        returnType = result;
        inHelper = helper;
        budget = statementBudget;
        loopDepth = 0;
        switchExprDepth = 0;
        noStrVars = false;
        noSuspend = 0;
        longLeft = 0;
        noTry = false;
        tryFinallyDepth = 0;
        inLambda = 0;
    }

    // ------------------------------------------------------------------ statements

    /** Up to {@code n} statements; returns whether the last can complete normally. */
    private boolean statements(StringBuilder o, int depth, int n) {
        boolean live = true;
        for (int i = 0; i < n && live; i++) {
            live = statement(o, depth);
        }
        return live;
    }

    /** A braced block's contents in a new scope, one level deeper. */
    private boolean blockBody(StringBuilder o, int depth, int n) {
        indent++;
        pushScope();
        boolean live = statements(o, depth, n);
        popScope();
        indent--;
        return live;
    }

    private int smallCount() {
        return budget <= 0 ? 1 : 1 + rnd.nextInt(3);
    }

    private boolean statement(StringBuilder o, int depth) {
        budget--;
        boolean compound = depth > 0 && budget > 0;
        int maxLoops = inHelper ? 1 : 3;
        List<Runnable> choices = new ArrayList<>();
        boolean[] live = {true};
        add(choices, 10, () -> declaration(o));
        add(choices, 10, () -> assignment(o));
        add(choices, 5, () -> line(o, trace(Type.values()[rnd.nextInt(4)], 2) + ";"));
        add(choices, 2, () -> listAdd(o));
        add(choices, 2, () -> live[0] = helperCallStatement(o));
        add(choices, 2, () -> narrowDeclaration(o));
        add(choices, 1, () -> lambda(o));
        add(choices, 1, () -> failLater(o));
        add(choices, 3, () -> live[0] = jump(o));
        add(choices, 1, () -> constantDeclaration(o));
        add(choices, 1, () -> arrayOfArrays(o));
        if (!noTry) {
            add(choices, 1, () -> boxedOperands(o));
            add(choices, 2, () -> numericConditional(o));
        }
        add(choices, 1, () -> anonymousValue(o));
        add(choices, 1, () -> polyAwait(o));
        add(choices, 1, () -> escapeInComment(o));
        if (compound) {
            add(choices, 6, () -> live[0] = ifStatement(o, depth));
            if (loopDepth < maxLoops) {
                add(choices, 3, () -> live[0] = whileLoop(o, depth));
                add(choices, 2, () -> live[0] = doLoop(o, depth));
                add(choices, 3, () -> live[0] = forLoop(o, depth));
                add(choices, 3, () -> live[0] = forEachLoop(o, depth));
            }
            if (!noTry) {
                add(choices, 4, () -> live[0] = tryStatement(o, depth));
                add(choices, 2, () -> live[0] = tryWithResources(o, depth));
            }
            add(choices, 3, () -> live[0] = switchStatement(o, depth));
            add(choices, 1, () -> live[0] = labeledBlock(o, depth));
            add(choices, 1, () -> live[0] = plainBlock(o, depth));
        }
        choices.get(rnd.nextInt(choices.size())).run();
        return live[0];
    }

    private static void add(List<Runnable> choices, int weight, Runnable r) {
        for (int i = 0; i < weight; i++) {
            choices.add(r);
        }
    }

    private void declaration(StringBuilder o) {
        Type[] types = {Type.INT, Type.INT, Type.INT, Type.LONG, Type.BOOL, Type.BOOL, Type.STRING, Type.STRING,
            Type.INT_ARR, Type.INT_LIST, Type.STR_LIST, Type.COLOR};
        Type t = types[rnd.nextInt(types.length)];
        String name = fresh("v");
        String init = initializer(t);
        if (rnd.nextInt(6) == 0 && (t == Type.INT || t == Type.STRING)) {
            // two declarators, the second reading the first
            String name2 = fresh("v");
            declare(name, t, true);
            String init2 = initializer(t);
            line(o, javaType(t) + " " + name + " = " + init + ", " + name2 + " = " + init2 + ";");
            declare(name2, t, true);
            return;
        }
        line(o, javaType(t) + " " + name + " = " + init + ";");
        declare(name, t, true);
    }

    /** A byte, short or char local, read as {@code (v + 0)}: an awaited Byte and an awaited Integer in one conditional would not be numeric. */
    private void narrowDeclaration(StringBuilder o) {
        Type[] types = {Type.BYTE, Type.SHORT, Type.CHAR};
        Type t = types[rnd.nextInt(3)];
        String name = fresh("v");
        line(o, javaType(t) + " " + name + " = (" + javaType(t) + ") (int) " + expr(Type.INT, 1) + ";");
        declare(name, t, true);
        declare("(" + name + " + 0)", Type.INT, false);
    }

    /**
     * A constant local {@code final int k = <constant>}, read like any int and as case labels, and
     * sometimes a constant String built from it (compared by identity) and a byte or char local
     * initialized from it by implicit narrowing.
     */
    private void constantDeclaration(StringBuilder o) {
        String name = fresh("k");
        int[] value = new int[1];
        line(o, "final int " + name + " = " + constant(2, value) + ";");
        scopes.get(scopes.size() - 1).add(new Var(name, Type.INT, false, true));
        constants.put(name, value[0]);
        switch (rnd.nextInt(4)) {
            case 0 -> {
                String s = fresh("v");
                line(o, "final String " + s + " = \"k\" + " + name + ";");
                scopes.get(scopes.size() - 1).add(new Var(s, Type.STRING, false, true));
                line(o, "t(\"" + tag() + "\", " + s + " == (\"k\" + " + value[0] + "));");
            }
            case 1 -> {
                String c = fresh("v");
                boolean isChar = value[0] > 127 || rnd.nextBoolean();
                if (value[0] < 0 || value[0] > 65000) {
                    return;
                }
                line(o, (isChar ? "char " : "byte ") + c + " = " + name + (isChar ? " + 'a'" : "") + ";");
                declare(c, isChar ? Type.CHAR : Type.BYTE, true);
                declare("(" + c + " + 0)", Type.INT, false);
            }
            default -> {
            }
        }
    }

    /** A constant int expression of small literals and constant locals in scope, and its value. */
    private String constant(int depth, int[] value) {
        Var k = pickVar(v -> constants.containsKey(v.name));
        if (depth == 0 || rnd.nextInt(3) == 0) {
            if (k != null && rnd.nextBoolean()) {
                value[0] = constants.get(k.name);
                return k.name;
            }
            value[0] = rnd.nextInt(10);
            return String.valueOf(value[0]);
        }
        int[] b = new int[1];
        String left = constant(depth - 1, value);
        String right = constant(depth - 1, b);
        switch (rnd.nextInt(3)) {
            case 0:
                value[0] += b[0];
                return "(" + left + " + " + right + ")";
            case 1:
                value[0] = value[0] * 3 / ((b[0] & 7) + 1);
                return "(" + left + " * 3 / ((" + right + " & 7) + 1))";
            default:
                value[0] = (value[0] > b[0] ? value[0] - b[0] : b[0] - value[0]) % 50;
                return "((" + left + " > " + right + " ? " + left + " - " + right + " : " + right + " - " + left
                        + ") % 50)";
        }
    }

    /** An int[][]: jagged, rectangular, or nested initializers (some bare); its contents are traced. */
    private void arrayOfArrays(StringBuilder o) {
        String g = fresh("g");
        switch (rnd.nextInt(4)) {
            case 0 -> {
                line(o, "int[][] " + g + " = new int[1 + (" + expr(Type.INT, 1) + " & 1)][];");
                line(o, g + "[0] = new int[] {" + expr(Type.INT, 1) + ", " + expr(Type.INT, 1) + "};");
            }
            case 1 -> line(o, "int[][] " + g + " = new int[1 + (" + expr(Type.INT, 1) + " & 1)][" + "(" + expr(Type.INT, 1)
                    + " & 1)];");
            case 2 -> line(o, "int[][] " + g + " = new int[][] {{" + expr(Type.INT, 1) + ", " + expr(Type.INT, 1)
                    + "}, {}, {" + expr(Type.INT, 1) + "}};");
            default -> line(o, "int[][] " + g + " = {{" + expr(Type.INT, 1) + "}, {" + expr(Type.INT, 1) + ", "
                    + expr(Type.INT, 1) + "}};");
        }
        line(o, "t(\"" + tag() + "\", Arrays.deepToString(" + g + "));");
    }

    /**
     * An Integer local, perhaps null, as the left operand of operators and compound assignments
     * whose right side may suspend: Java unboxes it before it evaluates the right side, so a null
     * throws first. The NullPointerException is caught (its message names the variable, which
     * differs between the versions).
     */
    private void boxedOperands(StringBuilder o) {
        String b = fresh("b");
        line(o, "Integer " + b + " = " + (rnd.nextBoolean() ? "null" : expr(Type.INT, 1)) + ";");
        line(o, "try {");
        indent++;
        int n = 1 + rnd.nextInt(2);
        for (int i = 0; i < n; i++) {
            String right = noSuspend > 0 ? expr(Type.INT, 1) : AWAIT_OPEN + expr(Type.INT, 1) + AWAIT_CLOSE;
            if (rnd.nextBoolean()) {
                String[] ops = {"+", "-", "*", "&", "|", "^", "<", ">="};
                line(o, "t(\"" + tag() + "\", (" + b + " " + ops[rnd.nextInt(ops.length)] + " " + right + "));");
            } else {
                line(o, b + " " + COMPOUND_INT[rnd.nextInt(COMPOUND_INT.length)] + " " + right + ";");
            }
        }
        indent--;
        String e = fresh("e");
        line(o, "} catch (NullPointerException " + e + ") {");
        line(o, "    t(\"" + tag() + "\", \"npe\");");
        line(o, "}");
    }

    /** {@code await(later(e))} as coroutines, {@code id(e)} as plain Java; just {@code e} where nothing may suspend. */
    private String awaited(String e) {
        return noSuspend > 0 ? e : AWAIT_OPEN + e + AWAIT_CLOSE;
    }

    /**
     * A numeric or boolean conditional whose operands may suspend and may be boxes, perhaps
     * null: casts of awaited values, calls of methods and coroutines that return boxes, Integer
     * and Boolean locals, primitives and literals of other types (JLS 15.25 promotes and unboxes
     * them), and awaited values as such (a generic call: a reference conditional). Its value is
     * traced as a string, which shows its type; an unboxed null's exception is caught.
     */
    private void numericConditional(StringBuilder o) {
        boolean bool = rnd.nextInt(4) == 0;
        String b = fresh("b");
        line(o, (bool ? "Boolean " : "Integer ") + b + " = "
                + (rnd.nextInt(3) == 0 ? "null" : expr(bool ? Type.BOOL : Type.INT, 1)) + ";");
        String cond = expr(Type.BOOL, 1);
        String yes = bool ? booleanOperand(b) : numericOperand(b);
        String no = bool ? booleanOperand(b) : numericOperand(b);
        line(o, "try {");
        line(o, "    t(\"" + tag() + "\", \"\" + (" + cond + " ? " + yes + " : " + no + "));");
        String e = fresh("e");
        line(o, "} catch (NullPointerException " + e + ") {");
        line(o, "    t(\"" + tag() + "\", \"npe\");");
        line(o, "}");
    }

    private String numericOperand(String boxed) {
        return switch (rnd.nextInt(13)) {
            case 0 -> "(Integer) " + awaited(expr(Type.INT, 1));
            case 1 -> "(Integer) " + awaited(boxed);
            case 2 -> "Integer.valueOf(" + expr(Type.INT, 1) + ")";
            case 3 -> boxed;
            case 4 -> receiver() + p + "_cb(" + (rnd.nextBoolean() ? boxed : expr(Type.INT, 1)) + ")";
            case 5 -> "(Long) " + awaited(expr(Type.LONG, 1));
            case 6 -> awaited(expr(Type.INT, 1));
            case 7 -> expr(Type.INT, 1);
            case 8 -> expr(Type.LONG, 1);
            case 9 -> rnd.nextBoolean() ? "2.5" : "1.5f";
            case 10 -> rnd.nextBoolean() ? "'c'" : "(short) 3";
            case 11 -> "(" + boxed + " = " + awaited(expr(Type.INT, 1)) + ")";
            default -> rnd.nextBoolean() ? "1" : "(char) 65";
        };
    }

    /**
     * The receiver of a call of a boxed coroutine: none, or in an instance program sometimes an
     * instance of the subclass that overrides it, typed as the declaring class (a virtual call).
     */
    private String receiver() {
        return instance && rnd.nextInt(3) == 0 ? "((" + className() + ") new " + p + "S())." : "";
    }

    private String booleanOperand(String boxed) {
        return switch (rnd.nextInt(6)) {
            case 0 -> "(Boolean) " + awaited(expr(Type.BOOL, 1));
            case 1 -> "Boolean.valueOf(" + expr(Type.BOOL, 1) + ")";
            case 2 -> boxed;
            case 3 -> receiver() + p + "_cz(" + (rnd.nextBoolean() ? boxed : expr(Type.BOOL, 1)) + ")";
            case 4 -> awaited(expr(Type.BOOL, 1));
            default -> expr(Type.BOOL, 1);
        };
    }

    /**
     * An anonymous class instance whose value is typed again after a suspension: awaited (its
     * type flows into the await's), kept in a local across an await, or the receiver of a left
     * operand kept across a suspending right one.
     */
    private void anonymousValue(StringBuilder o) {
        String name = "an" + rnd.nextInt(100);
        String object = "new Object() { public String toString() { return \"" + name + "\"; } }";
        switch (rnd.nextInt(4)) {
            case 0 -> line(o, "t(\"" + tag() + "\", " + awaited(object) + ".toString());");
            case 1 -> {
                String a = fresh("an");
                line(o, "Object " + a + " = " + awaited(object) + ";");
                line(o, awaited("0") + ";");
                line(o, "t(\"" + tag() + "\", \"\" + " + a + ");");
            }
            case 2 -> {
                String a = fresh("an");
                line(o, "Supplier<String> " + a + " = " + awaited("new Supplier<String>() { public String get() { return \""
                        + name + "\"; } }") + ";");
                line(o, "t(\"" + tag() + "\", " + a + ".get());");
            }
            default -> line(o, "t(\"" + tag() + "\", " + object + ".toString() + " + awaited(expr(Type.STRING, 1)) + ");");
        }
    }

    /**
     * Poly expressions inside an await, typed by the await's context as in Java: lambdas, method
     * references and diamonds with lambda arguments, in typed declarations, assignments and an
     * argument of a method with one overload.
     */
    private void polyAwait(StringBuilder o) {
        String x = fresh("x");
        String y = fresh("y");
        String v = fresh("p");
        switch (rnd.nextInt(6)) {
            case 0 -> {
                line(o, "Comparator<String> " + v + " = " + awaited("(" + x + ", " + y + ") -> " + y + ".compareTo(" + x + ")") + ";");
                line(o, "t(\"" + tag() + "\", " + v + ".compare(" + expr(Type.STRING, 1) + ", " + expr(Type.STRING, 1) + "));");
            }
            case 1 -> {
                line(o, "Map<String, Integer> " + v + " = " + awaited("new TreeMap<>((" + x + ", " + y + ") -> " + y
                        + ".compareTo(" + x + "))") + ";");
                line(o, v + ".put(" + expr(Type.STRING, 1) + ", 1);");
                line(o, v + ".put(" + expr(Type.STRING, 1) + ", 2);");
                line(o, "t(\"" + tag() + "\", \"\" + " + v + ");");
            }
            case 2 -> {
                line(o, "Function<String, Integer> " + v + " = " + awaited("String::length") + ";");
                line(o, "t(\"" + tag() + "\", " + v + ".apply(" + expr(Type.STRING, 1) + "));");
            }
            case 3 -> {
                line(o, "IntBinaryOperator " + v + ";");
                line(o, v + " = " + awaited(rnd.nextBoolean() ? "Math::max" : "(" + x + ", " + y + ") -> " + x + " - " + y) + ";");
                line(o, "t(\"" + tag() + "\", " + v + ".applyAsInt(" + expr(Type.INT, 1) + ", " + expr(Type.INT, 1) + "));");
            }
            case 4 -> line(o, "t(\"" + tag() + "\", Support.applyTo(" + awaited(x + " -> " + x + " * 2 + 1") + ", "
                    + expr(Type.INT, 1) + "));");
            default -> {
                line(o, "List<String> " + v + " = " + awaited("new ArrayList<>(Arrays.asList(" + expr(Type.STRING, 1) + "))") + ";");
                line(o, "t(\"" + tag() + "\", \"\" + " + v + ");");
            }
        }
    }

    /**
     * A unicode escape for a line feed in a comment of a line that generated code copies into its
     * own comments: copied as it is, it would end the copy's comment and make the rest code.
     */
    private void escapeInComment(StringBuilder o) {
        Var v = pickVar(x -> x.assignable && x.type == Type.INT && !x.name.startsWith("this."));
        if (v == null) {
            return;
        }
        line(o, v.name + " += 1; /* \\u000a " + v.name + " += 1000; //*/");
    }

    /** An effectively final local and an IntSupplier lambda that reads it (and fields), called later. */
    private void lambda(StringBuilder o) {
        String f = fresh("f");
        line(o, (rnd.nextBoolean() ? "final " : "") + "int " + f + " = " + expr(Type.INT, 1) + ";");
        scopes.get(scopes.size() - 1).add(new Var(f, Type.INT, false, true));
        String s = fresh("s");
        inLambda++;
        noSuspend++;
        String body = expr(Type.INT, 2);
        noSuspend--;
        inLambda--;
        line(o, "IntSupplier " + s + " = () -> " + body + ";");
        scopes.get(scopes.size() - 1).add(new Var(s, Type.SUPPLIER, false, true));
    }

    /** An await of something that fails (in plain Java, a throw of the same exception). */
    private void failLater(StringBuilder o) {
        String fail = GeneratedProgram.FAIL_OPEN + "new " + THROWN[rnd.nextInt(THROWN.length)] + "(\"f" + rnd.nextInt(100)
                + "\")));";
        if (noSuspend > 0) {
            fail = "throw new IllegalStateException(\"f\");";
        }
        line(o, (rnd.nextInt(4) != 0 ? "if (" + jumpCondition() + ") " : "") + fail);
    }

    private String initializer(Type t) {
        return switch (t) {
            case INT_ARR -> rnd.nextBoolean() ? "new int[] {" + expr(Type.INT, 1) + ", " + expr(Type.INT, 1) + ", "
                    + expr(Type.INT, 0) + ", " + expr(Type.INT, 0) + "}"
                    : "new int[" + "4 + (" + expr(Type.INT, 1) + " & 3)" + "]";
            case INT_LIST -> "new ArrayList<>(Arrays.asList(" + expr(Type.INT, 1) + ", " + expr(Type.INT, 1) + ", "
                    + expr(Type.INT, 0) + "))";
            case STR_LIST -> "new ArrayList<>(Arrays.asList(" + storedString(1) + ", " + storedString(0) + ", "
                    + storedString(0) + "))";
            case STRING -> storedString(2);
            default -> expr(t, 2);
        };
    }

    /** A String that gets stored: it does not read stored strings, so strings grow at most linearly. */
    private String storedString(int depth) {
        boolean saved = noStrVars;
        noStrVars = true;
        try {
            return expr(Type.STRING, depth);
        } finally {
            noStrVars = saved;
        }
    }

    private void assignment(StringBuilder o) {
        Var v = pickVar(x -> x.assignable && (x.type == Type.INT || x.type == Type.LONG || x.type == Type.BOOL
                || x.type == Type.STRING || x.type == Type.INT_ARR || x.type == Type.COLOR || x.type == Type.BYTE
                || x.type == Type.SHORT || x.type == Type.CHAR));
        if (v == null) {
            declaration(o);
            return;
        }
        switch (v.type) {
            case INT, LONG -> {
                int k = rnd.nextInt(10);
                if (k < 3) {
                    line(o, v.name + " = " + expr(v.type, 2) + ";");
                } else if (k < 7) {
                    String op = COMPOUND_INT[rnd.nextInt(COMPOUND_INT.length)];
                    Type rt = rnd.nextInt(4) == 0 ? Type.LONG : Type.INT;
                    String rhs = v.type == Type.LONG ? rightOfLong(() -> expr(rt, 2)) : expr(rt, 2);
                    line(o, v.name + " " + op + " " + rhs + ";");
                } else if (k < 8) {
                    String op = rnd.nextBoolean() ? "/=" : "%=";
                    String rhs = v.type == Type.LONG ? rightOfLong(() -> divisor(Type.LONG)) : divisor(v.type);
                    line(o, v.name + " " + op + " " + rhs + ";");
                } else {
                    line(o, incDec(v.name) + ";");
                }
            }
            case BOOL -> {
                String[] ops = {"=", "=", "&=", "|=", "^="};
                line(o, v.name + " " + ops[rnd.nextInt(ops.length)] + " " + expr(Type.BOOL, 2) + ";");
            }
            case STRING -> {
                if (rnd.nextBoolean()) {
                    line(o, v.name + " += " + storedString(2) + ";");
                } else {
                    line(o, v.name + " = " + storedString(2) + ";");
                }
            }
            case COLOR -> line(o, v.name + " = " + expr(Type.COLOR, 1) + ";");
            case BYTE, SHORT, CHAR -> {
                int k = rnd.nextInt(6);
                if (k < 3) {
                    line(o, v.name + " " + COMPOUND_INT[rnd.nextInt(COMPOUND_INT.length)] + " " + expr(Type.INT, 2) + ";");
                } else if (k < 5) {
                    line(o, incDec(v.name) + ";");
                } else {
                    line(o, v.name + " = (" + javaType(v.type) + ") (int) " + expr(Type.INT, 2) + ";");
                }
            }
            case INT_ARR -> {
                int k = rnd.nextInt(10);
                String target = maybeAwait(v.name) + "[" + index() + "]";
                if (k == 0) {
                    line(o, v.name + " = " + initializer(Type.INT_ARR) + ";");
                } else if (k < 4) {
                    line(o, target + " = " + expr(Type.INT, 2) + ";");
                } else if (k < 8) {
                    line(o, target + " " + COMPOUND_INT[rnd.nextInt(COMPOUND_INT.length)] + " " + expr(Type.INT, 2)
                            + ";");
                } else {
                    line(o, incDec(target) + ";");
                }
            }
            default -> throw new AssertionError(v.type);
        }
    }

    private String incDec(String target) {
        return switch (rnd.nextInt(4)) {
            case 0 -> target + "++";
            case 1 -> target + "--";
            case 2 -> "++" + target;
            default -> "--" + target;
        };
    }

    /** An index into an int[] (all have at least 4 elements); now and then one that may be out of bounds. */
    private String index() {
        if (rnd.nextInt(12) == 0) {
            return expr(Type.INT, 1);
        }
        return "(" + expr(Type.INT, 1) + " & 3)";
    }

    /** A divisor: usually not zero, sometimes anything. */
    private String divisor(Type t) {
        if (rnd.nextInt(4) == 0) {
            return expr(t, 1);
        }
        return "((" + expr(Type.INT, 1) + " & 7) + 1)";
    }

    private void listAdd(StringBuilder o) {
        Var v = pickVar(x -> x.type == Type.INT_LIST || x.type == Type.STR_LIST);
        if (v == null) {
            declaration(o);
            return;
        }
        String value = v.type == Type.INT_LIST ? expr(Type.INT, 2) : storedString(1);
        line(o, maybeAwait(v.name) + ".add(" + value + ");");
    }

    private boolean helperCallStatement(StringBuilder o) {
        if (helpers.isEmpty()) {
            line(o, trace(Type.INT, 1) + ";");
            return true;
        }
        Helper h = helpers.get(rnd.nextInt(helpers.size()));
        if (inHelper) {
            line(o, "if (d > 0) " + helperCall(h) + ";");
        } else {
            line(o, helperCall(h) + ";");
        }
        return true;
    }

    /** A call of a helper coroutine; in a helper, only where {@code d > 0} (the caller checks). */
    private String helperCall(Helper h) {
        boolean saved = noStrVars;
        noStrVars = true;
        try {
            String depth = inHelper ? "d - 1" : String.valueOf(rnd.nextInt(3));
            String qualifier = rnd.nextInt(4) != 0 ? "" : instance ? "this." : className() + ".";
            return qualifier + h.name + "(" + depth + ", " + expr(Type.INT, 1) + ", " + expr(Type.STRING, 1) + ")";
        } finally {
            noStrVars = saved;
        }
    }

    private boolean jump(StringBuilder o) {
        List<String> kinds = new ArrayList<>();
        kinds.add("throw");
        Target barrier = innermost(t -> t.kind == Kind.SWITCH_EXPR);
        if (barrier == null) {
            kinds.add("return");
            kinds.add("return");
        } else {
            kinds.add("yield");
            kinds.add("yield");
        }
        if (innermostBefore(t -> t.kind == Kind.LOOP || t.kind == Kind.SWITCH) != null
                || innermostBefore(t -> t.label != null) != null) {
            kinds.add("break");
            kinds.add("break");
        }
        if (innermostBefore(t -> t.kind == Kind.LOOP) != null) {
            kinds.add("continue");
            kinds.add("continue");
        }
        String kind = kinds.get(rnd.nextInt(kinds.size()));
        String stmt;
        switch (kind) {
            case "throw" -> stmt = throwStatement();
            case "return" -> stmt = returnType == null ? "return;" : "return " + expr(returnType, 2) + ";";
            case "yield" -> {
                stmt = "yield " + yieldValue(barrier.yieldType, 2) + ";";
                barrier.yielded = true;
            }
            case "break" -> stmt = breakStatement();
            default -> stmt = continueStatement();
        }
        if (rnd.nextInt(5) < 3) {
            line(o, "if (" + jumpCondition() + ") " + stmt);
            return true;
        }
        line(o, stmt);
        return false;
    }

    /**
     * The condition of an {@code if} (which may jump or throw). In a switch expression it is traced, so never constant:
     * javac (17) fails ("stack sim error") on {@code if (true) throw ...} in a switch expression's
     * block while an operand is on the stack, and on conditions javac's code generation finds true
     * though they are no constant expressions ({@code s.equals(s) || (7 != 2)}).
     */
    private String jumpCondition() {
        String c = expr(Type.BOOL, 2);
        if (switchExprDepth > 0) {
            c = "t(\"" + tag() + "\", " + c + ")";
        }
        return c;
    }

    /** A yield's value: never starting with "(", which javac would take for a call of a method yield. */
    private String yieldValue(Type t, int depth) {
        for (int i = 0; i < 8; i++) {
            String e = expr(t, depth);
            if (!e.startsWith("(")) {
                return e;
            }
        }
        return switch (t) {
            case INT -> intLiteral().replace("(", "").replace(")", "");
            case STRING -> stringLiteral();
            default -> throw new AssertionError(t);
        };
    }

    private String throwStatement() {
        Var caught = innermostCatchParameter();
        if (caught != null && rnd.nextInt(3) == 0) {
            return "throw " + caught.name + ";";
        }
        return "throw new " + THROWN[rnd.nextInt(THROWN.length)] + "(" + (rnd.nextBoolean()
                ? "\"x" + rnd.nextInt(100) + "\"" : "\"m\" + " + expr(Type.INT, 1)) + ");";
    }

    private Var innermostCatchParameter() {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            List<Var> scope = scopes.get(i);
            for (int j = scope.size() - 1; j >= 0; j--) {
                if (scope.get(j).type == Type.EXC) {
                    return scope.get(j);
                }
            }
        }
        return null;
    }

    private String breakStatement() {
        List<Target> labeled = new ArrayList<>();
        Target unlabeled = null;
        for (int i = targets.size() - 1; i >= 0; i--) {
            Target t = targets.get(i);
            if (t.kind == Kind.SWITCH_EXPR) {
                break;
            }
            if (unlabeled == null && (t.kind == Kind.LOOP || t.kind == Kind.SWITCH)) {
                unlabeled = t;
            }
            if (t.label != null) {
                labeled.add(t);
            }
        }
        if (unlabeled != null && (labeled.isEmpty() || rnd.nextBoolean())) {
            pending.add(new Jump(unlabeled, false));
            return "break;";
        }
        Target t = labeled.get(rnd.nextInt(labeled.size()));
        pending.add(new Jump(t, false));
        return "break " + t.label + ";";
    }

    private String continueStatement() {
        List<Target> labeled = new ArrayList<>();
        Target unlabeled = null;
        for (int i = targets.size() - 1; i >= 0; i--) {
            Target t = targets.get(i);
            if (t.kind == Kind.SWITCH_EXPR) {
                break;
            }
            if (t.kind == Kind.LOOP) {
                if (unlabeled == null) {
                    unlabeled = t;
                }
                if (t.label != null) {
                    labeled.add(t);
                }
            }
        }
        if (labeled.isEmpty() || rnd.nextBoolean()) {
            pending.add(new Jump(unlabeled, true));
            return "continue;";
        }
        Target t = labeled.get(rnd.nextInt(labeled.size()));
        pending.add(new Jump(t, true));
        return "continue " + t.label + ";";
    }

    private boolean ifStatement(StringBuilder o, int depth) {
        line(o, "if (" + jumpCondition() + ") {");
        boolean thenLive = blockBody(o, depth - 1, smallCount());
        if (rnd.nextBoolean()) {
            line(o, "}");
            return true;
        }
        if (rnd.nextInt(3) == 0) {
            line(o, "} else if (" + expr(Type.BOOL, 2) + ") {");
            blockBody(o, depth - 1, smallCount());
            line(o, "}");
            return true;
        }
        line(o, "} else {");
        boolean elseLive = blockBody(o, depth - 1, smallCount());
        line(o, "}");
        return thenLive || elseLive;
    }

    private String label() {
        return rnd.nextInt(4) == 0 ? fresh("L") : null;
    }

    private String labelPrefix(String label) {
        return label == null ? "" : label + ": ";
    }

    /** A loop bound. */
    private String boundText() {
        return String.valueOf(bound());
    }

    private int bound() {
        return 1 + rnd.nextInt(inHelper ? 3 : 4);
    }

    private boolean whileLoop(StringBuilder o, int depth) {
        String c = fresh("c");
        line(o, "int " + c + " = 0;");
        declare(c, Type.INT, false);
        String label = label();
        boolean incrementInCondition = rnd.nextBoolean();
        String cond = (incrementInCondition ? c + "++" : maybeAwait(c)) + " < " + maybeAwait(boundText());
        if (rnd.nextBoolean()) {
            cond += " && " + expr(Type.BOOL, 1);
        }
        line(o, labelPrefix(label) + "while (" + cond + ") {");
        Target t = openTarget(Kind.LOOP, label, null);
        loopDepth++;
        indent++;
        if (!incrementInCondition) {
            line(o, c + "++;");
        }
        indent--;
        blockBody(o, depth - 1, smallCount());
        loopDepth--;
        closeTarget(t);
        line(o, "}");
        return true;
    }

    private boolean doLoop(StringBuilder o, int depth) {
        String c = fresh("c");
        line(o, "int " + c + " = 0;");
        declare(c, Type.INT, false);
        String label = label();
        line(o, labelPrefix(label) + "do {");
        Target t = openTarget(Kind.LOOP, label, null);
        loopDepth++;
        indent++;
        line(o, c + "++;");
        indent--;
        boolean bodyLive = blockBody(o, depth - 1, smallCount());
        loopDepth--;
        closeTarget(t);
        String cond = maybeAwait(c) + " < " + boundText();
        if (rnd.nextBoolean()) {
            cond += " && " + expr(Type.BOOL, 1);
        }
        line(o, "} while (" + cond + ");");
        return bodyLive || t.continued || t.broken;
    }

    private boolean forLoop(StringBuilder o, int depth) {
        String c = fresh("c");
        String label = label();
        pushScope();
        String init = "int " + c + " = " + maybeAwait("0");
        String extra = null;
        if (rnd.nextInt(3) == 0) {
            extra = fresh("v");
            init += ", " + extra + " = " + expr(Type.INT, 1);
        }
        declare(c, Type.INT, false);
        if (extra != null) {
            declare(extra, Type.INT, true);
        }
        String cond = c + " < " + maybeAwait(boundText());
        if (rnd.nextBoolean()) {
            cond += " && " + expr(Type.BOOL, 1);
        }
        String update = rnd.nextBoolean() ? c + "++" : c + " = " + c + " + " + maybeAwait("1");
        if (extra != null) {
            update += ", " + extra + " += " + expr(Type.INT, 0);
        }
        line(o, labelPrefix(label) + "for (" + init + "; " + cond + "; " + update + ") {");
        Target t = openTarget(Kind.LOOP, label, null);
        loopDepth++;
        blockBody(o, depth - 1, smallCount());
        loopDepth--;
        closeTarget(t);
        popScope();
        line(o, "}");
        return true;
    }

    private boolean forEachLoop(StringBuilder o, int depth) {
        String x = fresh("x");
        String label = label();
        String head;
        Type varType;
        boolean assignable = true;
        String readAs = x;
        int k = rnd.nextInt(7);
        if (k == 0) {
            head = "long " + x + " : " + arrayExpr();
            varType = Type.LONG;
        } else if (k <= 2) {
            Var array = java8 ? null : pickVar(v -> v.type == Type.INT_ARR);
            // var: an int, which Weft derives from the array's declared type when it keeps x in a field
            head = (array != null && rnd.nextBoolean() ? "var " + x + " : " + array.name : "int " + x + " : " + arrayExpr());
            varType = Type.INT;
        } else if (k == 3) {
            Var list = pickVar(v -> v.type == Type.INT_LIST);
            String source = list != null ? maybeAwait(list.name)
                    : "Arrays.asList(" + expr(Type.INT, 1) + ", " + expr(Type.INT, 0) + ")";
            if (rnd.nextBoolean()) {
                head = "int " + x + " : " + source;
            } else {
                head = "Integer " + x + " : " + source;
                assignable = false;
            }
            varType = Type.INT;
        } else if (k == 4) {
            Var list = pickVar(v -> v.type == Type.STR_LIST);
            String source = list != null ? maybeAwait(list.name)
                    : "Arrays.asList(" + expr(Type.STRING, 1) + ", " + expr(Type.STRING, 0) + ")";
            // var: a String, from the List<String> the variable is declared with
            head = (list != null && source.equals(list.name) && !java8 && rnd.nextBoolean() ? "var " : "String ") + x
                    + " : " + source;
            varType = Type.STRING;
        } else if (k == 5) {
            head = "char " + x + " : " + maybeAwait(expr(Type.STRING, 1) + ".toCharArray()");
            varType = Type.INT;
            assignable = false;
            // read as an int: an awaited char and an awaited int in one conditional would not be numeric
            readAs = "(" + x + " + 0)";
        } else {
            head = "Color " + x + " : " + maybeAwait("Color.values()");
            varType = Type.COLOR;
        }
        line(o, labelPrefix(label) + "for (" + head + ") {");
        pushScope();
        declare(readAs, varType, assignable);
        Target t = openTarget(Kind.LOOP, label, null);
        loopDepth++;
        blockBody(o, depth - 1, smallCount());
        loopDepth--;
        closeTarget(t);
        popScope();
        line(o, "}");
        return true;
    }

    private String arrayExpr() {
        Var arr = pickVar(v -> v.type == Type.INT_ARR);
        if (arr != null && rnd.nextInt(3) != 0) {
            return maybeAwait(arr.name);
        }
        return maybeAwait("new int[] {" + expr(Type.INT, 1) + ", " + expr(Type.INT, 1) + ", " + expr(Type.INT, 0) + "}");
    }

    private boolean tryStatement(StringBuilder o, int depth) {
        int mark = pending.size();
        int catches = rnd.nextInt(3);
        boolean hasFinally = catches == 0 || rnd.nextInt(3) == 0;
        int guarded = hasFinally ? 1 : 0;
        line(o, "try {");
        tryFinallyDepth += guarded;
        boolean live = blockBody(o, depth - 1, smallCount());
        live = catchClauses(o, depth, catches) || live;
        tryFinallyDepth -= guarded;
        if (hasFinally) {
            line(o, "} finally {");
            List<Jump> fromTry = takeJumpsSince(mark);
            boolean finallyLive = blockBody(o, depth - 1, smallCount());
            if (finallyLive) {
                pending.addAll(fromTry);
            } else {
                live = false;
            }
        }
        line(o, "}");
        return live;
    }

    /** Catch clauses, each for types not already caught; returns whether any can complete normally. */
    private boolean catchClauses(StringBuilder o, int depth, int count) {
        boolean anyLive = false;
        List<Integer> caught = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Integer> alternatives = new ArrayList<>();
            int wanted = rnd.nextInt(3) == 0 ? 2 : 1;
            for (int attempt = 0; attempt < 6 && alternatives.size() < wanted; attempt++) {
                int e = rnd.nextInt(EXCEPTIONS.length);
                if (coveredBy(e, caught) || related(e, alternatives)) {
                    continue;
                }
                alternatives.add(e);
            }
            if (alternatives.isEmpty()) {
                break;
            }
            caught.addAll(alternatives);
            String param = fresh("e");
            StringBuilder types = new StringBuilder();
            for (int e : alternatives) {
                types.append(types.length() == 0 ? "" : " | ").append(EXCEPTIONS[e]);
            }
            line(o, "} catch (" + types + " " + param + ") {");
            indent++;
            pushScope();
            declare(param, Type.EXC, false);
            int k = rnd.nextInt(3);
            if (k == 0) {
                line(o, "t(\"" + tag() + "\", " + param + ".getClass().getName() + \": \" + " + param + ".getMessage());");
            } else if (k == 1) {
                line(o, "t(\"" + tag() + "\", sup(" + param + "));");
            }
            boolean live = statements(o, depth - 1, smallCount());
            popScope();
            indent--;
            anyLive |= live;
        }
        return anyLive;
    }

    /** Whether exception type e is already caught by one of (or is a supertype of one of) ... */
    private static boolean coveredBy(int e, List<Integer> caught) {
        for (int c : caught) {
            if (isSubtype(e, c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean related(int e, List<Integer> others) {
        for (int c : others) {
            if (isSubtype(e, c) || isSubtype(c, e)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSubtype(int sub, int sup) {
        for (int x = sub; x >= 0; x = EXCEPTION_PARENT[x]) {
            if (x == sup) {
                return true;
            }
        }
        return false;
    }

    private boolean tryWithResources(StringBuilder o, int depth) {
        int mark = pending.size();
        pushScope();
        int n = 1 + rnd.nextInt(2);
        List<String> resources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String r = fresh("r");
            names.add(r);
            resources.add("Res " + r + " = new Res(" + maybeAwait("\"" + r + "\"") + ", " + expr(Type.BOOL, 1) + ")");
        }
        if (!java8 && rnd.nextInt(3) == 0) {
            // Java 9: a resource that is an effectively final variable declared before
            line(o, resources.get(0) + ";");
            resources.set(0, names.get(0));
        }
        for (String r : names) {
            declare(r, Type.RES, false);
        }
        line(o, "try (" + String.join("; ", resources) + ") {");
        int catches = rnd.nextInt(3) == 0 ? 1 : 0;
        boolean hasFinally = rnd.nextInt(4) == 0;
        tryFinallyDepth++;
        boolean live = blockBody(o, depth - 1, smallCount());
        popScope(); // resources are not in scope in catch and finally
        tryFinallyDepth += hasFinally ? 0 : -1;
        live = catchClauses(o, depth, catches) || live;
        tryFinallyDepth -= hasFinally ? 1 : 0;
        if (hasFinally) {
            line(o, "} finally {");
            List<Jump> fromTry = takeJumpsSince(mark);
            boolean finallyLive = blockBody(o, depth - 1, smallCount());
            if (finallyLive) {
                pending.addAll(fromTry);
            } else {
                live = false;
            }
        }
        line(o, "}");
        return live;
    }

    private boolean labeledBlock(StringBuilder o, int depth) {
        String label = fresh("L");
        line(o, label + ": {");
        Target t = openTarget(Kind.BLOCK, label, null);
        boolean live = blockBody(o, depth - 1, smallCount());
        closeTarget(t);
        line(o, "}");
        return live || t.broken;
    }

    private boolean plainBlock(StringBuilder o, int depth) {
        line(o, "{");
        boolean live = blockBody(o, depth - 1, smallCount());
        line(o, "}");
        return live;
    }

    /** A selector and the case labels that go with it. */
    private record Selector(String expr, List<String> labels) {
    }

    private Selector selector() {
        int k = rnd.nextInt(4);
        List<String> labels = new ArrayList<>();
        if (k <= 1) {
            Var constant = pickVar(v -> constants.containsKey(v.name));
            for (int i = -1; i <= 4; i++) {
                if (constant != null && rnd.nextInt(3) == 0) {
                    // a constant local in a case label
                    int delta = constants.get(constant.name) - i;
                    labels.add("(" + constant.name + (delta >= 0 ? " - " + delta : " + " + -delta) + ")");
                } else {
                    labels.add(i < 0 ? "-1" : String.valueOf(i));
                }
            }
            String e = rnd.nextInt(3) == 0 ? expr(Type.INT, 1) : "(" + expr(Type.INT, 1) + " & 3)";
            return new Selector(maybeAwait(e), labels);
        }
        if (k == 2) {
            for (int i = 0; i <= 4; i++) {
                labels.add("\"k" + i + "\"");
            }
            return new Selector(maybeAwait("sk(" + expr(Type.INT, 1) + ")"), labels);
        }
        labels.addAll(List.of(COLORS));
        Var c = pickVar(v -> v.type == Type.COLOR);
        return new Selector(c != null && rnd.nextBoolean() ? maybeAwait(c.name) : expr(Type.COLOR, 1), labels);
    }

    /** Picks {@code count} distinct labels, in random order. */
    private List<String> pickLabels(List<String> all, int count) {
        List<String> pool = new ArrayList<>(all);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count && !pool.isEmpty(); i++) {
            picked.add(pool.remove(rnd.nextInt(pool.size())));
        }
        return picked;
    }

    private boolean switchStatement(StringBuilder o, int depth) {
        Selector sel = selector();
        String label = rnd.nextInt(6) == 0 ? fresh("L") : null;
        boolean arrow = !java8 && rnd.nextInt(3) == 0;
        boolean hasDefault = rnd.nextBoolean();
        int groups = 1 + rnd.nextInt(3);
        List<String> labels = pickLabels(sel.labels, groups * 2);
        line(o, labelPrefix(label) + "switch (" + sel.expr + ") {");
        Target t = openTarget(Kind.SWITCH, label, null);
        indent++;
        boolean anyLive = false;
        boolean lastLive = true;
        int used = 0;
        int total = groups + (hasDefault ? 1 : 0);
        for (int g = 0; g < total; g++) {
            boolean isDefault = g == total - 1 && hasDefault;
            List<String> mine = new ArrayList<>();
            if (!isDefault) {
                int n = rnd.nextInt(3) == 0 ? 2 : 1;
                for (int i = 0; i < n && used < labels.size(); i++) {
                    mine.add(labels.get(used++));
                }
                if (mine.isEmpty()) {
                    continue;
                }
            }
            if (arrow) {
                String head = isDefault ? "default -> " : "case " + String.join(", ", mine) + " -> ";
                int k = rnd.nextInt(4);
                if (k == 0) {
                    line(o, head + trace(Type.INT, 1) + ";");
                    anyLive = true;
                } else if (k == 1) {
                    line(o, head + throwStatement());
                } else {
                    line(o, head + "{");
                    anyLive |= blockBody(o, depth - 1, smallCount());
                    line(o, "}");
                }
            } else {
                if (isDefault) {
                    line(o, "default:");
                } else if (!java8 && mine.size() > 1 && rnd.nextBoolean()) {
                    line(o, "case " + String.join(", ", mine) + ":");
                } else {
                    for (String m : mine) {
                        line(o, "case " + m + ":");
                    }
                }
                indent++;
                pushScope();
                lastLive = statements(o, depth - 1, smallCount());
                if (lastLive && rnd.nextInt(3) != 0) {
                    pending.add(new Jump(t, false));
                    line(o, "break;");
                    lastLive = false;
                }
                popGroupScope();
                indent--;
            }
        }
        indent--;
        closeTarget(t);
        line(o, "}");
        if (arrow) {
            return !hasDefault || anyLive || t.broken;
        }
        return !hasDefault || lastLive || t.broken;
    }

    // ------------------------------------------------------------------ targets and scopes

    private Target openTarget(Kind kind, String label, Type yieldType) {
        Target t = new Target(kind, label, yieldType);
        targets.add(t);
        return t;
    }

    private void closeTarget(Target t) {
        targets.remove(targets.size() - 1);
        for (int i = pending.size() - 1; i >= 0; i--) {
            Jump j = pending.get(i);
            if (j.target == t) {
                if (j.isContinue) {
                    t.continued = true;
                } else {
                    t.broken = true;
                }
                pending.remove(i);
            }
        }
    }

    /**
     * Takes out the jumps recorded since {@code mark} (those of a try block and its catch blocks):
     * they arrive only if the finally block can complete normally (JLS 14.22), and the caller puts
     * them back then. Jumps in the finally block itself always count.
     */
    private List<Jump> takeJumpsSince(int mark) {
        List<Jump> taken = new ArrayList<>(pending.subList(mark, pending.size()));
        pending.subList(mark, pending.size()).clear();
        return taken;
    }

    private Target innermost(Predicate<Target> p) {
        for (int i = targets.size() - 1; i >= 0; i--) {
            if (p.test(targets.get(i))) {
                return targets.get(i);
            }
        }
        return null;
    }

    /** The innermost target matching {@code p} inside the innermost switch expression, if any. */
    private Target innermostBefore(Predicate<Target> p) {
        for (int i = targets.size() - 1; i >= 0; i--) {
            Target t = targets.get(i);
            if (t.kind == Kind.SWITCH_EXPR) {
                return null;
            }
            if (p.test(t)) {
                return t;
            }
        }
        return null;
    }

    private void pushScope() {
        scopes.add(new ArrayList<>());
    }

    /** A Java block ends: the names of its locals may be declared again (with other types). */
    private void popScope() {
        for (Var v : scopes.remove(scopes.size() - 1)) {
            if (v.name.matches("[a-z][0-9]+") && v.type != Type.RES) {
                freed.add(v.name);
            }
        }
    }

    /** A group of an old-style switch ends: its locals stay in scope in Java, unusable but taken. */
    private void popGroupScope() {
        scopes.remove(scopes.size() - 1);
    }

    private void declare(String name, Type type, boolean assignable) {
        scopes.get(scopes.size() - 1).add(new Var(name, type, assignable));
    }

    private Var pickVar(Predicate<Var> p) {
        List<Var> candidates = new ArrayList<>();
        for (List<Var> scope : scopes) {
            for (Var v : scope) {
                if (p.test(v) && (inLambda == 0 || v.capturable)) {
                    candidates.add(v);
                }
            }
        }
        return candidates.isEmpty() ? null : candidates.get(rnd.nextInt(candidates.size()));
    }

    /** A new name, or (for locals) now and then the name of a local whose block has ended. */
    private String fresh(String prefix) {
        if (!prefix.equals("L") && !freed.isEmpty() && rnd.nextInt(3) == 0) {
            String name = freed.remove(rnd.nextInt(freed.size()));
            constants.remove(name);
            return name;
        }
        return prefix + (++names);
    }

    private String tag() {
        return "t" + (++tags);
    }

    private void line(StringBuilder o, String text) {
        for (int i = 0; i < indent; i++) {
            o.append("    ");
        }
        o.append(text).append('\n');
    }

    static String javaType(Type t) {
        return switch (t) {
            case INT -> "int";
            case LONG -> "long";
            case BOOL -> "boolean";
            case STRING -> "String";
            case INT_ARR -> "int[]";
            case INT_LIST -> "List<Integer>";
            case STR_LIST -> "List<String>";
            case COLOR -> "Color";
            case RES -> "Res";
            case EXC -> "Exception";
            case BYTE -> "byte";
            case SHORT -> "short";
            case CHAR -> "char";
            case SUPPLIER -> "IntSupplier";
        };
    }

    // ------------------------------------------------------------------ expressions

    private String maybeAwait(String e) {
        return maybeAwait(e, e);
    }

    /** {@code e}, or an awaited {@code inner} (e as it may be an argument). */
    private String maybeAwait(String e, String inner) {
        if (rnd.nextDouble() >= awaitP || noSuspend > 0) {
            return e;
        }
        e = inner;
        if (generic != null && rnd.nextInt(4) == 0) {
            // through the generic helper coroutine, which awaits
            String qualifier = rnd.nextInt(3) != 0 ? "" : instance ? "this." : className() + ".";
            return qualifier + generic + "(" + e + ")";
        }
        return AWAIT_OPEN + e + AWAIT_CLOSE;
    }

    /** An expression of type {@code t} (an awaited one has the boxed type). */
    private String expr(Type t, int depth) {
        String e = raw(t, depth);
        if (t == Type.INT) {
            e = e;
        }
        // a switch expression in a generic method's argument is a poly expression javac cannot type
        return maybeAwait(e, standalone(t, e));
    }

    /**
     * Generates what is evaluated while a long is on javac's operand stack: javac (17 to 25)
     * crashes compiling a switch expression that contains a try statement there, so such switch
     * expressions get no try statements.
     */
    private String rightOfLong(java.util.function.Supplier<String> operand) {
        longLeft++;
        try {
            return operand.get();
        } finally {
            longLeft--;
        }
    }

    /** Whether generated text is a constant expression (as far as the generator writes them). */
    static boolean isConstantText(String e) {
        String s = e.replace("true", "").replace("false", "").replace("(int)", "").replace("(long)", "");
        for (int i = 0; i < s.length(); i++) {
            if ("0123456789L ()+-*/%&|^~<>=!?:".indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether generated text is a constant expression other than a (parenthesized) literal. */
    static boolean isNonLiteralConstant(String e) {
        String s = e.strip();
        while (s.startsWith("(") && s.endsWith(")") && s.indexOf('(', 1) < 0) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.matches("-?[0-9]+L?") && !s.matches("-0+L?")) {
            return false;
        }
        s = s.replace("true", "").replace("false", "").replace("(int)", "").replace("(long)", "");
        for (int i = 0; i < s.length(); i++) {
            if ("0123456789L ()+-*/%&|^~<>=!?:".indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether generated text may suspend: it awaits or calls a helper coroutine. */
    static boolean suspends(String e) {
        return e.indexOf(AWAIT_OPEN) >= 0 || e.matches("(?s).*_c[0-9]+\\(.*");
    }

    private String trace(Type t, int depth) {
        return "t(\"" + tag() + "\", " + standalone(t, expr(t, depth)) + ")";
    }

    /**
     * An argument of an overloaded method: javac (17) fails to type some conditionals inside a
     * switch expression that is an argument of an overloaded method ("bad type in switch
     * expression"), so such an argument is cast to its type, which makes it a standalone expression.
     */
    private static String standalone(Type t, String e) {
        return e.contains("switch (") ? "(" + javaType(t) + ") " + e : e;
    }

    private String raw(Type t, int depth) {
        return switch (t) {
            case INT -> intExpr(depth);
            case LONG -> longExpr(depth);
            case BOOL -> boolExpr(depth);
            case STRING -> stringExpr(depth);
            case COLOR -> colorExpr(depth);
            default -> throw new AssertionError(t);
        };
    }

    private String varOr(Type t, String otherwise) {
        Var v = pickVar(x -> x.type == t && !(noStrVars && t == Type.STRING));
        return v == null ? otherwise : v.name;
    }

    private String intLiteral() {
        int k = rnd.nextInt(10);
        int v = k < 7 ? rnd.nextInt(10) : k < 9 ? rnd.nextInt(300) - 100 : rnd.nextInt();
        return v < 0 ? "(" + v + ")" : String.valueOf(v);
    }

    private String intExpr(int depth) {
        if (depth <= 0) {
            return rnd.nextBoolean() ? intLiteral() : varOr(Type.INT, intLiteral());
        }
        int d = depth - 1;
        switch (rnd.nextInt(26)) {
            case 0, 1, 2:
                return intLiteral();
            case 3, 4, 5, 6:
                return varOr(Type.INT, intLiteral());
            case 7, 8, 9:
                return "(" + expr(Type.INT, d) + " " + INT_OPS[rnd.nextInt(INT_OPS.length)] + " " + expr(Type.INT, d) + ")";
            case 10:
                return "(" + expr(Type.INT, d) + " " + (rnd.nextBoolean() ? "/" : "%") + " " + divisor(Type.INT) + ")";
            case 11:
                return "(" + expr(Type.INT, d) + " " + SHIFT_OPS[rnd.nextInt(3)] + " "
                        + expr(rnd.nextBoolean() ? Type.INT : Type.LONG, 0) + ")";
            case 12:
                return "(" + (rnd.nextBoolean() ? "-" : "~") + expr(Type.INT, d) + ")";
            case 13, 14:
                return "(" + expr(Type.BOOL, d) + " ? " + expr(Type.INT, d) + " : " + expr(Type.INT, d) + ")";
            case 15, 16:
                return trace(Type.INT, d);
            case 17: {
                Var v = pickVar(x -> x.assignable && x.type == Type.INT);
                if (v == null) {
                    return intLiteral();
                }
                return rnd.nextBoolean() ? "(" + incDec(v.name) + ")"
                        : "(" + v.name + " " + (rnd.nextBoolean() ? "=" : COMPOUND_INT[rnd.nextInt(COMPOUND_INT.length)])
                        + " " + expr(Type.INT, d) + ")";
            }
            case 18: {
                Var arr = pickVar(x -> x.type == Type.INT_ARR);
                if (arr == null) {
                    return intLiteral();
                }
                String element = maybeAwait(arr.name) + "[" + index() + "]";
                return rnd.nextInt(4) == 0 ? "(" + incDec(element) + ")" : element;
            }
            case 19: {
                Var list = pickVar(x -> x.type == Type.INT_LIST);
                if (list == null) {
                    return "f3(" + expr(Type.INT, d) + ", " + expr(Type.INT, d) + ", " + expr(Type.INT, d) + ")";
                }
                return rnd.nextBoolean() ? maybeAwait(list.name) + ".get(" + expr(Type.INT, d) + " & 1" + ")"
                        : maybeAwait(list.name) + ".size()";
            }
            case 20: {
                Var sup = pickVar(x -> x.type == Type.SUPPLIER);
                if (sup != null && rnd.nextBoolean()) {
                    return sup.name + ".getAsInt()";
                }
                return "f3(" + expr(Type.INT, d) + ", " + expr(Type.INT, d) + ", " + expr(Type.INT, d) + ")";
            }
            case 21:
                if (privateMembers && rnd.nextInt(3) == 0) {
                    return p + "_ph(" + expr(Type.INT, d) + ")";
                }
                return rnd.nextBoolean() ? expr(Type.STRING, d) + ".length()"
                        : "Math.max(" + standalone(Type.INT, expr(Type.INT, d)) + ", "
                        + standalone(Type.INT, expr(Type.INT, d)) + ")";
            case 22:
                return rnd.nextBoolean() ? expr(Type.COLOR, d) + ".ordinal()"
                        : "(int) (long) " + expr(Type.LONG, d);
            case 23: {
                Helper h = pickHelper(Type.INT);
                if (h == null || noSuspend > 0) {
                    return intLiteral();
                }
                return inHelper ? "(d > 0 ? " + helperCall(h) + " : " + intLiteral() + ")" : helperCall(h);
            }
            default:
                if (canSwitchExpression(depth)) {
                    return switchExpression(Type.INT, depth);
                }
                return trace(Type.INT, d);
        }
    }

    private String longExpr(int depth) {
        if (depth <= 0) {
            return rnd.nextBoolean() ? rnd.nextInt(20) + "L" : varOr(Type.LONG, "7L");
        }
        int d = depth - 1;
        switch (rnd.nextInt(12)) {
            case 0, 1:
                return rnd.nextInt(5) == 0 ? "(" + (rnd.nextLong() | Long.MIN_VALUE) + "L)" : rnd.nextInt(50) + "L";
            case 2, 3:
                return varOr(Type.LONG, "3L");
            case 4, 5: {
                String left = expr(Type.LONG, d);
                String op = INT_OPS[rnd.nextInt(INT_OPS.length)];
                return "(" + left + " " + op + " " + rightOfLong(() -> expr(rnd.nextBoolean() ? Type.INT : Type.LONG, d)) + ")";
            }
            case 6:
                return "(long) " + expr(Type.INT, d);
            case 7:
                // both arms long: an awaited int and an awaited long would make it a reference conditional
                return "(" + expr(Type.BOOL, d) + " ? " + expr(Type.LONG, d) + " : " + expr(Type.LONG, d) + ")";
            case 8:
                return trace(Type.LONG, d);
            case 9: {
                Var v = pickVar(x -> x.assignable && x.type == Type.LONG);
                return v == null ? "5L" : "(" + incDec(v.name) + ")";
            }
            case 10: {
                String left = expr(Type.LONG, d);
                String op = rnd.nextBoolean() ? "/" : "%";
                return "(" + left + " " + op + " " + rightOfLong(() -> divisor(Type.LONG)) + ")";
            }
            default:
                return "(" + expr(Type.INT, d) + " + " + expr(Type.LONG, d) + ")";
        }
    }

    private String boolExpr(int depth) {
        if (depth <= 0) {
            return rnd.nextInt(3) == 0 ? String.valueOf(rnd.nextBoolean()) : varOr(Type.BOOL, "true");
        }
        int d = depth - 1;
        String[] cmp = {"<", "<=", ">", ">="};
        switch (rnd.nextInt(16)) {
            case 0:
                return String.valueOf(rnd.nextBoolean());
            case 1, 2:
                return varOr(Type.BOOL, "false");
            case 3, 4: {
                Type a = rnd.nextInt(3) == 0 ? Type.LONG : Type.INT;
                String left = expr(a, d);
                String op = cmp[rnd.nextInt(4)];
                String right = a == Type.LONG ? rightOfLong(() -> expr(Type.INT, d)) : expr(Type.INT, d);
                return "(" + left + " " + op + " " + right + ")";
            }
            case 5:
                return "(" + expr(Type.INT, d) + (rnd.nextBoolean() ? " == " : " != ") + intLiteral() + ")";
            case 6:
                return "(!" + expr(Type.BOOL, d) + ")";
            case 7, 8:
                return "(" + expr(Type.BOOL, d) + " && " + expr(Type.BOOL, d) + ")";
            case 9, 10:
                return "(" + expr(Type.BOOL, d) + " || " + expr(Type.BOOL, d) + ")";
            case 11:
                return "(" + expr(Type.BOOL, d) + " ? " + arm(d) + " : " + arm(d) + ")";
            case 12:
                return trace(Type.BOOL, d);
            case 13:
                if (rnd.nextBoolean()) {
                    String receiver = expr(Type.STRING, d);
                    String arg = expr(Type.STRING, d);
                    return receiver + ".equals(" + arg + ")";
                }
                return rnd.nextBoolean() ? expr(Type.STRING, d) + ".equals(" + expr(Type.STRING, d) + ")"
                        : expr(Type.STRING, d) + ".isEmpty()";
            case 14:
                return "(" + expr(Type.COLOR, d) + " == Color." + COLORS[rnd.nextInt(3)] + ")";
            default: {
                Var list = pickVar(x -> x.type == Type.INT_LIST);
                if (list != null) {
                    return maybeAwait(list.name) + ".contains(" + expr(Type.INT, d) + ")";
                }
                Var v = pickVar(x -> x.assignable && x.type == Type.BOOL);
                return v == null ? "(" + expr(Type.BOOL, d) + " ^ " + expr(Type.BOOL, d) + ")"
                        : "(" + v.name + " = " + expr(Type.BOOL, d) + ")";
            }
        }
    }

    /** A boolean conditional's arm. */
    private String arm(int d) {
        return expr(Type.BOOL, d);
    }

    private String stringLiteral() {
        return "\"" + STRINGS[rnd.nextInt(STRINGS.length)] + "\"";
    }

    private String stringExpr(int depth) {
        if (depth <= 0) {
            return rnd.nextBoolean() ? stringLiteral() : varOr(Type.STRING, stringLiteral());
        }
        int d = depth - 1;
        switch (rnd.nextInt(17)) {
            case 0, 1:
                return stringLiteral();
            case 2, 3:
                return varOr(Type.STRING, stringLiteral());
            case 4, 5, 6: {
                Type[] others = {Type.INT, Type.LONG, Type.BOOL, Type.STRING, Type.COLOR};
                Type other = others[rnd.nextInt(others.length)];
                return rnd.nextBoolean() ? "(" + expr(Type.STRING, d) + " + " + expr(other, d) + ")"
                        : "(" + expr(other, d) + " + " + expr(Type.STRING, d) + ")";
            }
            case 7:
                return trace(Type.STRING, d);
            case 8:
                return "(" + expr(Type.BOOL, d) + " ? " + expr(Type.STRING, d) + " : " + expr(Type.STRING, d) + ")";
            case 9:
                // not String.valueOf: its overloads make a reference conditional argument ambiguous
                return rnd.nextBoolean() ? "Integer.toString(" + expr(Type.INT, d) + ")"
                        : "Long.toString(" + expr(Type.LONG, d) + ")";
            case 10:
                return "g3(" + expr(Type.STRING, d) + ", " + expr(Type.INT, d) + ", " + expr(Type.BOOL, d) + ")";
            case 11:
                return rnd.nextBoolean() ? expr(Type.COLOR, d) + ".name()" : "sk(" + expr(Type.INT, d) + ")";
            case 12: {
                Var list = pickVar(x -> x.type == Type.STR_LIST);
                if (list == null || noStrVars) {
                    return stringLiteral();
                }
                return maybeAwait(list.name) + ".get(" + expr(Type.INT, d) + " & 1" + ")";
            }
            case 13: {
                Helper h = pickHelper(Type.STRING);
                if (h == null || noSuspend > 0) {
                    return stringLiteral();
                }
                return inHelper ? "(d > 0 ? " + helperCall(h) + " : " + stringLiteral() + ")" : helperCall(h);
            }
            case 14: {
                Var r = pickVar(x -> x.type == Type.RES);
                if (r != null) {
                    return r.name + ".name";
                }
                return expr(Type.STRING, d) + ".toUpperCase()";
            }
            case 15:
                if (rnd.nextInt(3) == 0) {
                    String receiver = expr(Type.STRING, d);
                    String arg = expr(Type.INT, 0) + " & 1";
                    return receiver + ".substring(" + arg + ")";
                }
                return "Boolean.toString(" + expr(Type.BOOL, d) + ")";
            default:
                if (canSwitchExpression(depth)) {
                    return switchExpression(Type.STRING, depth);
                }
                return trace(Type.STRING, d);
        }
    }

    private String colorExpr(int depth) {
        if (depth <= 0 || rnd.nextInt(3) == 0) {
            return rnd.nextBoolean() ? "Color." + COLORS[rnd.nextInt(3)] : varOr(Type.COLOR, "Color.GREEN");
        }
        return rnd.nextBoolean() ? "col(" + expr(Type.INT, depth - 1) + ")"
                : "(" + expr(Type.BOOL, depth - 1) + " ? " + expr(Type.COLOR, depth - 1) + " : Color.RED)";
    }

    private Helper pickHelper(Type result) {
        List<Helper> c = new ArrayList<>();
        for (Helper h : helpers) {
            if (h.result == result) {
                c.add(h);
            }
        }
        return c.isEmpty() ? null : c.get(rnd.nextInt(c.size()));
    }

    private boolean canSwitchExpression(int depth) {
        return !java8 && depth >= 2 && switchExprDepth < 2 && budget > 0 && noSuspend == 0;
    }

    /** A switch expression (arrow or colon form) whose arms yield values of type {@code t}. */
    private String switchExpression(Type t, int depth) {
        switchExprDepth++;
        boolean savedNoTry = noTry;
        noTry |= longLeft > 0;
        StringBuilder o = new StringBuilder();
        Selector sel = selector();
        boolean arrow = rnd.nextInt(3) != 0;
        int groups = 1 + rnd.nextInt(3);
        List<String> labels = pickLabels(sel.labels, groups * 2);
        boolean exhaustiveEnum = sel.labels.get(0).equals(COLORS[0]) && groups >= 3 && labels.size() == 3
                && rnd.nextBoolean();
        int savedIndent = indent;
        indent += 2;
        o.append("switch (").append(sel.expr).append(") {\n");
        Target target = openTarget(Kind.SWITCH_EXPR, null, t);
        int used = 0;
        int total = groups + (exhaustiveEnum ? 0 : 1);
        for (int g = 0; g < total; g++) {
            boolean isDefault = g == total - 1 && !exhaustiveEnum;
            List<String> mine = new ArrayList<>();
            if (!isDefault) {
                int n = exhaustiveEnum ? 1 : rnd.nextInt(3) == 0 ? 2 : 1;
                for (int i = 0; i < n && used < labels.size(); i++) {
                    mine.add(labels.get(used++));
                }
                if (mine.isEmpty()) {
                    continue;
                }
            }
            boolean last = g == total - 1;
            boolean mustYield = last && !target.yielded;
            if (arrow) {
                String head = isDefault ? "default -> " : "case " + String.join(", ", mine) + " -> ";
                int k = rnd.nextInt(5);
                if (k == 0 && !mustYield) {
                    line(o, head + throwStatement());
                } else if (k <= 2 || mustYield) {
                    line(o, head + expr(t, depth - 1) + ";");
                    target.yielded = true;
                } else {
                    line(o, head + "{");
                    indent++;
                    pushScope();
                    boolean live = statements(o, Math.min(depth - 1, 2), smallCount());
                    if (live) {
                        line(o, "yield " + yieldValue(t, depth - 1) + ";");
                        target.yielded = true;
                    }
                    popScope();
                    indent--;
                    line(o, "}");
                }
            } else {
                // the group in a block: javac (17) can emit unverifiable code for a local declared
                // directly in a group of a switch expression
                line(o, (isDefault ? "default:" : "case " + String.join(", ", mine) + ":") + " {");
                indent++;
                pushScope();
                boolean live = statements(o, Math.min(depth - 1, 2), mustYield ? 0 : rnd.nextInt(3));
                if (live && (last || rnd.nextBoolean())) {
                    line(o, "yield " + yieldValue(t, depth - 1) + ";");
                    target.yielded = true;
                }
                popScope();
                indent--;
                line(o, "}");
            }
        }
        closeTarget(target);
        indent--;
        line(o, "}");
        indent = savedIndent;
        switchExprDepth--;
        noTry = savedNoTry;
        return "(" + o.toString().stripTrailing() + ")";
    }
}
