#!/usr/bin/env bash
# The network benchmark (run by run.sh, or alone): an HTTP server and an echo server in Weft,
# Netty 4 (NIO, one event loop), virtual threads (JDK 25, a thread per connection) and Python
# asyncio, each pinned to core 0 with taskset; wrk (HTTP, 64 keep-alive connections) and
# EchoLoad (16 connections of 64 KiB round trips) pinned to core 1. Writes results/net.json.
#
#   benchmarks/net.sh [RESULTS_DIR]     # needs benchmarks/target/benchmarks.jar (run.sh builds it)
#
# Installs wrk (Debian package) if it is missing. NET_SECONDS sets each measurement (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=${1:-$ROOT/benchmarks/results}
JDK=${WEFT_BENCH_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JDK/bin/java"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
SECONDS_EACH=${NET_SECONDS:-10}
WARMUP=${NET_WARMUP:-5}
SERVER_CORE=0
LOAD_CORE=1
mkdir -p "$OUT"

if ! command -v wrk > /dev/null; then
    echo "== installing wrk"
    (apt-get install -y wrk > /dev/null 2>&1 || (apt-get update > /dev/null && apt-get install -y wrk > /dev/null)) \
        || { echo "cannot install wrk" >&2; exit 1; }
fi
[ "$(nproc)" -ge 2 ] || { echo "the network benchmark needs 2 cores (server and load each on one)" >&2; exit 1; }

# The same heap and collector for the three JVM servers, one core each (taskset also tells the JVM).
JVM_FLAGS="-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"

server_command() { # anchor kind port
    case $1 in
        weft) echo "$JAVA $JVM_FLAGS -cp $JAR dev.weft.bench.net.WeftServers $2 $3" ;;
        netty) echo "$JAVA $JVM_FLAGS -cp $JAR dev.weft.bench.net.NettyServers $2 $3" ;;
        virtual) echo "$JAVA $JVM_FLAGS -cp $JAR dev.weft.bench.net.VirtualThreadServers $2 $3" ;;
        asyncio) echo "python3 $ROOT/benchmarks/python/net_asyncio.py $2 $3" ;;
    esac
}

PORT=19100
SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2> /dev/null || true
        wait "$SERVER_PID" 2> /dev/null || true
        SERVER_PID=
    fi
}
trap stop_server EXIT

start_server() { # anchor kind
    PORT=$((PORT + 1))
    local log="$OUT/net-$1-$2.log"
    # shellcheck disable=SC2046
    taskset -c $SERVER_CORE $(server_command "$1" "$2" "$PORT") > "$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do
        grep -q "listening on" "$log" && return 0
        sleep 0.1
    done
    cat "$log" >&2
    echo "$1 $2 server did not start" >&2
    exit 1
}

# wrk's summary to JSON: requests/s, p50 and p99 latency in microseconds.
wrk_json() {
    python3 - "$1" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
def us(v):
    n, unit = re.match(r"([\d.]+)(us|ms|s)", v).groups()
    return float(n) * {"us": 1, "ms": 1e3, "s": 1e6}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
lat = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)", text, re.M))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", text)
print(json.dumps({"rps": rps, "p50us": us(lat["50"]), "p99us": us(lat["99"]),
                  "errors": errors.group(0) if errors else None}))
PY
}

RESULT="$OUT/net.json"
echo "{" > "$RESULT"
first=1
for anchor in weft netty virtual asyncio; do
    echo "== network: $anchor"
    start_server "$anchor" http
    taskset -c $LOAD_CORE wrk -t1 -c64 -d"${WARMUP}s" "http://127.0.0.1:$PORT/plaintext" > /dev/null
    cpu_before=$(awk '{print $14, $15}' "/proc/$SERVER_PID/stat")
    taskset -c $LOAD_CORE wrk -t1 -c64 -d"${SECONDS_EACH}s" --latency "http://127.0.0.1:$PORT/plaintext" \
        > "$OUT/net-$anchor-wrk.txt"
    cpu_after=$(awk '{print $14, $15}' "/proc/$SERVER_PID/stat")
    # The server's CPU time during the measured run, in user code and in the kernel (clock ticks).
    http=$(wrk_json "$OUT/net-$anchor-wrk.txt" | python3 -c "
import json, sys
r = json.load(sys.stdin)
b, a = '$cpu_before'.split(), '$cpu_after'.split()
r['userTicks'], r['systemTicks'] = int(a[0]) - int(b[0]), int(a[1]) - int(b[1])
print(json.dumps(r))")
    stop_server
    start_server "$anchor" echo
    echo_result=$(taskset -c $LOAD_CORE "$JAVA" -Xmx512m -cp "$JAR" dev.weft.bench.net.EchoLoad "$PORT" 16 "$WARMUP" "$SECONDS_EACH")
    stop_server
    echo "   http $http"
    echo "   echo $echo_result"
    [ $first = 1 ] || echo "," >> "$RESULT"
    first=0
    printf '"%s": {"http": %s, "echo": %s}' "$anchor" "$http" "$echo_result" >> "$RESULT"
done
printf '\n}\n' >> "$RESULT"
echo "== wrote $RESULT"
