package dev.weft.processor.differential;

import com.google.testing.compile.Compilation;
import dev.weft.CoroutineFrame;
import dev.weft.EventLoop;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates programs, compiles them in batches (both versions of {@link #PER_CLASS} programs per
 * class, {@link #CLASSES_PER_COMPILATION} classes of each version per javac run, batches compiled
 * in parallel), runs each program's plain version and coroutine version, and reports every
 * difference. A batch that does not compile is compiled again without the programs its errors
 * point to (one by one if the errors point nowhere), so one bad program costs no others.
 */
final class DifferentialRunner {
    static final int PER_CLASS = 50;
    static final int CLASSES_PER_COMPILATION = 2;
    /** A program that runs longer than this (in either version) is reported as hanging. */
    static final long TIMEOUT_SECONDS = 20;
    private static final Pattern MEMBER = Pattern.compile("\\b(p[0-9a-z]+)_");

    private final boolean java8;
    private final List<String> javacOptions;
    private final List<DifferentialFailure> failures = new ArrayList<>();
    private int ran;
    private ExecutorService executor = newExecutor();

    DifferentialRunner(boolean java8, List<String> javacOptions) {
        this.java8 = java8;
        this.javacOptions = javacOptions;
    }

    /** A compiled batch: the programs that compiled, their classes, and the failures on the way. */
    private record Batch(List<GeneratedProgram> programs, Compilation compilation, List<DifferentialFailure> failures) {
    }

    /** Runs the programs of seeds {@code base .. base + count - 1}; returns the failures. */
    List<DifferentialFailure> run(long base, int count) {
        int perCompilation = PER_CLASS * CLASSES_PER_COMPILATION;
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        ExecutorService compilers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "differential-javac");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Batch>> batches = new ArrayList<>();
            for (int start = 0; start < count; start += perCompilation) {
                List<GeneratedProgram> programs = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + perCompilation); i++) {
                    programs.add(ProgramGenerator.generate(base + i, java8));
                }
                batches.add(compilers.submit(() -> compile(programs)));
            }
            for (Future<Batch> f : batches) {
                Batch b = get(f);
                failures.addAll(b.failures);
                if (b.compilation != null) {
                    runBatch(b);
                }
            }
        } finally {
            compilers.shutdownNow();
            executor.shutdownNow();
        }
        return failures;
    }

    private static Batch get(Future<Batch> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many programs were compiled and run in both versions. */
    int ran() {
        return ran;
    }

    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "differential-program");
            t.setDaemon(true);
            return t;
        });
    }

    private static String coroutineClass(int k) {
        return "T" + k;
    }

    private static String plainClass(int k) {
        return "P" + k;
    }

    /** The sources of a batch: class Tk (coroutines) and Pk (plain) for each slice of PER_CLASS programs. */
    private static Map<String, String> sources(List<GeneratedProgram> programs) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int k = 0; k * PER_CLASS < programs.size(); k++) {
            StringBuilder co = new StringBuilder(GeneratedProgram.fileHead(coroutineClass(k)));
            StringBuilder plain = new StringBuilder(GeneratedProgram.fileHead(plainClass(k)));
            for (int i = k * PER_CLASS; i < Math.min(programs.size(), (k + 1) * PER_CLASS); i++) {
                co.append(programs.get(i).asCoroutines(coroutineClass(k))).append('\n');
                plain.append(programs.get(i).asPlainJava(plainClass(k))).append('\n');
            }
            sources.put("t." + coroutineClass(k), co.append("}\n").toString());
            sources.put("t." + plainClass(k), plain.append("}\n").toString());
        }
        return sources;
    }

    /** Compiles a batch, leaving out (and reporting) the programs that do not compile. */
    private Batch compile(List<GeneratedProgram> programs) {
        List<DifferentialFailure> found = new ArrayList<>();
        Compilation c = compileOrNull(programs);
        for (int attempt = 0; c == null || c.status() != Compilation.Status.SUCCESS; attempt++) {
            Map<GeneratedProgram, List<String>> culprits = c == null ? null : culprits(c, programs);
            if (culprits == null || attempt >= 3) {
                List<GeneratedProgram> good = new ArrayList<>();
                for (GeneratedProgram p : programs) {
                    if (compilesAlone(p, found)) {
                        good.add(p);
                    }
                }
                programs = good;
            } else {
                for (Map.Entry<GeneratedProgram, List<String>> e : culprits.entrySet()) {
                    // javac may stop before it reports the plain version's errors: check it alone
                    if (plainCompilesAlone(e.getKey(), found)) {
                        found.add(new DifferentialFailure(e.getKey(), java8, "the coroutine version does not compile",
                                String.join("\n", e.getValue()), null, null));
                    }
                }
                programs = new ArrayList<>(programs);
                programs.removeAll(culprits.keySet());
            }
            if (programs.isEmpty()) {
                return new Batch(programs, null, found);
            }
            c = compileOrNull(programs);
        }
        return new Batch(programs, c, found);
    }

    /**
     * The programs that compile errors point to, with their errors: the program whose member names
     * appear at or last before the error's line. {@code null} if some error points to none.
     */
    private static Map<GeneratedProgram, List<String>> culprits(Compilation c, List<GeneratedProgram> programs) {
        Map<String, GeneratedProgram> byPrefix = new HashMap<>();
        for (GeneratedProgram p : programs) {
            byPrefix.put(p.prefix(), p);
        }
        Map<GeneratedProgram, List<String>> found = new LinkedHashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
            if (d.getSource() == null || d.getLineNumber() < 1) {
                return null;
            }
            String[] lines;
            try {
                lines = d.getSource().getCharContent(true).toString().split("\n", -1);
            } catch (IOException e) {
                return null;
            }
            GeneratedProgram culprit = null;
            for (int i = (int) Math.min(d.getLineNumber(), lines.length) - 1; i >= 0 && culprit == null; i--) {
                Matcher m = MEMBER.matcher(lines[i]);
                while (m.find() && culprit == null) {
                    culprit = byPrefix.get(m.group(1));
                }
            }
            if (culprit == null) {
                return null;
            }
            found.computeIfAbsent(culprit, k -> new ArrayList<>()).add(BatchCompiler.describe(d)
                    + "\n    " + lines[(int) d.getLineNumber() - 1].strip());
        }
        return found.isEmpty() ? null : found;
    }

    /** The batch's compilation, or null if javac crashed. */
    private Compilation compileOrNull(List<GeneratedProgram> programs) {
        try {
            return BatchCompiler.compile(javacOptions, sources(programs));
        } catch (BatchCompiler.JavacCrash e) {
            return null;
        }
    }

    /** Compiles one program on its own; records why it does not compile. */
    private boolean compilesAlone(GeneratedProgram p, List<DifferentialFailure> found) {
        if (!plainCompilesAlone(p, found)) {
            return false;
        }
        Map<String, String> alone = new LinkedHashMap<>();
        alone.put("t.T0", p.standaloneSource(true, "T0"));
        Compilation co;
        try {
            co = BatchCompiler.compile(javacOptions, alone);
        } catch (BatchCompiler.JavacCrash e) {
            found.add(new DifferentialFailure(p, java8, "javac crashes on the coroutine version",
                    String.valueOf(e.getCause()), null, null));
            return false;
        }
        if (co.status() != Compilation.Status.SUCCESS) {
            found.add(new DifferentialFailure(p, java8, "the coroutine version does not compile",
                    BatchCompiler.errors(co), null, null));
            return false;
        }
        return true;
    }

    /** Compiles a program's plain version on its own; a failure there is the generator's. */
    private boolean plainCompilesAlone(GeneratedProgram p, List<DifferentialFailure> found) {
        Map<String, String> alone = new LinkedHashMap<>();
        alone.put("t.P0", p.standaloneSource(false, "P0"));
        Compilation plain;
        try {
            plain = BatchCompiler.compile(javacOptions, alone);
        } catch (BatchCompiler.JavacCrash e) {
            found.add(new DifferentialFailure(p, java8, "GENERATOR BUG: javac crashes on the plain version",
                    String.valueOf(e.getCause()), null, null));
            return false;
        }
        if (plain.status() != Compilation.Status.SUCCESS) {
            found.add(new DifferentialFailure(p, java8, "GENERATOR BUG: javac rejects the plain version",
                    BatchCompiler.errors(plain), null, null));
            return false;
        }
        return true;
    }

    private void runBatch(Batch b) {
        ClassLoader loader = BatchCompiler.load(b.compilation);
        List<String> log;
        try {
            @SuppressWarnings("unchecked")
            List<String> l = (List<String>) loader.loadClass(SupportSources.SUPPORT_NAME).getField("log").get(null);
            log = l;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        Map<String, GeneratedProgram> byPrefix = new HashMap<>();
        for (GeneratedProgram p : b.programs) {
            byPrefix.put(p.prefix().toLowerCase(java.util.Locale.ROOT), p);
        }
        // A method javac compiled into code that does not verify fails its whole class: report the
        // program it is in, and run the others again without it.
        Map<GeneratedProgram, DifferentialFailure> unverifiable = new LinkedHashMap<>();
        List<GeneratedProgram> again = new ArrayList<>();
        for (int i = 0; i < b.programs.size(); i++) {
            int k = i / PER_CLASS;
            GeneratedProgram p = b.programs.get(i);
            Outcome plain = plainOutcome(loader, log, p, plainClass(k));
            Outcome coroutine = coroutineOutcome(loader, log, p, coroutineClass(k));
            GeneratedProgram culprit = null;
            for (Outcome o : List.of(plain, coroutine)) {
                if (o.result().contains("java.lang.VerifyError") || o.result().contains("java.lang.ClassFormatError")) {
                    Matcher m = MEMBER.matcher(o.result().toLowerCase(java.util.Locale.ROOT));
                    while (m.find() && culprit == null) {
                        culprit = byPrefix.get(m.group(1));
                    }
                    if (culprit != null && culprit != p) {
                        unverifiable.putIfAbsent(culprit, new DifferentialFailure(culprit, java8, o == plain
                                ? "GENERATOR BUG: javac made code that does not verify of the plain version"
                                : "the coroutine version does not verify", o.result(), null, null));
                    }
                }
            }
            if (culprit != null && culprit != p) {
                again.add(p);
                continue;
            }
            ran++;
            if (!plain.equals(coroutine)) {
                failures.add(new DifferentialFailure(p, java8, "different behaviour", null, plain, coroutine));
            }
        }
        for (Map.Entry<GeneratedProgram, DifferentialFailure> e : unverifiable.entrySet()) {
            failures.add(e.getValue());
            again.remove(e.getKey());
        }
        failures.removeIf(f -> unverifiable.containsKey(f.program()) && f.plain() != null);
        if (!again.isEmpty()) {
            Batch retry = compile(again);
            failures.addAll(retry.failures);
            if (retry.compilation != null) {
                runBatch(retry);
            }
        }
    }

    private Outcome plainOutcome(ClassLoader loader, List<String> log, GeneratedProgram p, String top) {
        return outcome(log, () -> {
            Class<?> c = loader.loadClass(p.declaringClass(top));
            return invoke(c, p.entry(), p.instance() ? newInstance(c) : null);
        });
    }

    private Outcome coroutineOutcome(ClassLoader loader, List<String> log, GeneratedProgram p, String top) {
        return outcome(log, () -> {
            Class<?> c = loader.loadClass(p.factoryClass(top));
            Object[] args = p.instance()
                    ? new Object[] {newInstance(loader.loadClass(p.declaringClass(top)))}
                    : new Object[0];
            CoroutineFrame<?> frame = (CoroutineFrame<?>) invoke(c, p.entry(), null, args);
            return EventLoop.withVirtualTime().runUntilComplete(frame);
        });
    }

    interface Call {
        Object call() throws Throwable;
    }

    private Outcome outcome(List<String> log, Call call) {
        log.clear();
        Future<String> f = executor.submit(() -> {
            try {
                return "returned " + call.call();
            } catch (Throwable e) {
                return "threw " + describe(e);
            }
        });
        String result;
        try {
            result = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            executor.shutdownNow();
            executor = newExecutor();
            result = "did not finish in " + TIMEOUT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        List<String> trace = new ArrayList<>(log);
        log.clear();
        return new Outcome(result, trace);
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getName()).append(": ").append(e.getMessage());
        for (Throwable s : e.getSuppressed()) {
            sb.append(" [suppressed ").append(s.getClass().getName()).append(": ").append(s.getMessage()).append(']');
        }
        return sb.toString();
    }

    private static Object newInstance(Class<?> c) throws ReflectiveOperationException {
        java.lang.reflect.Constructor<?> k = c.getDeclaredConstructor();
        k.setAccessible(true);
        return k.newInstance();
    }

    /** Calls the method {@code name} with {@code args.length} parameters on {@code receiver}. */
    private static Object invoke(Class<?> c, String name, Object receiver, Object... args) throws Throwable {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                try {
                    return m.invoke(receiver, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(c.getName() + "." + name);
    }
}
