package dev.weft.processor;

import static dev.weft.processor.CoroutineCompiler.compileAndLoad;
import static dev.weft.processor.CoroutineCompiler.run;
import static dev.weft.processor.CoroutineCompiler.runMain;
import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CoroutineFrame;
import dev.weft.EventLoop;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kinds of methods and classes coroutines may be declared in. */
class DeclarationsTest {
    @Test
    void instanceCoroutinesTakeTheReceiverFirstAndSeeFieldsAndMethods() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), CoroutineCompiler.classT("""
                int count;
                String prefix = "n=";
                String describe() { return prefix + count; }
                @Coroutine String bump(int by) {
                    count += await(later(by));
                    this.count++;
                    return describe() + "/" + this.describe();
                }
                static Object make() { return new T(); }
                """));
        Object receiver = CoroutineCompiler.callStatic(loader, "t.T", "make");
        assertEquals("n=6/n=6", run(loader, "t.TCoroutines", "bump", receiver, 5));
    }

    @Test
    void genericMethodsAndGenericClasses() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), CoroutineCompiler.classT("""
                static final class Box<V> {
                    V value;
                    Box(V value) { this.value = value; }
                    @Coroutine <R> R map(Function<? super V, ? extends R> f) {
                        V v = await(later(value));
                        return f.apply(v);
                    }
                }
                @Coroutine static <A extends Comparable<A>> A max(A x, A y) {
                    A first = await(later(x));
                    return first.compareTo(y) >= 0 ? first : await(later(y));
                }
                @Coroutine static String main() {
                    Box<Integer> box = new Box<>(20);
                    int doubled = await(T_BoxCoroutines.map(box, v -> v * 2));
                    String m = max("pear", "apple");
                    Integer n = max(3, await(later(9)));
                    return doubled + " " + m + " " + n;
                }
                """));
        assertEquals("40 pear 9", run(loader, "t.TCoroutines", "main"));
    }

    @Test
    void varargsCheckedExceptionsAndRecursion() throws Throwable {
        assertEquals("6 caught:io 120", runMain("""
                @Coroutine static int sum(int... xs) {
                    int s = 0;
                    for (int x : xs) s += await(later(x));
                    return s;
                }
                @Coroutine static void risky(boolean fail) throws IOException {
                    await(later(1));
                    if (fail) throw new IOException("io");
                }
                @Coroutine static long fact(int n) {
                    return n <= 1 ? 1 : n * fact(n - 1);
                }
                @Coroutine static String main() {
                    String r = sum(1, 2, 3) + " ";
                    try { risky(false); risky(true); } catch (IOException e) { r += "caught:" + e.getMessage(); }
                    return r + " " + fact(await(later(5)));
                }
                """));
    }

    @Test
    void deepRecursionDoesNotOverflowTheJavaStack() throws Throwable {
        assertEquals(100000, runMain("""
                @Coroutine static int depth(int n) {
                    if (n == 0) return 0;
                    return 1 + depth(n - 1);
                }
                @Coroutine static int main() { return depth(100000); }
                """));
    }

    @Test
    void coroutinesInNestedAndInnerClassesWithOuterReferences() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static t.Later.*;
                public class Outer {
                    static String greeting = "hello";
                    static String shout(String s) { return s.toUpperCase(); }
                    enum Mode { LOUD, QUIET }
                    static class Nested {
                        Mode mode = Mode.LOUD;
                        @Coroutine String speak() {
                            String g = await(later(greeting));
                            return mode == Mode.LOUD ? shout(g) : g;
                        }
                    }
                    class Inner {
                        int n = 2;
                        @Coroutine int twice() { return n * await(later(n)); }
                    }
                    static Object nested() { return new Nested(); }
                    static Object inner() { return new Outer().new Inner(); }
                }
                """);
        Object nested = CoroutineCompiler.callStatic(loader, "t.Outer", "nested");
        assertEquals("HELLO", run(loader, "t.Outer_NestedCoroutines", "speak", nested));
        Object inner = CoroutineCompiler.callStatic(loader, "t.Outer", "inner");
        assertEquals(4, run(loader, "t.Outer_InnerCoroutines", "twice", inner));
    }

    @Test
    void coroutineObjectsRunAsTasksInlineOrOnTheirOwn() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), CoroutineCompiler.classT("""
                static List<String> log = new ArrayList<>();
                @Coroutine static String worker(String name) {
                    log.add(name + " start");
                    await(sleep(10));
                    log.add(name + " end");
                    return name;
                }
                @Coroutine static List<String> main() {
                    Task<String> a = spawn(TCoroutines.worker("a"));
                    String b = worker("b");
                    log.add("got " + b + " and " + await(a));
                    return log;
                }
                """));
        assertEquals("[b start, a start, b end, a end, got b and a]", run(loader, "t.TCoroutines", "main").toString());
    }

    @Test
    void voidAndPrimitiveResultsBox() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), CoroutineCompiler.classT("""
                @Coroutine static void nothing() { await(later(1)); }
                @Coroutine static char letter() { return await(later('z')); }
                @Coroutine static boolean flag() { return !await(later(false)); }
                @Coroutine static double half(int n) { return n / 2.0; }
                @Coroutine static byte small() { return 7; }
                """));
        assertEquals(null, run(loader, "t.TCoroutines", "nothing"));
        assertEquals('z', run(loader, "t.TCoroutines", "letter"));
        assertEquals(true, run(loader, "t.TCoroutines", "flag"));
        assertEquals(1.5, run(loader, "t.TCoroutines", "half", 3));
        assertEquals((byte) 7, run(loader, "t.TCoroutines", "small"));
    }

    @Test
    void callingACoroutineMethodDirectlyOutsideTheLoopExplains() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), CoroutineCompiler.classT("""
                @Coroutine static int main() { return await(later(1)); }
                """));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CoroutineCompiler.callStatic(loader, "t.T", "main"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("EventLoop"), e.getMessage());
        CoroutineFrame<?> frame = CoroutineCompiler.frame(loader, "t.TCoroutines", "main");
        assertEquals(1, EventLoop.withVirtualTime().runUntilComplete(frame));
    }

    @Test
    void unqualifiedCallsMeanTheOverloadsThatTakeAsManyArguments() throws Throwable {
        assertEquals("returned 21.0 list[1, 2] static 4 3.0 instance 1.0 static 3 []", assertSameAsPlainJava("""
                static final class Q {
                    final double v;
                    Q(double v) { this.v = v; }
                    @Coroutine Q add(double r) { await(later(0)); return new Q(v + r); }
                    @Coroutine static Q add(Q q, float r, int times) { await(later(0)); return new Q(q.v + times * r); }
                    static String toString(List<Integer> list) { return "list" + list; }
                    static String describe(int n) { return "static " + n; }
                    String describe() { return "instance " + v; }
                    @Coroutine String instance() { return add(2).v + " " + describe() + " " + describe(await(later(3))); }
                    @Coroutine static String run() {
                        Q q = add(new Q(1), 2, 10);
                        return q.v + " " + toString(Arrays.asList(1, 2)) + " " + describe(await(later(4))) + " "
                                + new Q(1).instance();
                    }
                }
                @Coroutine static String main() { return Q.run(); }
                """));
    }

    @Test
    void aSpawnedCoroutinesCheckedExceptionIsCaughtByItsTypeAroundAwaitWithItsClass() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), CoroutineCompiler.classT("""
                static final class InsufficientFundsException extends Exception {
                    InsufficientFundsException(String m) { super(m); }
                }
                @Coroutine static int withdraw(int balance, int amount) throws InsufficientFundsException {
                    await(later(0));
                    if (amount > balance) throw new InsufficientFundsException("short by " + (amount - balance));
                    return balance - amount;
                }
                @Coroutine static String main() throws InsufficientFundsException {
                    Task<Integer> ok = spawn(TCoroutines.withdraw(10, 3));
                    Task<Integer> short_ = spawn(TCoroutines.withdraw(10, 30));
                    String r = "left " + await(ok, InsufficientFundsException.class);
                    try {
                        r += " " + await(short_, InsufficientFundsException.class);
                    } catch (InsufficientFundsException e) {
                        r += " caught " + e.getMessage();
                    }
                    return r;
                }
                static String outside() {
                    try {
                        return "" + EventLoop.run(TCoroutines.withdraw(1, 2), InsufficientFundsException.class);
                    } catch (InsufficientFundsException e) {
                        return "run threw " + e.getMessage();
                    }
                }
                """));
        assertEquals("left 7 caught short by 20", run(loader, "t.TCoroutines", "main"));
        assertEquals("run threw short by 1", CoroutineCompiler.callStatic(loader, "t.T", "outside"));
    }

    @Test
    void theExceptionClassOfAnAwaitInACoroutineIsAClassLiteral() {
        List<javax.tools.Diagnostic<? extends javax.tools.JavaFileObject>> errors = CoroutineCompiler.errors("""
                static Class<java.io.IOException> io() { return java.io.IOException.class; }
                @Coroutine static void main() throws java.io.IOException { await(later(1), io()); }
                """);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(11, errors.get(0).getLineNumber());
        assertTrue(errors.get(0).getMessage(null).contains("must be a class literal"), errors.get(0).getMessage(null));
    }
}
