package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated code adds no warning to a build that treats every lint warning as an error. */
class LintTest {
    @Test
    void generatedCodeCompilesUnderXlintAllWerror() throws Throwable {
        ClassLoader loader = CoroutineCompiler.compileAndLoad(List.of("-Xlint:all", "-Werror"), CoroutineCompiler.classT("""
                static List<String> log = new ArrayList<>();
                int count;
                static int shared;
                static int helper() { return 1; }
                enum Kind { A, B }
                @Coroutine int work(int n, Kind kind) throws IOException {
                    count += await(later(n));
                    shared += helper() + await(later(1));
                    int[] a = {1, 2};
                    a[await(later(0))] += await(later(5));
                    Object o = await(later((Object) "x"));
                    String s = (String) o + await(later(o));
                    switch (kind) {
                        case A: s += await(later("a")); break;
                        default: s += "b";
                    }
                    for (String x : Arrays.asList("p", "q")) {
                        try {
                            s += await(later(x));
                            if (s.length() > 100) throw new IOException("long");
                        } catch (IllegalStateException | IllegalArgumentException e) {
                            log.add(e.getMessage());
                        } finally {
                            log.add("f");
                        }
                    }
                    final int k = 2;
                    Integer boxed = n;
                    int[][] grid = {{k}, {await(later(1))}};
                    int[][] jagged = new int[k][];
                    int m = boxed + await(later(1)) + Math.max(boxed, await(later(k)));
                    switch (await(later(2))) {
                        case k: m++; break;
                        default: break;
                    }
                    log.add("" + m + grid.length + jagged.length);
                    boolean ok = s.length() > 2 && await(later(true));
                    return count + a[0] + s.length() + (ok ? 1 : 0);
                }
                static Object make() { return new T(); }
                """));
        Object receiver = CoroutineCompiler.callStatic(loader, "t.T", "make");
        Object kindA = CoroutineCompiler.callStatic(loader, "t.T$Kind", "valueOf", "A");
        assertEquals(3 + 6 + "xxapq".length() + 1, CoroutineCompiler.run(loader, "t.TCoroutines", "work", receiver, 3, kindA));
    }

    @Test
    void privateAccessorsAndVirtualDispatchAddNoWarningEither() throws Throwable {
        ClassLoader loader = CoroutineCompiler.compileAndLoad(List.of("-Xlint:all", "-Werror"), CoroutineCompiler.classT("""
                interface Repo<V> {
                    @Coroutine V load(String id);
                    @Coroutine default String describe() { return "repo"; }
                }
                static final class Box<E> implements Repo<List<E>> {
                    private final List<E> items = new ArrayList<>();
                    private int loads;
                    private Box(E first) { items.add(first); }
                    private <U> U convert(java.util.function.Function<List<E>, U> f) { return f.apply(items); }
                    @Coroutine public List<E> load(String id) { loads++; return await(later(items)); }
                    @Coroutine @Override public String describe() { return "box of " + convert(List::size); }
                    static <E> Box<E> of(E first) { return new Box<>(first); }
                }
                @Coroutine static String main() {
                    Repo<List<String>> r = Box.of("a");
                    return r.load("x") + " " + r.describe();
                }
                """));
        assertEquals("[a] box of 1", CoroutineCompiler.run(loader, "t.TCoroutines", "main"));
    }
}
