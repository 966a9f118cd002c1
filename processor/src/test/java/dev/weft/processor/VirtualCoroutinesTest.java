package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CoroutineFrame;
import dev.weft.EventLoop;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Coroutine} methods are virtual: abstract and interface coroutines (with or without a
 * default body) and their overrides, where a call through the declared type runs the override of
 * the receiver's run-time class inline, also when the override was compiled separately and ships
 * in a jar.
 */
class VirtualCoroutinesTest {
    private static final String FETCHER = """
            package app;
            import dev.weft.*;
            import static dev.weft.Weft.*;
            public interface Fetcher {
                @Coroutine String fetch(String url);
                @Coroutine default String fetchTwice(String url) { return fetch(url) + "+" + fetch(url); }
            }
            """;

    private static final String HTTP = """
            package app;
            import dev.weft.*;
            import static dev.weft.Weft.*;
            public class HttpFetcher implements Fetcher {
                @Coroutine public String fetch(String url) { await(sleep(10)); return "http:" + url; }
            }
            """;

    private static final String CACHED = """
            package app;
            import dev.weft.*;
            import java.util.*;
            import static dev.weft.Weft.*;
            public class CachedFetcher implements Fetcher {
                private final Map<String, String> cache = new HashMap<>();
                private final Fetcher inner;
                public CachedFetcher(Fetcher inner) { this.inner = inner; }
                @Coroutine public String fetch(String url) {
                    String hit = cache.get(url);
                    if (hit != null) return "cached:" + hit;
                    String value = inner.fetch(url);
                    cache.put(url, value);
                    return value;
                }
                @Coroutine @Override public String fetchTwice(String url) { return "once:" + fetch(url); }
            }
            """;

    private static final String MAIN = """
            package app;
            import dev.weft.*;
            import java.util.*;
            import static dev.weft.Weft.*;
            public class Main {
                @Coroutine public static String main() {
                    List<Fetcher> fetchers = List.of(new HttpFetcher(), new CachedFetcher(new HttpFetcher()));
                    StringBuilder sb = new StringBuilder();
                    for (Fetcher f : fetchers) {
                        Fetcher g = f;
                        sb.append(g.fetch("a")).append(' ').append(g.fetch("a")).append(' ').append(g.fetchTwice("b"))
                                .append(" | ");
                    }
                    return sb + "tasks " + EventLoop.current().allTasks().size() + " at " + EventLoop.current().time();
                }
            }
            """;

    @Test
    void anInterfaceWithTwoImplementationsInDifferentFilesDispatchesInline() throws Throwable {
        ClassLoader loader = CoroutineCompiler.compileAndLoad(List.of(), FETCHER, HTTP, CACHED, MAIN);
        // one task: every call ran inline; the cached fetcher's second call of "a" does not sleep
        assertEquals("http:a http:a http:b+http:b | http:a cached:http:a once:http:b | tasks 1 at 0.06",
                CoroutineCompiler.run(loader, "app.MainCoroutines", "main"));
    }

    @Test
    void templateMethodsAbstractClassesAndOverridesOfOverridesBehaveAsInJava() throws Throwable {
        assertSameAsPlainJava("""
                static abstract class Job {
                    @Coroutine abstract int step(int i);
                    @Coroutine int run(int n) { int s = 0; for (int i = 0; i < n; i++) s += step(await(later(i))); return s; }
                    @Coroutine String name() { return "job"; }
                }
                static class Doubler extends Job {
                    @Coroutine int step(int i) { return t("double", 2 * i); }
                    @Coroutine @Override String name() { return "doubler/" + await(later("x")); }
                }
                static class Squarer extends Doubler {
                    @Coroutine @Override int step(int i) { return t("square", i * i); }
                }
                static final class Cuber extends Squarer {
                    @Coroutine @Override int step(int i) { return await(later(i * i * i)); }
                }
                @Coroutine static String main() {
                    List<Job> jobs = List.of(new Doubler(), new Squarer(), new Cuber());
                    String out = "";
                    for (Job j : jobs) {
                        out += j.name() + "=" + j.run(4) + " ";
                    }
                    Squarer s = new Cuber();
                    return out + s.step(3);
                }
                """);
    }

    @Test
    void genericInterfacesAndCovariantResultsKeepTheirTypes() throws Throwable {
        assertSameAsPlainJava("""
                interface Repo<V> {
                    @Coroutine V load(String id);
                    @Coroutine void save(String id, V value);
                }
                static class StringRepo implements Repo<String> {
                    final Map<String, String> data = new TreeMap<>();
                    @Coroutine public String load(String id) { return await(later(data.get(id))); }
                    @Coroutine public void save(String id, String value) { data.put(id, await(later(value))); }
                }
                static class ListRepo<E> implements Repo<List<E>> {
                    final Map<String, List<E>> data = new TreeMap<>();
                    @Coroutine public List<E> load(String id) { return data.getOrDefault(id, List.of()); }
                    @Coroutine public void save(String id, List<E> value) { data.put(await(later(id)), value); }
                }
                static class Base { @Coroutine Object make() { return await(later("base")); } }
                static class Sub extends Base { @Coroutine @Override String make() { return "sub" + await(later(1)); } }
                @Coroutine static String main() {
                    Repo<String> r = new StringRepo();
                    r.save("a", "x");
                    Repo<List<Integer>> l = new ListRepo<>();
                    l.save("k", List.of(1, 2));
                    Base b = new Sub();
                    Sub s = new Sub();
                    return r.load("a") + " " + l.load("k") + " " + l.load("none") + " " + b.make() + " " + s.make().length();
                }
                """);
    }

    @Test
    void anOverrideShippedInAJarCompiledSeparatelyIsFound(@TempDir Path dir) throws Throwable {
        // the library: the interface and one implementation, compiled on their own, in a jar
        Path lib = javac(dir.resolve("lib"), List.of(), Map.of("app/Fetcher.java", FETCHER, "app/HttpFetcher.java", HTTP));
        Path jar = CoroutineCompiler.jar(lib, dir.resolve("fetchers.jar"));
        // the application: another implementation and the caller, compiled later against the jar
        Path app = javac(dir.resolve("app"), List.of("-classpath", jar + File.pathSeparator
                + System.getProperty("java.class.path")), Map.of("app/CachedFetcher.java", CACHED, "app/Main.java", MAIN));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {app.toUri().toURL(), jar.toUri().toURL()},
                getClass().getClassLoader())) {
            assertEquals("http:a http:a http:b+http:b | http:a cached:http:a once:http:b | tasks 1 at 0.06",
                    CoroutineCompiler.run(loader, "app.MainCoroutines", "main"));
        }
    }

    @Test
    void anOverrideCompiledWithoutWeftFailsAtTheCallInsteadOfRunningAnotherBody(@TempDir Path dir) throws Throwable {
        Path lib = javac(dir.resolve("lib"), List.of(), Map.of("app/Fetcher.java", FETCHER, "app/HttpFetcher.java", HTTP,
                "app/Call.java", """
                        package app;
                        import dev.weft.*;
                        public class Call {
                            @Coroutine public static String fetchWith(Fetcher f) { return f.fetch("u"); }
                        }
                        """));
        Path plain = javac(dir.resolve("plain"), List.of("-proc:none", "-classpath", lib + File.pathSeparator
                + System.getProperty("java.class.path")), Map.of("other/Sneaky.java", """
                        package other;
                        public class Sneaky extends app.HttpFetcher {
                            @Override public String fetch(String url) { return "plain " + url; }
                        }
                        """));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {plain.toUri().toURL(), lib.toUri().toURL()},
                getClass().getClassLoader())) {
            Object sneaky = loader.loadClass("other.Sneaky").getConstructor().newInstance();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> CoroutineCompiler.run(loader, "app.CallCoroutines", "fetchWith", sneaky));
            assertTrue(e.getMessage().contains("other.Sneaky.fetch overrides the @Coroutine method app.Fetcher.fetch(String)"
                    + " but is not a @Coroutine method compiled by Weft"), e.getMessage());
            Object http = loader.loadClass("app.HttpFetcher").getConstructor().newInstance();
            CoroutineFrame<?> frame = CoroutineCompiler.frame(loader, "app.CallCoroutines", "fetchWith", http);
            assertEquals("http:u", EventLoop.withVirtualTime().runUntilComplete(frame));
        }
    }

    /** Compiles with javac and the processors as a build finds them (service files); returns the class directory. */
    private static Path javac(Path dir, List<String> options, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-s",
                Files.createDirectories(dir.resolve("gen")).toString(), "-processorpath",
                System.getProperty("java.class.path")));
        if (!options.contains("-classpath")) {
            args.addAll(List.of("-classpath", System.getProperty("java.class.path")));
        }
        args.addAll(options);
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            args.add(Files.writeString(file, e.getValue()).toString());
        }
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0]));
        assertEquals(0, rc, "javac failed for " + sources.keySet());
        return classes;
    }
}
