package dev.weft.test;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.spawn;

import dev.weft.Coroutine;
import dev.weft.Event;
import dev.weft.EventLoop;
import java.time.Duration;

/** @WeftTest methods that pass and fail in every way the extension reports; run by WeftTestExtensionTest. */
class ExtensionFixtures {
    static int runs;

    @WeftTest
    @Coroutine
    void anHourPassesInVirtualTime() {
        await(sleep(Duration.ofHours(1)));
        if (EventLoop.current().time() != 3600.0) {
            throw new AssertionError("time " + EventLoop.current().time());
        }
    }

    @WeftTest(strategy = Strategy.PCT, schedules = 100)
    @Coroutine
    void lostUpdate() {
        Bank.twoDeposits(false);
    }

    @WeftTest(strategy = Strategy.PCT, schedules = 100)
    @Coroutine
    void lockedDeposits() {
        Bank.twoDeposits(true);
    }

    /** The schedule a failure report of lostUpdate printed. */
    @WeftTest(replay = "1.0.0.0.1.0.1")
    @Coroutine
    void replaysTheLostUpdate() {
        Bank.twoDeposits(false);
    }

    @WeftTest(replay = "z.z.z")
    @Coroutine
    void replaysAScheduleOfAnotherRun() {
        Bank.twoDeposits(false);
    }

    @WeftTest
    @Coroutine
    void waitsForAnEventNobodySets() {
        await(new Event());
    }

    @WeftTest
    @Coroutine
    void leavesATaskRunning() {
        spawn(ExtensionFixturesCoroutines.sleepLong());
        await(sleep(1));
    }

    @Coroutine
    static void sleepLong() {
        await(sleep(Duration.ofDays(1)));
    }

    @WeftTest
    @Coroutine
    void dropsAFailure() {
        spawn(ExtensionFixturesCoroutines.fail());
        await(sleep(1));
    }

    @Coroutine
    static void fail() {
        throw new IllegalStateException("nobody looks at this");
    }

    /** Fails on its third run only: a replay of that run passes. */
    @WeftTest(strategy = Strategy.RANDOM, schedules = 10)
    @Coroutine
    void dependsOnSomethingOutsideTheLoop() {
        await(sleep(1));
        if (++runs == 3) {
            throw new AssertionError("third run");
        }
    }

    @WeftTest
    void isNotACoroutine() {
    }
}
