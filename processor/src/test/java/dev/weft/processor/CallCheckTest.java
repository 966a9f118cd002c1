package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * No call of a coroutine runs silently as plain Java: once javac has typed the code, a call it
 * resolved to a {@code @Coroutine} method that Weft compiled as a plain call is an error, and so
 * is a call from plain code (unless {@code @SuppressWarnings("weft-plain-call")} says it is meant).
 */
class CallCheckTest {
    private static List<String> errors(Compilation c) {
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
            if (d.getSource() != null && d.getSource().getName().endsWith("/T.java")) {
                out.add(d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        return out;
    }

    @Test
    void callsWeftCannotRecognizeInsideACoroutineAreErrorsAtTheCall() {
        // the body starts on line 10
        Compilation c = CoroutineCompiler.compile(List.of(), CoroutineCompiler.classT("""
                @Coroutine int ping() { await(later(0)); return 1; }
                static <X> X first(List<X> xs) { return xs.get(0); }
                @Coroutine static int main(List<T> targets) {
                    int sum = targets.get(0).ping();
                    for (var t : targets) {
                        sum += t.ping();
                    }
                    { var u = first(targets); sum += u.ping(); }
                    T typed = targets.get(0);
                    return sum + typed.ping() + first(targets).ping();
                }
                """));
        // targets.get(0) is a T (List<T>'s E substituted), typed is declared and the var loop variable walks a
        // List<T>: those calls are coroutine calls; a var initialized by a generic method's result is not
        List<String> errors = errors(c);
        assertEquals(2, errors.size(), () -> CoroutineCompiler.diagnostics(c));
        assertTrue(errors.get(0).startsWith("17: Weft compiled this call of the @Coroutine method T.ping() as a plain"
                + " call"), errors.get(0));
        assertTrue(errors.get(0).contains("await(TCoroutines.ping("), errors.get(0));
        assertTrue(errors.get(1).startsWith("19: "), errors.get(1)); // the result of a generic method
    }

    @Test
    void receiversTypedThroughTypeArgumentsArrayElementsAndInheritedFieldsAreCoroutineCalls() throws Throwable {
        Object result = CoroutineCompiler.runMain("""
                static class Holder<X> {
                    X value;
                    Holder(X value) { this.value = value; }
                    X get() { return value; }
                }
                static class Base<X> { X inherited; }
                static class Sub extends Base<T> { }
                int id;
                T(int id) { this.id = id; }
                @Coroutine int ping() { await(later(0)); return id; }
                @Coroutine static int main() {
                    List<T> ts = List.of(new T(1), new T(2));
                    T[] arr = {new T(3)};
                    Map<String, T> byName = Map.of("a", new T(4));
                    Holder<T> h = new Holder<>(new T(5));
                    Sub sub = new Sub();
                    sub.inherited = new T(6);
                    return ts.get(0).ping() + ts.get(1).ping() + arr[0].ping() + byName.get("a").ping() + h.get().ping()
                            + h.value.ping() + sub.inherited.ping();
                }
                """);
        assertEquals(1 + 2 + 3 + 4 + 5 + 5 + 6, result);
    }

    @Test
    void aCallFromPlainCodeIsAnErrorThatShowsTheFactoryUnlessItIsMeant() {
        Compilation c = CoroutineCompiler.compile(List.of(), CoroutineCompiler.classT("""
                @Coroutine static int transfer(int amount) { await(later(0)); return amount; }
                @Coroutine int ping() { await(later(0)); return 1; }
                static int plain() {
                    Runnable r = () -> transfer(2);
                    return transfer(1) + new T().ping();
                }
                @SuppressWarnings("weft-plain-call")
                static int meant() {
                    return transfer(1);
                }
                static int alsoMeant() {
                    @SuppressWarnings("weft-plain-call") int v = transfer(1);
                    return v + EventLoop.run(TCoroutines.transfer(3));
                }
                """));
        List<String> errors = errors(c);
        assertEquals(3, errors.size(), () -> CoroutineCompiler.diagnostics(c));
        assertTrue(errors.get(0).startsWith("13: this plain code calls the @Coroutine method T.transfer(int)"),
                errors.get(0));
        assertTrue(errors.get(1).startsWith("14: ") && errors.get(1).contains("EventLoop.run(TCoroutines.transfer(...))")
                && errors.get(1).contains("weft-plain-call"), errors.get(1));
        assertTrue(errors.get(2).startsWith("14: ") && errors.get(2).contains("T.ping()")
                && errors.get(2).contains("TCoroutines.ping(t)"), errors.get(2));
    }
}
