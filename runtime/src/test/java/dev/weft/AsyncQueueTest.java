package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CPython 3.13 {@code Lib/test/test_asyncio/test_queues.py}, ported test by test. Each nested
 * class is the CPython class of the same name; the mixins that CPython runs once per queue class
 * are parameterized over {@link Kind}.
 *
 * <p>Common adaptations: {@code asyncio.create_task(coro)} is {@link Weft#spawn} of a
 * {@link Script}; {@code asyncio.sleep(0)} is {@link Weft#yieldNow()}; an
 * {@code async with TaskGroup()} block becomes spawns followed by awaiting each task;
 * asyncio's {@code ValueError} is {@link IllegalStateException}.
 */
class AsyncQueueTest {

    /** The queue classes CPython's mixins run with. */
    enum Kind {
        Queue {
            @Override
            <T> AsyncQueue<T> create(int maxSize) {
                return new AsyncQueue<>(maxSize);
            }
        },
        LifoQueue {
            @Override
            <T> AsyncQueue<T> create(int maxSize) {
                return new LifoAsyncQueue<>(maxSize);
            }
        },
        PriorityQueue {
            @Override
            <T> AsyncQueue<T> create(int maxSize) {
                return new PriorityAsyncQueue<>(maxSize);
            }
        };

        abstract <T> AsyncQueue<T> create(int maxSize);

        <T> AsyncQueue<T> create() {
            return create(0);
        }

        /** The Weft class name, as {@code toString()} shows it. */
        String weftName() {
            return this == Queue ? "AsyncQueue" : name().replace("Queue", "AsyncQueue");
        }
    }

    /** A coroutine that awaits {@code awaitable} and returns its value: {@code create_task(x)}. */
    static Script<Object> awaiting(Awaitable<?> awaitable) {
        return Script.of(s -> awaitable, s -> s.done(s.value()));
    }

    static <T> T run(Script<T> main) {
        return EventLoop.withVirtualTime().runUntilComplete(main);
    }

    /** A coroutine that gets {@code n} items from {@code q}: {@code [await q.get() for _ in range(n)]}. */
    static Script<List<Object>> getMany(AsyncQueue<?> q, int n) {
        List<Object> items = new ArrayList<>();
        return Script.of(s -> n == 0 ? s.done(items) : q.get(), s -> {
            items.add(s.value());
            if (items.size() == n) {
                return s.done(items);
            }
            s.goTo(0);
            return null;
        });
    }

    @Nested
    class QueueBasicTests {
        Task<Object> getter;
        Task<Object> putter;

        @Test
        @DisplayName("test_queues.py: QueueBasicTests.test_repr")
        void testRepr() {
            // Adapted: Weft's toString() shows the class, maxsize, the number of items (not the
            // items themselves, nor an id) and the numbers of waiting getters and putters.
            AsyncQueue<Integer> q0 = new AsyncQueue<>();
            assertTrue(q0.toString().startsWith("AsyncQueue["), q0.toString());

            AsyncQueue<Integer> q1 = new AsyncQueue<>();
            AsyncQueue<Integer> q2 = new AsyncQueue<>(1);
            run(Script.of(s -> {
                getter = Weft.spawn(awaiting(q1.get()));
                return Weft.yieldNow();
            }, s -> {
                assertTrue(q1.toString().contains("getters:1"), q1.toString());
                q1.putNowait(0);
                return getter;
            }, s -> {
                assertEquals(0, s.value());
                q2.putNowait(1);
                putter = Weft.spawn(awaiting(q2.put(2)));
                return Weft.yieldNow();
            }, s -> {
                assertTrue(q2.toString().contains("putters:1"), q2.toString());
                q2.getNowait();
                return putter;
            }, s -> {
                s.value();
                assertTrue(putter.isDone());
                return null;
            }));

            AsyncQueue<Integer> q3 = new AsyncQueue<>();
            q3.putNowait(1);
            assertTrue(q3.toString().contains("size=1"), q3.toString());
        }

        @Test
        @DisplayName("test_queues.py: QueueBasicTests.test_empty")
        void testEmpty() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            assertTrue(q.isEmpty());
            run(Script.of(s -> q.put(1), s -> {
                assertFalse(q.isEmpty());
                return q.get();
            }, s -> {
                assertEquals(1, s.value());
                assertTrue(q.isEmpty());
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueueBasicTests.test_full")
        void testFull() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            assertFalse(q.isFull());

            AsyncQueue<Integer> q1 = new AsyncQueue<>(1);
            run(Script.of(s -> q1.put(1), s -> {
                assertTrue(q1.isFull());
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueueBasicTests.test_order")
        void testOrder() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            List<Object> items = run(Script.of(s -> q.put(1), s -> q.put(3), s -> q.put(2),
                    s -> getMany(q, 3), s -> s.done(s.value())));
            assertEquals(Arrays.asList(1, 3, 2), items);
        }

        @Test
        @DisplayName("test_queues.py: QueueBasicTests.test_maxsize")
        void testMaxsize() {
            AsyncQueue<Integer> q = new AsyncQueue<>(2);
            assertEquals(2, q.maxSize());
            List<Integer> haveBeenPut = new ArrayList<>();
            int[] i = {0};
            Script<Boolean> putterCoroutine = Script.of(s -> q.put(i[0]), s -> {
                haveBeenPut.add(i[0]);
                if (++i[0] < 3) {
                    s.goTo(0);
                    return null;
                }
                return s.done(true);
            });
            run(Script.of(s -> {
                putter = Weft.spawn(Script.of(x -> putterCoroutine, x -> x.done(x.value())));
                return Weft.yieldNow();
            }, s -> Weft.yieldNow(), s -> {
                // The putter is blocked after putting two items.
                assertEquals(Arrays.asList(0, 1), haveBeenPut);
                return q.get();
            }, s -> {
                assertEquals(0, s.value());
                // Let the putter resume and put the last item.
                return Weft.yieldNow();
            }, s -> {
                assertEquals(Arrays.asList(0, 1, 2), haveBeenPut);
                return q.get();
            }, s -> {
                assertEquals(1, s.value());
                return q.get();
            }, s -> {
                assertEquals(2, s.value());
                assertTrue(putter.isDone());
                assertEquals(true, putter.result());
                return null;
            }));
        }
    }

    @Nested
    class QueueGetTests {
        Task<Object> t1;
        Task<Object> t2;
        boolean finished;

        @Test
        @DisplayName("test_queues.py: QueueGetTests.test_blocking_get")
        void testBlockingGet() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            q.putNowait(1);
            assertEquals(1, run(awaiting(q.get())));
        }

        @Test
        @DisplayName("test_queues.py: QueueGetTests.test_get_with_putters")
        void testGetWithPutters() {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            run(Script.of(s -> q.put(1), s -> {
                // Adapted: Weft has no bare future to append to q._putters; a task waiting in
                // put() is the waiter instead.
                t1 = Weft.spawn(awaiting(q.put(2)));
                return Weft.yieldNow();
            }, s -> {
                assertEquals(1, q.putterCount());
                return q.get();
            }, s -> {
                assertEquals(1, s.value());
                assertFalse(t1.isWaitPending()); // waiter.done()
                return t1;
            }, s -> {
                assertNull(s.value()); // waiter.result() is None
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueueGetTests.test_blocking_get_wait")
        void testBlockingGetWait() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            Event started = new Event();
            Script<Object> queueGet = Script.of(s -> {
                started.set();
                return q.get();
            }, s -> {
                Object res = s.value();
                finished = true;
                return s.done(res);
            });
            run(Script.of(s -> {
                t1 = Weft.spawn(queueGet);
                return started;
            }, s -> {
                assertFalse(finished);
                EventLoop.current().callLater(Duration.ofMillis(10), () -> q.putNowait(1));
                return t1;
            }, s -> {
                Object res = s.value();
                assertTrue(finished);
                assertEquals(1, res);
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueueGetTests.test_nonblocking_get")
        void testNonblockingGet() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            q.putNowait(1);
            assertEquals(1, q.getNowait());
        }

        @Test
        @DisplayName("test_queues.py: QueueGetTests.test_nonblocking_get_exception")
        void testNonblockingGetException() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            assertThrows(QueueEmptyException.class, q::getNowait);
        }

        @Test
        @DisplayName("test_queues.py: QueueGetTests.test_get_cancelled_race")
        void testGetCancelledRace() {
            AsyncQueue<String> q = new AsyncQueue<>();
            run(Script.of(s -> {
                t1 = Weft.spawn(awaiting(q.get()));
                t2 = Weft.spawn(awaiting(q.get()));
                return Weft.yieldNow();
            }, s -> {
                t1.cancel();
                return Weft.yieldNow();
            }, s -> {
                assertTrue(t1.isDone());
                return q.put("a");
            }, s -> Weft.yieldNow(), s -> t2, s -> {
                assertEquals("a", s.value());
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueueGetTests.test_get_with_waiting_putters")
        void testGetWithWaitingPutters() {
            AsyncQueue<String> q = new AsyncQueue<>(1);
            run(Script.of(s -> {
                Weft.spawn(awaiting(q.put("a")));
                Weft.spawn(awaiting(q.put("b")));
                return q.get();
            }, s -> {
                assertEquals("a", s.value());
                return q.get();
            }, s -> {
                assertEquals("b", s.value());
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueueGetTests.test_why_are_getters_waiting")
        void testWhyAreGettersWaiting() {
            int producerNumItems = 5;
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            run(Script.of(s -> {
                t1 = Weft.spawn(producer(q, producerNumItems));
                t2 = Weft.spawn(consumer(q, producerNumItems));
                return t1;
            }, s -> {
                s.value();
                return t2;
            }, s -> {
                s.value();
                return null;
            }));
            assertTrue(q.isEmpty());
        }

        @Test
        @DisplayName("test_queues.py: QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters")
        void testCancelledGettersNotBeingHeldInSelfGetters() {
            AsyncQueue<Integer> queue = new AsyncQueue<>(5);
            run(Script.of(s -> {
                // Adapted: asyncio.wait_for(queue.get(), 0.1) is a get cancelled after 0.1 s;
                // wait_for turns that cancellation into TimeoutError, here it stays one.
                t1 = Weft.spawn(awaiting(queue.get()));
                return Weft.sleep(Duration.ofMillis(100));
            }, s -> {
                t1.cancel();
                return t1;
            }, s -> {
                assertThrows(CancelledException.class, s::value);
                assertEquals(0, queue.getterCount());
                return null;
            }));
        }
    }

    static Script<Object> producer(AsyncQueue<Integer> queue, int numItems) {
        int[] i = {0};
        return Script.of(s -> i[0] < numItems ? queue.put(i[0]) : s.done(null), s -> {
            i[0]++;
            s.goTo(0);
            return null;
        });
    }

    static Script<Object> consumer(AsyncQueue<Integer> queue, int numExpected) {
        int[] i = {0};
        return Script.of(s -> i[0] < numExpected ? queue.get() : s.done(null), s -> {
            i[0]++;
            s.goTo(0);
            return null;
        });
    }

    @Nested
    class QueuePutTests {
        Task<Object> reader;
        Task<Object> reader2;
        Task<Object> reader3;
        Task<Object> writer;
        Task<Object> putA;
        Task<Object> putB;
        Task<Object> putC;
        boolean finished;

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_blocking_put")
        void testBlockingPut() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            // No maxsize, won't block.
            Object got = run(Script.of(s -> q.put(1), s -> q.get(), s -> s.done(s.value())));
            assertEquals(1, got);
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_blocking_put_wait")
        void testBlockingPutWait() {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            Event started = new Event();
            Script<Object> queuePut = Script.of(s -> {
                started.set();
                return q.put(1);
            }, s -> q.put(2), s -> {
                finished = true;
                return null;
            });
            run(Script.of(s -> {
                EventLoop.current().callLater(Duration.ofMillis(10), () -> q.getNowait());
                writer = Weft.spawn(queuePut);
                return started;
            }, s -> {
                assertFalse(finished);
                return writer;
            }, s -> {
                s.value();
                assertTrue(finished);
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_nonblocking_put")
        void testNonblockingPut() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            q.putNowait(1);
            assertEquals(1, q.getNowait());
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_get_cancel_drop_one_pending_reader")
        void testGetCancelDropOnePendingReader() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            run(Script.of(s -> {
                reader = Weft.spawn(awaiting(q.get()));
                return Weft.yieldNow();
            }, s -> {
                q.putNowait(1);
                q.putNowait(2);
                reader.cancel();
                return reader;
            }, s -> {
                Throwable failure = s.failure();
                if (failure instanceof CancelledException) {
                    // try again
                    reader = Weft.spawn(awaiting(q.get()));
                    return reader;
                }
                if (failure != null) {
                    throw failure;
                }
                return null;
            }, s -> {
                s.value();
                // if we get 2, it means 1 got dropped!
                assertEquals(1, reader.result());
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_get_cancel_drop_many_pending_readers")
        void testGetCancelDropManyPendingReaders() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            run(Script.of(s -> {
                reader = Weft.spawn(awaiting(q.get()));
                reader2 = Weft.spawn(awaiting(q.get()));
                reader3 = Weft.spawn(awaiting(q.get()));
                return Weft.yieldNow();
            }, s -> {
                q.putNowait(1);
                q.putNowait(2);
                reader.cancel();
                return reader;
            }, s -> {
                assertThrows(CancelledException.class, s::value);
                return reader3;
            }, s -> {
                s.value();
                return reader2; // the end of the TaskGroup block waits for reader2 too
            }, s -> {
                s.value();
                return null;
            }));
            // It is undefined in which order concurrent readers receive results.
            assertEquals(new HashSet<>(Arrays.asList(1, 2)),
                    new HashSet<>(Arrays.asList(reader2.result(), reader3.result())));
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_put_cancel_drop")
        void testPutCancelDrop() {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            q.putNowait(1);
            run(Script.of(s -> {
                // putting a second item in the queue has to block (qsize=1)
                writer = Weft.spawn(awaiting(q.put(2)));
                return Weft.yieldNow();
            }, s -> {
                assertEquals(1, q.getNowait());
                writer.cancel();
                return writer;
            }, s -> {
                Throwable failure = s.failure();
                if (failure instanceof CancelledException) {
                    // try again
                    writer = Weft.spawn(awaiting(q.put(2)));
                    return writer;
                }
                if (failure != null) {
                    throw failure;
                }
                return null;
            }, s -> {
                s.value();
                assertEquals(2, q.getNowait());
                assertEquals(0, q.size());
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_nonblocking_put_exception")
        void testNonblockingPutException() {
            AsyncQueue<Integer> q = new AsyncQueue<>(1);
            q.putNowait(1);
            assertThrows(QueueFullException.class, () -> q.putNowait(2));
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_put_cancelled")
        void testPutCancelled() {
            AsyncQueue<Integer> q = new AsyncQueue<>();
            Script<Boolean> queuePut = Script.of(s -> q.put(1), s -> s.done(true));
            run(Script.of(s -> {
                writer = Weft.spawn(Script.of(x -> queuePut, x -> x.done(x.value())));
                return q.get();
            }, s -> {
                assertEquals(1, s.value());
                assertTrue(writer.isDone());
                assertEquals(true, writer.result());
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_put_cancelled_race")
        void testPutCancelledRace() {
            AsyncQueue<String> q = new AsyncQueue<>(1);
            run(Script.of(s -> {
                putA = Weft.spawn(awaiting(q.put("a")));
                putB = Weft.spawn(awaiting(q.put("b")));
                putC = Weft.spawn(awaiting(q.put("X")));
                return Weft.yieldNow();
            }, s -> {
                assertTrue(putA.isDone());
                assertFalse(putB.isDone());
                putC.cancel();
                return Weft.yieldNow();
            }, s -> {
                assertTrue(putC.isDone());
                assertEquals("a", q.getNowait());
                return Weft.yieldNow();
            }, s -> {
                assertEquals("b", q.getNowait());
                return putB;
            }, s -> {
                s.value();
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_put_with_waiting_getters")
        void testPutWithWaitingGetters() {
            AsyncQueue<String> q = new AsyncQueue<>();
            run(Script.of(s -> {
                reader = Weft.spawn(awaiting(q.get()));
                return Weft.yieldNow();
            }, s -> q.put("a"), s -> reader, s -> {
                assertEquals("a", s.value());
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_why_are_putters_waiting")
        void testWhyArePuttersWaiting() {
            AsyncQueue<Integer> queue = new AsyncQueue<>(2);
            Script<Object> getter = Script.of(s -> Weft.yieldNow(), s -> {
                int num = queue.size();
                for (int i = 0; i < num; i++) {
                    queue.getNowait();
                }
                return null;
            });
            List<Task<?>> tasks = new ArrayList<>();
            run(Script.of(s -> {
                tasks.add(Weft.spawn(getter));
                for (int i = 0; i < 4; i++) {
                    tasks.add(Weft.spawn(awaiting(queue.put(i))));
                }
                return tasks.get(0);
            }, s -> tasks.get(1), s -> tasks.get(2), s -> tasks.get(3), s -> tasks.get(4), s -> {
                s.value();
                return null;
            }));
            for (Task<?> t : tasks) {
                assertTrue(t.isDone());
                assertNull(t.exception());
            }
            assertEquals(2, queue.size());
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_cancelled_puts_not_being_held_in_self_putters")
        void testCancelledPutsNotBeingHeldInSelfPutters() {
            // Full queue.
            AsyncQueue<Integer> queue = new AsyncQueue<>(1);
            queue.putNowait(1);
            run(Script.of(s -> {
                // Task waiting for space to put an item in the queue.
                writer = Weft.spawn(awaiting(queue.put(1)));
                return Weft.yieldNow();
            }, s -> {
                assertEquals(1, queue.putterCount());
                writer.cancel();
                return writer;
            }, s -> {
                assertThrows(CancelledException.class, s::value);
                assertEquals(0, queue.putterCount());
                return null;
            }));
        }

        @Test
        @DisplayName("test_queues.py: QueuePutTests.test_cancelled_put_silence_value_error_exception")
        void testCancelledPutSilenceValueErrorException() {
            // Full Queue.
            AsyncQueue<Integer> queue = new AsyncQueue<>(1);
            queue.putNowait(1);
            run(Script.of(s -> {
                // Task waiting for space to put an item in the queue.
                writer = Weft.spawn(awaiting(queue.put(1)));
                return Weft.yieldNow();
            }, s -> {
                // getNowait() takes the putter out of the putters' line; when cancelled, the
                // put must not fail on removing it again, and ends with the cancellation.
                queue.getNowait();
                writer.cancel();
                return writer;
            }, s -> {
                assertThrows(CancelledException.class, s::value);
                return null;
            }));
        }
    }

    @Nested
    class LifoQueueTests {
        @Test
        @DisplayName("test_queues.py: LifoQueueTests.test_order")
        void testOrder() {
            AsyncQueue<Integer> q = new LifoAsyncQueue<>();
            List<Object> items = run(Script.of(s -> q.put(1), s -> q.put(3), s -> q.put(2),
                    s -> getMany(q, 3), s -> s.done(s.value())));
            assertEquals(Arrays.asList(2, 3, 1), items);
        }
    }

    @Nested
    class PriorityQueueTests {
        @Test
        @DisplayName("test_queues.py: PriorityQueueTests.test_order")
        void testOrder() {
            AsyncQueue<Integer> q = new PriorityAsyncQueue<>();
            List<Object> items = run(Script.of(s -> q.put(1), s -> q.put(3), s -> q.put(2),
                    s -> getMany(q, 3), s -> s.done(s.value())));
            assertEquals(Arrays.asList(1, 2, 3), items);
        }
    }

    /** {@code _QueueJoinTestMixin}, run as QueueJoinTests, LifoQueueJoinTests, PriorityQueueJoinTests. */
    @Nested
    class QueueJoinTests {
        int accumulator;
        boolean running;

        @ParameterizedTest(name = "{0}JoinTests")
        @EnumSource(Kind.class)
        @DisplayName("test_queues.py: _QueueJoinTestMixin.test_task_done_underflow")
        void testTaskDoneUnderflow(Kind kind) {
            AsyncQueue<Integer> q = kind.create();
            assertThrows(IllegalStateException.class, q::taskDone);
        }

        @ParameterizedTest(name = "{0}JoinTests")
        @EnumSource(Kind.class)
        @DisplayName("test_queues.py: _QueueJoinTestMixin.test_task_done")
        void testTaskDone(Kind kind) {
            AsyncQueue<Integer> q = kind.create();
            for (int i = 0; i < 100; i++) {
                q.putNowait(i);
            }
            // Two workers get items from the queue and call taskDone after each.
            // Join the queue and assert all items have been processed.
            running = true;
            List<Task<?>> tasks = new ArrayList<>();
            run(Script.of(s -> {
                for (int index = 0; index < 2; index++) {
                    tasks.add(Weft.spawn(worker(q)));
                }
                return q.join();
            }, s -> {
                assertEquals(4950, accumulator); // sum(range(100))
                // close running generators
                running = false;
                for (int i = 0; i < tasks.size(); i++) {
                    q.putNowait(0);
                }
                return tasks.get(0);
            }, s -> {
                s.value();
                return tasks.get(1);
            }, s -> {
                s.value();
                return null;
            }));
            assertEquals(4950, accumulator);
        }

        private Script<Object> worker(AsyncQueue<Integer> q) {
            return Script.of(s -> running ? q.get() : s.done(null), s -> {
                accumulator += (Integer) s.value();
                q.taskDone();
                s.goTo(0);
                return null;
            });
        }

        @ParameterizedTest(name = "{0}JoinTests")
        @EnumSource(Kind.class)
        @DisplayName("test_queues.py: _QueueJoinTestMixin.test_join_empty_queue")
        void testJoinEmptyQueue(Kind kind) {
            AsyncQueue<Integer> q = kind.create();
            // Test that a queue join()s successfully, and before anything else
            // (done twice for insurance).
            boolean[] otherRan = {false};
            run(Script.of(s -> {
                Weft.spawn(Script.of(x -> {
                    otherRan[0] = true;
                    return null;
                }));
                return q.join();
            }, s -> q.join(), s -> {
                assertFalse(otherRan[0]); // join() did not even go through the loop
                return null;
            }));
        }

        @ParameterizedTest(name = "{0}JoinTests")
        @EnumSource(Kind.class)
        @DisplayName("test_queues.py: _QueueJoinTestMixin.test_format")
        void testFormat(Kind kind) {
            AsyncQueue<Integer> q = kind.create();
            assertEquals(kind.weftName() + "[maxsize=0, size=0]", q.toString());

            // Adapted: instead of setting q._unfinished_tasks, put two items and take them.
            q.putNowait(1);
            q.putNowait(2);
            q.getNowait();
            q.getNowait();
            assertEquals(kind.weftName() + "[maxsize=0, size=0, tasks=2]", q.toString());
        }
    }

    /**
     * {@code _QueueShutdownTestMixin}, run as QueueShutdownTests, LifoQueueShutdownTests,
     * PriorityQueueShutdownTests.
     */
    @Nested
    class QueueShutdownTests {
        Task<Object> getTask;
        Task<Object> putTask;
        Task<Object> joinTask;

        @ParameterizedTest(name = "{0}ShutdownTests")
        @EnumSource(Kind.class)
        @DisplayName("test_queues.py: _QueueShutdownTestMixin.test_format")
        void testFormat(Kind kind) {
            AsyncQueue<Integer> q = kind.create();
            q.shutdown();
            assertEquals(kind.weftName() + "[maxsize=0, size=0, shutdown]", q.toString());
        }

        /** Steps that check that put(), putNowait(), get() and getNowait() all throw QueueShutDown. */
        private Script<Object> assertPutsAndGetsShutDown(AsyncQueue<String> q) {
            return Script.of(s -> q.put("data"), s -> {
                assertThrows(QueueShutDownException.class, s::value);
                assertThrows(QueueShutDownException.class, () -> q.putNowait("data"));
                return q.get();
            }, s -> {
                assertThrows(QueueShutDownException.class, s::value);
                assertThrows(QueueShutDownException.class, q::getNowait);
                return null;
            });
        }

        @ParameterizedTest(name = "{0}ShutdownTests")
        @EnumSource(Kind.class)
        @DisplayName("test_queues.py: _QueueShutdownTestMixin.test_shutdown_empty")
        void testShutdownEmpty(Kind kind) {
            // Setup empty queue, and join() and get() tasks
            AsyncQueue<String> q = kind.create();
            run(Script.of(s -> {
                getTask = Weft.spawn(awaiting(q.get()));
                return Weft.yieldNow(); // want get task pending before shutdown
            }, s -> {
                // Perform shut-down
                q.shutdown(false); // unfinished tasks: 0 -> 0
                assertEquals(0, q.size());
                // Ensure join() task successfully finishes
                return q.join();
            }, s -> Weft.yieldNow(), s -> {
                // Ensure get() task is finished, and raised ShutDown
                assertTrue(getTask.isDone());
                return getTask;
            }, s -> {
                assertThrows(QueueShutDownException.class, s::value);
                // Ensure put() and get() raise ShutDown
                return assertPutsAndGetsShutDown(q);
            }));
        }

        @ParameterizedTest(name = "{0}ShutdownTests")
        @EnumSource(Kind.class)
        @DisplayName("test_queues.py: _QueueShutdownTestMixin.test_shutdown_nonempty")
        void testShutdownNonempty(Kind kind) {
            // Setup full queue with 1 item, and join() and put() tasks
            AsyncQueue<String> q = kind.create(1);
            run(Script.of(s -> {
                q.putNowait("data");
                joinTask = Weft.spawn(awaiting(q.join()));
                putTask = Weft.spawn(awaiting(q.put("data2")));
                // Ensure put() task is not finished
                return Weft.yieldNow();
            }, s -> {
                assertFalse(putTask.isDone());
                // Perform shut-down
                q.shutdown(false); // unfinished tasks: 1 -> 1
                assertEquals(1, q.size());
                // Ensure put() task is finished, and raised ShutDown
                return Weft.yieldNow();
            }, s -> {
                assertTrue(putTask.isDone());
                return putTask;
            }, s -> {
                assertThrows(QueueShutDownException.class, s::value);
                // Ensure get() succeeds on enqueued item
                return q.get();
            }, s -> {
                assertEquals("data", s.value());
                // Ensure join() task is not finished
                return Weft.yieldNow();
            }, s -> {
                assertFalse(joinTask.isDone());
                // Ensure put() and get() raise ShutDown
                return assertPutsAndGetsShutDown(q);
            }, s -> {
                // Ensure there is 1 unfinished task, and join() task succeeds
                q.taskDone();
                return Weft.yieldNow();
            }, s -> {
                assertTrue(joinTask.isDone());
                return joinTask;
            }, s -> {
                s.value();
                // Didn't appear to mark all tasks done
                assertThrows(IllegalStateException.class, q::taskDone);
                return null;
            }));
        }

        @ParameterizedTest(name = "{0}ShutdownTests")
        @EnumSource(Kind.class)
        @DisplayName("test_queues.py: _QueueShutdownTestMixin.test_shutdown_immediate")
        void testShutdownImmediate(Kind kind) {
            // Setup queue with 1 item, and a join() task
            AsyncQueue<String> q = kind.create();
            run(Script.of(s -> {
                q.putNowait("data");
                joinTask = Weft.spawn(awaiting(q.join()));
                // Perform shut-down
                q.shutdown(true); // unfinished tasks: 1 -> 0
                assertEquals(0, q.size());
                // Ensure join() task has successfully finished
                return Weft.yieldNow();
            }, s -> {
                assertTrue(joinTask.isDone());
                return joinTask;
            }, s -> {
                s.value();
                // Ensure put() and get() raise ShutDown
                return assertPutsAndGetsShutDown(q);
            }, s -> {
                // Ensure there are no unfinished tasks
                assertThrows(IllegalStateException.class, q::taskDone);
                return null;
            }));
        }

        @ParameterizedTest(name = "{0}ShutdownTests")
        @EnumSource(Kind.class)
        @DisplayName("test_queues.py: _QueueShutdownTestMixin.test_shutdown_immediate_with_unfinished")
        void testShutdownImmediateWithUnfinished(Kind kind) {
            // Setup queue with 2 items (1 retrieved), and a join() task
            AsyncQueue<String> q = kind.create();
            run(Script.of(s -> {
                q.putNowait("data");
                q.putNowait("data");
                joinTask = Weft.spawn(awaiting(q.join()));
                return q.get();
            }, s -> {
                assertEquals("data", s.value());
                // Perform shut-down
                q.shutdown(true); // unfinished tasks: 2 -> 1
                assertEquals(0, q.size());
                // Ensure join() task is not finished
                return Weft.yieldNow();
            }, s -> {
                assertFalse(joinTask.isDone());
                // Ensure put() and get() raise ShutDown
                return assertPutsAndGetsShutDown(q);
            }, s -> {
                // Ensure there is 1 unfinished task
                q.taskDone();
                assertThrows(IllegalStateException.class, q::taskDone);
                // Ensure join() task has successfully finished
                return Weft.yieldNow();
            }, s -> {
                assertTrue(joinTask.isDone());
                return joinTask;
            }, s -> {
                s.value();
                return null;
            }));
        }
    }
}
