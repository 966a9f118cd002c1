package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Generated code compiles with {@code --release 8} whenever the user's code does. */
class Release8Test {
    private static final List<String> RELEASE_8 = List.of("--release", "8", "-Xlint:-options");

    @Test
    void statementsAndExpressionsCompileForJava8() throws Throwable {
        assertSameAsPlainJava(RELEASE_8, """
                static int field;
                static final class Res implements AutoCloseable { public void close() { log.add("close"); } }
                @Coroutine static String main() {
                    List<String> out = new ArrayList<String>();
                    int total = 0;
                    outer:
                    for (int i = 0; i < 4; i++) {
                        switch (await(later(i))) {
                            case 0: total += await(later(10)); break;
                            case 1: continue outer;
                            default: total += i;
                        }
                        try (Res r = new Res()) {
                            out.add("body" + await(later(i)));
                            if (i == 3) break outer;
                        } finally {
                            out.add("f" + i);
                        }
                    }
                    field += await(later(total));
                    boolean b = total > 5 && await(later(true));
                    String s = b ? await(later("yes")) : "no";
                    for (String x : Arrays.asList("a", "b")) s += await(later(x));
                    final String captured = s;
                    Runnable r = new Runnable() { public void run() { log.add(captured); } };
                    r.run();
                    final int k = 1;
                    Integer boxed = null;
                    try { total += boxed * await(later(t("rhs", 2))); } catch (NullPointerException e) { t("npe", 0); }
                    int[][] grid = {{k}, new int[k + 1], {await(later(2))}};
                    int[][][] jagged = new int[k][][];
                    switch (await(later(1))) { case k: t("k", grid.length); break; default: break; }
                    return out + " " + total + " " + field + " " + s + " " + Arrays.deepToString(grid) + jagged.length;
                }
                """);
    }

    @Test
    void shapesOfConditionalsAnonymousClassesAndTargetedAwaitsCompileForJava8() throws Throwable {
        assertSameAsPlainJava(RELEASE_8, """
                @Coroutine static Integer boxed() { return await(later(1000)); }
                @Coroutine static String main() {
                    boolean t = true;
                    Object numeric = t ? boxed() : 2.0;
                    Object call = t ? Integer.valueOf(await(later(7))) : 2.0;
                    Runnable r = await(later(new Runnable() { public void run() { log.add("run"); } }));
                    r.run();
                    Map<String, Integer> m = await(later(new TreeMap<String, Integer>(new Comparator<String>() {
                        public int compare(String a, String b) { return b.compareTo(a); }
                    })));
                    Comparator<String> c = await(later(Collections.<String>reverseOrder()));
                    Comparator<String> byLength = await(later((a, b) -> a.length() - b.length()));
                    Map<String, Integer> diamond = await(later(new HashMap<>()));
                    diamond.put("n", byLength.compare("aa", "b"));
                    m.put("a", 1);
                    m.put("b", 2);
                    return numeric + " " + call + " " + m + " " + c.compare("a", "b") + " " + diamond;
                }
                """);
    }
}
