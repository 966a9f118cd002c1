package dev.weft.bench.kotlin

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.yield

/**
 * The workloads with kotlinx.coroutines on a single-threaded dispatcher: each runs inside
 * `runBlocking`, whose event loop runs every coroutine it launches on the calling thread.
 * Conflated channels stand for events (a send sets, a receive waits and clears), buffered
 * channels for queues, `Mutex` for the lock.
 */
object KotlinWorkloads {
    /** `rounds` round trips (2 switches each) through a pair of conflated channels. */
    @JvmStatic
    fun pingPongEvents(rounds: Int): Long = runBlocking {
        val ping = Channel<Unit>(Channel.CONFLATED)
        val pong = Channel<Unit>(Channel.CONFLATED)
        val ponger = async {
            var n = 0L
            repeat(rounds) {
                ping.receive()
                pong.send(Unit)
                n++
            }
            n
        }
        var sum = 0L
        for (i in 0 until rounds) {
            ping.send(Unit)
            pong.receive()
            sum += i
        }
        sum + ponger.await()
    }

    /** `rounds` round trips through a pair of channels with a buffer of 1. */
    @JvmStatic
    fun pingPongQueues(rounds: Int): Long = runBlocking {
        val there = Channel<Int>(1)
        val back = Channel<Int>(1)
        val echo = async {
            var n = 0L
            repeat(rounds) {
                back.send(there.receive())
                n++
            }
            n
        }
        var sum = 0L
        var token = 1
        repeat(rounds) {
            there.send(token)
            token = back.receive()
            sum += token
        }
        sum + echo.await()
    }

    /** `producers` and `consumers` move `items` items through a channel with a buffer of `capacity`. */
    @JvmStatic
    fun producerConsumer(producers: Int, consumers: Int, items: Int, capacity: Int): Long = runBlocking {
        val queue = Channel<Int>(capacity)
        val producing = List(producers) {
            launch {
                for (i in 0 until items / producers) {
                    queue.send(i and 1023)
                }
            }
        }
        val consuming = List(consumers) {
            async {
                var sum = 0L
                repeat(items / consumers) { sum += queue.receive() }
                sum
            }
        }
        var sum = 0L
        for (c in consuming) sum += c.await()
        producing.forEach { it.join() }
        sum
    }

    /** Starts `count` trivial coroutines with `async`, then awaits each one. */
    @JvmStatic
    fun spawnJoin(count: Int): Long = runBlocking {
        val tasks = arrayOfNulls<kotlinx.coroutines.Deferred<Int>>(count)
        for (i in 0 until count) {
            tasks[i] = async { i }
        }
        var sum = 0L
        for (i in 0 until count) sum += tasks[i]!!.await()
        sum
    }

    /** `tasks` coroutines each take one mutex `times` times, yielding while they hold it. */
    @JvmStatic
    fun contention(tasks: Int, times: Int): Long = runBlocking {
        val mutex = Mutex()
        var counter = 0L
        val all = List(tasks) {
            launch {
                repeat(times) {
                    mutex.withLock {
                        counter++
                        yield()
                    }
                }
            }
        }
        all.forEach { it.join() }
        counter
    }

    /** `steps` times, calls a suspending function that calls itself `depth` deep. */
    @JvmStatic
    fun deepCalls(steps: Int, depth: Int): Long = runBlocking {
        var sum = 0L
        for (i in 0 until steps) sum += depth(depth, i)
        sum
    }

    private suspend fun depth(n: Int, value: Int): Int {
        if (n <= 1) {
            if (value < 0) yield() // a suspension point that is never taken
            return value
        }
        return depth(n - 1, value) + 1
    }

    /**
     * Launches `count` coroutines that wait for one deferred; calls `measure` while they all
     * wait (they stay reachable as children of the `runBlocking` job), then completes the
     * deferred and lets them finish. Returns the difference of the two measures.
     */
    @JvmStatic
    fun suspendedMany(count: Int, measure: java.util.function.LongSupplier): Long = runBlocking {
        val gate = CompletableDeferred<Unit>()
        val before = measure.asLong
        repeat(count) { launch { gate.await() } }
        yield() // every waiter runs up to its await
        val after = measure.asLong
        gate.complete(Unit)
        after - before
    }
}
