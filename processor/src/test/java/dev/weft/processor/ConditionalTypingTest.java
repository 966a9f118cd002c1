package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Conditionals whose operands suspend keep their kind (JLS 15.25): numeric and boolean
 * conditionals promote and unbox their operands, reference ones do not. A branch's value is kept
 * across the suspension, and reading it back must not turn one kind into another.
 */
class ConditionalTypingTest {
    private static final String COROUTINES = """
            @Coroutine static Integer gI() { await(later(0)); return 1000; }
            @Coroutine static Integer gNull() { await(later(0)); return null; }
            @Coroutine static Double gD() { await(later(0)); return 2.5; }
            @Coroutine static Boolean gB() { await(later(0)); return true; }
            @Coroutine static Boolean gBNull() { await(later(0)); return null; }
            @Coroutine static int gInt() { await(later(0)); return 7; }
            static String kind(Object o) { return o == null ? "null" : o.getClass().getSimpleName() + ":" + o; }
            static <V> V attempt(java.util.function.Supplier<V> s) { return s.get(); }
            """;

    @Test
    void coroutineCallsReturningBoxesMakeNumericConditionals() throws Throwable {
        assertEquals("returned Double:1000.0 Double:1000.0 Float:1000.0 Integer:1000 Double:1000.0 Long:7 []",
                assertSameAsPlainJava(COROUTINES + """
                        @Coroutine static String main() {
                            boolean t = true;
                            Object a = t ? gI() : 2.0;
                            StringBuilder sb = new StringBuilder().append(t ? gI() : gD());
                            Number n = t ? gI() : 2.5f;
                            Object same = t ? gI() : gI();
                            Object both = !t ? gD() : gI();
                            Object primitive = t ? gInt() : 1L;
                            return kind(a) + " Double:" + sb + " " + kind(n) + " " + kind(same) + " " + kind(both)
                                    + " " + kind(primitive);
                        }
                        """));
    }

    @Test
    void aNullBoxInANumericOrBooleanConditionalThrowsWhereJavaThrows() throws Throwable {
        assertEquals("returned NPE NPE null null [other, other]", assertSameAsPlainJava(COROUTINES + """
                @Coroutine static String main() {
                    boolean t = true;
                    String s = "";
                    try { Object o = t ? gNull() : 0; s += o; } catch (NullPointerException e) { s += "NPE"; }
                    try { Object o = !t ? false : gBNull(); s += o; } catch (NullPointerException e) { s += " NPE"; }
                    Object same = t ? gNull() : t("never", gNull());
                    Object reference = t ? gNull() : "text";
                    t("other", 0);
                    t("other", 0);
                    return s + " " + same + " " + reference;
                }
                """));
    }

    @Test
    void castsAndOtherExpressionsThatSuspendKeepTheirKind() throws Throwable {
        assertEquals("returned Double:1.0 Integer:1 Double:7.0 Boolean:true Character:a Integer:97 Double:5.0"
                + " Double:3.0 Integer:4 []", assertSameAsPlainJava(COROUTINES + """
                static Integer[] boxes = {3, 4};
                static Integer field = 5;
                @Coroutine static String main() {
                    boolean t = true;
                    Object cast = t ? (Integer) await(later(1)) : 2.0;
                    Object generic = t ? await(later(1)) : 2.0;
                    Object call = t ? Integer.valueOf(await(later(7))) : 2.0;
                    Object bool = t ? Boolean.valueOf(await(later("true"))) : false;
                    Object ch = t ? (Character) await(later('a')) : 1;
                    Object widened = t ? (Character) await(later('a')) : t("never", 1) + 0;
                    Integer box = 0;
                    Object assigned = t ? (box = await(later(field))) : 2.0;
                    Object element = t ? boxes[await(later(0))] : 2.0;
                    Object referenceArray = t ? boxes[await(later(1))] : "s";
                    return kind(cast) + " " + kind(generic) + " " + kind(call) + " " + kind(bool) + " " + kind(ch)
                            + " " + kind(widened) + " " + kind(assigned) + " " + kind(element) + " "
                            + kind(referenceArray);
                }
                """));
    }

    @Test
    void conditionalsWithALambdaOrNullOperandStayReferenceConditionals() throws Throwable {
        assertEquals("returned null ran x []", assertSameAsPlainJava(COROUTINES + """
                @Coroutine static String main() {
                    boolean t = true;
                    Integer none = !t ? Integer.valueOf(await(later(1))) : null;
                    Runnable r = t ? await(later((Runnable) () -> log.size())) : () -> { };
                    r.run();
                    Object o = t ? Integer.valueOf(await(later(1))) : (Object) "x";
                    return none + " ran " + (t ? "x" : o);
                }
                """));
    }

    /** Found by the differential generator (java 17, seed 1001197): both printed A instead of 65. */
    @Test
    void aBranchWithAGenericCallOrANestedConditionalKeepsANumericConditionalNumeric() throws Throwable {
        assertEquals("returned 65 65 B []", assertSameAsPlainJava("""
                static boolean fb;
                static int fi = 1;
                @Coroutine static String main() {
                    String nested = "" + ((fb ? fb : await(later(fb))) ? (fb ? await(later(fi)) : fi) : (char) 65);
                    String call = "" + (await(later(fb)) ? id(await(later(1))) : (char) 65);
                    char c = 'B';
                    String chars = "" + (await(later(fb)) ? id(await(later(c))) : c);
                    return nested + " " + call + " " + chars;
                }
                """));
    }
}
