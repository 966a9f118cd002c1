package dev.weft.processor;

import dev.weft.processor.validation.MisuseChecks;

import com.google.auto.service.AutoService;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;

/**
 * Reports the misuses of coroutines that need javac's types ({@link MisuseChecks}): dropped
 * awaitables and coroutine objects, and blocking calls inside coroutines. It runs on every class
 * once javac has analyzed it (see {@link AfterAnalysis}), so it sees plain code too.
 */
@AutoService(Processor.class)
public final class MisuseCheck extends EveryClassCheck {
    @Override
    protected void start(ProcessingEnvironment env) {
        MisuseChecks checks = new MisuseChecks(env);
        if (!checks.applies()) {
            return; // no Weft runtime on the class path: nothing to misuse
        }
        AfterAnalysis.listenGuarded(env, "this class for dropped awaits and blocking calls", checks::check);
    }

}
