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
}
