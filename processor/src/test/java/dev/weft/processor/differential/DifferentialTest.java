package dev.weft.processor.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the processor: random programs (see {@link ProgramGenerator}) must behave
 * the same compiled as coroutines, where chosen sub-expressions really suspend, and as plain Java.
 *
 * <p>System properties:
 * <ul>
 *   <li>{@code weft.differential.seed}: the first seed (a number, or {@code random}); program
 *       {@code i} of a run uses seed {@code first + i}. Defaults are fixed, so CI is deterministic.
 *   <li>{@code weft.differential.count}: how many programs each test runs.
 * </ul>
 * A failure prints the seed of every failing program with a command that reruns exactly it.
 */
class DifferentialTest {
    /** Programs with every construct, compiled for the default (17+) source level. */
    static final long JAVA17_SEED = 1_000_000L;
    static final int JAVA17_COUNT = 600;
    /** Programs restricted to Java 8 syntax, compiled with {@code --release 8}. */
    static final long JAVA8_SEED = 8_000_000L;
    static final int JAVA8_COUNT = 150;
    /** Failures reported in full; the rest get one line each. */
    static final int FULL_REPORTS = 3;

    @Test
    void java17Programs() {
        check(false, List.of(), JAVA17_SEED, JAVA17_COUNT);
    }

    @Test
    void java8Programs() {
        List<String> release8 = List.of("--release", "8");
        // the option really takes effect in compile-testing: Java 9 API and syntax are rejected
        Compilation probe = BatchCompiler.compile(release8, Map.of("t.Probe",
                "package t; class Probe { Object o = java.util.List.of(); }"));
        assertEquals(Compilation.Status.FAILURE, probe.status(), "--release 8 accepts List.of()");
        probe = BatchCompiler.compile(release8, Map.of("t.Probe",
                "package t; class Probe { void f(AutoCloseable r) throws Exception { try (r) { } } }"));
        assertEquals(Compilation.Status.FAILURE, probe.status(), "--release 8 accepts try (r)");
        check(true, release8, JAVA8_SEED, JAVA8_COUNT);
    }

    private static void check(boolean java8, List<String> options, long defaultSeed, int defaultCount) {
        long seed = seed(defaultSeed);
        int count = Integer.getInteger("weft.differential.count", defaultCount);
        DifferentialRunner runner = new DifferentialRunner(java8, options);
        long start = System.nanoTime();
        List<DifferentialFailure> failures = runner.run(seed, count);
        System.out.printf("differential (%s): seeds %d..%d, %d programs ran in both versions, %d failures, %.1f s%n",
                java8 ? "java 8" : "java 17", seed, seed + count - 1, runner.ran(), failures.size(),
                (System.nanoTime() - start) / 1e9);
        if (failures.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(failures.size()).append(" of ").append(count).append(" programs failed (seeds ").append(seed)
                .append("..").append(seed + count - 1).append(")\n");
        for (DifferentialFailure f : failures) {
            sb.append("  ").append(f.summary()).append('\n');
        }
        for (int i = 0; i < Math.min(FULL_REPORTS, failures.size()); i++) {
            sb.append('\n').append(failures.get(i).report());
        }
        fail(sb.toString());
    }

    private static long seed(long defaultSeed) {
        String p = System.getProperty("weft.differential.seed");
        if (p == null || p.isEmpty()) {
            return defaultSeed;
        }
        if (p.equals("random")) {
            long s = new Random().nextInt(Integer.MAX_VALUE);
            System.out.println("differential: random first seed " + s);
            return s;
        }
        return Long.parseLong(p);
    }
}
