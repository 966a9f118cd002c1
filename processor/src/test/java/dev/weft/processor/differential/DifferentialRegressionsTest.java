package dev.weft.processor.differential;

import static dev.weft.processor.differential.BugRepro.assertSameAsPlainJava;

import org.junit.jupiter.api.Test;

/**
 * Regression tests of the processor bugs the differential suite found, each minimized by hand
 * from a generated program; the comments say what went wrong before the fix.
 *
 * <p>In the bodies, {@code await(later(e))} suspends in the coroutine version and is
 * {@code id((e))} in the plain version; {@code t(tag, v)} appends {@code tag=v} to the trace.
 */
class DifferentialRegressionsTest {
    /**
     * A constant operand that is not a plain literal, such as {@code (1 + 2)}, evaluated before an
     * await in the same expression is kept with a witness lambda {@code () -> (1 + 2)}, which fits
     * {@code ShortWitness} and {@code CharWitness} alike: "reference to restore is ambiguous".
     */
    @Test
    void constantOperandBeforeAnAwaitCompiles() throws Exception {
        assertSameAsPlainJava("""
                static int f(int a, int b) { return a * 10 + b; }
                @Coroutine static int main() {
                    return f((1 + 2), await(later(3)));
                }
                """);
    }

    /**
     * A conditional whose arm is an {@code &&} or {@code ||} with a suspending right side keeps
     * that arm's value in an {@code Object} field and reads it back without a cast: "bad type in
     * conditional expression: Object cannot be converted to boolean".
     */
    @Test
    void conditionalArmThatIsASuspendingShortCircuitKeepsItsBooleanType() throws Exception {
        assertSameAsPlainJava("""
                static boolean f = false;
                @Coroutine static String main() {
                    boolean w = f ? f : (f || await(later(true)));
                    return "" + w;
                }
                """);
    }

    /**
     * In a switch expression that suspends, a colon-form group that falls through into the next
     * group: the value is yielded in the next group, but the final dispatch looks for it among the
     * yields of the group the selector matched, and fails with "coroutine resumed in unknown
     * state 0". Expected: returns 1 with trace [a=1].
     */
    @Test
    void switchExpressionFallsThroughIntoTheNextGroup() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    int v = switch (0) {
                        case 0:
                            t("a", 1);
                        case 3:
                            yield await(later(1));
                        default:
                            yield 5;
                    };
                    return "" + v;
                }
                """);
    }

    /** The same with an empty group: {@code case 0: case 3: yield ...} fails the same way. */
    @Test
    void switchExpressionWithAnEmptyGroupBeforeTheYield() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    int v = switch (0) {
                        case 0:
                        case 3:
                            yield await(later(1));
                        default:
                            yield 5;
                    };
                    return "" + v;
                }
                """);
    }

    /**
     * A for statement whose only suspension is in its init: the loop variable is declared as a
     * Java local in the state after the await but used in the condition and update states, so
     * the generated code does not compile ("cannot find symbol: variable c"). With an await in
     * the condition or the body as well it works.
     */
    @Test
    void forLoopVariableInitializedByAnAwaitStaysInScope() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    for (int c = await(later(0)); c < 2; c++) {
                        t("c", c);
                    }
                    return "done";
                }
                """);
    }

    /**
     * A call of another coroutine inside an awaited expression: the witness that types the
     * awaited value rewrites the call as {@code await(TCoroutines.one())}, of type Integer instead
     * of int, so overloads inside the awaited expression resolve differently: here
     * {@code s(Object)} (returning Object) instead of {@code s(int)} (returning String), and then
     * {@code u(Object)} instead of {@code u(String)}. Expected "u(String)", actual "u(Object)".
     * With a conditional, {@code await(later(String.valueOf(b ? one() : 0)))}, it does not even
     * compile ("reference to valueOf is ambiguous").
     */
    @Test
    void subCoroutineCallInsideAnAwaitedExpressionKeepsItsType() throws Exception {
        assertSameAsPlainJava("""
                static String s(int x) { return "int"; }
                static Object s(Object x) { return "Object"; }
                static String u(String x) { return "u(String)"; }
                static String u(Object x) { return "u(Object)"; }
                @Coroutine static int one() { return 1; }
                @Coroutine static String main() {
                    return u(await(later(s(one()))));
                }
                """);
    }

    /** The compile-error form of {@link #subCoroutineCallInsideAnAwaitedExpressionKeepsItsType}. */
    @Test
    void subCoroutineCallInAConditionalInsideAnAwaitedExpressionCompiles() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static int one() { return 1; }
                @Coroutine static String main() {
                    boolean b = true;
                    return await(later(String.valueOf(b ? one() : 0)));
                }
                """);
    }

    /**
     * An arrow-form switch statement with a default whose rules are all expressions (or throws) is
     * taken for a statement that cannot complete normally: everything after it is dropped, and the
     * coroutine fails with "coroutine resumed in unknown state 0" instead of returning "a".
     */
    @Test
    void arrowSwitchStatementWithExpressionRulesAndDefaultCompletesNormally() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    switch (1) {
                        case 2 -> t("t1", 1);
                        default -> t("t2", 1);
                    }
                    return await(later("a"));
                }
                """);
    }

    /**
     * {@code try (r)} on a variable declared before (Java 9) in a coroutine that suspends: the
     * variable becomes a field of the frame, which javac does not take as a resource ("variable r
     * used as a try-with-resources resource neither final nor effectively final").
     */
    @Test
    void tryWithResourcesOnAVariableInACoroutineThatSuspends() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    Res r = new Res("r", false);
                    try (r) {
                        t("body", 1);
                    }
                    return await(later("done"));
                }
                """);
    }

    /**
     * A return pending through a finally block that throws: the exception replaces the return, as
     * it should, but the enclosing try statement's finally block (a try that suspends) is skipped.
     * Expected: throws "inner" with trace [cond=true, outer=1]; actual trace [cond=true].
     */
    @Test
    void exceptionFromAFinallyDuringAReturnRunsTheOuterFinally() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    try {
                        await(later(1));
                        try {
                            return "x";
                        } finally {
                            if (t("cond", true)) throw new IllegalStateException("inner");
                        }
                    } finally {
                        t("outer", 1);
                    }
                }
                """);
    }

    /**
     * The same with resources, as the generator found it: a continue out of a try-with-resources
     * whose close fails, inside one whose resource was initialized by an await, never closes the
     * outer resource. Expected trace [open b, open c, close c, close b]; actual [open b, open c,
     * close c].
     */
    @Test
    void failingCloseDuringAJumpClosesTheOuterResource() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    for (int i = 0; i < 1; i++) {
                        try (Res b = new Res("b", await(later(false)))) {
                            try (Res c = new Res("c", true)) {
                                continue;
                            }
                        }
                    }
                    return "done";
                }
                """);
    }

    /**
     * A labeled enhanced for statement whose iterable expression suspends: {@code continue L} (or
     * {@code break L}) in it is rejected with "Weft could not find where this jump goes". Without
     * the label, or with an iterable that does not suspend, it compiles.
     */
    @Test
    void labeledForEachOverASuspendingIterable() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    L: for (Integer x : await(later(Arrays.asList(1, 2)))) {
                        t("x", x);
                        continue L;
                    }
                    return "done";
                }
                """);
    }

    /**
     * The same for a labeled switch statement whose selector suspends: {@code break L} in it is
     * rejected with "Weft could not find where this jump goes".
     */
    @Test
    void labeledSwitchOnASuspendingSelector() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    L: switch (await(later(1))) {
                        case 1:
                            t("one", 1);
                            break L;
                        default:
                            t("other", 1);
                    }
                    return "done";
                }
                """);
    }

    /**
     * A valid program is rejected with "Weft cannot tell whether this loop ends; write its condition
     * without a suspension point", although the loop's condition {@code k < 2} has no suspension
     * point: the loop is in a branch of an if statement whose condition suspends, and the other
     * branch returns. The processor takes any condition without a call for a possible constant
     * ({@code Lowerer.constantTruth}); {@code k < 2} on a non-final local is never one.
     */
    @Test
    void loopWithAPlainConditionInABranchOfASuspendingIf() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    int k = 0;
                    if (await(later(true))) {
                        while (k < 2) {
                            k++;
                        }
                    } else {
                        return "early";
                    }
                    return "done " + k;
                }
                """);
    }

    /**
     * A variable (local or field) that is the receiver of a call is read after the call's
     * arguments are evaluated when an argument suspends, so an argument that assigns the variable
     * changes the receiver. Java evaluates the receiver first: {@code "f".equals("x")} is false;
     * the coroutine computes {@code "x".equals("x")}, true. (A receiver that is a call, as in
     * {@code ExpressionsTest}, is right.)
     */
    @Test
    void receiverVariableIsReadBeforeASuspendingArgument() throws Exception {
        assertSameAsPlainJava("""
                static String field = "f";
                @Coroutine static String main() {
                    String local = "f";
                    boolean a = local.equals(await(later(local = "x")));
                    boolean b = field.equals(await(later(field = "x")));
                    return a + " " + b;
                }
                """);
    }

    /**
     * Two sibling blocks declare a local of the same name. The first {@code v} is not kept across
     * a suspension, so it is a Java local of the state's case block; the second {@code v} is kept
     * in a field, but its initialization {@code v = 5} in the same case block assigns the first
     * one's Java local, which shadows the field. The value is lost: expected trace [a=1, b=5, c=5],
     * actual [a=1, b=5, c=0]. With different types ({@code boolean v}, then {@code int v}) it does
     * not compile ("int cannot be converted to boolean").
     */
    @Test
    void siblingBlocksReusingANameKeepTheirOwnVariables() throws Exception {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    {
                        int v = await(later(1));
                        t("a", v);
                    }
                    {
                        int v = 5;
                        t("b", await(later(v)));
                        t("c", v);
                    }
                    return "done";
                }
                """);
    }
}
