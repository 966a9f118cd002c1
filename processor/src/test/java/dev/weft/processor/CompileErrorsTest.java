package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void coroutineCallsInsideALambda() {
        assertError("""
                @Coroutine int g() { return await(later(1)); }
                @Coroutine int main() {
                    IntSupplier s = () -> this.g();
                    return s.getAsInt();
                }
                """, 3, "lambda", "@Coroutine method");
        assertError("""
                static class C { @Coroutine int g() { return await(later(1)); } }
                @Coroutine static int main() {
                    C c = new C();
                    IntSupplier s = () -> c.g();
                    return s.getAsInt();
                }
                """, 4, "lambda", "@Coroutine method");
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
    void synchronizedCoroutine() {
        assertError("""
                @Coroutine static synchronized int main() {
                    return await(later(1));
                }
                """, 1, "synchronized", "dev.weft.Lock");
        assertError("""
                int n;
                @Coroutine synchronized int main() {
                    return n + await(later(1));
                }
                """, 2, "synchronized", "dev.weft.Lock");
    }

    @Test
    void localClassUsedAcrossAnAwait() {
        assertError("""
                @Coroutine static int main() {
                    class L { int v() { return 2; } }
                    await(later(1));
                    return new L().v();
                }
                """, 2, "local class L", "declare the class outside the method");
        assertError("""
                @Coroutine static int main() {
                    int sum = 0;
                    for (int i = 0; i < 2; i++) {
                        class L { int v() { return 2; } }
                        sum += await(later(new L().v()));
                    }
                    return sum;
                }
                """, 4, "local class L", "declare the class outside the method");
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
        // (one whose type declarations say is kept in a field of that type: VarLocalsTest)
        assertError("""
                @Coroutine static int main() {
                    var n = await(later(1));
                    await(later(2));
                    return n;
                }
                """, 2, "'n'", "cannot derive its type from declarations", "explicitly");
    }

    @Test
    void anonymousClassVarLocalKeptAcrossAnAwait() {
        assertError("""
                @Coroutine static int main() {
                    var o = new Object() { int f = 1; };
                    await(later(2));
                    return o.f;
                }
                """, 2, "'o'", "anonymous class", "declare a named class");
    }

    @Test
    void awaitInTheLockExpressionOfSynchronized() {
        assertError("""
                @Coroutine static int main() {
                    synchronized (
                            await(later(new Object()))) {
                        return 1;
                    }
                }
                """, 3, "lock expression", "await into a local variable first");
    }

    @Test
    void privateMethodsAndConstructorsReachedByReference() {
        // (private members used otherwise are reached through accessors: PrivateMembersTest)
        assertError("""
                private static int ps() { return 1; }
                @Coroutine static int main() { await(later(1)); IntSupplier s = T::ps; return 1; }
                """, 2, "private method T.ps", "write a lambda that calls it instead");
        assertError("""
                static class C { private C() {} }
                @Coroutine static Object main() {
                    await(later(1));
                    Supplier<C> s = C::new;
                    return s;
                }
                """, 4, "private constructor of C", "write a lambda");
    }

    @Test
    void inheritedProtectedMembersFromAnotherPackage() {
        assertError("""
                @Coroutine Object main() throws Exception {
                    await(later(1));
                    return this.clone();
                }
                """, 3, "protected method Object.clone", "through a package-private method");
        assertError("""
                @Coroutine Object main() throws Exception {
                    await(later(1));
                    return clone();
                }
                """, 3, "protected method Object.clone", "through a package-private method");
        assertError("""
                static class L extends ArrayList<Integer> {
                    @Coroutine int main() {
                        await(later(1));
                        return this.modCount;
                    }
                }
                """, 4, "protected field AbstractList.modCount", "through a package-private method");
    }

    @Test
    void superFieldAccess() {
        assertError("""
                int f = 1;
                static class S extends T {
                    @Coroutine int main() { return super.f + await(later(1)); }
                }
                """, 3, "super.f", "package-private method");
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
    void methodReferencesToCoroutines() {
        assertError("""
                @Coroutine static int g() { return await(later(1)); }
                @Coroutine static int main() {
                    IntSupplier s = T::g;
                    return s.getAsInt();
                }
                """, 3, "method reference", "@Coroutine method g", "spawn(TCoroutines.g(...))");
        assertError("""
                @Coroutine int g() { return await(later(1)); }
                @Coroutine int main() {
                    IntSupplier s = this::g;
                    return s.getAsInt();
                }
                """, 3, "method reference", "@Coroutine method g");
        assertError("""
                static class C { @Coroutine int g() { return await(later(1)); } }
                @Coroutine static int main() {
                    C c = new C();
                    Runnable r = () -> { IntSupplier s = c::g; };
                    return 1;
                }
                """, 4, "method reference", "spawn(T_CCoroutines.g(...))");
    }

    @Test
    void staticCoroutineCalledThroughAnExpression() {
        assertError("""
                static class C { @Coroutine static int sg() { return await(later(1)); } }
                @Coroutine static int main() {
                    return new C().sg();
                }
                """, 3, "static @Coroutine method sg", "C.sg(...)");
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
    void nativeCoroutine() {
        // (abstract and interface coroutines are virtual: VirtualCoroutinesTest)
        Compilation c = CoroutineCompiler.compile(List.of(), """
                package t;
                import dev.weft.*;
                class A {
                    @Coroutine native int f();
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
        // javac skips the "*" checks in a round whose only annotations Weft claims
        assertError("""
                @Coroutine static int top() { return 1; }
                static void m() {
                    class Local { @Coroutine int f() { return 1; } }
                }
                """, 3, "local or anonymous class");
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
    void overridingACoroutine() {
        assertError("""
                static class Base { @Coroutine int m(int x) { return await(later(x)); } }
                static class Sub extends Base {
                    @Override int m(int x) { return 2; }
                }
                """, 3, "this plain method overrides the @Coroutine method Base.m(int)",
                "runs the receiver's override as a coroutine", "Mark it @Coroutine too, or rename it");
    }

    @Test
    void overridingACoroutineOfAnotherSourceFile() {
        Compilation c = CoroutineCompiler.compile(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                public class Base {
                    @Coroutine public String m(String s) { return await(t.Later.later(s)); }
                }
                """, """
                package t;

                public class Sub extends Base {
                    @Override
                    public String m(String s) { return s; }
                }
                """);
        assertEquals(1, c.errors().size(), CoroutineCompiler.diagnostics(c));
        Diagnostic<? extends JavaFileObject> d = c.errors().get(0);
        assertTrue(d.getSource().getName().endsWith("Sub.java"), d.getSource().getName());
        assertEquals(5, d.getLineNumber());
        assertTrue(d.getMessage(null).contains("overrides the @Coroutine method Base.m(String)"), d.getMessage(null));
    }

    @Test
    void overridingACoroutineOfALibrary(@TempDir Path classes) throws IOException {
        // the case the processor of the library cannot see: a subclass compiled later
        Compilation library = CoroutineCompiler.compile(List.of(), """
                package lib;
                import dev.weft.*;
                public class Base {
                    @Coroutine public int m(int x) { return x; }
                }
                """);
        assertEquals(Compilation.Status.SUCCESS, library.status(), CoroutineCompiler.diagnostics(library));
        for (JavaFileObject f : library.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String path = f.toUri().getPath();
                Path out = classes.resolve(path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length()));
                Files.createDirectories(out.getParent());
                try (InputStream in = f.openInputStream()) {
                    Files.copy(in, out);
                }
            }
        }
        Compilation c = CoroutineCompiler.compile(
                List.of("-classpath", classes + File.pathSeparator + System.getProperty("java.class.path")), """
                package app;
                public class Sub extends lib.Base {
                    public int m(int x) { return 2; }
                }
                """);
        assertEquals(1, c.errors().size(), CoroutineCompiler.diagnostics(c));
        assertEquals(3, c.errors().get(0).getLineNumber());
        assertTrue(c.errors().get(0).getMessage(null).contains("overrides the @Coroutine method Base.m(int)"),
                CoroutineCompiler.diagnostics(c));
    }

    @Test
    void overridingADefaultCoroutine() {
        assertError("""
                interface Named { @Coroutine default String hello() { return "hello " + await(later(1)); } }
                static class C implements Named {
                    public String hello() { return "plain"; }
                }
                """, 3, "overrides the @Coroutine method Named.hello()", "Mark it @Coroutine too");
        assertError("""
                interface Named { @Coroutine default String hello() { return "hello " + await(later(1)); } }
                interface Loud extends Named { String hello(); }
                """, 2, "overrides the @Coroutine method Named.hello()");
        assertError("""
                interface Named { @Coroutine String hello(); }
                static class Base { public String hello() { return "plain"; } }
                static class C extends Base implements Named { }
                """, 3, "C inherits the plain method Base.hello() as its implementation of the @Coroutine method"
                + " Named.hello()");
        assertError("""
                interface Named { @Coroutine String hello(); }
                static Named make() { return () -> "plain"; }
                """, 2, "a lambda or method reference cannot implement the @Coroutine method Named.hello()");
    }

    @Test
    void overridingACoroutineInAnAnonymousOrLocalClass() {
        assertError("""
                static class Base { @Coroutine int m() { return await(later(1)); } }
                static Base make() {
                    return new Base() {
                        @Override int m() { return 2; }
                    };
                }
                """, 4, "overrides the @Coroutine method Base.m()");
        assertError("""
                static class Base { @Coroutine int m() { return await(later(1)); } }
                static Object make() {
                    class Local extends Base {
                        class Deeper extends Base { int m() { return 3; } }
                    }
                    return new Local();
                }
                """, 4, "overrides the @Coroutine method Base.m()");
        // reported once: not again in the copy of the class in the generated state machine
        assertError("""
                static class Base { @Coroutine int m() { return await(later(1)); } }
                @Coroutine static int main() {
                    await(later(1));
                    Base b = new Base() {
                        @Override int m() { return 2; }
                    };
                    return 1;
                }
                """, 5, "overrides the @Coroutine method Base.m()");
        assertError("""
                enum E {
                    A { @Override int m() { return 2; } };
                    @Coroutine int m() { return await(later(1)); }
                }
                """, 2, "overrides the @Coroutine method E.m()");
    }

    @Test
    void coroutineOverridingAPlainMethod() {
        assertError("""
                interface Job { int run(int x); }
                static class C implements Job {
                    @Coroutine public int run(int x) { return await(later(x)); }
                }
                """, 3, "a @Coroutine method cannot override the plain method Job.run(int)",
                "a call through Job.run is a plain call", "outside the event loop", "Mark Job.run(int) @Coroutine too");
        assertError("""
                static class Base { int m(List<String> s) { return 0; } }
                static class Sub extends Base {
                    @Coroutine int m(List<String> s) { return await(later(s.size())); }
                }
                """, 3, "cannot override the plain method Base.m(List<String>)");
        assertError("""
                @Coroutine public String toString() { return "" + await(later(1)); }
                """, 1, "cannot override the plain method Object.toString()", "The methods of Object stay plain");
    }

    @Test
    void inheritingACoroutineAsTheImplementationOfAnInterfaceMethod() {
        assertError("""
                static class Base { @Coroutine public void run() { await(later(1)); } }
                static class Sub extends Base implements Runnable {
                }
                """, 2, "Sub inherits the @Coroutine method Base.run() as its implementation of the plain method"
                + " Runnable.run()", "plain call");
        assertError("""
                static class Base { @Coroutine public void run() { await(later(1)); } }
                static class Sub extends Base implements Runnable {
                    void run(int times) {}
                }
                """, 2, "Sub inherits the @Coroutine method Base.run() as its implementation of the plain method"
                + " Runnable.run()");
    }

    @Test
    void staticCoroutinesHideStaticMethods() throws Throwable {
        // static calls are bound by name: Sub.s means Sub's s, also where javac lists Base's as a member
        Object result = CoroutineCompiler.runMain("""
                static class Base {
                    @Coroutine static int s(int x) { return await(later(x)); }
                    static int plain(int x) { return x; }
                }
                static class Sub extends Base {
                    @Coroutine static int s(int x) { return await(later(x + 10)); }
                    @Coroutine static int plain(int x) { return await(later(x + 20)); }
                    @Coroutine static int inside() { return s(2) + plain(2); }
                }
                @Coroutine static String main() {
                    return Base.s(1) + " " + Sub.s(1) + " " + Base.plain(1) + " " + Sub.plain(1) + " " + Sub.inside();
                }
                """);
        assertEquals("1 11 1 21 34", result);
    }

    @Test
    void namesThatDoNotOverrideACoroutineStillCompile() throws Throwable {
        Object result = CoroutineCompiler.runMain("""
                static class Base {
                    @Coroutine private int p(int x) { return await(later(x)); }
                    @Coroutine final int f(int x) { return await(later(x)); }
                    @Coroutine int m(int x) { return await(later(x)); }
                    @Coroutine int callP(int x) { return p(x); }
                }
                interface Named { @Coroutine default String hello() { return "hello " + await(later(1)); } }
                static class Sub extends Base implements Named {
                    int p(int x) { return x + 30; }
                    private int m(String s) { return s.length(); }
                    int m(int x, int y) { return x + y; }
                }
                @Coroutine static String main() {
                    Sub sub = new Sub();
                    Base base = sub;
                    return sub.p(1) + " " + base.callP(1) + " " + base.f(2) + " " + base.m(3) + " " + sub.hello();
                }
                """);
        assertEquals("31 1 2 3 hello 1", result);
    }

    @Test
    void choosingACoroutineByTheReceiversClassThroughAPlainMethod() throws Throwable {
        // what the override errors recommend: a plain overridable method returns the coroutine object
        Object result = CoroutineCompiler.runMain("""
                static class Base {
                    CoroutineFrame<String> m(int x) { return T_BaseCoroutines.mBody(this, x); }
                    @Coroutine String mBody(int x) { return "base " + await(later(x)); }
                }
                static class Sub extends Base {
                    @Override CoroutineFrame<String> m(int x) { return T_SubCoroutines.subBody(this, x); }
                    @Coroutine String subBody(int x) { return "sub " + await(later(x)); }
                }
                @Coroutine static String main() {
                    Base a = new Base();
                    Base b = new Sub();
                    return await(a.m(1)) + ", " + await(b.m(2));
                }
                """);
        assertEquals("base 1, sub 2", result);
    }

    @Test
    void factoriesOfAStaticAndAnInstanceCoroutineThatTakeAsManyArguments() {
        // The instance coroutine's factory takes its receiver first: both would be add(T, double).
        assertError("""
                @Coroutine T add(double r) { await(later(0)); return this; }
                @Coroutine static T add(T t, double r) { await(later(0)); return t; }
                """, 2, "TCoroutines.add(T, double)", "add(double)", "rename one of them");
        // add(t, 2) would reach the static factory add(T, float), not the instance one add(T, double)
        assertError("""
                @Coroutine static T add(T t, float r) { await(later(0)); return t; }
                @Coroutine T add(double r) { await(later(0)); return this; }
                @Coroutine static void main() { }
                """, 2, "TCoroutines.add(T, double)", "add(T, float)", "calls could mean either");
    }

    @Test
    void privateNestedTypesAreErrorsWhereTheCoroutineUsesThem() {
        String pair = """
                private static class Pair { int a = 1; }
                static Pair make() { return new Pair(); }
                static List<Pair> pairs;
                """;
        assertError(pair + """
                @Coroutine static int main() {
                    Pair p = make();
                    await(later(0));
                    return p.a;
                }
                """, 5, "private type T.Pair", "package-private");
        // no type is named, but a member of a value of the private class is selected
        assertError(pair + """
                @Coroutine static int main() {
                    int v = make().a;
                    await(later(0));
                    return v;
                }
                """, 5, "private type T.Pair", "package-private");
        // the declared type of the field is what the awaited diamond would need
        assertError(pair + """
                @Coroutine static int main() {
                    pairs = await(later(new ArrayList<>()));
                    return pairs.size();
                }
                """, 5, "Declare it first");
    }

    @Test
    void aCoroutineConstructorIsOneErrorAndTheOtherCoroutinesAreStillGenerated(@TempDir Path dir) throws IOException {
        CoroutineCompiler.DirectoryCompilation c = CoroutineCompiler.compileInto(dir, java.util.Map.of("t/K.java", """
                package t;
                import dev.weft.*;
                public class K {
                    @Coroutine K() { }
                    @Coroutine static int f() { return 1; }
                }
                """, "t/U.java", """
                package t;
                import dev.weft.*;
                public class U {
                    @Coroutine static int g() { return K.f() + 1; }
                    static Object run() { return EventLoop.run(UCoroutines.g()) + " " + EventLoop.run(KCoroutines.f()); }
                }
                """));
        List<Diagnostic<? extends JavaFileObject>> errors = c.errors();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(4, errors.get(0).getLineNumber(), errors.toString());
        assertTrue(errors.get(0).getMessage(null).contains("a constructor cannot be a @Coroutine"), errors.toString());
        assertTrue(Files.exists(c.generated().resolve("t/KCoroutines.java")), "KCoroutines was not generated");
        assertTrue(Files.exists(c.generated().resolve("t/UCoroutines.java")), "UCoroutines was not generated");
    }

    @Test
    void codeBetweenTwoAwaitsTooLargeForOneMethodIsAnErrorAtTheCoroutine() {
        // as plain Java the method compiles (about 50 KiB); its state machine reads list and s from fields
        String statements = "        list.add(s);\n".repeat(5000);
        assertError("""
                @Coroutine static int main() {
                    long s = 1;
                    List<Long> list = new ArrayList<>();
                    await(later(0));
                STATEMENTS
                    await(later(0));
                    return list.size();
                }
                """.replace("STATEMENTS", statements), 1, "too large for one method", "helper methods");
    }
}
