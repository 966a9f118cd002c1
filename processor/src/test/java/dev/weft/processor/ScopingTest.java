package dev.weft.processor;

import static dev.weft.processor.CoroutineCompiler.compileAndLoad;
import static dev.weft.processor.CoroutineCompiler.run;
import static dev.weft.processor.CoroutineCompiler.runMain;
import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Names in the generated class mean what they meant in the user's method. */
class ScopingTest {
    @Test
    void lambdasCaptureTheValueOfEachIterationsLocal() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    List<Supplier<String>> suppliers = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        String name = "item" + i;
                        int index = await(later(i));
                        suppliers.add(() -> name + "@" + index);
                        Runnable r = new Runnable() { public void run() { log.add(name); } };
                        r.run();
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Supplier<String> s : suppliers) sb.append(s.get()).append(' ');
                    return sb.toString();
                }
                """);
    }

    @Test
    void localsShadowFieldsAndFieldsAreQualified() throws Throwable {
        assertSameAsPlainJava("""
                static String name = "field";
                static int count = 10;
                @Coroutine static String main() {
                    String fromField = name;
                    String name = await(later("local"));
                    count += await(later(1));
                    return fromField + " " + name + " " + count + " " + T.name;
                }
                """);
    }

    @Test
    void staticImportsOfMethodsAndConstants() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static java.lang.Math.max;
                import static java.lang.Math.*;
                import static t.Later.*;
                public class T {
                    @Coroutine static String main() {
                        int m = max(await(later(3)), 7);
                        long r = round(await(later(2.6)));
                        return m + " " + r + " " + (PI > 3) + " " + abs(await(later(-4)));
                    }
                }
                """);
        assertEquals("7 3 true 4", run(loader, "t.TCoroutines", "main"));
    }

    @Test
    void coroutinesOfOtherClassesAndStaticallyImportedCoroutines() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static t.Later.*;
                public class Fetcher {
                    @Coroutine public static String fetch(String key) { return key + "=" + await(later(key.length())); }
                }
                """, """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static t.Fetcher.fetch;
                public class T {
                    @Coroutine static String own(String k) { return "own:" + fetch(k); }
                    @Coroutine static String main() {
                        String a = Fetcher.fetch("ab");
                        String b = fetch("abc");
                        String c = T.own("x");
                        return a + " " + b + " " + c + " " + await(FetcherCoroutines.fetch("q"));
                    }
                }
                """);
        assertEquals("ab=2 abc=3 own:x=1 q=1", run(loader, "t.TCoroutines", "main"));
    }

    @Test
    void coroutineCallsOnReceiversWhoseClassIsDeclared() throws Throwable {
        // Each is an inline sub-coroutine: the receiver is evaluated once, before the arguments,
        // and a null receiver throws once the arguments are evaluated, as Java does.
        assertSameAsPlainJava("""
                static class C {
                    final String name;
                    C(String name) { this.name = name; }
                    @Coroutine String g(Object a) { log.add("g " + name); return name + await(later(a)); }
                    @Coroutine static String sg(Object a) { return "sg" + await(later(a)); }
                }
                static class Box<V> { V v; Box(V v) { this.v = v; } @Coroutine V get() { return await(later(v)); } }
                interface Named { @Coroutine default String hello() { return "hello " + await(later(1)); } }
                enum E implements Named { A, B; @Coroutine String f(int i) { return name() + await(later(i)); } }
                static C field = new C("field");
                static class Holder { static C held = new C("held"); }
                static C make(String name) { log.add("make " + name); return new C(name); }
                @Coroutine static String main() {
                    StringBuilder sb = new StringBuilder();
                    C c = make("local");
                    sb.append(c.g(t("arg", 1)) + c.g(await(later(2))));
                    sb.append(E.A.f(3)).append(E.B.f(await(later(4)))).append(E.A.hello());
                    sb.append(field.g(5)).append(Holder.held.g(7)).append(c.sg(8));
                    Box<String> box = new Box<>("boxed");
                    sb.append(box.get().length());
                    Named named = E.B;
                    sb.append(named.hello());
                    Object any = c;
                    sb.append(((C) any).g(11));
                    C none = null;
                    try { sb.append(none.g(t("before the null receiver", await(later(9))))); }
                    catch (NullPointerException e) { log.add("npe"); }
                    C r = c;
                    sb.append(r.g((r = make("other")).name)).append(r.g(await(later(10))));
                    return sb.toString();
                }
                """);
    }

    @Test
    void localClassesUsedBeforeTheNextAwait() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    String s = "";
                    for (int i = 0; i < 2; i++) {
                        class L { int v() { return 2; } }
                        int v = new L().v();
                        s += v + await(later(i));
                    }
                    class M { String m() { return "m"; } }
                    String m = new M().m();
                    return s + m + await(later("!"));
                }
                """);
    }

    @Test
    void qualifiedThisMeansTheReceiverInTheBodyAndInClassBodies() throws Throwable {
        assertEquals("112 2 2", CoroutineCompiler.runMain("""
                int f = 1;
                int m() { return 10; }
                @Coroutine String inner() {
                    Supplier<Integer> s = new Supplier<Integer>() {
                        int f = 100;
                        public Integer get() { return T.this.f + f + T.this.m(); }
                    };
                    Supplier<Integer> l = () -> T.this.f;
                    T.this.f += await(later(1));
                    return s.get() + " " + l.get() + " " + T.this.f;
                }
                @Coroutine static String main() { return new T().inner(); }
                """));
    }

    @Test
    void anonymousClassesSeeTheirOwnAndInheritedMembers() throws Throwable {
        assertSameAsPlainJava("""
                static String label = "outer";
                static abstract class Base { String label = "base"; abstract String get(); }
                @Coroutine static String main() {
                    String local = await(later("L"));
                    Base b = new Base() {
                        String get() { return label + "/" + local + "/" + T.label; }
                    };
                    return b.get() + " " + await(later(label));
                }
                """);
    }

    @Test
    void qualifiedMembersTheGeneratedClassCanReach() throws Throwable {
        // Checked for access by their declarations: package-private members through this., a
        // class name, a typed local or an enum constant; an anonymous subclass calling a protected
        // constructor of another package; inherited package-private overloads the user cannot call.
        assertSameAsPlainJava("""
                static class C { int x = 1; static int sx = 2; int m() { return 3; } C() {} }
                enum E { A; int k = 4; }
                @Coroutine static String main() {
                    C c = new C();
                    StringBuilder sb = new StringBuilder();
                    sb.append(c.x + C.sx + c.m() + E.A.k).append(await(later(",")));
                    java.util.TimerTask task = new java.util.TimerTask() { public void run() { log.add("run"); } };
                    task.run();
                    return sb.append(c.x + await(later(C.sx))).toString();
                }
                """);
    }

    @Test
    void aLocalNamedLikeGeneratedMembersStillWorks() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    int state = await(later(1));
                    String self = "me";
                    Object awaited = "a";
                    Throwable failure = null;
                    String machine = "m";
                    for (int saved1 = 0; saved1 < 2; saved1++) { state += await(later(saved1)); }
                    return state + self + awaited + failure + machine;
                }
                """);
    }

    @Test
    void localsNamedLikeTheTypesAndPackagesGeneratedCodeNames() throws Throwable {
        // T.sf, T.Nested.v, TCoroutines.slow(...), java.lang.Math.PI (a static import) and the
        // canonical names the user wrote must not be read as the locals T, TCoroutines and java.
        assertSameAsPlainJava("""
                static int sf = 3;
                static class Nested { static int v = 5; }
                @Coroutine static int slow(int x) { await(later(0)); return x; }
                @Coroutine static String main() {
                    int T = 1;
                    int TCoroutines = 2;
                    int r = sf + T + await(later(1)) + Nested.v + slow(7) + TCoroutines;
                    { int java = 6; r += java + await(later(0)); }
                    { String Math = "m"; r += Math.length() + await(later(0)); }
                    IntUnaryOperator f = Nested -> Nested + sf;
                    Object o = new Object() { int T = 9; public String toString() { return "" + (sf + T) + Nested.v; } };
                    return r + " " + T + " " + f.applyAsInt(1) + " " + o + " " + java.lang.Math.max(r, await(later(2)))
                            + " " + Math.abs(-1);
                }
                """);
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static java.lang.Math.PI;
                import static t.Later.*;
                public class T {
                    @Coroutine static String main() {
                        { int java = 1; java += await(later(1)); }
                        return "" + (PI > 3) + await(later(0));
                    }
                }
                """);
        assertEquals("true0", run(loader, "t.TCoroutines", "main"));
    }

    @Test
    void coroutinesInInterfacesAsStaticMethods() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static t.Later.*;
                public interface Api {
                    @Coroutine static int answer() { return 40 + await(later(2)); }
                }
                """);
        assertEquals(42, run(loader, "t.ApiCoroutines", "answer"));
    }

    @Test
    void finalLocalsWithConstantInitializersStayConstants() throws Throwable {
        assertEquals("K true1 true 8 d 4 d [1, 2] 3a 5", runMain("""
                static final int BASE = 2;
                @Coroutine static String main() {
                    final int K = 3;
                    final String S = "a";
                    final int K2 = K * BASE + Integer.SIZE / 32 + 8 / ((-21 & 7) + 1);
                    final char C = 'a' + K;
                    String r = "";
                    switch (await(later(4))) { case K + 1: r += "K"; break; case K2: r += "K2"; break; default: r += "?"; }
                    r += " " + ((S + "b") == "ab") + await(later(1));
                    byte b = K;
                    char c = K + 'a';
                    r += " " + ((S + K) == "a3") + " " + (K2 - 1) + " " + C + " " + (b + 1) + " " + c;
                    byte[] bytes = {K2 / 7, await(later((byte) 2))};
                    r += " " + Arrays.toString(bytes);
                    Supplier<String> get = () -> K + S;
                    r += " " + get.get();
                    return r + " " + await(later(K + BASE));
                }
                """));
    }

    @Test
    void aFinalLocalWhoseInitializerIsNoConstantIsAVariable() throws Throwable {
        assertSameAsPlainJava("""
                static int counter;
                @Coroutine static String main() {
                    String r = "";
                    for (int i = 0; i < 2; i++) {
                        final int n = t("n", ++counter);
                        final String s = "v" + n;
                        final int zero = 0;
                        try {
                            final int div = 1 / zero;
                            r += await(later(div));
                        } catch (ArithmeticException e) { r += "div"; }
                        r += await(later(s)) + n;
                    }
                    try {
                        r += 1 / 0 + await(later(t("after", 1)));
                    } catch (ArithmeticException e) { r += "div"; }
                    return r;
                }
                """);
    }

    @Test
    void constantInstanceFieldsStayConstants() throws Throwable {
        ClassLoader loader = compileAndLoad(List.of(), CoroutineCompiler.classT("""
                final int X = 3;
                private final String S = "a";
                final char C = '\\'';
                @Coroutine String main() {
                    String r = "";
                    switch (await(later(3))) { case X: r += "X"; break; default: r += "?"; }
                    byte b = X;
                    return r + b + ((S + "b") == "ab") + await(later(-X)) + C;
                }
                static Object make() { return new T(); }
                """));
        Object receiver = CoroutineCompiler.callStatic(loader, "t.T", "make");
        assertEquals("X3true-3'", run(loader, "t.TCoroutines", "main", receiver));
    }

    @Test
    void privateStaticConstantsAreReadAsTheirValues() throws Throwable {
        assertEquals("K7ab", runMain("""
                private static final int K = 7;
                private static final String S = "a" + "b";
                @Coroutine static String main() {
                    switch (await(later(7))) { case K: return "K" + K + await(later(S)); default: return "?"; }
                }
                """));
    }
}
