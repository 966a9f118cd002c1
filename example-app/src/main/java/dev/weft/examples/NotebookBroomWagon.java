package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.waitTasks;

import dev.weft.Coroutine;
import dev.weft.CoroutineFrame;
import dev.weft.ReturnWhen;
import dev.weft.Task;
import dev.weft.WaitResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The asyncio notebook's "broom wagon", which its Event, Condition, Queue and Lock programs share:
 * a coroutine that waits for all tasks to complete before finishing. The notebook defines it twice,
 * with {@code asyncio.wait(tasks, return_when='ALL_COMPLETED')} and with {@code asyncio.wait(tasks)},
 * whose default is the same.
 *
 * <p>{@code asyncio.wait} is given a list of coroutines and wraps each in a task; Weft's
 * {@link dev.weft.Weft#waitTasks waitTasks} takes tasks, so the broom wagon spawns each coroutine
 * object first, in the order of the list.
 */
final class NotebookBroomWagon {
    private NotebookBroomWagon() {
    }

    /** Waits for all tasks to complete before finishing. */
    @Coroutine
    static WaitResult<Task<Void>> broomWagon(List<CoroutineFrame<Void>> tasks) {
        List<Task<Void>> started = new ArrayList<>();
        for (CoroutineFrame<Void> coroutine : tasks) {
            started.add(spawn(coroutine));
        }
        WaitResult<Task<Void>> doneAndPending = await(waitTasks(started, ReturnWhen.ALL_COMPLETED));
        System.out.println("ALL TASKS COMPLETED");
        return doneAndPending;
    }
}
