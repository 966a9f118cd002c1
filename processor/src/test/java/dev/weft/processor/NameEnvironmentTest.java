package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated code means the same whatever names the user's package and imports declare: classes
 * named like the {@code java.lang} or Weft types that generated code names, and user types named
 * like the member types that state machines inherit.
 */
class NameEnvironmentTest {
    /** A coroutine whose state machine names Object, Throwable, Boolean, Integer, IllegalStateException... */
    private static final String USES_EVERY_GENERATED_NAME = """
            package n;
            import dev.weft.*;
            import static dev.weft.Weft.*;
            public class M {
                static <V> Awaitable<V> later(V value) {
                    Promise<V> p = new Promise<>();
                    EventLoop.current().callSoon(() -> p.complete(value));
                    return p;
                }
                static final class Res implements java.lang.AutoCloseable {
                    public void close() { }
                }
                @Coroutine static java.lang.Integer boxed() { return await(later(1000)); }
                @Coroutine static java.lang.String main() {
                    int total = 0;
                    try (Res r = new Res()) {
                        total += await(later(1));
                    }
                    java.lang.Object numeric = total > 0 ? boxed() : 2.0;
                    boolean both = total > 0 && await(later(true));
                    int[] array = {1};
                    array[0] += await(later(5));
                    int yielded = switch (total) {
                        case 1 -> { await(later(0)); yield 7; }
                        default -> 0;
                    };
                    Witness w = new Witness();
                    ForEach f = new ForEach();
                    await(later(0));
                    return numeric + " " + both + " " + array[0] + " " + yielded + " " + w + " " + f;
                }
            }
            """;

    @Test
    void classesOfTheUsersPackageNamedLikeJavaLangTypesChangeNothing() throws Throwable {
        List<String> sources = new ArrayList<>();
        sources.add(USES_EVERY_GENERATED_NAME);
        for (String name : List.of("Object", "Override", "Integer", "SuppressWarnings", "Throwable", "Boolean",
                "IllegalStateException", "IncompatibleClassChangeError", "AutoCloseable", "Void", "String")) {
            sources.add("package n;\npublic class " + name + " { }");
        }
        sources.add("package n;\npublic class Witness { public java.lang.String toString() { return \"w\"; } }");
        sources.add("package n;\npublic class ForEach { public java.lang.String toString() { return \"f\"; } }");
        ClassLoader loader = CoroutineCompiler.compileAndLoad(List.of(),
                sources.toArray(new String[0]));
        assertEquals("1000.0 true 6 7 w f", CoroutineCompiler.run(loader, "n.MCoroutines", "main"));
    }

    @Test
    void typesImportedInTheDefaultPackageNamedLikeWeftTypes() throws Throwable {
        ClassLoader loader = CoroutineCompiler.compileAndLoad(List.of(), """
                import dev.weft.*;
                import x.Awaitable;
                import x.CoroutineFrame;
                import x.Generated;
                import static dev.weft.Weft.*;
                public class D {
                    @Coroutine static int main() {
                        Awaitable a = new Awaitable();
                        CoroutineFrame f = new CoroutineFrame();
                        Generated g = new Generated();
                        await(yieldNow());
                        return a.n + f.n + g.n;
                    }
                }
                """, "package x;\npublic class Awaitable { public int n = 1; }",
                "package x;\npublic class CoroutineFrame { public int n = 2; }",
                "package x;\npublic class Generated { public int n = 4; }");
        assertEquals(7, CoroutineCompiler.run(loader, "DCoroutines", "main"));
    }
}
