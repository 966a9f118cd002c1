package dev.weft;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stack traces and task locations in the user's own source lines. When an exception escapes a
 * generated frame, its trace is rewritten once: the frame's {@code resume} becomes the user's
 * method at the line of the statement that threw, followed by the coroutines it was called from
 * inline, each at the line of its call; the runtime's driver frames ({@code drive}, {@code step},
 * {@code runOnce}...) are left out unless {@code -Dweft.stackTraces=full}; when the failure of a
 * task reaches another task through {@code await}, that task's chain is added, each element marked
 * {@code [awaiting Task-N]}. Paths that throw nothing pay nothing. {@code -Dweft.stackTraces=raw}
 * keeps traces as the JVM made them.
 */
final class StackTraces {
    private static final String MODE = System.getProperty("weft.stackTraces", "");
    private static final boolean RAW = MODE.equals("raw");
    private static final boolean SHOW_RUNTIME = MODE.equals("full");

    /** What was done to an exception's trace: where the chains end, and which tasks' chains it has. */
    private static final class Mapped {
        int chainEnd;
        final Set<Task<?>> awaiters = Collections.newSetFromMap(new IdentityHashMap<>());

        Mapped(int chainEnd) {
            this.chainEnd = chainEnd;
        }
    }

    private static final Map<Throwable, Mapped> MAPPED = new WeakHashMap<>();
    /** Per generated frame class, the class-file line of its {@code resume} body's anchor. */
    private static final Map<Class<?>, Integer> ANCHORS = new ConcurrentHashMap<>();
    /** Java 9's constructor with a module name, which marks an awaiting task's elements; null on Java 8. */
    private static final MethodHandle WITH_MODULE = moduleConstructor();

    private StackTraces() {
    }

    /**
     * Rewrites the trace of {@code thrown}, which {@code frame} (running in {@code task}) threw
     * itself (not an outcome it was resumed with).
     */
    static void thrownBy(CoroutineFrame<?> frame, CoroutineFrame<?> task, Throwable thrown) {
        SourceMap map = RAW ? null : frame.sourceMap();
        if (map == null) {
            return;
        }
        synchronized (MAPPED) {
            if (MAPPED.containsKey(thrown)) {
                return;
            }
        }
        StackTraceElement[] trace = thrown.getStackTrace();
        String machine = frame.getClass().getName();
        Class<?> generated = frame.getClass().getEnclosingClass();
        String companion = generated == null ? null : generated.getName();
        List<StackTraceElement> out = new ArrayList<>(trace.length + 8);
        int resumeAt = -1;
        for (int i = 0; i < trace.length && resumeAt < 0; i++) {
            StackTraceElement e = trace[i];
            String c = e.getClassName();
            if (c.equals(machine)) {
                // resume itself, or a lambda of the user's code compiled in the machine
                out.add(map.element(map.userLine(e.getLineNumber(), anchor(frame))));
                if (e.getMethodName().equals("resume")) {
                    resumeAt = i;
                }
            } else if (!c.equals(companion) && !c.startsWith("java.lang.invoke.")) {
                out.add(e); // (the generated class's accessors of private members, and method handles, left out)
            }
        }
        if (resumeAt < 0) {
            return; // not thrown by this frame's code (created elsewhere, or a split machine's part)
        }
        // the callers; those that called directly (callInline) are also further down the trace
        Set<String> callers = new HashSet<>();
        for (CoroutineFrame<?> f = frame; f != task; ) {
            f = f.link;
            callers.add(f.getClass().getName());
            SourceMap caller = f.sourceMap();
            if (caller != null) {
                out.add(caller.element(caller.suspensionLine(f.state)));
            }
        }
        int chainEnd = out.size();
        for (int i = resumeAt + 1; i < trace.length; i++) {
            String c = trace[i].getClassName();
            if (SHOW_RUNTIME || !(isRuntime(c) || callers.contains(c))) {
                out.add(trace[i]);
            }
        }
        thrown.setStackTrace(out.toArray(new StackTraceElement[0]));
        synchronized (MAPPED) {
            MAPPED.put(thrown, new Mapped(chainEnd));
        }
    }

    /**
     * A failure {@code task} resumes with, after waiting on {@code waited}: a cancellation gets the
     * trace of where the task waited; the failure of an awaited task gets the awaiting chain.
     */
    static void delivered(Awaitable<?> waited, CoroutineFrame<?> task, Throwable failure) {
        if (failure instanceof CancelledException) {
            cancelled(task, (CancelledException) failure);
        } else if (waited instanceof Task && waited != task) {
            deliveredTo((Task<?>) waited, task, failure);
        }
    }

    /**
     * Gives a cancellation delivered to {@code task} the trace of where the task waits: its chain
     * of frames at their suspension lines, innermost first (as asyncio's traceback of a
     * {@code CancelledError} shows the await it interrupted), then what requested it, as the JVM
     * recorded that, without the runtime's frames and the state machines' own.
     */
    static void cancelled(CoroutineFrame<?> task, CancelledException cancellation) {
        if (RAW) {
            return;
        }
        synchronized (MAPPED) {
            if (MAPPED.containsKey(cancellation)) {
                return;
            }
        }
        List<StackTraceElement> out = chainOf(task, null);
        if (out.isEmpty()) {
            return;
        }
        int chainEnd = out.size();
        for (StackTraceElement e : cancellation.getStackTrace()) {
            if (SHOW_RUNTIME || !isRuntime(e.getClassName()) && !isMachine(e.getClassName())) {
                out.add(e);
            }
        }
        cancellation.setStackTrace(out.toArray(new StackTraceElement[0]));
        synchronized (MAPPED) {
            MAPPED.put(cancellation, new Mapped(chainEnd));
        }
    }

    /** The frames of {@code task} at their suspension lines, innermost first, each marked with {@code mark} if not null. */
    private static List<StackTraceElement> chainOf(CoroutineFrame<?> task, String mark) {
        List<StackTraceElement> chain = new ArrayList<>();
        CoroutineFrame<?> f = task.link != null ? task.link : task;
        for (;;) {
            SourceMap map = f.sourceMap();
            if (map != null) {
                StackTraceElement e = map.element(map.suspensionLine(f.state));
                chain.add(mark == null ? e : marked(e, mark));
            }
            if (f == task) {
                return chain;
            }
            f = f.link;
        }
    }

    /** A class of a generated class: a state machine ({@code pkg.XCoroutines$MFrame}) or a lambda of one. */
    private static boolean isMachine(String className) {
        return className.contains("Coroutines$");
    }

    /**
     * Adds to the trace of {@code failure}, the outcome of {@code failed} that {@code awaiter}
     * awaited, the chain of frames {@code awaiter} waits in, marked as awaiting {@code failed}.
     */
    static void deliveredTo(Task<?> failed, CoroutineFrame<?> awaiter, Throwable failure) {
        if (RAW) {
            return;
        }
        Mapped mapped;
        synchronized (MAPPED) {
            mapped = MAPPED.get(failure);
            if (mapped == null || !mapped.awaiters.add(awaiter)) {
                return;
            }
        }
        List<StackTraceElement> chain = chainOf(awaiter, "[awaiting " + failed.name() + "]");
        synchronized (MAPPED) {
            List<StackTraceElement> trace = new ArrayList<>(Arrays.asList(failure.getStackTrace()));
            int at = Math.min(mapped.chainEnd, trace.size());
            trace.addAll(at, chain);
            mapped.chainEnd = at + chain.size();
            failure.setStackTrace(trace.toArray(new StackTraceElement[0]));
        }
    }

    /**
     * Where a suspended task is in the user's code: {@code  at Worker.java:42 (Worker.step), in
     * Worker.run (Worker.java:30)}, innermost first; empty if it is in no generated frame.
     */
    static String where(Task<?> task) {
        int phase = task.status & Task.PHASE;
        if (!(task instanceof CoroutineFrame) || phase != Task.WAITING && phase != Task.READY) {
            return "";
        }
        CoroutineFrame<?> root = (CoroutineFrame<?>) task;
        StringBuilder sb = new StringBuilder();
        CoroutineFrame<?> f = root.link != null ? root.link : root;
        for (;;) {
            SourceMap map = f.sourceMap();
            if (map != null) {
                int line = map.suspensionLine(f.state);
                if (sb.length() == 0) {
                    sb.append(" at ").append(map.fileName()).append(':').append(line).append(" (").append(map.method())
                            .append(')');
                } else {
                    sb.append(", in ").append(map.method()).append(" (").append(map.fileName()).append(':')
                            .append(line).append(')');
                }
            }
            if (f == root) {
                return sb.toString();
            }
            f = f.link;
        }
    }

    /**
     * The class-file line of the anchor of {@code frame}'s {@code resume} body: found once per class
     * by calling {@code resume} in an unknown state, which throws at once, from the anchor.
     */
    private static int anchor(CoroutineFrame<?> frame) {
        Integer known = ANCHORS.get(frame.getClass());
        if (known != null) {
            return known;
        }
        int line = -1;
        int saved = frame.state;
        frame.state = Integer.MIN_VALUE;
        try {
            frame.resume(null, null);
        } catch (Throwable probe) {
            for (StackTraceElement e : probe.getStackTrace()) {
                if (e.getClassName().equals(frame.getClass().getName()) && e.getMethodName().equals("resume")) {
                    line = e.getLineNumber();
                    break;
                }
            }
        } finally {
            frame.state = saved;
        }
        ANCHORS.put(frame.getClass(), line);
        return line;
    }

    /** A class of the runtime's package {@code dev.weft} (not of a package below it). */
    private static boolean isRuntime(String className) {
        return className.startsWith("dev.weft.") && className.indexOf('.', "dev.weft.".length()) < 0;
    }

    private static StackTraceElement marked(StackTraceElement e, String mark) {
        if (WITH_MODULE != null) {
            try {
                // printed as "[awaiting Task-2]/com.example.Deep.top(Deep.java:25)"
                return (StackTraceElement) WITH_MODULE.invoke(null, mark, null, e.getClassName(), e.getMethodName(),
                        e.getFileName(), e.getLineNumber());
            } catch (Throwable ignored) {
                // fall back to the method name
            }
        }
        return new StackTraceElement(e.getClassName(), e.getMethodName() + " " + mark, e.getFileName(),
                e.getLineNumber());
    }

    private static MethodHandle moduleConstructor() {
        try {
            return MethodHandles.publicLookup().findConstructor(StackTraceElement.class, MethodType.methodType(
                    void.class, String.class, String.class, String.class, String.class, String.class, String.class,
                    int.class));
        } catch (ReflectiveOperationException | RuntimeException java8) {
            return null;
        }
    }
}
