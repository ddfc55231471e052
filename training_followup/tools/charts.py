"""Charts of the printed reports (P4.3), drawn on the server with matplotlib.

Each chart is a PNG data URI that the QWeb template puts in an <img>: wkhtmltopdf
embeds it as an image of the PDF. matplotlib is used without pyplot: every
chart is its own `Figure` on the Agg canvas, so no global figure or state is
shared between reports rendered at the same time, and nothing is left open.
Labels come translated from the caller (the report's language); Chinese needs
a CJK font, taken from the installed Noto CJK fonts when present.
"""

import base64
import functools
import io

# CJK fonts tried first (Debian's fonts-noto-cjk), then matplotlib's own
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP")
FALLBACK_FONT = "DejaVu Sans"
# colours of the series: the addon's primary and a contrasting one
COLOURS = ("#714B67", "#017E84", "#E9A23B", "#5B899E")
DPI = 120
# width of every chart in inches: half a portrait A4 page, beside its table
WIDTH = 4.0


@functools.cache
def _font_families():
    """The font families installed among the CJK ones, then the fallback:
    matplotlib falls back from one family to the next glyph by glyph."""
    from matplotlib import font_manager  # noqa: PLC0415 (optional at import)

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in CJK_FONTS if name in installed] + [FALLBACK_FONT]


def _new_figure(width, height):
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _style(ax, font):
    ax.spines[["top", "right"]].set_visible(False)
    for label in ax.get_xticklabels() + ax.get_yticklabels():
        label.set_fontproperties(font)


def _data_uri(figure):
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format="png", dpi=DPI)
    finally:
        figure.clear()
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _font(size=8):
    from matplotlib.font_manager import FontProperties  # noqa: PLC0415

    return FontProperties(family=_font_families(), size=size)


def level_bars(bars, axis_label):
    """A horizontal bar chart of `bars`: (label, percent of its scale, text
    written at the end of the bar). None when there is no bar."""
    if not bars:
        return None
    font = _font()
    figure = _new_figure(WIDTH, 0.4 * len(bars) + 0.8)
    ax = figure.add_subplot()
    labels = [label for label, _percent, _text in bars]
    percents = [percent for _label, percent, _text in bars]
    positions = list(range(len(bars)))[::-1]
    ax.barh(positions, percents, color=COLOURS[0], height=0.6)
    ax.set_yticks(positions, labels)
    ax.set_xlim(0, 115)
    ax.set_xlabel(axis_label, fontproperties=font)
    for position, percent, (_label, _percent, text) in zip(
        positions, percents, bars, strict=True
    ):
        ax.text(percent + 1.5, position, text, va="center", fontproperties=font)
    _style(ax, font)
    return _data_uri(figure)


def trend_lines(months, series, x_label):
    """A line chart of `series` over `months` (month after training): each
    series is (label, values with None where nothing was measured, axis
    label, axis maximum); the first on the left axis, the second on the
    right. None when no series has a value."""
    # each series keeps its colour, whether or not the other one is drawn
    series = [
        (COLOURS[index], *item)
        for index, item in enumerate(series[:2])
        if any(value is not None for value in item[1])
    ]
    if not months or not series:
        return None
    font = _font()
    figure = _new_figure(WIDTH, 2.0)
    ax = figure.add_subplot()
    axes = [ax, ax.twinx()] if len(series) > 1 else [ax]
    handles = []
    for axis, (colour, label, values, axis_label, maximum) in zip(
        axes, series, strict=True
    ):
        points = [(m, v) for m, v in zip(months, values, strict=True) if v is not None]
        (line,) = axis.plot(
            [m for m, _v in points],
            [v for _m, v in points],
            marker="o",
            color=colour,
            label=label,
        )
        handles.append(line)
        axis.set_ylim(0, maximum * 1.05)
        axis.set_ylabel(axis_label, fontproperties=font, color=colour)
        _style(axis, font)
    if len(axes) > 1:
        axes[1].spines["right"].set_visible(True)
    ax.set_xticks(months, [str(month) for month in months])
    ax.set_xlabel(x_label, fontproperties=font)
    for label in ax.get_xticklabels():
        label.set_fontproperties(font)
    ax.legend(handles=handles, prop=font, loc="lower left", frameon=False)
    return _data_uri(figure)
