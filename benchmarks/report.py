"""Builds the results table from the raw results of run.sh, prints it and writes RESULTS.md.

Usage: python3 report.py RESULTS_DIR OUTPUT_MD [README_MD]
With README_MD, the summary between its benchmark-summary markers is replaced by the new figures.
RESULTS_DIR holds jmh-*.json (JMH), memory.jsonl (MemoryMain), python-*.json (bench_asyncio.py)
and env.json (machine and versions, written by run.sh).
"""
import glob
import json
import os
import sys

import report_net
import report_scale

ANCHORS = [
    ("weft", "Weft"),
    ("baseline", "hand-written"),
    ("vt1", "virtual threads, parallelism=1"),
    ("vt", "virtual threads, default"),
    ("platform", "platform threads"),
    ("kotlin", "Kotlin coroutines"),
]

BENCH_CLASS = {
    "WeftBench": "weft",
    "BaselineBench": "baseline",
    "KotlinBench": "kotlin",
    "PlatformThreadBench": "platform",
    "FeatureBench": "feature",
}

# Weft's features against their plain forms, in the same coroutine loop (FeatureBench): (feature, plain, label, plain label)
FEATURES = [
    ("privateField", "packageField", "a private field read and written in a coroutine loop",
     "the same loop on a package-private field"),
    ("virtualCall", "staticCall", "a virtual coroutine call through an interface, one receiver class",
     "a static coroutine call"),
    ("virtualCallTwoClasses", "staticCall", "a virtual coroutine call, receivers of two classes alternating",
     "a static coroutine call"),
    ("deepCallsDirectSketch", "deepCallsGenerated", "sketch (hand-written on the runtime, not generated): a step of "
     "10 nested calls run directly on the Java stack, frames kept per call site, `int` result unboxed",
     "the same step in generated code (direct calls, frames reused, result unboxed)"),
    ("deepCallsDirectFreshSketch", "deepCallsGenerated", "the same sketch with a new frame for every call (C2's escape "
     "analysis can remove some of them here, not in generated code)",
     "the same step in generated code (direct calls, frames reused, result unboxed)"),
    ("deepCallsDirectBoxedSketch", "deepCallsGenerated", "the sketch with frames kept and the result boxed",
     "the same step in generated code (direct calls, frames reused, result unboxed)"),
    ("exceptionMapped", "exceptionRaw", "an exception crossing 10 inline coroutine frames and a task boundary,"
     " its trace mapped to the user's lines (and read)", "the same, its trace as the JVM made it (-Dweft.stackTraces=raw)"),
]

# (key, label, unit kind) -- kind: "ns" (time per op), "rate" (ops per second), "bytes"
ROWS = [
    ("pingPongEvents", "1. ping-pong, a pair of events", "ns", "ns/switch"),
    ("pingPongQueues", "1. ping-pong, a pair of queues of size 1", "ns", "ns/switch"),
    ("producerConsumer", "2. producer/consumer, 4+4 tasks, queue of 64", "rate", "M items/s"),
    ("spawnJoin", "3. spawn and join trivial tasks", "ns", "ns/task"),
    ("contention", "4. lock contention, 10,000 tasks x 100", "rate", "M acquisitions/s"),
    ("memory", "5. memory, coroutines suspended on one event", "bytes", "bytes/coroutine"),
    ("deepCalls", "6. coroutine calling a coroutine 10 deep", "ns", "ns/step"),
]


def load(path):
    with open(path) as f:
        return json.load(f)


def collect(results_dir):
    data = {}  # anchor -> workload -> cost (ns/op or bytes)
    processor = {}

    def put(anchor, workload, value):
        data.setdefault(anchor, {})[workload] = value

    for path in sorted(glob.glob(os.path.join(results_dir, "jmh-*.json"))):
        tag = os.path.basename(path)[4:-5]
        for entry in load(path):
            cls, method = entry["benchmark"].split(".")[-2:]
            score = entry["primaryMetric"]["score"]
            if cls == "ProcessorBench":
                processor[method] = score
            elif cls == "VirtualThreadBench":
                put(tag, method, score)
            else:
                put(BENCH_CLASS[cls], method, score)
    mem = os.path.join(results_dir, "memory.jsonl")
    if os.path.exists(mem):
        with open(mem) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    m = json.loads(line)
                    anchor = m["anchor"]
                    put({"virtual": "vt"}.get(anchor, anchor), "memory", m["perCoroutine"])
                    data.setdefault("_memcount", {})[anchor] = m["count"]
    pythons = []
    for path in sorted(glob.glob(os.path.join(results_dir, "python-*.json"))):
        r = load(path)
        key = "python" + r["python"]
        pythons.append((key, "Python " + r["python"] + " asyncio", r))
        for workload, _, _, _ in ROWS:
            if workload in r:
                put(key, workload, r[workload])
    return data, processor, pythons


def kind_of(workload):
    return next(kind for w, _, kind, _ in ROWS if w == workload)


def fmt_value(kind, cost):
    if cost is None:
        return "-"
    if kind == "rate":
        rate = 1e3 / cost  # million per second
        return "%.2f" % rate if rate < 10 else "%.1f" % rate
    if cost >= 100:
        return "%.0f" % cost
    return "%.1f" % cost


def main():
    results_dir, output = sys.argv[1], sys.argv[2]
    data, processor, pythons = collect(results_dir)
    env = load(os.path.join(results_dir, "env.json"))
    anchors = ANCHORS + [(k, label) for k, label, _ in pythons]
    anchors = [(k, label) for k, label in anchors if k in data]

    header = ["workload (unit)"] + [label for _, label in anchors]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for workload, label, kind, unit in ROWS:
        weft = data.get("weft", {}).get(workload)
        cells = ["%s (%s)" % (label, unit)]
        for key, _ in anchors:
            cost = data.get(key, {}).get(workload)
            text = fmt_value(kind, cost)
            if key != "weft" and cost is not None and weft:
                text += " (x%.2f)" % (cost / weft) if cost / weft < 10 else " (x%.0f)" % (cost / weft)
            cells.append(text)
        lines.append("| " + " | ".join(cells) + " |")
    table = "\n".join(lines)

    proc_lines = []
    w = wo = gen = twice = None
    if processor:
        w, wo = processor.get("withProcessor"), processor.get("withoutProcessor")
        gen = processor.get("generatedCodeWithoutProcessor")
        twice = processor.get("twoCopiesWithoutProcessor")
        proc_lines = [
            "| javac, one file of 500 @Coroutine methods | ms per compile | vs without |",
            "|---|---|---|",
            "| without any processor (-proc:none) | %.0f | x1.00 |" % wo,
            "| with Weft's processor | %.0f | x%.2f |" % (w, w / wo),
        ]
        if gen:
            proc_lines += [
                "| without processor, the file and the source generated for it | %.0f | x%.2f |" % (gen, gen / wo),
                "| so: the processor's own work (with - the line above) | %.0f | x%.2f |" % (w - gen, (w - gen) / wo),
            ]
        if twice:
            proc_lines.append("| without processor, the file and a copy of it (the floor of any source generator) "
                              "| %.0f | x%.2f |" % (twice, twice / wo))
        proc_lines.append("")
    proc_table = "\n".join(proc_lines)

    feature = data.get("feature", {})
    feature_lines = []
    if feature:
        feature_lines = ["| feature | ns per operation | against | ns per operation | ratio |", "|---|---|---|---|---|"]
        for key, plain, label, plain_label in FEATURES:
            if key in feature and plain in feature:
                feature_lines.append("| %s | %.1f | %s | %.1f | x%.2f |" % (
                    label, feature[key], plain_label, feature[plain], feature[key] / feature[plain]))
    feature_table = "\n".join(feature_lines)

    def ratio_ok(workload):
        weft = data.get("weft", {}).get(workload)
        others = [(label, data[k][workload]) for k, label in anchors
                  if k not in ("weft", "baseline") and workload in data.get(k, {})]
        behind = [label for label, cost in others if cost <= weft]
        return weft is not None and not behind, behind

    weft = data.get("weft", {})
    base = data.get("baseline", {})
    targets = []

    def target(text, ok, detail):
        targets.append("| %s | %s | %s |" % (text, "met" if ok else "**missed**", detail))

    kot = data.get("kotlin", {})
    if "deepCalls" in weft and "deepCalls" in kot:
        d, k = weft["deepCalls"], kot["deepCalls"]
        target("nested calls: at most half of Kotlin's cost per step", d <= k / 2,
               "%.1f ns vs Kotlin %.1f ns (x%.2f of Kotlin's)" % (d, k, d / k))
    for workload, text in (("pingPongEvents", "ping-pong"), ("spawnJoin", "spawn/join"),
                           ("producerConsumer", "producer/consumer"), ("contention", "lock contention")):
        if workload in weft and workload in base:
            r = weft[workload] / base[workload]
            target("%s within 1.5x of the hand-written baseline" % text, r <= 1.5,
                   "%s vs %s (x%.2f)" % (fmt_value(kind_of(workload), weft[workload]),
                                         fmt_value(kind_of(workload), base[workload]), r))
    if "memory" in weft:
        compact = data.get("weftCompactHeaders", {}).get("memory")
        target("memory <= 48 bytes per suspended minimal coroutine (default flags)", weft["memory"] <= 48,
               "%.1f bytes%s" % (weft["memory"], "; with -XX:+UseCompactObjectHeaders %.1f" % compact if compact else ""))
    if "privateField" in feature and "packageField" in feature:
        r = feature["privateField"] / feature["packageField"]
        target("a private field costs about what a package-private one does (within 1.2x)", r <= 1.2, "x%.2f" % r)
    if "virtualCall" in feature and "staticCall" in feature:
        r = feature["virtualCall"] / feature["staticCall"]
        target("a virtual coroutine call <= 1.5x a static one", r <= 1.5, "x%.2f" % r)
    if processor:
        r = processor["withProcessor"] / processor["withoutProcessor"]
        target("processor <= 3x the compile time without it", r <= 3, "x%.2f" % r)
    net = report_net.load(results_dir)
    report_net.targets(net, feature, target)
    scale = report_scale.load(results_dir)
    report_scale.targets(scale, target)

    mc = data.get("_memcount", {})
    md = []
    md.append("# Weft benchmarks: results\n")
    md.append("Produced by `benchmarks/run.sh` on %s (commit %s). Every figure is per operation; "
              "in brackets, each anchor's cost divided by Weft's (x2.00: the anchor takes twice "
              "Weft's time or memory; below 1 the anchor is ahead). Rates are millions per second.\n"
              % (env.get("date", "?"), env.get("commit", "?")))
    md.append(table + "\n")
    if proc_table:
        md.append("## 7. The processor\n")
        md.append(proc_table + "\n")
    if gen:
        why = ("What limits the processor's figure. A processor that generates source makes javac "
               "compile every coroutine body twice: once as the user wrote it, once in its state "
               "machine. ")
        if twice and twice / wo >= 3:
            why += ("Compiling the file and a plain copy of it already costs x%.2f, so no such "
                    "processor can reach 3x, however fast it runs and however lean its output. "
                    % (twice / wo))
        elif twice:
            why += ("Compiling the file and a plain copy of it already costs x%.2f (javac's fixed "
                    "costs are shared), which leaves x%.2f for the state machines' extra code and the "
                    "processor's own work together, against the 3x target. "
                    % (twice / wo, 3 - twice / wo))
        why += ("Here javac compiling the generated state machines adds x%.2f to the plain compile "
                "(a class per method, its fields, its dispatch switch and the witnesses that keep "
                "javac's typing of each expression), and the processor's own analysis and "
                "generation adds x%.2f.\n" % ((gen - wo) / wo, (w - gen) / wo))
        md.append(why)
    if feature_table:
        md.append("## 8. Features against their plain forms\n")
        md.append("The same coroutine loop of 1,000,000 steps (it yields every 1,024 steps), once with the feature "
                  "and once with its plain form: a private field is reached through the generated class's "
                  "accessors over `static final` method handles, a virtual call through the root's dispatch "
                  "table (`dev.weft.Dispatch`). The exceptions: 10,000 tasks that each fail 10 coroutine calls "
                  "deep, awaited and caught by another task, which reads the trace; per exception.\n")
        md.append(feature_table + "\n")
    net_table = report_net.table(net)
    if net_table:
        md.append("## 9. Network: an HTTP server and an echo server\n")
        md.append("`benchmarks/net.sh`: each server in a process of its own pinned to core 0 (`taskset`), the load "
                  "pinned to core 1: `wrk -t1 -c64` on `GET /plaintext` (the same 13-byte response from every "
                  "server), %s s after a %s s warm-up; the echo load (`EchoLoad`): 16 connections, each writing "
                  "64 KiB and reading it back before the next. In brackets: Weft's figure against that server's "
                  "(above 1: Weft is ahead). The JVM servers run on the same JDK with `-Xms1g -Xmx1g "
                  "-XX:+UseParallelGC -XX:+AlwaysPreTouch`.\n" % (env.get("netSeconds", "10"), env.get("netWarmup", "5")))
        md.append(net_table + "\n")
        md.append(NET_LIMITS)
    scale_table = report_scale.table(scale)
    if scale_table:
        chart = os.path.join(os.path.dirname(output), "scale.svg")
        report_scale.chart(scale, chart)
        md.append("## 10. Scale: cost per operation from 10^3 to 10^7 live items\n")
        md.append("`ScaleMain`, in a JVM of its own (`-Xms10g -Xmx10g -XX:+UseParallelGC -XX:+AlwaysPreTouch`): "
                  "*spawn and join*: n tasks spawned, each yields once, then all joined (n live at the peak); "
                  "*timer*: on a virtual-time loop, n timers at random instants of the next second, every other "
                  "one cancelled, the rest fired (n live timers at the peak; per timer); *wait*: n tasks wait on "
                  "one semaphore, then are released one by one and wait again, 4 rounds (n waiters at the peak; "
                  "per wake-up). Each figure is the median of 5 batches of at least 2x10^7 operations; the heap "
                  "per item is the growth of the used heap after GC at the peak (it includes the loop's ready "
                  "queue and the benchmark's arrays of handles).\n")
        md.append("![cost per operation against live items](scale.svg)\n")
        md.append(scale_table + "\n")
        md.append(SCALE_LIMITS)
    md.append("## Targets\n")
    md.append("| target | | measured |\n|---|---|---|\n" + "\n".join(targets) + "\n")
    md.append(LIMITS)
    md.append("## Machine and versions\n")
    md.append("\n".join("- %s: %s" % (k, env[k]) for k in
                        ("cpu", "cores", "memory", "os", "jdk", "kotlin", "kotlinx-coroutines", "python")
                        if k in env) + "\n")
    md.append("## How it was measured\n")
    md.append("\n".join([
        "- JMH 1.37, one fork per benchmark, %s; mode average time, the score is the mean over the "
        "measurement iterations. Every JVM anchor runs on the same JDK with the same flags: `%s`."
        % (env.get("jmh", "?"), env.get("jvmFlags", "?")),
        "- Each benchmark invocation runs a whole workload on a fresh event loop (or fresh threads), "
        "divided by its number of operations: a switch (one hand-off from one task to the other), an "
        "item, a task, an acquisition, a step of 10 nested calls.",
        "- Sizes: Weft, the hand-written baseline and Kotlin run the full sizes (500,000 round trips, "
        "1,000,000 items, 1,000,000 tasks, 10,000 tasks x 100 acquisitions, 100,000 steps). Virtual "
        "threads: 50,000 round trips and 10,000 threads x 10 acquisitions. Platform threads: 10,000 "
        "round trips, 200,000 items, 10,000 threads, 100 threads x 100 acquisitions. Python: "
        "20,000 round trips, 100,000 items, 100,000 tasks, 500 tasks x 100 acquisitions, 20,000 steps.",
        "- Contention: each task yields (Weft `yieldNow()`, Kotlin `yield()`, Python `sleep(0)`, "
        "threads `Thread.yield()`) while it holds the lock, so that the others queue behind it; "
        "without a suspension inside, single-threaded tasks never contend. Threads use a "
        "`ReentrantLock`, Kotlin a `Mutex`, Python `asyncio.Lock`.",
        "- Ping-pong anchors: threads hand the token with two `Semaphore`s (events) and two "
        "`ArrayBlockingQueue(1)`; Kotlin with two conflated channels (events) and two `Channel(1)`; "
        "Kotlin runs every workload inside `runBlocking`, its single-threaded event loop.",
        "- Memory: %s coroutines (platform threads: %s; Python: %s; virtual threads once, with the "
        "default scheduler) suspended on one event "
        "(threads: on one semaphore; Kotlin: one `CompletableDeferred`), measured in a JVM of its "
        "own as the growth of the used heap after `System.gc()` (the least of five readings) while "
        "they are strongly reachable. Thread stacks outside the heap are not counted: a platform "
        "thread also reserves a native stack. Python: bytes traced by `tracemalloc`, with the tasks "
        "kept in a list (asyncio holds tasks weakly)."
        % (format(mc.get("weft", 0), ","), format(mc.get("platform", 0), ","),
           format(pythons[0][2]["sizes"]["suspended"], ",") if pythons else "-"),
        "- Processor: javac in-process through `javax.tools` (`--release 17`), each compile from "
        "scratch into an empty directory; JMH single-shot mode, 12 warm-up compiles and 6 measured "
        "ones per variant, flags `%s`. The processor is given as an instance with "
        "`setProcessors`; the compiles without it use `-proc:none`." % env.get("procFlags", "?"),
    ]) + "\n")
    text = "\n".join(md)
    with open(output, "w") as f:
        f.write(text)
    if len(sys.argv) > 3:
        update_readme(sys.argv[3], "\n".join([summary(data, processor)] + report_net.summary(net)
                                              + report_scale.summary(scale)))
    print(table)
    print()
    print(proc_table)
    print()
    print("| target | | measured |\n|---|---|---|\n" + "\n".join(targets))


LIMITS = """### Where the time goes (profiles of 2026-12-02)

Measured with JMH's `-prof gc` (bytes allocated per operation) and JFR (`settings=profile`,
`-XX:+DebugNonSafepoints`) on the same machine.

- **Nested calls: the call protocol is what is left.** A call of a coroutine runs directly on the
  Java stack (`callInline`, at most 32 deep, then the driver's loop); an `int`, `long`, `double`
  or `boolean` result passes unboxed through the loop; and, since commit 8e986fd, a frame that
  finished a direct call without suspending is cleared and kept by the loop per call depth, so
  that the next direct call of the same coroutine takes it instead of a new one. A step of 10
  nested calls allocates 0 bytes (`-prof gc`; 640 with a new frame per call, Kotlin 544 for its
  continuations and boxes). The reuse did not make the step measurably faster (two jars
  alternating, 110 / 107 ns per step before against 103 / 118 after on a slow day, each +- 7 to 30
  ns). A JFR profile of the step as it is now (2026-12-02, 1,066 samples, by the method at the top
  of the stack, inlined ones counted as themselves): `callInline` 33% (the checks that the callee
  is fresh and the stack not too deep, the loop, caller link and status stores, the depth count up
  and down), `reusedFrame` 18% (taking the kept frame: the loop's array at the caller's depth, a
  class check), `free` 12% (clearing the frame and putting it back, a reference store into the
  loop's array with its GC barrier), `completeInt` / `intResult` 11% (the unboxed result through
  the loop), `clearFields` and `directCall` 5%, the machines' own code 20%. So four fifths of the
  step is the protocol that lets any callee suspend midway (the link and status the driver needs
  to go on from the innermost frame), keeps the Java stack bounded (the depth) and allocates
  nothing (the kept frames). Section 8's sketch, which runs the same calls with none of it (it
  throws if a callee suspends), took a third to a half of the generated step's time in the runs so
  far and about half of Kotlin's: the target amounts to a call protocol that costs next to
  nothing, which the protocol's parts above do not allow, each of them being there for one of
  those three behaviours. Tried and dropped in this batch: a per-loop pool of frames (84 to 120
  ns), a frame kept per call site (it keeps the frames of its last call alive while the caller
  lives: a recursive tree walk would keep its whole tree), the depth count left out (no difference
  beyond the noise).
- **Against the hand-written machines.** Their ping-pong, deep calls and contention allocate
  nothing, like Weft's; the difference is the general protocol on each switch, which a JFR profile
  of ping-pong over events shows (2026-12-02, 882 samples): the loop's iteration and the driver
  (`runOnce`, `drive`, `step`, `schedule`: 30%), the ready queue (16%), the record of what the
  task waits on and its wait queue (`BlockedTasks.register` / `unregister`, `WaitQueue.add` /
  `remove`: 20%), the checks that each primitive is used from its loop's thread (14%), the wake-up
  and the event's own methods (8%), and the two coroutines' own code 6%. The hand-written signal
  holds one waiter in a field, checks nothing and calls one machine class directly. Two changes
  (no store of the loop into a primitive already bound to it; the running loop found without the
  thread-local lookup that `spawn` and the checks' slow path make) moved nothing beyond the noise
  (ping-pong 36.1 / 41.4 against 40.3 / 39.4 ns, contention 90.0 / 94.6 against 91.4 / 82.7,
  spawn/join 46.7 / 51.0 against 45.7 / 44.5, two jars alternating, 2 forks each) and were not
  kept. Contention: the lock's wait queue, `awaitBegin` / `awaitEnd` and the driver's dispatch,
  with the locker's own code at 15%. Spawn/join: the baseline allocates 59 bytes per task, about
  what a Weft task takes; 38% of the samples fall on one line, the store of each task's boxed
  result as it finishes (most likely the first write to a task not touched since it was spawned: a
  million tasks, 64 MB, run in spawn order; the baseline's tasks are as many and as large), and
  the rest is the work per task (the ready queue, the join through the task's awaiter queue and
  its wake-up, the loop found through a thread-local for `spawn`, 5%).
- **Memory.** A suspended minimal coroutine is one object of 56 bytes: a 12-byte header and eleven
  4-byte fields (the loop, status, id for its name, innermost frame, what it waits on, two wait-queue
  links, the outcome slot, rarely used extras, the resume state, and the coroutine's one parameter),
  plus its 4-byte slot in the loop's ready queue while it was scheduled. 48 bytes needs two fields
  fewer: the resume state can live in the status word's upper bits (the cancellation count moved to
  the extras), which makes 52 bytes, still 56 after the JVM's 8-byte alignment; with compact object
  headers (8 bytes) that change alone reaches 48. The id (asyncio's `Task-N` names in spawn order)
  and the wait-queue links (O(1) removal of a cancelled waiter) have no cheaper place: not changed.
- **The processor.** A compile of the 500-method file with the processor, by JFR samples: javac
  attributing (36%), Weft's own analysis, lowering and emission (21%, half of it JavaPoet writing
  the generated file), javac entering the generated classes (13%), desugaring (7%), class-file
  generation (7%), parsing (6%), flow analysis (5%). The generated file has 53,127 lines and 2.16 MB
  for a source of 6,608 lines and 167 KB; javac compiling the file and that code without any
  processor already takes more than 3x the plain compile (x3.7 to x3.9 in the runs of this
  session; section 7), so 3x needs generated code that
  javac compiles in about half the time (per frame: the `sourceMap` override, the map's string, the
  Javadoc of each field, the statement comments, the witnesses), and the processor's own time
  divided by four. Not reached in this batch.
"""

SCALE_LIMITS = """Spawn/join and the wait queue stay flat to 10^7. The wait queue's figure was quadratic before an
earlier fix: a release (or a signal) searched the queue from its head for a waiter still pending,
and the waiters it had woken stay queued until they run, so waking 10,000 waiters one by one cost
9 us per wake-up; the search now starts where the last one ended. Timers: until commit 07db595
every timer was in one 4-ary heap (the deadlines in a `long[]` beside the handles), and each level
a sift visited was a cache miss or two once the heap outgrew the caches. Since then a wheel of
4,096 buckets of 2^20 ns (1.05 ms) of loop time stands in front of it: a timer due within 4.4 s is
set and cancelled in constant time, and when the loop reaches a millisecond, that millisecond's
timers alone go into a small heap that orders them (timers further out wait in a second heap until
the wheel reaches them, and then cost what the one heap did). `ScaleMain` with the heap and with
the wheel, one after the other on a slow day: 92 / 90 / 236 / 452 / 775 ns against 63 / 69 / 155 /
192 / 350 ns from 10^3 to 10^7 (x8.4 against x5.6 growth); a full `run.sh` of 07db595 later that
day, on a machine too noisy to record here (errors of 20 to 60% on most rows): 80 / 79 / 167 / 246
/ 375 ns (x4.71 against the bound x4.67), 54 bytes per timer from 10^4 up (at 10^3 the wheel's
arrays, 32 KB, count for 32 bytes a timer). What is left of the growth is not the structure's
work, which per timer is constant but for the logarithm of one millisecond's timers, but the
memory the timers are in: a JFR profile at 10^7 puts 23% of the samples on the first read of each
handle as its millisecond goes into the heap (the handles of one millisecond are 5,000 objects
spread over 600 MB), 29% on that heap's sifts, 12% on the buckets. 10^3 timers fit in the caches;
10^7 do not, and a timer must be touched when it is set, when it fires and when it is cancelled.
With transparent huge pages (as the JMH runs use; `ScaleMain` runs without them) one run grew
x4.9. Tried and dropped (2026-12-02): slots of 2^18 ns (heaps a quarter the size) were no faster;
cancelled timers left in the heap, marked, as asyncio does, so that sifts never write a handle's
index (a miss saved per level): every other timer cancelled then cost a full sift when it reached
the top instead of a short one where it was, and the workload got slower at every size (92.7 / 126
/ 301 / 395 / 617 ns against 54.2 / 70.2 / 86.3 / 211 / 370 ns, same session, alternating).
"""

NET_LIMITS = """What limits the network figures: the kernel. On one core, every server spends most of its
CPU time in system calls (the last row: reading the request, writing the response, waiting in epoll;
on loopback a write also runs the receiver's side of TCP). Weft makes the fewest a server can: one
read per readable socket (a second only when the first filled the buffer), the writes of a loop
iteration sent in one write per connection, one epoll wait per iteration; what is left for user
code is small. The virtual-thread server makes about as few (the JDK reads, parks on EAGAIN, and
its poller waits in epoll for all threads at once), so it cannot be 3x slower than any server on
the same kernel: a 3x lead over it would need a third of the system calls per request, which a
server that is not pipelined (wrk sends one request per connection at a time) cannot have.
A JFR profile of Weft's HTTP server under the same load (2026-12-02, 15 s, 109 k requests/s):
84% of the samples in native socket calls (read, write, epoll wait), 16% in Java code, of which a
sixth decodes request lines into Strings and the rest is spread over the reader, the writer's
flush and the loop (no frame above 11%). On this machine (a gVisor sandbox) system calls are
dearer than on a plain Linux kernel, which narrows every gap between the servers.
"""

# (workload, what, anchors to compare with as (key, name))
SUMMARY = [
    ("pingPongEvents", "ping-pong", [("vt1", "virtual threads on one carrier"), ("kotlin", "Kotlin coroutines"),
                                      ("platform", "platform threads"), ("python3.13.0", "asyncio")]),
    ("producerConsumer", "producer/consumer", [("vt1", "virtual threads"), ("kotlin", "Kotlin"),
                                               ("python3.13.0", "asyncio")]),
    ("spawnJoin", "spawn and join", [("vt", "virtual threads"), ("kotlin", "Kotlin"), ("python3.13.0", "asyncio")]),
    ("contention", "lock contention", [("vt1", "virtual threads"), ("kotlin", "Kotlin"),
                                       ("python3.13.0", "asyncio")]),
    ("memory", "memory", [("vt", "a parked virtual thread"), ("kotlin", "a suspended Kotlin coroutine"),
                          ("python3.13.0", "an asyncio task")]),
    ("deepCalls", "nested coroutine calls", [("kotlin", "Kotlin suspend calls"), ("python3.13.0", "asyncio")]),
]
UNITS = {"pingPongEvents": "ns per switch", "producerConsumer": "M items/s", "spawnJoin": "ns per task",
         "contention": "M acquisitions/s", "memory": "bytes per suspended coroutine",
         "deepCalls": "ns per step of 10 nested calls"}


def summary(data, processor):
    """The README's bullet list: Weft's figure per workload and how many times each anchor costs more."""
    weft, base = data.get("weft", {}), data.get("baseline", {})
    lines = []
    for workload, what, others in SUMMARY:
        if workload not in weft:
            continue
        kind = "rate" if workload in ("producerConsumer", "contention") else "ns"
        text = "- **%s**: %s %s" % (what, fmt_value(kind, weft[workload]), UNITS[workload])
        ratios = ["%s x%s" % (name, ratio(data[key][workload] / weft[workload]))
                  for key, name in others if workload in data.get(key, {})]
        if ratios:
            text += "; cost relative to Weft: " + ", ".join(ratios)
        if workload in base:
            text += "; the hand-written state machine x%s" % ratio(base[workload] / weft[workload])
        lines.append(text + ".")
    if processor.get("withoutProcessor"):
        wo = processor["withoutProcessor"]
        text = "- **processor**: javac takes x%.1f the time of the same file without it" % (
            processor["withProcessor"] / wo)
        if processor.get("twoCopiesWithoutProcessor"):
            text += (" (compiling every body twice, the floor of any processor that generates source, "
                     "already takes x%.1f)" % (processor["twoCopiesWithoutProcessor"] / wo))
        lines.append(text + ".")
    return "\n".join(lines)


def ratio(r):
    return "%.0f" % r if r >= 10 else "%.1f" % r if r >= 1 else "%.2f" % r


MARK_START, MARK_END = "<!-- benchmark-summary:start -->", "<!-- benchmark-summary:end -->"


def update_readme(path, text):
    with open(path) as f:
        readme = f.read()
    start, end = readme.find(MARK_START), readme.find(MARK_END)
    if start < 0 or end < start:
        sys.exit("report.py: %s has no %s ... %s block" % (path, MARK_START, MARK_END))
    readme = readme[:start + len(MARK_START)] + "\n" + text + "\n" + readme[end:]
    with open(path, "w") as f:
        f.write(readme)


if __name__ == "__main__":
    main()
