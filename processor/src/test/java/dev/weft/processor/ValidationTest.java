package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validation stage reports every problem of every coroutine of a compilation in one compile,
 * each once, at the user's line, in the order of the file; the valid coroutines are still
 * generated, and calls of the invalid ones add no errors of their own.
 */
class ValidationTest {
    /** Eleven different mistakes in three coroutines of one class, and one valid coroutine. */
    private static final String SHOP = """
            package t;

            import dev.weft.*;
            import java.util.*;
            import static dev.weft.Weft.*;
            import static t.Later.*;

            public class Shop {
                private int stock = 3;
                private static int fee() { return 1; }
                private static class Receipt { int total; }
                private int left() { return stock; }
                static List<Object> log = new ArrayList<>();

                @Coroutine
                static int price(int n) {
                    int base = await(later(n)) * ((java.util.function.IntSupplier) Shop::fee).getAsInt();
                    return base + this.hashCode() + fee();
                }

                @Coroutine
                synchronized int reserve(int n) {
                    await(later(0));
                    stock -= ((java.util.function.IntSupplier) this::left).getAsInt();
                    return super.hashCode() + stock;
                }

                @Coroutine
                static Object receipt(Object o) {
                    Receipt r = null;
                    await(later(0));
                    synchronized (await(later(o))) {
                        log.add(o);
                    }
                    Runnable later = () -> await(later(1));
                    enum Color { RED }
                    assert await(later(true));
                    java.util.function.Supplier<Object> make = Shop::fine;
                    return new Receipt();
                }

                @Coroutine
                static int fine() {
                    return await(later(41)) + 1;
                }

                static void caller() {
                    ShopCoroutines.price(2);
                    ShopCoroutines.receipt("x");
                }
            }
            """;

    /** Another class of the same compilation, with one mistake. */
    private static final String DEPOT = """
            package t;

            import dev.weft.*;
            import static t.Later.*;

            class Depot {
                private static String name() { return "depot"; }

                @Coroutine
                static String label() {
                    return Weft.await(later(1)) + ((java.util.function.Supplier<String>) Depot::name).get();
                }
            }
            """;

    @Test
    void everyMistakeIsOneErrorAtItsLineInOneCompile() {
        Compilation c = CoroutineCompiler.compile(List.of(), SHOP, DEPOT);
        List<String> shop = errorsIn(c, "Shop.java");
        List<String> expected = List.of(
                "17: private method Shop.fee",
                "18: 'this' is not available in a static @Coroutine method",
                "22: cannot be synchronized",
                "24: private method Shop.left",
                "25: super.hashCode(...)",
                "30: private type Shop.Receipt",
                "32: lock expression of a synchronized statement",
                "35: inside a lambda",
                "36: a local enum",
                "37: inside an assert statement",
                "38: method reference to the @Coroutine method fine");
        assertEquals(expected.size(), shop.size(), () -> "errors:\n" + CoroutineCompiler.diagnostics(c));
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i);
            String line = want.substring(0, want.indexOf(':'));
            String fragment = want.substring(want.indexOf(':') + 2);
            String got = shop.get(i);
            assertTrue(got.startsWith(line + ": ") && got.contains(fragment), () -> "error " + want + " expected, got "
                    + got + "\nall errors:\n" + CoroutineCompiler.diagnostics(c));
        }
        // the other class of the compilation is validated in the same compile
        List<String> depot = errorsIn(c, "Depot.java");
        assertEquals(1, depot.size(), () -> CoroutineCompiler.diagnostics(c));
        assertTrue(depot.get(0).startsWith("11: ") && depot.get(0).contains("private method Depot.name"), depot.get(0));
        // no error elsewhere: not in generated code, not at the calls of the failed coroutines
        assertEquals(shop.size() + depot.size(), c.errors().size(), () -> CoroutineCompiler.diagnostics(c));
    }

    @Test
    void validCoroutinesAreGeneratedAndFailedOnesGetThrowingFactories(@TempDir Path dir) throws IOException {
        CoroutineCompiler.DirectoryCompilation c = CoroutineCompiler.compileInto(dir, Map.of(
                "t/Shop.java", SHOP, "t/Later.java", CoroutineCompiler.LATER));
        assertEquals(11, c.errors().size(), c.errors().toString());
        String generated = c.generatedSource("t/ShopCoroutines.java");
        assertTrue(generated.contains("class FineFrame"), generated);
        for (String failed : new String[] {"price(int", "reserve(Shop", "receipt(Object"}) {
            assertTrue(generated.contains(failed), failed + " has a factory:\n" + generated);
        }
        assertTrue(generated.contains("Weft could not compile this coroutine: Weft cannot reach the private method"
                + " Shop.fee"), generated);
        assertTrue(!generated.contains("class PriceFrame") && !generated.contains("class ReceiptFrame"), generated);
    }

    @Test
    void problemsOfOneCoroutineAreReportedInSourceOrderOnce() {
        // the private type is used three times: one fix serves all, so it is one error, at the first use
        Compilation c = CoroutineCompiler.compile(List.of(), CoroutineCompiler.classT("""
                private static class Hidden { }
                @Coroutine int main() {
                    Hidden h = null;
                    await(later(0));
                    Object o = (Hidden) await(later(h));
                    return o instanceof Hidden ? 1 : 0;
                }
                """));
        List<String> errors = errorsIn(c, "T.java");
        assertEquals(1, errors.size(), () -> CoroutineCompiler.diagnostics(c));
        assertTrue(errors.get(0).startsWith("12: ") && errors.get(0).contains("private type T.Hidden"), errors.get(0));
    }

    /** {@code line: message} of each error in the named file, in the order javac reports them. */
    private static List<String> errorsIn(Compilation c, String file) {
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
            if (d.getSource() != null && d.getSource().getName().endsWith("/" + file)) {
                out.add(d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        return out;
    }
}
