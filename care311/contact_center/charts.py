"""Charts drawn on the server as SVG: no script, no CDN, readable without colour.

Each chart has a title and a description for screen readers; the pages show the same
numbers in a table beside it. Series are told apart by dash pattern as well as colour.
"""

from dataclasses import dataclass
from math import ceil, log10

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48
DASHES = ("", "6 4", "2 3")


@dataclass
class Series:
    label: str
    values: list[float | None]


def line_chart(title: str, x_labels: list[str], series: list[Series], unit: str = "") -> SafeString:
    """Lines over labelled points; a None value breaks its line."""
    top = _nice_top(max((v for s in series for v in s.values if v is not None), default=0))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = max(len(x_labels), 1)

    def x(index: int) -> float:
        return LEFT + (inner_w * (index + 0.5) / count)

    def y(value: float) -> float:
        return TOP + inner_h * (1 - value / top)

    parts = [_axes(top, unit, inner_w, inner_h), _x_labels(x_labels, x)]
    for number, one in enumerate(series):
        for run in _runs(one.values):
            points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)
            dash = DASHES[number % len(DASHES)]
            parts.append(
                f'<polyline class="line series-{number}" points="{points}" '
                f'stroke-dasharray="{dash}"/>'
            )
            if len(run) == 1:
                i, v = run[0]
                parts.append(
                    f'<circle class="series-{number}" cx="{x(i):.1f}" cy="{y(v):.1f}" r="3"/>'
                )
    return _svg(title, series, parts)


def bar_chart(
    title: str, x_labels: list[str], values: list[float | None], unit: str = ""
) -> SafeString:
    top = _nice_top(max((v for v in values if v is not None), default=0))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = max(len(x_labels), 1)
    step = inner_w / count
    parts = [
        _axes(top, unit, inner_w, inner_h),
        _x_labels(x_labels, lambda i: LEFT + step * (i + 0.5)),
    ]
    for index, value in enumerate(values):
        if not value:
            continue
        height = inner_h * value / top
        left = LEFT + step * index + step * 0.15
        parts.append(
            f'<rect class="series-0" x="{left:.1f}" y="{TOP + inner_h - height:.1f}" '
            f'width="{step * 0.7:.1f}" height="{height:.1f}"/>'
        )
    return _svg(title, [Series(title, values)], parts)


def _svg(title: str, series: list[Series], parts: list[str]) -> SafeString:
    names = escape(", ".join(s.label for s in series))
    label = _id(title)
    head = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="{label}">'
        f'<title id="{label}">{escape(title)}</title><desc>Series: {names}</desc>'
    )
    # Every text in the parts went through escape(); the rest are numbers.
    return mark_safe(head + "".join(parts) + "</svg>")  # noqa: S308


def _axes(top: float, unit: str, inner_w: float, inner_h: float) -> str:
    parts = []
    for step in range(5):
        value = top * step / 4
        y = TOP + inner_h * (1 - step / 4)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{LEFT + inner_w}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_short(value)}{escape(unit)}</text>"
        )
    base = TOP + inner_h
    parts.append(f'<line class="axis" x1="{LEFT}" x2="{LEFT + inner_w}" y1="{base}" y2="{base}"/>')
    return "".join(parts)


def _x_labels(labels: list[str], x) -> str:
    # At most about twelve labels fit; show every n-th.
    every = max(1, ceil(len(labels) / 12))
    return "".join(
        f'<text x="{x(index):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
        f"{escape(label)}</text>"
        for index, label in enumerate(labels)
        if index % every == 0
    )


def _runs(values: list[float | None]) -> list[list[tuple[int, float]]]:
    runs: list[list[tuple[int, float]]] = [[]]
    for index, value in enumerate(values):
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((index, value))
    return [run for run in runs if run]


def _nice_top(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** int(log10(value))
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10.0 * magnitude


def _short(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _id(title: str) -> str:
    return "chart-" + "".join(c if c.isalnum() else "-" for c in title.lower())[:40]
