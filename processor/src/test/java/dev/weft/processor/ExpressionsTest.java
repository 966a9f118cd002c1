package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Awaits in every expression position, with Java's evaluation order and exceptions. */
class ExpressionsTest {
    @Test
    void methodArgumentsAndReceivers() throws Throwable {
        assertEquals("returned ab-3 [recv, a, b, x]", assertSameAsPlainJava("""
                static String join(String a, String b, int n) { return a + b + "-" + n; }
                @Coroutine static String main() {
                    StringBuilder sb = t("recv", new StringBuilder());
                    String s = join(t("a", "a"), await(later(t("b", "b"))), await(later(3)));
                    sb.append(await(later(t("x", "x"))));
                    return s;
                }
                """));
    }

    @Test
    void receiverIsEvaluatedBeforeArgumentsThatSuspend() throws Throwable {
        assertSameAsPlainJava("""
                static StringBuilder current = new StringBuilder("first");
                @Coroutine static String main() {
                    t("recv", current).append(await(later(t("arg", "+")))).append(t("arg2", current = new StringBuilder("second")));
                    return current + "/" + await(later(new StringBuilder("x"))).append("y");
                }
                """);
    }

    @Test
    void binaryOperandsAndStringConcatenationKeepLeftToRightOrder() throws Throwable {
        assertSameAsPlainJava("""
                static int field = 1;
                @Coroutine static String main() {
                    int a = t("l", field) + await(later(t("r", 10))) * t("m", 2);
                    field = 5;
                    int b = field++ + await(later(field)) + field;
                    String c = t("s1", "x") + field + await(later(t("s2", "y"))) + 1 + 2;
                    long d = (long) await(later(7)) << await(later(2));
                    boolean e = await(later(3)) < t("cmp", 4) == await(later(true));
                    int f = await(later(17)) % await(later(5)) ^ await(later(6)) & 3 | 8;
                    return a + " " + b + " " + c + " " + d + " " + e + " " + f;
                }
                """);
    }

    @Test
    void shortCircuitOperatorsAndConditionalsEvaluateOnlyWhatJavaEvaluates() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    boolean a = t("a1", false) && await(later(t("a2", true)));
                    boolean b = t("b1", true) || await(later(t("b2", false)));
                    boolean c = await(later(t("c1", true))) && t("c2", false) || await(later(t("c3", true)));
                    String d = t("d0", a) ? await(later(t("d1", "yes"))) : t("d2", "no");
                    int e = b ? await(later(1)) : await(later(2));
                    long f = c ? 1 : await(later(2L));
                    Object g = !c ? "s" : await(later(5));
                    char h = true ? 'a' : await(later('b'));
                    return a + " " + b + " " + c + " " + d + " " + e + " " + f + " " + g + " " + h;
                }
                """);
    }

    @Test
    void assignmentsAndCompoundAssignmentsToLocalsFieldsAndArrays() throws Throwable {
        assertSameAsPlainJava("""
                static int counter = 0;
                static int[] arr = {10, 20, 30};
                static final class Box { int v; String s = "s"; byte b = 1; }
                @Coroutine static String main() {
                    int x = 1;
                    x += await(later(t("rhs", 5)));
                    x = x * await(later(2)) + x;
                    counter += await(later(t("c", 3)));
                    counter = t("before", counter) + await(later(counter));
                    arr[await(later(t("idx", 1)))] += await(later(t("val", 7)));
                    arr[t("i2", 2)] = await(later(t("v2", 99)));
                    Box box = new Box();
                    box.v -= await(later(4));
                    box.s += await(later("!")) + box.v;
                    box.b += await(later(300));
                    int y;
                    int z = (y = await(later(8))) + y;
                    return x + " " + counter + " " + Arrays.toString(arr) + " " + box.v + box.s + box.b + " " + z;
                }
                """);
    }

    @Test
    void compoundAssignmentReadsTheFieldBeforeTheRightSideSuspends() throws Throwable {
        assertSameAsPlainJava("""
                static int shared = 0;
                @Coroutine static void add(int n) { shared += await(later(n)); }
                @Coroutine static int main() {
                    Task<Void> a = spawn(TCoroutines.add(1));
                    Task<Void> b = spawn(TCoroutines.add(2));
                    await(a);
                    await(b);
                    return shared;
                }
                """.replace("spawn(TCoroutines.add(1))", "spawnOrRun(1)").replace("spawn(TCoroutines.add(2))", "spawnOrRun(2)")
                .replace("Task<Void>", "Object").replace("await(a);", "").replace("await(b);", "")
                + "static Object spawnOrRun(int n) { shared += n; return null; }");
    }

    @Test
    void incrementsAndDecrementsOnArrayElementsWithSuspendingIndexes() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    int[] a = {1, 2, 3};
                    int i = 0;
                    a[await(later(0))]++;
                    int old = a[await(later(1))]--;
                    ++a[await(later(2))];
                    int j = i++ + await(later(i)) + ++i;
                    return Arrays.toString(a) + old + j + i;
                }
                """);
    }

    @Test
    void arrayCreationInitializersNewAndCasts() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    int[][] grid = new int[await(later(t("d1", 2)))][t("d2", 3)];
                    String[] names = {t("n1", "a"), await(later(t("n2", "b"))), "c"};
                    List<String> list = new ArrayList<>(Arrays.asList(await(later(names))));
                    Object o = await(later((Object) "str"));
                    String s = (String) o + ((String) await(later(o))).length();
                    double d = (double) await(later(3)) / 2;
                    return grid.length + "x" + grid[0].length + " " + list + " " + s + " " + d;
                }
                """);
    }

    @Test
    void instanceofWithAndWithoutPatterns() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    Object o = await(later((Object) "hello"));
                    String r = "";
                    if (await(later(o)) instanceof String) r += "s";
                    if (o instanceof String str && await(later(str.length())) > 3) {
                        r += await(later(str.toUpperCase()));
                    }
                    if (!(await(later(o)) instanceof Integer n)) r += "!int";
                    return r;
                }
                """);
    }

    @Test
    void nestedAwaitsAndCoroutineCallsInsideExpressions() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static int twice(int n) { return 2 * await(later(n)); }
                @Coroutine static String greet(String name) { return "hi " + await(later(name)); }
                @Coroutine static String main() {
                    int a = await(later(await(later(t("inner", 3))) + 1));
                    int b = twice(t("arg", 5)) + twice(twice(1));
                    String c = greet(greet(await(later("x")))) + "!";
                    return a + " " + b + " " + c;
                }
                """);
    }

    @Test
    void exceptionsFromAwaitedThingsArriveWhereJavaWouldThrow() throws Throwable {
        assertEquals("threw java.lang.IllegalStateException: late [before, arg]", assertSameAsPlainJava("""
                @Coroutine static String main() {
                    t("before", 1);
                    return String.valueOf(t("arg", 2)) + await(failLater(new IllegalStateException("late"))) + t("after", 3);
                }
                """));
    }

    @Test
    void nullPointerAndIndexExceptionsHappenAtJavasPoint() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    String r = "";
                    int[] nothing = null;
                    try { nothing[t("i", 0)] = await(later(t("v", 1))); } catch (NullPointerException e) { r += "npe-after-rhs "; }
                    int[] small = new int[1];
                    try { small[t("i2", 5)] += await(later(t("v2", 1))); } catch (ArrayIndexOutOfBoundsException e) { r += "aioobe-before-rhs "; }
                    StringBuilder sb = null;
                    try { sb.append(await(later(t("v3", "x")))); } catch (NullPointerException e) { r += "npe-after-args"; }
                    return r;
                }
                """);
    }

    @Test
    void overloadResolutionIsThatOfTheOriginalCall() throws Throwable {
        assertSameAsPlainJava("""
                static String f(int x) { return "int"; }
                static String f(long x) { return "long"; }
                static String f(Integer x) { return "Integer"; }
                static String f(Object x) { return "Object"; }
                static String g(char c) { return "char"; }
                static String g(int c) { return "int"; }
                @Coroutine static String main() {
                    List<Integer> list = new ArrayList<>(Arrays.asList(5, 6, 7));
                    list.remove(await(later(0)));
                    list.remove((Integer) await(later(7)));
                    short s = 3;
                    return f(await(later(1))) + f(t("a", 1) + await(later(2))) + f((long) await(later(1)))
                        + g(await(later('c'))) + g(s + await(later(0))) + list;
                }
                """);
    }

    @Test
    void conditionalOfMixedNumericTypesConvertsLikeJava() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    boolean yes = await(later(true));
                    long a = yes ? 1 : await(later(2L));
                    double b = !yes ? 1.5f : await(later(2));
                    Object c = yes ? await(later(1)) : "s";
                    Integer boxed = null;
                    String npe;
                    try { int d = yes ? boxed : await(later(3)); npe = "no"; } catch (NullPointerException e) { npe = "npe"; }
                    return a + " " + b + " " + c + " " + npe;
                }
                """);
    }

    @Test
    void aBoxedLeftOperandIsUnboxedBeforeASuspendingRightOperand() throws Throwable {
        assertEquals("returned ok [npe1, npe2, npe3, npe4, npe5, l, npe6, npe7, npe8, l, npe9, r10, 3, s11, t12]",
                assertSameAsPlainJava("""
                Integer fi = null;
                @Coroutine static <V> V slow(V x) { await(later(0)); return x; }
                static String npe(String tag) { return t(tag, tag); }
                @Coroutine static String main() {
                    Integer boxed = null;
                    try { int q = boxed + await(later(t("r1", 1))); } catch (NullPointerException e) { npe("npe1"); }
                    try { boolean q = boxed < slow(t("r2", 1)); } catch (NullPointerException e) { npe("npe2"); }
                    try { boxed += slow(t("r3", 1)); } catch (NullPointerException e) { npe("npe3"); }
                    Integer[] arr = new Integer[1];
                    try { arr[0] += slow(t("r4", 1)); } catch (NullPointerException e) { npe("npe4"); }
                    T o = new T();
                    try { o.fi -= slow(t("r5", 1)); } catch (NullPointerException e) { npe("npe5"); }
                    try { int q = t("l", boxed) * slow(t("r6", 1)); } catch (NullPointerException e) { npe("npe6"); }
                    Boolean bb = null;
                    try { boolean q = bb & slow(t("r7", true)); } catch (NullPointerException e) { npe("npe7"); }
                    try { boolean q = boxed == await(later(t("r8", 1))).intValue(); } catch (NullPointerException e) { npe("npe8"); }
                    try { long q = t("l", boxed) << await(later(t("r9", 1))); } catch (NullPointerException e) { npe("npe9"); }
                    // no unboxing: reference equality, string concatenation
                    boolean same = boxed == await(later(t("r10", (Integer) null)));
                    String s = boxed + await(later(t(same ? "3" : "x", "3")));
                    String str = null;
                    str += await(later(t("s11", 1)));
                    Object obj = t("t12", null);
                    obj += await(later("1"));
                    return "ok";
                }
                """));
    }

    @Test
    void operandsJavaUnboxesAtOnceAreUnboxedBeforeALaterSuspension() throws Throwable {
        assertEquals("returned ok [npe1, npe2, npe3, npe4, npe5, npe6, npe7, r8, Il, npe9, npe10, npe11]",
                assertSameAsPlainJava("""
                static int f(int a, int b) { return a + b; }
                static String g(int a, int b) { return "ii"; }
                static String g(Integer a, long b) { return "Il"; }
                static String v(int a, int... rest) { return "v" + rest.length; }
                @Coroutine static int co(int a, int b) { await(later(0)); return a + b; }
                static final class Box { Box(int a, String b) { } Box(int a, int b) { } }
                static String npe(String tag) { return t(tag, tag); }
                @Coroutine static String main() {
                    Integer n = null;
                    Map<String, Integer> map = new HashMap<>();
                    int[] arr = new int[2];
                    try { arr[n] = await(later(t("r1", 1))); } catch (NullPointerException e) { npe("npe1"); }
                    try { int[][] g = new int[n][await(later(t("r2", 1)))]; } catch (NullPointerException e) { npe("npe2"); }
                    try { long[] a = {n, await(later(t("r3", 1)))}; } catch (NullPointerException e) { npe("npe3"); }
                    try { f(map.get("k"), await(later(t("r4", 1)))); } catch (NullPointerException e) { npe("npe4"); }
                    try { new Box(n, await(later(t("r5", "s")))); } catch (NullPointerException e) { npe("npe5"); }
                    try { Math.max(map.get("k"), await(later(t("r6", 1)))); } catch (NullPointerException e) { npe("npe6"); }
                    try { co(n, await(later(t("r7", 1)))); } catch (NullPointerException e) { npe("npe7"); }
                    // g(Integer, long) takes the boxed argument as it is
                    t(g(n, await(later(t("r8", 1L)))), 0);
                    try { v(n, await(later(t("r9", 1)))); } catch (NullPointerException e) { npe("npe9"); }
                    try { int[][] h = {{1}, new int[n], {await(later(t("r10", 1)))}}; } catch (NullPointerException e) { npe("npe10"); }
                    List<Integer> list = new ArrayList<>(Arrays.asList(1, 2));
                    try { list.set(n, await(later(t("r11", 1)))); } catch (NullPointerException e) { npe("npe11"); }
                    return "ok";
                }
                """));
    }

    @Test
    void jaggedArrayCreation() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    await(later(1));
                    int[][] a = new int[2][];
                    String[][][] b = new String[await(later(t("d", 3)))][2][];
                    a[1] = new int[await(later(4))];
                    return a.length + " " + a[0] + " " + a[1].length + " " + b.length + " " + b[2].length + " " + b[2][1];
                }
                """);
    }

    @Test
    void nestedArrayInitializersBeforeASuspendingElement() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    int[][] g = {{t("a", 1)}, {await(later(t("b", 2)))}};
                    int[][] h = new int[][]{{3}, {}, {await(later(4)), 5}};
                    String[][][] s = {{{"x"}, {await(later("y"))}}, {}};
                    long[] flat[] = {{6}, {await(later(7L))}};
                    return g[0][0] + " " + g[1][0] + " " + Arrays.deepToString(h) + " " + Arrays.deepToString(s)
                        + " " + Arrays.deepToString(flat);
                }
                """);
    }
}
