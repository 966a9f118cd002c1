package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java code in README.md compiles with the processor and does what the README says. */
class ReadmeExamplesTest {
    private static List<String> javaBlocks() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertTrue(blocks.size() >= 2, "README has its java examples");
        return blocks;
    }

    @Test
    void theOpeningExampleRunsAsCommented() throws Throwable {
        String hello = javaBlocks().get(0);
        ClassLoader loader = CoroutineCompiler.compileAndLoad(List.of(), hello);
        assertEquals("hello a, hello b", CoroutineCompiler.run(loader, "HelloCoroutines", "main"));
    }

    @Test
    void theTourPipelineCompilesAndRuns() throws Throwable {
        String pipeline = javaBlocks().get(1);
        String source = String.join("\n",
                "import dev.weft.*;",
                "import java.time.Duration;",
                "import java.util.*;",
                "import static dev.weft.Weft.*;",
                "public class Example {",
                "    @Coroutine",
                "    static void produce(List<String> urls, AsyncQueue<String> queue) {",
                "        for (String url : urls) {",
                "            await(sleep(10));",
                "            await(queue.put(\"<html>\" + url + \"</html>\"));",
                "        }",
                "    }",
                pipeline,
                "}");
        ClassLoader loader = CoroutineCompiler.compileAndLoad(List.of(), source);
        Object total = CoroutineCompiler.run(loader, "ExampleCoroutines", "pipeline", List.of("a", "bb"));
        assertEquals(("<html>a</html>" + "<html>bb</html>").length(), total);
    }

    @Test
    void theTourInterfaceExampleDispatchesToEachImplementation() throws Throwable {
        String block = javaBlocks().get(2);
        int split = block.indexOf("@Coroutine\nstatic int totalLength");
        String source = String.join("\n",
                "import dev.weft.*;",
                "import java.util.*;",
                "import static dev.weft.Weft.*;",
                block.substring(0, split),
                "class Tour {",
                block.substring(split),
                "}");
        ClassLoader loader = CoroutineCompiler.compileAndLoad(List.of(), source);
        Object backend = CoroutineCompiler.newInstance(loader, "Backend");
        Object cache = CoroutineCompiler.newInstance(loader, "Cache", loader.loadClass("Fetcher"), backend);
        assertEquals("<a>".length() + "<bb>".length() + "<a>".length(),
                CoroutineCompiler.run(loader, "TourCoroutines", "totalLength", cache, List.of("a", "bb", "a")));
        java.lang.reflect.Field requests = backend.getClass().getDeclaredField("requests");
        requests.setAccessible(true);
        assertEquals(2, requests.get(backend)); // the cache answered the second "a"
    }

    @Test
    void theNetworkExampleServesAndAsksOverALoopbackSocket() throws Throwable {
        String block = javaBlocks().stream().filter(b -> b.contains("static String ask(int port)")).findFirst()
                .orElseThrow();
        String source = String.join("\n",
                "import dev.weft.*;",
                "import java.time.Duration;",
                "import static dev.weft.Weft.*;",
                "public class Echo {",
                block,
                "}");
        ClassLoader loader = CoroutineCompiler.compileAndLoad(List.of(), source);
        assertEquals("you said: hello", dev.weft.EventLoop.run(CoroutineCompiler.frame(loader, "EchoCoroutines", "main")));
    }
}
