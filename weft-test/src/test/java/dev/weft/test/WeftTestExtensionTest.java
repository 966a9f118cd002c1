package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.weft.DeadlockException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/** What JUnit reports for each @WeftTest of {@link ExtensionFixtures}. */
class WeftTestExtensionTest {
    /** Runs one fixture method; returns its failure, or empty if it passed. */
    private static Optional<Throwable> run(String method) {
        Event finished = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(ExtensionFixtures.class, method))
                .execute().testEvents().finished().stream().findFirst()
                .orElseThrow(() -> new AssertionError(method + " did not run"));
        assertEquals(EventType.FINISHED, finished.getType());
        TestExecutionResult result = finished.getRequiredPayload(TestExecutionResult.class);
        return result.getThrowable();
    }

    private static String failure(String method) {
        Throwable t = run(method).orElseThrow(() -> new AssertionError(method + " passed"));
        return t.getMessage();
    }

    @Test
    void aCoroutineTestRunsOnVirtualTime() {
        assertEquals(Optional.empty(), run("anHourPassesInVirtualTime"));
    }

    @Test
    void explorationReportsTheRaceWithAReplayableSchedule() {
        String m = failure("lostUpdate");
        assertTrue(m.matches("(?s)schedule \\d+ of 100 \\(master seed 0\\), pct\\(\\d+, depth 3\\) failed after \\d+ runs: "
                + "java.lang.AssertionError: lost update: balance 1[12]0, expected 130\n  replay it: @WeftTest\\(replay = \"[0-9a-z.]+\"\\).*"), m);
        assertEquals(Optional.empty(), run("lockedDeposits"));
    }

    @Test
    void aReportedScheduleReplaysTheFailure() {
        String m = failure("replaysTheLostUpdate");
        assertTrue(m.startsWith("the replayed schedule \"1.0.0.0.1.0.1\" failed: java.lang.AssertionError: lost update:"), m);
        String diverged = failure("replaysAScheduleOfAnotherRun");
        assertTrue(diverged.contains("the schedule diverged at choice 1") && diverged.contains("outside the loop"), diverged);
    }

    @Test
    void aDeadlockFailsTheTestWithTheBlockedTasks() {
        Throwable t = run("waitsForAnEventNobodySets").orElseThrow(AssertionError::new);
        assertTrue(t instanceof AssertionError && t.getCause() instanceof DeadlockException, String.valueOf(t));
        assertTrue(t.getMessage().contains("waits on Event[unset"), t.getMessage());
    }

    @Test
    void aTaskLeftRunningFailsTheTest() {
        String m = failure("leavesATaskRunning");
        assertTrue(m.contains("tasks were still running when the test ended"), m);
        assertTrue(m.contains("Task-2 [waiting on sleep(86400000 ms)"), m);
        assertTrue(m.contains("it fails in FIFO order: no replay needed"), m);
    }

    @Test
    void aFailureNobodyRetrievedFailsTheTest() {
        Throwable t = run("dropsAFailure").orElseThrow(AssertionError::new);
        assertTrue(t.getMessage().contains("was never retrieved"), t.getMessage());
        assertEquals("nobody looks at this", t.getCause().getCause().getMessage());
    }

    @Test
    void aFailureTheReplayDoesNotReproduceIsNondeterminism() {
        ExtensionFixtures.runs = 0;
        String m = failure("dependsOnSomethingOutsideTheLoop");
        assertTrue(m.startsWith("nondeterministic: the schedule"), m);
        assertTrue(m.contains("its replay passed"), m);
    }

    @Test
    void aTestThatIsNotACoroutineSaysWhatToDo() {
        String m = failure("isNotACoroutine");
        assertTrue(m.contains("annotate it with @Coroutine too"), m);
    }
}
