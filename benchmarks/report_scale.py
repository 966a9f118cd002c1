"""The scale part of the report (ScaleMain's results/scale.jsonl): a table, a chart written as an
SVG image next to RESULTS.md, and the target. Used by report.py; needs nothing beyond Python."""
import json
import math
import os

COLOURS = {"spawnJoin": "#1f77b4", "timers": "#d62728", "waitWake": "#2ca02c"}


def load(results_dir):
    path = os.path.join(results_dir, "scale.jsonl")
    rows = []
    if os.path.exists(path):
        with open(path) as f:
            rows = [json.loads(line) for line in f if line.startswith("{")]
    kinds = {}
    for r in rows:
        kinds.setdefault(r["kind"], {"label": r["label"], "points": []})["points"].append(r)
    return kinds


def sizes(kinds):
    return sorted({p["n"] for k in kinds.values() for p in k["points"]})


def table(kinds):
    if not kinds:
        return ""
    ns = sizes(kinds)
    head = "| live items | " + " | ".join("10^%d" % round(math.log10(n)) for n in ns) + " |"
    lines = [head, "|---" * (len(ns) + 1) + "|"]
    for kind in kinds.values():
        by_n = {p["n"]: p for p in kind["points"]}
        lines.append("| %s (ns per operation) | " % kind["label"] + " | ".join(
            "%.1f" % by_n[n]["nsPerOp"] if n in by_n else "-" for n in ns) + " |")
        lines.append("| heap per live item (bytes) | " + " | ".join(
            "%.0f" % by_n[n]["bytesPerItem"] if n in by_n else "-" for n in ns) + " |")
    return "\n".join(lines)


def growth(kind):
    """The cost at the largest size divided by the cost at the smallest."""
    pts = sorted(kind["points"], key=lambda p: p["n"])
    return pts[-1]["nsPerOp"] / pts[0]["nsPerOp"], pts[0]["n"], pts[-1]["n"]


def targets(kinds, target):
    for key, kind in kinds.items():
        g, lo, hi = growth(kind)
        if key == "timers":
            # Logarithmic: the cost may grow with log n; allow what log2(hi)/log2(lo) allows, twice over
            # for the caches the larger heaps outgrow.
            bound = 2 * math.log2(hi) / math.log2(lo)
            target("scale: %s, at most logarithmic growth from %s to %s timers" % (kind["label"], format(lo, ","), format(hi, ",")),
                   g <= bound, "x%.2f (bound x%.2f)" % (g, bound))
        else:
            target("scale: %s, flat from %s to %s live (within 1.5x)" % (kind["label"], format(lo, ","), format(hi, ",")),
                   g <= 1.5, "x%.2f" % g)


def chart(kinds, path):
    """Writes ns per operation against live items (both axes logarithmic) as an SVG image."""
    if not kinds:
        return False
    w, h, left, right, top, bottom = 740, 420, 70, 250, 40, 60
    ns = sizes(kinds)
    costs = [p["nsPerOp"] for k in kinds.values() for p in k["points"]]
    x0, x1 = math.log10(ns[0]), math.log10(ns[-1])
    y0 = math.floor(math.log10(min(costs)))
    y1 = math.ceil(math.log10(max(costs)))
    if y1 == y0:
        y1 += 1

    def px(n):
        return left + (math.log10(n) - x0) / (x1 - x0) * (w - left - right)

    def py(c):
        return h - bottom - (math.log10(c) - y0) / (y1 - y0) * (h - top - bottom)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (w, h),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="22" font-size="14">Cost per operation as the number of live items grows</text>' % left]
    for e in range(y0, y1 + 1):
        for m in (1, 2, 5):
            c = m * 10 ** e
            if c > 10 ** y1:
                break
            y = py(c)
            out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (left, y, w - right, y))
            out.append('<text x="%d" y="%.1f" text-anchor="end">%g</text>' % (left - 6, y + 4, c))
    for n in ns:
        x = px(n)
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x, top, x, h - bottom))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">10<tspan dy="-5" font-size="9">%d</tspan></text>'
                   % (x, h - bottom + 18, round(math.log10(n))))
    out.append('<text x="%d" y="%d" text-anchor="middle">live tasks, timers or waiters</text>'
               % ((left + w - right) / 2, h - 15))
    out.append('<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">ns per operation (log scale)</text>'
               % ((top + h - bottom) / 2, (top + h - bottom) / 2))
    for i, (key, kind) in enumerate(kinds.items()):
        colour = COLOURS.get(key, "#555")
        pts = sorted(kind["points"], key=lambda p: p["n"])
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (
            colour, " ".join("%.1f,%.1f" % (px(p["n"]), py(p["nsPerOp"])) for p in pts)))
        for p in pts:
            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (px(p["n"]), py(p["nsPerOp"]), colour))
        ly = top + 20 + 22 * i
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>' % (
            w - right + 15, ly, w - right + 35, ly, colour))
        out.append('<text x="%d" y="%d">%s</text>' % (w - right + 40, ly + 4, kind["label"]))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    return True


def summary(kinds):
    """The README's line: the cost at the smallest and the largest size of each workload."""
    if not kinds:
        return []
    parts = []
    for kind in kinds.values():
        pts = sorted(kind["points"], key=lambda p: p["n"])
        parts.append("%s %.0f ns at 10^%d, %.0f ns at 10^%d" % (
            kind["label"], pts[0]["nsPerOp"], round(math.log10(pts[0]["n"])),
            pts[-1]["nsPerOp"], round(math.log10(pts[-1]["n"]))))
    return ["- **scale** (live tasks, timers or waiters; chart in RESULTS.md): " + "; ".join(parts) + "."]
