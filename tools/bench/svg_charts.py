"""Two small SVG charts written by hand (no plotting library): horizontal bars with reference lines, and a log-log
scatter with fitted lines. Used by side_by_side.py for docs/performance.md.
"""
import math
from xml.sax.saxutils import escape

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def _text(x, y, content, size=11, anchor="start", color="#222", extra=""):
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{color}" {FONT} {extra}>{escape(str(content))}</text>'


def bars(path, title, rows, references, x_label, x_max=None, markers=None, marker_label=None):
    """rows: [(label, value, color_index)], drawn top to bottom; references: [(value, label)] vertical dashed lines;
    markers: one value per row (or None) drawn as a black tick on that row, explained by marker_label."""
    width, left, right, top, row_height = 820, 260, 40, 64, 18
    height = top + row_height * len(rows) + 70
    x_max = x_max or max([v for _, v, _ in rows] + [r for r, _ in references]) * 1.1
    plot = width - left - right

    def sx(value):
        return left + plot * min(value, x_max) / x_max

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             f'<rect width="{width}" height="{height}" fill="white"/>', _text(width / 2, 24, title, 14, "middle")]
    for i, (label, value, color) in enumerate(rows):
        y = top + i * row_height
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{max(sx(value) - left, 1):.1f}" height="{row_height - 6}" fill="{COLORS[color % len(COLORS)]}"/>')
        parts.append(_text(left - 6, y + row_height - 5, label, 10, "end"))
        parts.append(_text(sx(value) + 4, y + row_height - 5, f"{value:.2f}", 9))
        if markers and markers[i] is not None:
            parts.append(f'<line x1="{sx(markers[i]):.1f}" y1="{y + 1}" x2="{sx(markers[i]):.1f}" y2="{y + row_height - 1}" stroke="black" stroke-width="2"/>')
    bottom = top + row_height * len(rows)
    parts.append(f'<line x1="{left}" y1="{bottom}" x2="{width - right}" y2="{bottom}" stroke="#444"/>')
    for k in range(6):
        value = x_max * k / 5
        parts.append(f'<line x1="{sx(value):.1f}" y1="{bottom}" x2="{sx(value):.1f}" y2="{bottom + 4}" stroke="#444"/>')
        parts.append(_text(sx(value), bottom + 16, f"{value:.2f}", 10, "middle"))
    for k, (value, label) in enumerate(references):
        # Labels alternate between two heights so that neighbours do not overlap.
        parts.append(f'<line x1="{sx(value):.1f}" y1="{top - 20 + 12 * (k % 2)}" x2="{sx(value):.1f}" y2="{bottom}" stroke="#555" stroke-dasharray="4,3"/>')
        parts.append(_text(sx(value), top - 23 + 12 * (k % 2), label, 10, "middle", "#555"))
    parts.append(_text(left + plot / 2, bottom + 36, x_label, 11, "middle"))
    if marker_label:
        parts.append(f'<line x1="{left}" y1="{bottom + 44}" x2="{left}" y2="{bottom + 56}" stroke="black" stroke-width="2"/>')
        parts.append(_text(left + 6, bottom + 54, marker_label, 10))
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def loglog(path, title, series, x_label, y_label):
    """series: [(name, [(x, y)], slope)] — points, and the fitted line y = slope·x drawn over their x range."""
    width, height, left, right, top, bottom = 720, 460, 80, 30, 40, 60
    xs = [x for _, points, _ in series for x, _ in points]
    ys = [y for _, points, _ in series for _, y in points]
    x0, x1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    pw, ph = width - left - right, height - top - bottom

    def sx(x):
        return left + pw * (math.log10(x) - x0) / max(x1 - x0, 1)

    def sy(y):
        return top + ph * (1 - (math.log10(y) - y0) / max(y1 - y0, 1))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
             f'<rect width="{width}" height="{height}" fill="white"/>', _text(width / 2, 22, title, 14, "middle"),
             f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>']
    for e in range(x0, x1 + 1):
        parts.append(f'<line x1="{sx(10 ** e):.1f}" y1="{top}" x2="{sx(10 ** e):.1f}" y2="{top + ph}" stroke="#ddd"/>')
        parts.append(_text(sx(10 ** e), top + ph + 16, f"1e{e}", 10, "middle"))
    for e in range(y0, y1 + 1):
        parts.append(f'<line x1="{left}" y1="{sy(10 ** e):.1f}" x2="{left + pw}" y2="{sy(10 ** e):.1f}" stroke="#ddd"/>')
        parts.append(_text(left - 6, sy(10 ** e) + 4, f"1e{e}", 10, "end"))
    for i, (name, points, slope) in enumerate(series):
        color = COLORS[i % len(COLORS)]
        lo, hi = min(x for x, _ in points), max(x for x, _ in points)
        parts.append(f'<line x1="{sx(lo):.1f}" y1="{sy(slope * lo):.1f}" x2="{sx(hi):.1f}" y2="{sy(slope * hi):.1f}" stroke="{color}" stroke-width="1.5"/>')
        for x, y in points:
            parts.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3.5" fill="{color}"/>')
        parts.append(f'<circle cx="{left + 14}" cy="{top + 16 + 18 * i}" r="4" fill="{color}"/>')
        parts.append(_text(left + 24, top + 20 + 18 * i, name, 11))
    parts.append(_text(left + pw / 2, height - 18, x_label, 11, "middle"))
    parts.append(_text(18, top + ph / 2, y_label, 11, "middle", extra=f'transform="rotate(-90 18 {top + ph / 2})"'))
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")
