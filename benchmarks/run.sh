#!/usr/bin/env bash
# Builds the benchmarks and runs every workload for Weft and its anchors in one go (10 to 14
# minutes on 2 cores, the network part included), prints one table, writes benchmarks/RESULTS.md
# and updates the summary of the figures in README.md.
#
#   benchmarks/run.sh            # everything
#   QUICK=1 benchmarks/run.sh    # one short iteration each: checks the script, numbers are rough
#
# Needs JDK 21+ (WEFT_BENCH_JDK, default Temurin 25), Maven, python3, taskset and wrk (net.sh
# installs it); python3.13 through pyenv (PYENV_VERSION=3.13.0) is used too when present. Raw
# results go to benchmarks/results/.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
JDK=${WEFT_BENCH_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JDK/bin/java"
OUT="$ROOT/benchmarks/results"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
# The same flags for every JVM anchor. A fixed, pre-touched heap: on virtual machines the first
# touch of a page is slow enough to swamp the workloads.
JVM_FLAGS="-Xms2g -Xmx2g -Xmn1536m -XX:+UseParallelGC -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch"
if [[ -n "${QUICK:-}" ]]; then
    JMH_RUN=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
    PROC_RUN=(-wi 2 -i 2)
else
    JMH_RUN=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
    PROC_RUN=()
fi
START=$(date +%s)

echo "== build (JDK: $JDK)"
JAVA_HOME="$JDK" mvn -B -q -Pbenchmarks -pl benchmarks -am package -DskipTests
rm -rf "$OUT"
mkdir -p "$OUT"

jmh() { # tag, regex, extra JVM flags
    local tag=$1 regex=$2 extra=$3
    echo "== JMH: $tag"
    "$JAVA" -jar "$JAR" "$regex" "${JMH_RUN[@]}" -jvmArgs "$JVM_FLAGS $extra" \
        -rf json -rff "$OUT/jmh-$tag.json" > "$OUT/jmh-$tag.log" 2>&1 \
        || { tail -30 "$OUT/jmh-$tag.log"; exit 1; }
    grep -E '^[A-Za-z]+Bench\.' "$OUT/jmh-$tag.log" || true
}

jmh main 'dev.weft.bench.(Weft|Baseline|Kotlin|PlatformThread|Feature)Bench' ""
jmh vt1 'dev.weft.bench.VirtualThreadBench' "-Djdk.virtualThreadScheduler.parallelism=1"
jmh vt 'dev.weft.bench.VirtualThreadBench' ""
echo "== JMH: processor"
# javac keeps more alive than the workloads: a larger old generation, the same collector.
PROC_FLAGS="-Xms3g -Xmx3g -XX:+UseParallelGC -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch"
"$JAVA" -jar "$JAR" 'dev.weft.bench.ProcessorBench' "${PROC_RUN[@]}" -jvmArgs "$PROC_FLAGS" \
    -rf json -rff "$OUT/jmh-processor.json" > "$OUT/jmh-processor.log" 2>&1 \
    || { tail -30 "$OUT/jmh-processor.log"; exit 1; }
grep -E '^ProcessorBench\.' "$OUT/jmh-processor.log" || true

echo "== memory (a JVM per anchor)"
MEM_FLAGS="-Xmx6g -XX:+UseParallelGC"
for run in "weft 1000000" "baseline 1000000" "kotlin 1000000" "virtual 1000000" "platform 10000"; do
    # shellcheck disable=SC2086
    "$JAVA" $MEM_FLAGS -cp "$JAR" dev.weft.bench.MemoryMain $run | tee -a "$OUT/memory.jsonl"
done

# JDK 25's compact object headers (8-byte headers instead of 12), reported beside the default.
"$JAVA" $MEM_FLAGS -XX:+UseCompactObjectHeaders -cp "$JAR" dev.weft.bench.MemoryMain weft 1000000 \
    | sed 's/"anchor": "weft"/"anchor": "weftCompactHeaders"/' | tee -a "$OUT/memory.jsonl"

echo "== scale: 10^3 .. 10^${SCALE_MAX:-7} live tasks, timers, waiters (a JVM of its own)"
# 10^7 live tasks need about 1 GiB; the rest of the heap keeps collections rare.
"$JAVA" -Xms10g -Xmx10g -XX:+UseParallelGC -XX:+AlwaysPreTouch -cp "$JAR" dev.weft.bench.ScaleMain \
    "${SCALE_MAX:-$([[ -n "${QUICK:-}" ]] && echo 5 || echo 7)}" | tee "$OUT/scale.jsonl"

echo "== Python asyncio"
PYTHONS=""
python3 "$ROOT/benchmarks/python/bench_asyncio.py" > "$OUT/python-default.json"
PYTHONS="$(python3 --version 2>&1)"
if PYENV_VERSION=3.13.0 python3.13 --version > /dev/null 2>&1; then
    PYENV_VERSION=3.13.0 python3.13 "$ROOT/benchmarks/python/bench_asyncio.py" > "$OUT/python-313.json"
    PYTHONS="$PYTHONS, $(PYENV_VERSION=3.13.0 python3.13 --version 2>&1)"
fi
cat "$OUT"/python-*.json

echo "== network (servers pinned to one core, load on the other)"
WEFT_BENCH_JDK="$JDK" bash "$ROOT/benchmarks/net.sh" "$OUT"

echo "== report"
pomprop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/benchmarks/pom.xml" | head -1; }
python3 - "$OUT/env.json" <<PY
import json, os, subprocess, sys
def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-").strip()
mem_kb = int(sh("grep MemTotal /proc/meminfo | awk '{print \$2}'"))
jdk = sh("'$JAVA' -XshowSettings:properties -version 2>&1 | grep -E 'java.(vm.)?(vendor|version) =' | sed 's/^ *//' | tr '\n' ';'")
env = {
    "date": sh("date -u '+%Y-%m-%d %H:%M UTC'"),
    "commit": sh("git rev-parse --short HEAD"),
    "cpu": cpu,
    "cores": sh("nproc"),
    "memory": "%.1f GiB" % (mem_kb / 1024 / 1024),
    "os": sh("uname -sr"),
    "jdk": jdk.rstrip(';'),
    "kotlin": "$(pomprop kotlin.version) (kotlin-maven-plugin)",
    "kotlinx-coroutines": "$(pomprop kotlinx-coroutines.version)",
    "python": "$PYTHONS",
    "jmh": "${JMH_RUN[*]}",
    "netSeconds": "${NET_SECONDS:-10}",
    "netWarmup": "${NET_WARMUP:-5}",
    "jvmFlags": "$JVM_FLAGS",
    "procFlags": "$PROC_FLAGS",
}
json.dump(env, open(sys.argv[1], "w"), indent=1)
PY
python3 "$ROOT/benchmarks/report.py" "$OUT" "$ROOT/benchmarks/RESULTS.md" "$ROOT/README.md"
echo "== done in $(( $(date +%s) - START )) s; wrote benchmarks/RESULTS.md"
