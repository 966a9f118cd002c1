package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test that is a {@code @Coroutine} method (annotate it with both), run on a loop on
 * virtual time: sleeps and timeouts cost nothing, assertions on {@code EventLoop.current().time()}
 * are exact. The test fails when it throws, when the loop reports a deadlock (with every blocked
 * task and where it waits), when a task's exception was never retrieved, and when tasks are still
 * running at its end.
 *
 * <pre>{@code
 * @WeftTest(strategy = Strategy.PCT, schedules = 1000, depth = 3)
 * @Coroutine
 * void transfersKeepTheTotal() {
 *     ...
 * }
 * }</pre>
 *
 * With a strategy other than FIFO the test runs under {@link #schedules()} orders of its ready
 * tasks (the first one FIFO), each from a seed derived from {@link #seed()}. The first failing
 * order is shrunk (fewer choices away from FIFO), replayed to check it fails the same way, and
 * reported with the string that replays it: {@code @WeftTest(replay = "...")} or
 * {@code -Dweft.replay=...}. A failure whose replay does not fail the same way is reported as
 * nondeterminism (the test depends on something outside the loop), never as a pass.
 *
 * <p>Each run calls the test method's coroutine factory again on the same test instance: keep the
 * state a run changes in the method, not in fields set up once.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Test
@ExtendWith(WeftExtension.class)
public @interface WeftTest {
    /**
     * How to explore.
     *
     * @return the strategy
     */
    Strategy strategy() default Strategy.FIFO;

    /**
     * How many orders to run at most (FIFO: one).
     *
     * @return the number of runs
     */
    int schedules() default 100;

    /**
     * PCT's depth: how many ordering constraints a bug may need.
     *
     * @return the depth
     */
    int depth() default 3;

    /**
     * The master seed the runs' seeds come from.
     *
     * @return the seed
     */
    long seed() default 0;

    /**
     * A recorded order to run instead of exploring, as a failure report printed it.
     *
     * @return the order, or empty
     */
    String replay() default "";
}
