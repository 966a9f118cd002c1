package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The user's text that generated code repeats (the source lines in comments, names and types in
 * Javadoc) cannot change what the generated file means, and unicode escapes in the user's code
 * still mean what they mean there.
 */
class SourceTextTest {
    @Test
    void aUnicodeLineFeedInACommentOfTheUsersLineStaysInTheComment() throws Throwable {
        // The escape is written with two backslashes here so that it reaches the test source as one.
        assertEquals("returned 2 []", assertSameAsPlainJava("""
                @Coroutine static int main() {
                    int s = 0;
                    s += 2; /* \\u000a s += 1000; //*/
                    await(later(0));
                    return s;
                }
                """));
    }

    @Test
    void anEscapeCutWhereALongLineIsShortenedInItsCommentStaysText() throws Throwable {
        // The comment keeps the first 97 characters of the line: the escape starts at the 95th.
        String padding = "x".repeat(82);
        assertEquals("returned " + padding + "A []", assertSameAsPlainJava("""
                @Coroutine static String main() {
                    String s = "PADDING\\u0041";
                    await(later(0));
                    return s;
                }
                """.replace("PADDING", padding)));
    }

    @Test
    void unicodeEscapesInTheUsersCodeKeepTheirMeaning() throws Throwable {
        assertEquals("returned caf\u00e9 3 []", assertSameAsPlainJava("""
                @Coroutine static String main() {
                    String caf\\u00e9 = "caf\\u00e9";
                    int n = 1 \\u002b 2;
                    await(later(0));
                    return caf\\u00e9 + " " + n;
                }
                """));
    }

    @Test
    void javadocOfTheGeneratedCodeCannotBeEndedByTheUsersText() throws Throwable {
        String source = CoroutineCompiler.classT("""
                @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)
                @interface Note { String value(); }
                @Coroutine static String main(@Note("*/ int broken = ; /*") String s) {
                    await(later(0));
                    return s;
                }
                """);
        Compilation c = CoroutineCompiler.compile(List.of(), source);
        assertEquals(Compilation.Status.SUCCESS, c.status(), CoroutineCompiler.diagnostics(c));
        String generated = CoroutineCompiler.generatedSources(c);
        assertFalse(generated.contains("*/ int broken"), generated);
        assertTrue(generated.contains("// T.java:"), generated);
    }
}
