"""The network part of the report (benchmarks/net.sh's results/net.json): a table, the targets,
and the README's summary lines. Used by report.py."""
import json
import os

SERVERS = [("weft", "Weft"), ("netty", "Netty 4 (NIO, one event loop)"),
           ("virtual", "virtual threads (a thread per connection)"), ("asyncio", "Python asyncio streams")]


def load(results_dir):
    path = os.path.join(results_dir, "net.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def table(net):
    if "weft" not in net:
        return ""
    weft = net["weft"]
    cols = [k for k, _ in SERVERS if k in net]
    head = "| | " + " | ".join(label for k, label in SERVERS if k in net) + " |"
    lines = [head, "|---" * (len(cols) + 1) + "|"]

    def row(label, get, fmt, weft_better_when_higher=None):
        cells = []
        for k in cols:
            v = get(net[k])
            cell = fmt % v
            if k != "weft" and weft_better_when_higher is not None:
                w = get(weft)
                r = (w / v) if weft_better_when_higher else (v / w)
                cell += " (Weft x%.2f)" % r
            cells.append(cell)
        lines.append("| %s | %s |" % (label, " | ".join(cells)))

    row("HTTP requests/s, 64 keep-alive connections", lambda r: r["http"]["rps"] / 1000, "%.1f k", True)
    row("HTTP latency p50", lambda r: r["http"]["p50us"] / 1000, "%.2f ms", False)
    row("HTTP latency p99", lambda r: r["http"]["p99us"] / 1000, "%.2f ms", False)
    row("echo, 16 connections of 64 KiB round trips", lambda r: r["echo"]["mbPerSecond"], "%.0f MB/s", True)
    if all("userTicks" in net[k]["http"] for k in cols):
        row("server CPU in the kernel during the HTTP run",
            lambda r: 100.0 * r["http"]["systemTicks"] / max(1, r["http"]["systemTicks"] + r["http"]["userTicks"]),
            "%.0f%%")
    return "\n".join(lines)


def targets(net, feature, target):
    """Adds the issue's network targets through target(text, ok, detail)."""
    if "weft" in net and "netty" in net:
        w, n = net["weft"]["http"]["rps"], net["netty"]["http"]["rps"]
        target("HTTP: at least Netty's requests/s on one core", w >= n, "x%.2f of Netty" % (w / n))
        we, ne = net["weft"]["echo"]["mbPerSecond"], net["netty"]["echo"]["mbPerSecond"]
        target("echo throughput within 20% of Netty", we >= 0.8 * ne, "x%.2f of Netty" % (we / ne))
    if "weft" in net and "virtual" in net:
        w, v = net["weft"]["http"]["rps"], net["virtual"]["http"]["rps"]
        target("HTTP: at least 3x the virtual-thread server's requests/s", w >= 3 * v, "x%.2f" % (w / v))
    if "pingPongWithSockets" in feature and "pingPongNoSockets" in feature:
        r = feature["pingPongWithSockets"] / feature["pingPongNoSockets"]
        target("a loop with open sockets adds at most 10% to ping-pong", r <= 1.1, "x%.2f" % r)


def summary(net):
    if "weft" not in net:
        return []
    w = net["weft"]
    text = "- **HTTP server** (one core, 64 keep-alive connections, wrk): %.0f k requests/s" % (w["http"]["rps"] / 1000)
    ratios = ["%s x%.2f" % (label.split(" (")[0], w["http"]["rps"] / net[k]["http"]["rps"])
              for k, label in SERVERS if k != "weft" and k in net]
    if ratios:
        text += "; Weft's rate against " + ", ".join(ratios)
    text += ". **Echo**: %.0f MB/s" % w["echo"]["mbPerSecond"]
    ratios = ["%s x%.2f" % (label.split(" (")[0], w["echo"]["mbPerSecond"] / net[k]["echo"]["mbPerSecond"])
              for k, label in SERVERS if k != "weft" and k in net]
    if ratios:
        text += "; against " + ", ".join(ratios)
    return [text + "."]
