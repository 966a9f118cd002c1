package dev.weft.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A processor that checks every class of the compilation rather than annotated elements: it
 * supports all annotations, so that javac calls it for files with none, and claims none (its
 * {@code process} returns {@code false}), so that other processors still see them.
 *
 * <p>javac stops looking for processors once every annotation of a round is claimed, and
 * {@link CoroutineProcessor} claims {@code @Coroutine}: in a compilation whose only annotations
 * are Weft's, javac would never start these checks. So {@code CoroutineProcessor} starts them
 * itself ({@link #startAll}), and each check runs once per compilation whoever starts it first: an
 * instance javac starts later stays idle.
 */
public abstract class EveryClassCheck extends AbstractProcessor {
    /** The checks started in each compilation, by javac's element utilities (which build tools' wrappers share). */
    private static final Map<Object, Set<String>> STARTED = new WeakHashMap<>();
    private boolean idle;

    @Override
    public final Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public final SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public final synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        synchronized (STARTED) {
            idle = !STARTED.computeIfAbsent(env.getElementUtils(), k -> new HashSet<>()).add(getClass().getName());
        }
        if (!idle) {
            start(env);
        }
    }

    @Override
    public final boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (!idle) {
            check(round);
        }
        return false;
    }

    /** Sets the check up for a compilation (most checks listen for javac's analysis of each class). */
    protected abstract void start(ProcessingEnvironment env);

    /** Checks the classes of a round; most checks do their work once javac has analyzed each class. */
    protected void check(RoundEnvironment round) {
    }

    /** Starts every check in the compilation of {@code env}, unless javac has started it already. */
    static List<EveryClassCheck> startAll(ProcessingEnvironment env) {
        List<EveryClassCheck> checks = List.of(new LocalCoroutineCheck(), new OverrideCheck(), new MisuseCheck());
        for (EveryClassCheck c : checks) {
            c.init(env);
        }
        return checks;
    }
}
