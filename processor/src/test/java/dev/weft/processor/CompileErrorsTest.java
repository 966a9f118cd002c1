package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Constructs Weft cannot compile are errors at the user's line, saying what to do instead. */
class CompileErrorsTest {
    /** Compiles t.T (the body starts on line 10 of the file) and returns its only Weft error. */
    private static Diagnostic<? extends JavaFileObject> onlyError(String body) {
        Compilation c = CoroutineCompiler.compile(List.of(), CoroutineCompiler.classT(body));
        List<Diagnostic<? extends JavaFileObject>> errors = c.errors().stream()
                .filter(d -> d.getSource() != null && d.getSource().getName().endsWith("T.java"))
                .collect(Collectors.toList());
        assertEquals(1, errors.size(), () -> "expected one error in T.java:\n" + CoroutineCompiler.diagnostics(c));
        List<Diagnostic<? extends JavaFileObject>> generated = c.errors().stream()
                .filter(d -> d.getSource() != null && d.getSource().getName().contains("TCoroutines"))
                .collect(Collectors.toList());
        assertTrue(generated.isEmpty(), () -> "errors in generated code:\n" + CoroutineCompiler.diagnostics(c));
        return errors.get(0);
    }

    private static void assertError(String body, int bodyLine, String... fragments) {
        Diagnostic<? extends JavaFileObject> d = onlyError(body);
        String message = d.getMessage(null);
        assertEquals(10 + bodyLine - 1, d.getLineNumber(), message);
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "message lacks '" + f + "': " + message);
        }
    }

    @Test
    void awaitInsideALambda() {
        assertError("""
                @Coroutine static void main() {
                    Runnable r = () -> {
                        await(later(1));
                    };
                }
                """, 3, "lambda", "@Coroutine method");
    }

    @Test
    void awaitInsideAnAnonymousClass() {
        assertError("""
                @Coroutine static void main() {
                    Object o = new Object() {
                        @Override public String toString() { return "" + await(later(1)); }
                    };
                }
                """, 3, "anonymous class");
    }

    @Test
    void awaitInsideALocalClass() {
        assertError("""
                @Coroutine static void main() {
                    class Local { int get() { return await(later(1)); } }
                }
                """, 2, "local class");
    }

    @Test
    void awaitInsideSynchronized() {
        assertError("""
                static final Object LOCK = new Object();
                @Coroutine static void main() {
                    synchronized (LOCK) {
                        await(later(1));
                    }
                }
                """, 4, "synchronized", "dev.weft.Lock");
    }

    @Test
    void varLocalKeptAcrossAnAwait() {
        assertError("""
                @Coroutine static int main() {
                    var n = 1;
                    await(later(2));
                    return n;
                }
                """, 2, "'n'", "explicitly");
    }

    @Test
    void privateMembersOfTheClass() {
        assertError("""
                private static int secret = 1;
                @Coroutine static int main() {
                    return await(later(secret));
                }
                """, 3, "private", "T.secret", "package-private");
        assertError("""
                private static int helper() { return 1; }
                @Coroutine static int main() {
                    return helper() + await(later(1));
                }
                """, 3, "private", "helper");
    }

    @Test
    void superCalls() {
        assertError("""
                @Override public String toString() { return "x"; }
                @Coroutine String main() {
                    await(later(1));
                    return super.toString();
                }
                """, 4, "super");
    }

    @Test
    void overloadsMixingCoroutinesAndPlainMethods() {
        assertError("""
                @Coroutine static int f(int x) { return await(later(x)); }
                static int f(String s) { return 0; }
                @Coroutine static int main() { return f(1); }
                """, 3, "'f'", "@Coroutine and plain");
    }

    @Test
    void awaitInsideAssert() {
        assertError("""
                @Coroutine static void main() {
                    assert await(later(true));
                }
                """, 2, "assert");
    }

    @Test
    void abstractCoroutine() {
        Compilation c = CoroutineCompiler.compile(List.of(), """
                package t;
                import dev.weft.*;
                abstract class A {
                    @Coroutine abstract int f();
                }
                """);
        assertTrue(c.errors().stream().anyMatch(d -> d.getMessage(null).contains("needs a body") && d.getLineNumber() == 4),
                CoroutineCompiler.diagnostics(c));
    }

    @Test
    void coroutinesInPrivateOrLocalClasses() {
        assertError("""
                private static class Hidden {
                    @Coroutine static int f() { return 1; }
                }
                """, 1, "private class", "package-private");
        assertError("""
                static void m() {
                    class Local { @Coroutine int f() { return 1; } }
                }
                """, 2, "local or anonymous class");
    }

    @Test
    void outerInstanceFromAnInnerClass() {
        assertError("""
                int field = 1;
                class Inner {
                    @Coroutine int f() { return field + await(later(1)); }
                }
                """, 3, "enclosing instance");
    }

    @Test
    void innerClassOfTheEnclosingInstanceOfAnInnerClass() {
        assertError("""
                class Other { }
                class Inner {
                    @Coroutine Object f() { await(later(1)); return new Other(); }
                }
                """, 3, "inner class Other", "T.this", "as a parameter");
    }

    @Test
    void constructorReferenceOfAnInnerClass() {
        assertError("""
                class Inner { }
                @Coroutine Object f() { Supplier<Inner> s = Inner::new; return await(later(s.get())); }
                """, 2, "Inner::new", "lambda");
    }

    @Test
    void innerClassTypeParameterHidingTheOuterOne() {
        assertError("""
                static class Outer<X> {
                    class Inner<X> { @Coroutine X get(X x) { return await(later(x)); } }
                }
                """, 2, "type parameter X of Inner hides the one of Outer", "rename");
    }

    @Test
    void recordComponentFieldsAreReachedThroughTheirAccessors() {
        assertError("""
                record Box<V>(V v) { @Coroutine V get() { return await(later(v)); } }
                """, 1, "Box.v", "accessor v()");
    }
}
