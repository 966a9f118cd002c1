package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java 21 patterns: pattern labels, guards, record patterns. They need a JDK 21+ compiler, so these
 * tests run only when the build runs on one (CI builds again on the newest JDK installed).
 */
class PatternsTest {
    @BeforeEach
    void needsJava21() {
        assumeTrue(Runtime.version().feature() >= 21, "pattern labels need javac 21+");
    }

    @Test
    void switchesWithPatternLabelsAndNoSuspensionRunAsWritten() throws Throwable {
        assertSameAsPlainJava("""
                sealed interface Shape permits Circle, Rect {}
                record Circle(int r) implements Shape {}
                record Rect(int w, int h) implements Shape {}
                @Coroutine static String describe(Object o) {
                    int limit = await(later(5));
                    String a = switch (o) {
                        case null -> "null";
                        case Circle c when c.r() > limit -> "big circle";
                        case Circle(int r) -> "circle " + r;
                        case Rect(int w, var h) -> "rect " + w + "x" + h;
                        case String s -> "string " + s.length();
                        default -> "other";
                    };
                    String b = await(later("<"))
                            + switch (o) { case Integer i when i > limit -> "I"; case Integer i -> "i"; case null, default -> "x"; }
                            + await(later(">"));
                    Function<Object, String> f = x -> switch (x) { case String s -> "S"; case null, default -> "D"; };
                    switch (o) {
                        case Rect r: b += " rect " + r.w(); break;
                        case Integer i when i > 3: b += " big"; break;
                        case null, default: break;
                    }
                    Shape shape = o instanceof Shape s ? s : new Circle(0);
                    String c = switch (shape) { case Circle circle -> "C"; case Rect rect -> "R"; };
                    switch (await(later(shape))) {
                        case Circle(var r) -> c += r;
                        case Rect rect -> c += "r";
                    }
                    if (o instanceof Rect(int w, int h) && w > 0) {
                        b += " area " + await(later(w * h)) + " " + w + h;
                    }
                    return a + " " + b + " " + f.apply(o) + " " + c;
                }
                @Coroutine static String main() {
                    StringBuilder sb = new StringBuilder();
                    for (Object o : new Object[] {null, new Circle(7), new Circle(1), new Rect(2, 3), "hey", 5, 9, 2L}) {
                        sb.append(describe(o)).append('|');
                    }
                    return sb.toString();
                }
                """);
    }

    @Test
    void aSwitchWithPatternLabelsWhoseCasesSuspendIsAnError() {
        List<Diagnostic<? extends JavaFileObject>> errors = CoroutineCompiler.errors("""
                @Coroutine static String main() {
                    Object o = 5;
                    return switch (o) {
                        case Integer i -> await(later("i" + i));
                        default -> "d";
                    };
                }
                """);
        assertEquals(1, errors.size(), errors::toString);
        assertEquals(13, errors.get(0).getLineNumber());
        assertTrue(errors.get(0).getMessage(null).contains("if/instanceof"), errors::toString);
    }
}
