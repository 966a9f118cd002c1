package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CoroutineFrame;
import dev.weft.DeadlockException;
import dev.weft.Schedule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The proof of the exploration: races FIFO order never exposes are found within the issue's
 * bounds for each of 20 master seeds, reported with a schedule that replays them bit for bit,
 * and gone once the code is fixed.
 */
class ExplorationTest {
    private static final Supplier<CoroutineFrame<?>> LOST_UPDATE = () -> BankCoroutines.twoDeposits(false);
    private static final Supplier<CoroutineFrame<?>> LOCKED_DEPOSITS = () -> BankCoroutines.twoDeposits(true);
    private static final Supplier<CoroutineFrame<?>> DEADLOCK = () -> BankCoroutines.threeTransfers(false);
    private static final Supplier<CoroutineFrame<?>> ORDERED_TRANSFERS = () -> BankCoroutines.threeTransfers(true);

    @Test
    void fifoOrderNeverExposesEitherBug() {
        assertFalse(TestRun.of(LOST_UPDATE, Schedule.fifo()).failed());
        assertFalse(TestRun.of(DEADLOCK, Schedule.fifo()).failed());
    }

    /** How many schedules {@code strategy} needed to find the bug, for master seeds 0..19. */
    private static List<Integer> runsToFind(Supplier<CoroutineFrame<?>> test, Strategy strategy, int bound, int depth) {
        List<Integer> runs = new ArrayList<>();
        for (long seed = 0; seed < 20; seed++) {
            Exploration.Result r = new Exploration(test, strategy, bound, depth, seed).explore();
            assertTrue(r.failing != null, strategy + " with master seed " + seed + " found nothing in " + bound);
            runs.add(r.runs);
        }
        return runs;
    }

    private static int median(List<Integer> runs) {
        List<Integer> sorted = new ArrayList<>(runs);
        Collections.sort(sorted);
        return (sorted.get(9) + sorted.get(10)) / 2;
    }

    @Test
    void theLostUpdateIsFoundWithin100Schedules() {
        List<Integer> random = runsToFind(LOST_UPDATE, Strategy.RANDOM, 100, 3);
        List<Integer> pct = runsToFind(LOST_UPDATE, Strategy.PCT, 100, 3);
        System.out.println("lost update: schedules to find it, median of 20 master seeds: random " + median(random)
                + " " + random + ", pct(depth 3) " + median(pct) + " " + pct);
    }

    @Test
    void theDeadlockOfThreeTransfersIsFoundWithin1000SchedulesAtDepth3() {
        List<Integer> pct = runsToFind(DEADLOCK, Strategy.PCT, 1000, 3);
        List<Integer> random = runsToFind(DEADLOCK, Strategy.RANDOM, 1000, 3);
        System.out.println("transfer deadlock: schedules to find it, median of 20 master seeds: pct(depth 3) "
                + median(pct) + " " + pct + ", random " + median(random) + " " + random);
    }

    @Test
    void theReportReplaysTheFailureBitForBit() {
        Exploration.Result r = new Exploration(DEADLOCK, Strategy.PCT, 1000, 3, 0).explore();
        AssertionError report = Exploration.report(DEADLOCK, r);
        String message = report.getMessage();
        assertTrue(message.contains("replay it: @WeftTest(replay = \""), message);
        assertTrue(report.getCause() instanceof DeadlockException, String.valueOf(report.getCause()));
        String schedule = message.substring(message.indexOf("replay = \"") + 10, message.indexOf("\")"));
        TestRun again = TestRun.of(DEADLOCK, Schedule.replay(schedule));
        TestRun third = TestRun.of(DEADLOCK, Schedule.replay(schedule));
        assertTrue(again.failed() && again.sameFailure(third), String.valueOf(again.failure));
        assertEquals(again.dump, third.dump);
        assertEquals(report.getCause().getMessage(), again.failure.getMessage());
    }

    @Test
    void theFixedCodePassesEveryExploredSchedule() {
        assertNull(new Exploration(LOCKED_DEPOSITS, Strategy.RANDOM, 200, 3, 0).explore().failing);
        assertNull(new Exploration(LOCKED_DEPOSITS, Strategy.PCT, 200, 3, 0).explore().failing);
        assertNull(new Exploration(ORDERED_TRANSFERS, Strategy.PCT, 300, 3, 0).explore().failing);
    }

    @Test
    void exhaustiveSearchFindsTheLostUpdateAndEndsOnTheFixedCode() {
        Exploration.Result found = new Exploration(LOST_UPDATE, Strategy.EXHAUSTIVE, 1000, 3, 0).explore();
        assertTrue(found.failing != null, "exhaustive search found nothing");
        Exploration.Result all = new Exploration(() -> BankCoroutines.twoDeposits(true), Strategy.EXHAUSTIVE, 100_000, 3, 0)
                .explore();
        assertNull(all.failing);
        assertTrue(all.how.startsWith("every order"), all.how);
    }
}
