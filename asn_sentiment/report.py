"""The HTML report: key numbers, charts and methods in one self-contained page.

Assembles what :mod:`asn_sentiment.trends` computed and
:mod:`asn_sentiment.charts` drew, through a Jinja2 template; it computes no
statistics itself.  Charts are embedded as base64 data, so the file has no
external references and can be forwarded as it is.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path

import jinja2

from asn_sentiment import __version__
from asn_sentiment.i18n import kind_label, t
from asn_sentiment.taxonomy import Taxonomy
from asn_sentiment.trends import Trends


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("asn_sentiment", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _pct(value: float) -> str:
    return "–" if value is None or math.isnan(value) else f"{value * 100:.0f}%"


def render_report(
    trends: Trends,
    taxonomy: Taxonomy,
    charts: Sequence[Path],
    *,
    model: str,
    theme_model: str,
    sources: Sequence[str],
    lang: str = "id",
    generated: str | None = None,
) -> str:
    """Render ``report.html`` as a string."""
    top = trends.themes.sort_values(["share", "theme"], ascending=[False, True]).head(6)
    template = _environment().get_template("report.html.j2")
    return template.render(
        lang=lang,
        tr=lambda key, **kw: t(key, lang, **kw),
        pct=_pct,
        generated=generated or dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        version=__version__,
        n=int(trends.totals.get("n", 0)),
        totals=trends.totals,
        top_themes=[
            {
                "label": taxonomy[r.theme].label(lang),
                "kind": kind_label(r.kind, lang),
                "share": r.share,
            }
            for r in top.itertuples()
            if r.count > 0
        ],
        charts=[
            {"title": p.stem, "data": base64.b64encode(p.read_bytes()).decode("ascii")}
            for p in charts
        ],
        model=model,
        theme_model=theme_model,
        undated=trends.undated,
        sources=list(sources),
    )
