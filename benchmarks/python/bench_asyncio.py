"""The benchmark workloads with Python's asyncio, as an anchor for Weft.

Prints one JSON object: for each workload the time per operation in nanoseconds (the median of
several runs after a warm-up run), and the retained bytes per suspended task (tracemalloc).
Sizes are smaller than the JVM's; every figure is per operation, so they compare all the same.
"""
import asyncio
import gc
import json
import platform
import statistics
import sys
import time
import tracemalloc

ROUNDS = 20_000          # ping-pong round trips (2 switches each)
ITEMS = 100_000          # producer/consumer items
TASKS = 100_000          # spawn and join
LOCKERS, TIMES = 500, 100
STEPS, DEPTH = 20_000, 10
SUSPENDED = 200_000      # memory
RUNS = 3


async def ping_pong_events(rounds):
    ping, pong = asyncio.Event(), asyncio.Event()

    async def ponger():
        for _ in range(rounds):
            await ping.wait()
            ping.clear()
            pong.set()

    task = asyncio.create_task(ponger())
    for _ in range(rounds):
        ping.set()
        await pong.wait()
        pong.clear()
    await task


async def ping_pong_queues(rounds):
    there, back = asyncio.Queue(1), asyncio.Queue(1)

    async def echo():
        for _ in range(rounds):
            await back.put(await there.get())

    task = asyncio.create_task(echo())
    token = 1
    for _ in range(rounds):
        await there.put(token)
        token = await back.get()
    await task


async def producer_consumer(producers, consumers, items, capacity):
    queue = asyncio.Queue(capacity)

    async def produce(count):
        for i in range(count):
            await queue.put(i & 1023)

    async def consume(count):
        total = 0
        for _ in range(count):
            total += await queue.get()
        return total

    tasks = [asyncio.create_task(produce(items // producers)) for _ in range(producers)]
    tasks += [asyncio.create_task(consume(items // consumers)) for _ in range(consumers)]
    await asyncio.gather(*tasks)


async def trivial(i):
    return i


async def spawn_join(count):
    tasks = [asyncio.create_task(trivial(i)) for i in range(count)]
    total = 0
    for t in tasks:
        total += await t
    return total


async def contention(tasks, times):
    lock = asyncio.Lock()
    counter = [0]

    async def locker():
        for _ in range(times):
            async with lock:
                counter[0] += 1
                await asyncio.sleep(0)

    await asyncio.gather(*(locker() for _ in range(tasks)))
    return counter[0]


async def depth(n, value):
    if n <= 1:
        return value
    return await depth(n - 1, value) + 1


async def deep_calls(steps, d):
    total = 0
    for i in range(steps):
        total += await depth(d, i)
    return total


def timed(make, ops):
    """Median nanoseconds per operation of RUNS runs of asyncio.run(make()), after one warm-up."""
    asyncio.run(make())
    samples = []
    for _ in range(RUNS):
        gc.collect()
        start = time.perf_counter_ns()
        asyncio.run(make())
        samples.append((time.perf_counter_ns() - start) / ops)
    return statistics.median(samples)


async def suspended_many(count):
    """Bytes traced by tracemalloc per task suspended on one event (tasks kept in a list)."""
    event = asyncio.Event()

    async def waiter():
        await event.wait()

    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(waiter()) for _ in range(count)]
    await asyncio.sleep(0)  # every waiter runs up to its wait
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    event.set()
    await asyncio.gather(*tasks)
    return (after - before) / count


def main():
    results = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "pingPongEvents": timed(lambda: ping_pong_events(ROUNDS), 2 * ROUNDS),
        "pingPongQueues": timed(lambda: ping_pong_queues(ROUNDS), 2 * ROUNDS),
        "producerConsumer": timed(lambda: producer_consumer(4, 4, ITEMS, 64), ITEMS),
        "spawnJoin": timed(lambda: spawn_join(TASKS), TASKS),
        "contention": timed(lambda: contention(LOCKERS, TIMES), LOCKERS * TIMES),
        "deepCalls": timed(lambda: deep_calls(STEPS, DEPTH), STEPS),
        "sizes": {"rounds": ROUNDS, "items": ITEMS, "tasks": TASKS, "lockers": LOCKERS,
                  "times": TIMES, "steps": STEPS, "depth": DEPTH, "suspended": SUSPENDED},
    }
    tracemalloc.start()
    results["memory"] = asyncio.run(suspended_many(SUSPENDED))
    tracemalloc.stop()
    json.dump(results, sys.stdout)
    print()


if __name__ == "__main__":
    main()
