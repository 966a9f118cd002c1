package dev.weft;

import static dev.weft.Co.crashAfter;
import static dev.weft.Co.now;
import static dev.weft.Co.run;
import static dev.weft.Co.secs;
import static dev.weft.Co.sleeper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ports of CPython 3.13 test_asyncio/test_taskgroups.py, plus Weft-specific tests of TaskGroup.
 *
 * <p>{@code async with TaskGroup() as g: BODY} is written in two ways: {@link Form#RUN}, the scope
 * form {@code TaskGroup.run(g -> BODY)}, and {@link Form#JOIN}, the recommended pattern
 * {@code g = new TaskGroup(); try { BODY } finally { await(g.join()); }}. Tests whose body does not
 * throw an exception of its own run in both forms; the others run in the RUN form only, because
 * join() cannot see such an exception (see TaskGroup's documentation).
 */
class TaskGroupTest {
    private final List<String> log = new ArrayList<>();
    private int num;

    enum Form { RUN, JOIN }

    /** {@code async with TaskGroup() as g: BODY}, in the given form. */
    static <T> CoroutineFrame<T> group(Form form, Function<TaskGroup, Awaitable<? extends T>> body) {
        return form == Form.RUN ? TaskGroup.run(body) : joinPattern(body);
    }

    /** {@code TaskGroup g = new TaskGroup(); try { return await(body(g)); } finally { await(g.join()); }}. */
    static <T> Script<T> joinPattern(Function<TaskGroup, Awaitable<? extends T>> body) {
        TaskGroup[] g = new TaskGroup[1];
        Throwable[] pending = new Throwable[1];
        Object[] result = new Object[1];
        return Script.of(s -> {
            g[0] = new TaskGroup();
            return body.apply(g[0]);
        }, s -> {
            pending[0] = s.failure();
            result[0] = s.value();
            return g[0].join(); // finally
        }, s -> {
            s.value(); // an exception thrown by join replaces the pending one
            if (pending[0] != null) {
                throw pending[0];
            }
            return s.done(result[0]);
        });
    }

    /** The exception types in a group (the test's get_error_types). */
    static Set<Class<?>> errorTypes(Object eg) {
        Set<Class<?>> types = new HashSet<>();
        for (Throwable t : assertInstanceOf(TaskGroupException.class, eg).exceptions()) {
            types.add(t.getClass());
        }
        return types;
    }

    static Set<Class<?>> types(Class<?>... classes) {
        return new HashSet<>(Arrays.asList(classes));
    }

    static Script<Void> body(Script.Step... steps) {
        return Script.of(steps);
    }

    /** {@code 1 / 0}. */
    static ArithmeticException zeroDivision() {
        return new ArithmeticException("/ by zero");
    }

    // ------------------------------------------------------------------ ports

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_01")
    void taskgroup01(Form form) {
        List<Task<Integer>> t = new ArrayList<>();
        run(group(form, g -> {
            t.add(g.spawn(sleeper(0.1, 42)));
            t.add(g.spawn(sleeper(0.2, 11)));
            return body();
        }));
        assertEquals(42, t.get(0).result());
        assertEquals(11, t.get(1).result());
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_02")
    void taskgroup02(Form form) {
        List<Task<Integer>> t = new ArrayList<>();
        run(group(form, g -> body(s -> {
            t.add(g.spawn(sleeper(0.1, 42)));
            return Weft.sleep(secs(0.15));
        }, s -> {
            s.value();
            t.add(g.spawn(sleeper(0.2, 11)));
            return null;
        })));
        assertEquals(42, t.get(0).result());
        assertEquals(11, t.get(1).result());
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_03")
    void taskgroup03(Form form) {
        List<Task<Integer>> t = new ArrayList<>();
        run(group(form, g -> body(s -> {
            t.add(g.spawn(sleeper(1, 42)));
            return Weft.sleep(secs(0.15));
        }, s -> {
            s.value();
            // cancel t1 explicitly, i.e. everything should continue working as expected.
            t.get(0).cancel();
            t.add(g.spawn(sleeper(0.2, 11)));
            return null;
        })));
        assertTrue(t.get(0).isCancelled());
        assertEquals(11, t.get(1).result());
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_04")
    void taskgroup04(Form form) {
        boolean[] t2Cancel = {false};
        List<Task<?>> t2 = new ArrayList<>();
        Script<Void> foo2 = Script.of(s -> Weft.sleep(secs(1)), s -> {
            if (s.failure() instanceof CancelledException) {
                t2Cancel[0] = true;
                throw new CancelledException();
            }
            num += 1;
            return null;
        });
        Script<Void> runner = Script.of(s -> group(form, g -> {
            g.spawn(crashAfter(0.1, TaskGroupTest::zeroDivision));
            t2.add(g.spawn(foo2));
            return body();
        }), s -> {
            s.value();
            num += 10;
            return null;
        });
        Object r = run(Script.of(s -> Weft.spawn(runner), s -> s.done(s.failure())));
        assertEquals(types(ArithmeticException.class), errorTypes(r));
        assertEquals(0, num);
        assertTrue(t2Cancel[0]);
        assertTrue(t2.get(0).isCancelled());
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_cancel_children_on_child_error")
    void cancelChildrenOnChildError(Form form) {
        // When a child task raises an error, the rest of the children are cancelled and the
        // errors are gathered into a group.
        boolean[] t2Cancel = {false};
        boolean[] runnerCancel = {false};
        Script<Void> foo2 = Script.of(s -> Weft.sleep(secs(5)), s -> {
            if (s.failure() instanceof CancelledException) {
                t2Cancel[0] = true;
                throw new CancelledException();
            }
            num += 1;
            return null;
        });
        Script<Void> runner = Script.of(s -> group(form, g -> {
            g.spawn(crashAfter(0.1, TaskGroupTest::zeroDivision));
            g.spawn(crashAfter(0.1, TaskGroupTest::zeroDivision));
            g.spawn(crashAfter(0.1, TaskGroupTest::zeroDivision));
            g.spawn(foo2);
            return body(b -> Weft.sleep(secs(10)), b -> {
                Throwable f = b.failure();
                if (f instanceof CancelledException) {
                    runnerCancel[0] = true;
                }
                throw f;
            });
        }), s -> {
            s.value();
            num += 10;
            return null;
        });
        Object r = run(Script.of(s -> Weft.spawn(runner), s -> s.done(s.failure())));
        assertEquals(types(ArithmeticException.class), errorTypes(r));
        assertEquals(0, num);
        assertTrue(t2Cancel[0]);
        assertTrue(runnerCancel[0]);
    }

    /** {@code try { await sleep(t) } except CancelledError { NUM += add; raise }}. */
    private Script<Void> countCancellation(double t, int add) {
        return Script.of(s -> Weft.sleep(secs(t)), s -> {
            Throwable f = s.failure();
            if (f instanceof CancelledException) {
                num += add;
                throw f;
            }
            return null;
        });
    }

    /** Spawns {@code runner}, sleeps 0.1 s, cancels it and returns what awaiting it threw. */
    private static Object cancelAfterABit(CoroutineFrame<?> runner) {
        return run(Script.of(s -> {
            Weft.spawn(runner);
            return Weft.sleep(secs(0.1));
        }, s -> {
            s.value();
            assertFalse(runner.isDone());
            runner.cancel();
            return runner;
        }, s -> s.done(s.failure())));
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_cancellation")
    void cancellation(Form form) {
        Object r = cancelAfterABit(group(form, g -> {
            for (int i = 0; i < 5; i++) {
                g.spawn(countCancellation(5, 1));
            }
            return body();
        }));
        assertInstanceOf(CancelledException.class, r);
        assertEquals(5, num);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_07")
    void taskgroup07(Form form) {
        Object r = cancelAfterABit(group(form, g -> {
            for (int i = 0; i < 5; i++) {
                g.spawn(countCancellation(5, 1));
            }
            return countCancellation(10, 10);
        }));
        assertInstanceOf(CancelledException.class, r);
        assertEquals(15, num);
    }

    /** {@code try { await sleep(10) } finally { 1 / 0 }}. */
    static Script<Void> crashInFinally() {
        return Script.of(s -> Weft.sleep(secs(10)), s -> {
            s.failure();
            throw zeroDivision();
        });
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_08")
    void taskgroup08(Form form) {
        Object r = cancelAfterABit(group(form, g -> {
            for (int i = 0; i < 5; i++) {
                g.spawn(crashInFinally());
            }
            return Weft.sleep(secs(10));
        }));
        assertEquals(types(ArithmeticException.class), errorTypes(r));
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_09")
    void taskgroup09() {
        List<Task<?>> t = new ArrayList<>();
        Object r = run(Script.of(s -> TaskGroup.run(g -> {
            t.add(g.spawn(sleeper(1, 42)));
            t.add(g.spawn(sleeper(2, 11)));
            return body(b -> Weft.sleep(secs(0.1)), b -> {
                b.value();
                throw zeroDivision();
            });
        }), s -> s.done(s.failure())));
        assertEquals(types(ArithmeticException.class), errorTypes(r));
        assertTrue(t.get(0).isCancelled());
        assertTrue(t.get(1).isCancelled());
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_10")
    void taskgroup10() {
        List<Task<?>> t = new ArrayList<>();
        Object r = run(Script.of(s -> TaskGroup.run(g -> {
            t.add(g.spawn(sleeper(1, 42)));
            t.add(g.spawn(sleeper(2, 11)));
            throw zeroDivision();
        }), s -> s.done(s.failure())));
        assertEquals(types(ArithmeticException.class), errorTypes(r));
        assertTrue(t.get(0).isCancelled());
        assertTrue(t.get(1).isCancelled());
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_11")
    void taskgroup11() {
        Object r = cancelAfterABit(TaskGroup.run(g1 -> TaskGroup.run(g2 -> {
            for (int i = 0; i < 5; i++) {
                g2.spawn(crashInFinally());
            }
            return Weft.sleep(secs(10));
        })));
        assertEquals(types(TaskGroupException.class), errorTypes(r));
        assertEquals(types(ArithmeticException.class),
                errorTypes(((TaskGroupException) r).exceptions().get(0)));
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_12")
    void taskgroup12() {
        Object r = cancelAfterABit(TaskGroup.run(g1 -> {
            g1.spawn(Co.sleeping(10));
            return TaskGroup.run(g2 -> {
                for (int i = 0; i < 5; i++) {
                    g2.spawn(crashInFinally());
                }
                return Weft.sleep(secs(10));
            });
        }));
        assertEquals(types(TaskGroupException.class), errorTypes(r));
        assertEquals(types(ArithmeticException.class),
                errorTypes(((TaskGroupException) r).exceptions().get(0)));
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_13")
    void taskgroup13(Form form) {
        Object r = run(Script.of(s -> Weft.spawn(group(form, g1 -> {
            g1.spawn(crashAfter(0.1, () -> new IllegalArgumentException("0.1")));
            return group(form, g2 -> {
                g2.spawn(crashAfter(10, () -> new IllegalArgumentException("10")));
                return body();
            });
        })), s -> s.done(s.failure())));
        assertEquals(types(IllegalArgumentException.class), errorTypes(r));
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_14")
    void taskgroup14() {
        Object r = run(Script.of(s -> Weft.spawn(TaskGroup.run(g1 -> {
            g1.spawn(crashAfter(10, () -> new IllegalArgumentException("10")));
            return TaskGroup.run(g2 -> {
                g2.spawn(crashAfter(0.1, () -> new IllegalArgumentException("0.1")));
                return body();
            });
        })), s -> s.done(s.failure())));
        assertEquals(types(TaskGroupException.class), errorTypes(r));
        assertEquals(types(IllegalArgumentException.class),
                errorTypes(((TaskGroupException) r).exceptions().get(0)));
    }

    /** {@code try { await sleep(10) } except CancelledError { await sleep(0.5); raise }}. */
    static Script<Void> slowToCancel() {
        Throwable[] pending = new Throwable[1];
        return Script.of(s -> Weft.sleep(secs(10)), s -> {
            pending[0] = s.failure();
            return Weft.sleep(secs(0.5));
        }, s -> {
            s.value();
            throw pending[0];
        });
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_15")
    void taskgroup15(Form form) {
        Object r = cancelAfterABit(group(form, g1 -> {
            g1.spawn(crashAfter(0.3, TaskGroupTest::zeroDivision));
            return slowToCancel();
        }));
        assertEquals(types(ArithmeticException.class), errorTypes(r));
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_16")
    void taskgroup16(Form form) {
        CoroutineFrame<Void> nestedRunner = group(form, g1 -> {
            g1.spawn(crashAfter(0.3, TaskGroupTest::zeroDivision));
            return slowToCancel();
        });
        Object r = cancelAfterABit(Script.of(s -> Weft.spawn(nestedRunner)));
        assertEquals(types(ArithmeticException.class), errorTypes(r));
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_17")
    void taskgroup17(Form form) {
        Object r = cancelAfterABit(group(form, g -> countCancellation(10, 10)));
        assertInstanceOf(CancelledException.class, r);
        assertEquals(10, num);
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_18")
    void taskgroup18() {
        Object r = cancelAfterABit(TaskGroup.run(g -> body(s -> Weft.sleep(secs(10)), s -> {
            if (s.failure() instanceof CancelledException) {
                num += 10;
                // This isn't a good idea, but we have to support this weird case.
                throw new MyExc();
            }
            return null;
        })));
        assertEquals(types(MyExc.class), errorTypes(r));
        assertEquals(10, num);
    }

    /** {@code try { await sleep(10) } finally { raise error }}. */
    static Script<Void> raiseInFinally(Throwable error) {
        return Script.of(s -> Weft.sleep(secs(10)), s -> {
            s.failure();
            throw error;
        });
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_19")
    void taskgroup19() {
        Object r = run(Script.of(s -> Weft.spawn(TaskGroup.run(g -> {
            g.spawn(crashAfter(0.1, TaskGroupTest::zeroDivision));
            return raiseInFinally(new MyExc());
        })), s -> s.done(s.failure())));
        assertEquals(types(MyExc.class, ArithmeticException.class), errorTypes(r));
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_20a")
    void taskgroup20a() {
        // Python's BaseException subclass becomes a java.lang.Error subclass; Weft groups all
        // throwables in a TaskGroupException (asyncio: BaseExceptionGroup).
        Object r = run(Script.of(s -> TaskGroup.run(g -> {
            g.spawn(crashAfter(0.1, TaskGroupTest::zeroDivision));
            return raiseInFinally(new MyBaseExc());
        }), s -> s.done(s.failure())));
        assertEquals(types(MyBaseExc.class, ArithmeticException.class), errorTypes(r));
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_21a")
    void taskgroup21a() {
        Object r = run(Script.of(s -> TaskGroup.run(g -> {
            g.spawn(crashAfter(0.1, MyBaseExc::new));
            return raiseInFinally(new ClassCastException("TypeError"));
        }), s -> s.done(s.failure())));
        assertEquals(types(MyBaseExc.class, ClassCastException.class), errorTypes(r));
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_22")
    void taskgroup22(Form form) {
        CoroutineFrame<Void> runner = group(form, g -> {
            g.spawn(sleeper(1, 42));
            g.spawn(sleeper(2, 11));
            return body();
        });
        Object r = run(Script.of(s -> {
            Weft.spawn(runner);
            return Weft.sleep(secs(0.05));
        }, s -> {
            s.value();
            runner.cancel();
            return runner;
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_23")
    void taskgroup23(Form form) {
        int[] count = {0};
        run(group(form, g -> body(s -> Weft.sleep(secs(0.1)), s -> {
            s.value();
            g.spawn(Co.sleeping(0.3));
            if (count[0] == 5) {
                assertTrue(g.size() < 5, "size " + g.size());
            }
            if (++count[0] < 10) {
                s.goTo(0);
                return null;
            }
            return Weft.sleep(secs(1.35));
        }, s -> {
            s.value();
            assertEquals(0, g.size());
            return null;
        })));
        assertEquals(10, count[0]);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_24")
    void taskgroup24(Form form) {
        double end = run(Script.of(s -> group(form, g -> {
            g.spawn(Script.of(x -> Weft.sleep(secs(0.1)), x -> {
                x.value();
                g.spawn(Co.sleeping(0.1));
                g.spawn(Co.sleeping(0.2));
                return null;
            }));
            return body();
        }), s -> {
            s.value();
            return s.done(now());
        }));
        assertEquals(0.3, end, 1e-9);
    }

    private int nhydras;

    private Script<Void> hydra(TaskGroup g) {
        return Script.of(s -> {
            nhydras++;
            return Weft.sleep(secs(0.01));
        }, s -> {
            s.value();
            g.spawn(hydra(g));
            g.spawn(hydra(g));
            return null;
        });
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_25")
    void taskgroup25(Form form) {
        Script<Void> hercules = Script.of(s -> {
            if (nhydras < 10) {
                s.goTo(0);
                return Weft.sleep(secs(0.015));
            }
            throw zeroDivision();
        });
        Object r = run(Script.of(s -> group(form, g -> {
            g.spawn(hydra(g));
            g.spawn(hercules);
            return body();
        }), s -> s.done(s.failure())));
        assertEquals(types(ArithmeticException.class), errorTypes(r));
        assertTrue(nhydras >= 10, "nhydras " + nhydras);
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_task_name")
    void taskgroupTaskName() {
        run(TaskGroup.run(g -> {
            Task<Void> t = g.spawn(Script.of(s -> Weft.sleep(Duration.ZERO)), "yolo");
            assertEquals("yolo", t.name());
            return body();
        }));
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_no_create_task_after_failure")
    void taskgroupNoCreateTaskAfterFailure(Form form) {
        String[] message = new String[1];
        Object r = run(Script.of(s -> group(form, g -> {
            g.spawn(crashAfter(0.001, TaskGroupTest::zeroDivision));
            g.spawn(Script.of(x -> Weft.sleep(secs(1)), x -> {
                if (x.failure() instanceof CancelledException) {
                    message[0] = assertThrows(IllegalStateException.class,
                            () -> g.spawn(crashAfter(0.001, TaskGroupTest::zeroDivision))).getMessage();
                }
                return null;
            }));
            return body();
        }), s -> s.done(s.failure())));
        assertEquals(types(ArithmeticException.class), errorTypes(r));
        assertTrue(message[0].contains("is shutting down"), message[0]);
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_context_manager_exit_raises")
    void taskgroupContextManagerExitRaises() {
        // async with TaskGroup() as tg: async with database(): tg.create_task(raise_exc()); await sleep(1)
        // where database() raises CustomException when it exits.
        int[] cancelling = {-1};
        Script<Void> main = Script.of(s -> TaskGroup.run(tg -> body(b -> {
            tg.spawn(Script.of(x -> {
                throw new CustomException();
            }));
            return Weft.sleep(secs(1));
        }, b -> {
            b.failure();
            throw new CustomException(); // database()'s finally block
        })), s -> {
            Throwable err = s.failure();
            cancelling[0] = Weft.currentTask().cancelling();
            assertEquals(types(CustomException.class), errorTypes(err));
            assertEquals(2, ((TaskGroupException) err).exceptions().size());
            return null;
        });
        run(Script.of(s -> Weft.spawn(main)));
        assertEquals(0, cancelling[0]);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_finished")
    void taskgroupFinished(Form form) {
        TaskGroup[] tg = new TaskGroup[1];
        run(group(form, g -> {
            tg[0] = g;
            return body();
        }));
        // Creating a task after the group finished fails; nothing was started.
        EventLoop loop = EventLoop.withVirtualTime();
        Script<Void> coro = Co.sleeping(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tg[0].spawn(coro));
        assertTrue(e.getMessage().contains("is finished"), e.getMessage());
        assertFalse(coro.isDone());
        loop.close();
    }

    @Test
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_taskgroup_without_parent_task")
    void taskgroupWithoutParentTask() {
        // A group created outside any task (in a plain callback) cannot find its parent.
        Throwable[] seen = new Throwable[1];
        run(Script.of(s -> {
            EventLoop.current().callSoon(() -> {
                try {
                    new TaskGroup();
                } catch (Throwable t) {
                    seen[0] = t;
                }
            });
            return Weft.yieldNow();
        }));
        assertInstanceOf(IllegalStateException.class, seen[0]);
        assertTrue(seen[0].getMessage().contains("parent task"), seen[0].getMessage());
    }

    /** {@code async def raise_after(t, e): await sleep(t); raise e()}. */
    static Script<Void> raiseAfter(double t, java.util.function.Supplier<? extends Throwable> e) {
        return crashAfter(t, e);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_cancelling_level_preserved")
    void cancellingLevelPreserved(Form form) {
        int level = run(Script.of(s -> group(form, tg -> {
            tg.spawn(raiseAfter(0.0, IllegalStateException::new));
            return body();
        }), s -> {
            assertEquals(types(IllegalStateException.class), errorTypes(s.failure()));
            return s.done(Weft.currentTask().cancelling());
        }));
        assertEquals(0, level);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_nested_groups_both_cancelled")
    void nestedGroupsBothCancelled(Form form) {
        List<Integer> levels = new ArrayList<>();
        run(Script.of(s -> group(form, outerTg -> body(b -> group(form, innerTg -> {
            innerTg.spawn(raiseAfter(0, IllegalStateException::new)); // RuntimeError
            outerTg.spawn(raiseAfter(0, IllegalArgumentException::new)); // ValueError
            return body();
        }), b -> {
            Throwable f = b.failure();
            if (f == null) {
                fail("RuntimeError not raised");
            }
            assertEquals(types(IllegalStateException.class), errorTypes(f)); // except* RuntimeError: pass
            levels.add(Weft.currentTask().cancelling());
            return null;
        })), s -> {
            Throwable f = s.failure();
            if (f == null) {
                fail("ValueError not raised");
            }
            assertEquals(types(IllegalArgumentException.class), errorTypes(f));
            levels.add(Weft.currentTask().cancelling());
            return null;
        }));
        assertEquals(Arrays.asList(1, 0), levels);
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    @DisplayName("test_taskgroups.py: TestTaskGroup.test_error_and_cancel")
    void errorAndCancel(Form form) {
        Event event = new Event();
        List<String> checks = new ArrayList<>();
        Script<Void> raiseError = Script.of(s -> {
            event.set();
            return Weft.sleep(Duration.ZERO);
        }, s -> {
            s.value();
            throw new IllegalStateException("RuntimeError");
        });
        Script<Void> inner = Script.of(s -> group(form, tg -> body(b -> {
            tg.spawn(raiseError);
            return Weft.sleep(secs(1));
        }, b -> {
            b.value();
            fail("Sleep in group should have been cancelled");
            return null;
        })), s -> {
            assertEquals(types(IllegalStateException.class), errorTypes(s.failure()));
            checks.add("in except*: " + Weft.currentTask().cancelling());
            return Weft.sleep(secs(1));
        }, s -> {
            s.value();
            fail("Sleep after group should have been cancelled");
            return null;
        });
        run(Script.of(s -> {
            Weft.spawn(inner);
            return event;
        }, s -> {
            s.value();
            assertEquals(0, inner.cancelling());
            inner.cancel();
            assertEquals(1, inner.cancelling());
            return inner;
        }, s -> {
            assertInstanceOf(CancelledException.class, s.failure());
            assertTrue(inner.isCancelled());
            return null;
        }));
        assertEquals(Arrays.asList("in except*: 1"), checks);
    }

    // ------------------------------------------------------------------ the join() pattern

    /**
     * The recommended pattern, written by hand as the processor compiles it:
     * <pre>{@code
     * TaskGroup g = new TaskGroup();
     * try {
     *     g.spawn(crashAfter(1, ArithmeticException));
     *     g.spawn(longRunning);
     *     await(sleep(10));
     *     log("body finished");
     * } finally {
     *     await(g.join());
     * }
     * return "body result";
     * }</pre>
     */
    static final class JoinInFinally extends CoroutineFrame<String> {
        final List<String> log;
        final Script<Void> longRunning;
        TaskGroup g;
        Throwable pending;

        JoinInFinally(List<String> log, Script<Void> longRunning) {
            this.log = log;
            this.longRunning = longRunning;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            switch (state) {
                case 0:
                    g = new TaskGroup();
                    try {
                        g.spawn(crashAfter(1, TaskGroupTest::zeroDivision));
                        g.spawn(longRunning);
                        state = 1;
                        return Weft.sleep(secs(10));
                    } catch (Throwable t) {
                        pending = t;
                        state = 2;
                        return g.join();
                    }
                case 1:
                    try {
                        if (failure != null) {
                            log.add("body interrupted by " + failure.getClass().getSimpleName()
                                    + " at " + now());
                            throw failure;
                        }
                        log.add("body finished");
                    } catch (Throwable t) {
                        pending = t;
                    }
                    state = 2;
                    return g.join(); // the finally block
                case 2:
                    state = 3;
                    if (failure != null) {
                        throw failure; // the finally block threw: its exception replaces pending
                    }
                    if (pending != null) {
                        throw pending;
                    }
                    return complete("body result");
                default:
                    throw invalidState(state);
            }
        }
    }

    @Test
    void joinInFinallyTurnsTheGroupsCancellationIntoTheGroupsErrors() {
        Script<Void> longRunning = Script.of(s -> Weft.sleep(secs(100)), s -> {
            log.add("long-running task saw " + s.failure().getClass().getSimpleName());
            throw new CancelledException();
        });
        JoinInFinally frame = new JoinInFinally(log, longRunning);
        Object r = run(Script.of(s -> frame, s -> {
            Throwable f = s.failure();
            log.add("caller caught " + f.getClass().getSimpleName() + ", cancelling="
                    + Weft.currentTask().cancelling());
            // The parent is no longer being cancelled: it can go on waiting.
            s.goTo(2);
            return Weft.sleep(secs(1));
        }, s -> null, s -> {
            s.value();
            log.add("parent slept until " + now());
            return s.done(frame.exception());
        }));
        assertEquals(types(ArithmeticException.class), errorTypes(r));
        // asyncio's _on_task_done cancels the other tasks first, then the parent.
        assertEquals(Arrays.asList(
                "long-running task saw CancelledException",
                "body interrupted by CancelledException at 1.0",
                "caller caught TaskGroupException, cancelling=0",
                "parent slept until 2.0"), log);
        assertTrue(longRunning.isCancelled());
    }

    @Test
    void joinInFinallyLetsAnOutsideCancellationThroughAfterCancellingTheTasks() {
        Script<Void> longRunning = Script.of(s -> Weft.sleep(secs(100)), s -> {
            log.add("long-running task saw " + s.failure().getClass().getSimpleName() + " at " + now());
            throw new CancelledException();
        });
        // A timeout around the block: the deadline (0.5) comes before the crash (1.0).
        JoinInFinally frame = new JoinInFinally(log, longRunning);
        Object r = run(Script.of(s -> Weft.timeout(secs(0.5), frame), s -> s.done(s.failure())));
        assertInstanceOf(TimedOutException.class, r);
        assertEquals(Arrays.asList(
                "body interrupted by CancelledException at 0.5",
                "long-running task saw CancelledException at 0.5"), log);
        assertTrue(longRunning.isCancelled());
    }

    @Test
    void joinInFinallyWithAnOutsideCancellationStillReportsFailuresOfTheTasks() {
        Script<Void> failsWhenCancelled = Script.of(s -> Weft.sleep(secs(100)), s -> {
            s.failure();
            throw new MyExc();
        });
        JoinInFinally frame = new JoinInFinally(log, failsWhenCancelled);
        Task<?>[] parent = new Task<?>[1];
        Object r = run(Script.of(s -> {
            parent[0] = Weft.spawn(frame);
            EventLoop.current().callLater(secs(0.5), parent[0]::cancel);
            return parent[0];
        }, s -> s.done(s.failure())));
        assertEquals(types(MyExc.class), errorTypes(r));
        assertFalse(parent[0].isCancelled());
    }

    @Test
    void joinCannotSeeAnExceptionTheBodyThrowsItself() {
        // Documented limitation of join() in a finally block: the tasks are not cancelled, the
        // join waits for them, and the body's exception propagates as it is. TaskGroup.run
        // cancels the tasks and groups the exception (test_taskgroup_09).
        List<Task<?>> t = new ArrayList<>();
        Object r = run(Script.of(s -> joinPattern(g -> {
            t.add(g.spawn(sleeper(1, 42)));
            return body(b -> Weft.sleep(secs(0.1)), b -> {
                b.value();
                throw zeroDivision();
            });
        }), s -> s.done(s.failure().getClass().getSimpleName() + " at " + now())));
        assertEquals("ArithmeticException at 1.0", r);
        assertEquals(42, t.get(0).result());
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void cancellationRequestedInTheBodyButNotYetDeliveredIsNotLost(Form form) {
        // The body cancels its own task and ends without waiting: the request is delivered at
        // the group's first wait, which must cancel the tasks and then throw it.
        Script<Void> child = countCancellation(100, 1);
        Object r = run(Script.of(s -> Weft.spawn(group(form, g -> {
            g.spawn(child);
            return Script.of(b -> {
                Weft.currentTask().cancel("stop");
                return null;
            });
        })), s -> s.done(s.failure())));
        CancelledException e = assertInstanceOf(CancelledException.class, r);
        assertEquals("stop", e.getMessage());
        assertTrue(child.isCancelled());
    }

    // ------------------------------------------------------------------ Weft-specific

    @Test
    void runReturnsTheBodysValueAfterAllTasksFinished() {
        Object r = run(Script.of(s -> TaskGroup.run(g -> {
            Task<Integer> a = g.spawn(sleeper(2, 40));
            return Script.of(b -> b.done("body done at " + now() + ", a done: " + a.isDone()));
        }), s -> s.done(s.value() + "; run returned at " + now())));
        assertEquals("body done at 0.0, a done: false; run returned at 2.0", r);
    }

    @Test
    void joinMustBeAwaitedByTheParentTaskAndOnlyOnce() {
        TaskGroup[] g = new TaskGroup[1];
        Object r = run(Script.of(s -> {
            g[0] = new TaskGroup();
            Script<Object> other = Script.of(x -> g[0].join(), x -> x.done(x.failure()));
            return Weft.spawn(other);
        }, s -> {
            IllegalStateException e = assertInstanceOf(IllegalStateException.class, s.value());
            assertTrue(e.getMessage().contains("must be awaited by the task that created the group"),
                    e.getMessage());
            return g[0].join();
        }, s -> {
            s.value();
            return g[0].join();
        }, s -> s.done(s.failure())));
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, r);
        assertTrue(e.getMessage().contains("already joined"), e.getMessage());
    }

    @Test
    void failureOfAChildAfterItsParentFinishedIsLogged() {
        LogCapture capture = new LogCapture();
        List<LogRecord> records = capture.records();
        try {
            EventLoop loop = EventLoop.withVirtualTime();
            Script<Void> parent = Script.of(s -> {
                new TaskGroup().spawn(crashAfter(1, TaskGroupTest::zeroDivision));
                return null; // returns without joining
            });
            loop.runUntilComplete(Script.of(s -> Weft.spawn(parent), s -> Weft.sleep(secs(2))));
            assertEquals(1, records.size());
            assertTrue(records.get(0).getMessage().contains("has errored out but its parent task"),
                    records.get(0).getMessage());
            assertInstanceOf(ArithmeticException.class, records.get(0).getThrown());
            assertTrue(parent.isDone() && !parent.isCancelled());
        } finally {
            capture.close();
        }
    }

    @Test
    void taskGroupToStringAndArgumentChecks() {
        List<String> seen = new ArrayList<>();
        run(TaskGroup.run(g -> {
            assertThrows(NullPointerException.class, () -> g.spawn(null));
            seen.add(g.toString());
            g.spawn(Co.sleeping(1));
            seen.add(g.toString());
            assertSame(Weft.currentTask(), g.parentTask());
            return body();
        }));
        assertEquals(Arrays.asList("TaskGroup[entered]", "TaskGroup[tasks:1, entered]"), seen);
        assertThrows(NullPointerException.class, () -> TaskGroup.run(null));
        assertThrows(IllegalStateException.class, TaskGroup::new);
    }

    @Test
    void taskGroupExceptionListsEveryErrorAsSuppressed() {
        ArithmeticException a = new ArithmeticException();
        MyExc b = new MyExc();
        TaskGroupException e = new TaskGroupException(Arrays.asList(a, b));
        assertEquals(Arrays.asList(a, b), e.exceptions());
        assertEquals(Arrays.asList(a, b), Arrays.asList(e.getSuppressed()));
        assertEquals("unhandled errors in a TaskGroup (2 sub-exceptions)", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> e.exceptions().add(a));
        assertThrows(IllegalArgumentException.class, () -> new TaskGroupException(new ArrayList<Throwable>()));
        assertThrows(NullPointerException.class, () -> new TaskGroupException(Arrays.asList(a, null)));
    }

    /** The test's MyExc. */
    static final class MyExc extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** The test's MyBaseExc (a BaseException, not an Exception): an Error in Java. */
    static final class MyBaseExc extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** The test's CustomException. */
    static final class CustomException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
