"""The capstone plan as one printable page: Markdown and self-contained HTML, every number with its sources."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..data import Figure, figure
from ..data import modes as modes_data
from ..i18n import t
from ..tables import figure_value
from ..widgets.format import days, kg, money, months, number, percent
from .plan import _ABOVE, _LEARNER, FirstProductPlan  # noqa: F401

# -- the one-page plan ------------------------------------------------------------------------
_CSS = (".xbedu-plan{font:14px/1.45 system-ui,-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;"
        "color:#111;max-width:820px;margin:0 auto}.xbedu-plan h1{font-size:1.45em;margin:.2em 0}"
        ".xbedu-plan h2{font-size:1.1em;margin:1em 0 .3em;border-bottom:1px solid #bbb}"
        ".xbedu-plan table{border-collapse:collapse;width:100%;margin:.3em 0}"
        ".xbedu-plan th,.xbedu-plan td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
        ".xbedu-plan td.n{text-align:right;white-space:nowrap}.xbedu-plan .warn{border-left:4px solid #D55E00;"
        "padding:2px 8px;margin:4px 0;background:#fff5ec}.xbedu-plan .assumption{font-style:italic;color:#7a4a00}"
        ".xbedu-plan td:last-child{font-size:.86em;width:16%}.xbedu-plan th[scope=row]{width:22%;font-weight:600}"
        ".xbedu-plan ol.sources{font-size:.82em;padding-left:2em;overflow-wrap:anywhere}.xbedu-plan .small{font-size:.86em;color:#444}"
        "@media print{@page{margin:12mm}.xbedu-plan{font-size:9.5pt;max-width:none}.xbedu-plan ol.sources{columns:2;font-size:7.5pt}.xbedu-plan a{color:#111}"
        ".xbedu-plan h2{break-after:avoid}.xbedu-plan tr{break-inside:avoid}}")


@dataclass(frozen=True, slots=True)
class _Refs:
    """A table cell that points at source numbers (and maybe at the learner's input or the lines above)."""

    numbers: tuple[int, ...]
    learner: bool
    above: bool = False


def _name(plan: FirstProductPlan, lang: str) -> str:
    return plan.product_name.strip() or t("capstone.doc.unnamed", lang)


def _fmt_value(fig: Figure) -> str:
    return figure_value(fig.value, fig.unit)


def _headline(plan: FirstProductPlan, lang: str) -> str:
    u, run, g = plan.unit, plan.runway, plan.guide_totals
    fields = dict(product=_name(plan, lang), price=money(u.revenue_usd, lang),
                  platform=t(f"economics.platform.{plan.platform}", lang), market=t(f"capstone.market.{plan.market}", lang),
                  option=t(f"logistics.option.{plan.logistics_option}", lang), profit=money(abs(u.profit_usd), lang),
                  margin=percent(u.margin), total=money(plan.capital_totals.typical_usd, lang),
                  low=money(g.min_usd, lang), high=money(g.max_usd, lang))
    first = t("capstone.headline.loss" if u.loses_money else "capstone.headline.profit", lang, **fields)
    last = (t("capstone.headline.shortfall", lang, short=money(run.shortfall_usd, lang)) if run.shortfall_usd > 0
            else t("capstone.headline.runway", lang, months=months(run.months, lang)))
    return t("widgets.sentence_sep", lang).join((first, last))


def _blocks(plan: FirstProductPlan, lang: str) -> tuple[list[tuple[Any, ...]], tuple[Figure, ...]]:
    """The plan as language-specific blocks: ("h1"|"p"|"warn"|"h2", text) and ("table", headers, rows)."""
    srcs = plan.sources
    numbers = {f.id: n for n, f in enumerate(srcs, start=1)}

    def refs(key: str) -> _Refs:
        ids = plan.sources_of(key)
        return _Refs(tuple(dict.fromkeys(numbers[i] for i in ids if i in numbers)), _LEARNER in ids, _ABOVE in ids)

    tr = lambda key, **kw: t(key, lang, **kw)  # noqa: E731 - a short alias keeps the tables readable
    usd = lambda x: money(x, lang, decimals=2)  # noqa: E731
    u, q, fit = plan.unit, plan.quote, plan.mode_fit
    blocks: list[tuple[Any, ...]] = [
        ("h1", tr("capstone.doc.title", product=_name(plan, lang))),
        ("p", tr("capstone.doc.meta", on=plan.on.isoformat())),
        ("p", _headline(plan, lang)),
        *(("warn", w) for w in plan.warnings(lang)),
        ("h2", tr("capstone.section.choices")),
    ]
    reasons = t("widgets.sentence_sep", lang).join(m.render(lang) for m in fit.reasons) or "—"
    customs = tr(f"capstone.market.{plan.customs_market}") if plan.customs_market else tr("capstone.doc.no_customs")
    traits = tr("capstone.doc.list_sep").join(x.text(lang) for x in plan.region.traits)
    market_figs = tr("capstone.doc.list_sep").join(tr("capstone.doc.label_value", label=figure(i).label(lang),
                                                      value=_fmt_value(figure(i))) for i in plan.region.figure_ids)
    fees = plan.inputs
    platform_text = tr("capstone.doc.platform_detail", referral=percent(fees.referral_rate),
                       fulfilment=usd(fees.fulfilment_fee_usd), storage=usd(fees.storage_per_unit_usd))
    ship_text = tr("capstone.doc.logistics_detail", units=plan.shipment.units,
                   weight=kg(round(q.chargeable_weight_kg, 2), lang), cost=money(q.cost_usd, lang),
                   per_unit=usd(q.cost_per_unit_usd), low=days(q.days_min, lang), high=days(q.days_max, lang),
                   holding=usd(q.holding_cost_usd))
    ship_notes = "".join(t("widgets.sentence_sep", lang) + m.render(lang) for m in q.notes)
    blocks.append(("table", (tr("capstone.col.item"), tr("capstone.col.choice"), tr("capstone.col.details"),
                             tr("capstone.col.sources")), [
        (tr("capstone.row.mode"), plan.mode, tr("capstone.doc.mode_detail", rank=plan.mode_rank, score=fit.score,
                                                top=plan.top_mode) + t("widgets.sentence_sep", lang) + reasons,
         tr("capstone.doc.teaching_model")),
        (tr("capstone.row.market"), f"{plan.region.name(lang)} · {customs}",
         tr("capstone.doc.market_detail", traits=traits, figures=market_figs), refs("market")),
        (tr("capstone.row.platform"), tr(f"economics.platform.{plan.platform}"), platform_text, refs("referral")),
        (tr("capstone.row.logistics"), tr(f"logistics.option.{plan.logistics_option}"), ship_text + ship_notes,
         refs("logistics")),
    ], False))
    share = (lambda x: percent(x / u.revenue_usd)) if u.revenue_usd > 0 else (lambda x: "—")
    rows = [(tr("charts.economics.price"), usd(u.revenue_usd), share(u.revenue_usd), refs("price"))]
    rows += [(tr(f"economics.line.{line.key}"), usd(-line.usd), share(line.usd), refs(line.key))
             for line in u.lines if abs(line.usd) >= 0.005]
    rows.append((tr("charts.economics.loss" if u.loses_money else "charts.economics.profit"), usd(u.profit_usd),
                 share(u.profit_usd), refs("profit")))
    roi = percent(u.roi) if math.isfinite(u.roi) else "—"
    units_text = (tr("capstone.doc.never") if math.isinf(plan.break_even_units)
                  else tr("capstone.doc.units_month", n=number(math.ceil(plan.break_even_units - 1e-9))))
    rows += [(tr("capstone.row.landed"), usd(u.landed_cost_usd), share(u.landed_cost_usd), refs("landed")),
             (tr("capstone.row.margin_roi"), f"{percent(u.margin)} / {roi}", "", refs("profit")),
             (tr("capstone.row.break_even_price"), usd(plan.break_even_price_usd), "", refs("profit")),
             (tr("capstone.row.break_even_units", monthly=money(plan.runway.monthly_cost_usd, lang)), units_text, "",
              refs("break_even_units"))]
    blocks += [("h2", tr("capstone.section.unit")),
               ("table", (tr("capstone.col.line"), tr("capstone.col.usd"), tr("capstone.col.share"),
                          tr("capstone.col.sources")), rows, True)]
    cap_rows = []
    for own, guide in zip(plan.capital_lines, plan.guide_lines):
        cap_rows.append((tr(f"startup.line.{own.key}"), money(own.typical_usd, lang),
                         tr("widgets.range", low=money(guide.min_usd, lang), high=money(guide.max_usd, lang)),
                         _Refs(refs(f"capital.{own.key}").numbers + refs(f"guide.{own.key}").numbers,
                               refs(f"capital.{own.key}").learner)))
    g = plan.guide_totals
    cap_rows.append((tr("startup.line.total"), money(plan.capital_totals.typical_usd, lang),
                     tr("widgets.range", low=money(g.min_usd, lang), high=money(g.max_usd, lang)), refs("guide.total")))
    run = plan.runway
    run_text = (tr("capstone.doc.shortfall", capital=money(run.capital_usd, lang), short=money(run.shortfall_usd, lang))
                if run.shortfall_usd > 0 else
                tr("capstone.doc.runway", capital=money(run.capital_usd, lang), left=money(run.left_after_launch_usd, lang),
                   monthly=money(run.monthly_cost_usd, lang), months=months(run.months, lang)))
    blocks += [("h2", tr("capstone.section.capital")),
               ("table", (tr("capstone.col.line"), tr("capstone.col.yours"), tr("capstone.col.guide"),
                          tr("capstone.col.sources")), cap_rows, True),
               ("p", run_text), ("h2", tr("capstone.section.sources")), ("p", tr("capstone.doc.sources_intro")),
               ("p", tr("capstone.doc.fit_note", note=modes_data.fit_finder_note().get(lang)))]
    return blocks, srcs


def _refs_text(cell: _Refs, lang: str, link: bool) -> str:
    parts = []
    for low, high in _runs(cell.numbers):
        ends = [(f'<a href="#src-{n}">{n}</a>' if link else str(n)) for n in ((low,) if low == high else (low, high))]
        parts.append(("–" if high > low + 1 else ", ").join(ends))
    words = [t(key, lang) for key, on in (("capstone.doc.from_above", cell.above), ("capstone.doc.your_input", cell.learner)) if on]
    text = " ".join([*(html.escape(w) if link else _md(w) for w in words), f"[{', '.join(parts)}]" if parts else ""])
    return text.strip() or "—"


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Group source numbers into runs: (4, 5, 6, 9) → [(4, 6), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _source_parts(fig: Figure, lang: str) -> tuple[str, str, str]:
    """(label with value, where it comes from, as of) of one figure."""
    label = t("capstone.doc.label_value", lang, label=fig.label(lang), value=_fmt_value(fig))
    where = t("capstone.doc.assumption", lang) if fig.assumption else fig.source_title
    return label, where, t("widgets.as_of", lang, as_of=fig.as_of)


def _md(text: str) -> str:
    """Escape text for Markdown: HTML specials as entities, Markdown specials with a backslash."""
    out = html.escape(str(text), quote=False).replace("\n", " ")
    for ch in "\\`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return out


def _markdown(plan: FirstProductPlan, lang: str) -> str:
    blocks, srcs = _blocks(plan, lang)
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "h1":
            out.append(f"# {_md(block[1])}")
        elif kind == "h2":
            out.append(f"## {_md(block[1])}")
        elif kind == "p":
            out.append(_md(block[1]))
        elif kind == "warn":
            out.append(f"> ⚠ **{_md(t('widgets.warning.heading', lang))}** {_md(block[1])}")
        else:
            head, rows = block[1], block[2]
            lines = ["| " + " | ".join(_md(h) for h in head) + " |", "|" + "---|" * len(head)]
            lines += ["| " + " | ".join(_refs_text(c, lang, False) if isinstance(c, _Refs) else _md(c) for c in row) + " |"
                      for row in rows]
            out.append("\n".join(lines))
    items = []
    for n, fig in enumerate(srcs, start=1):
        label, where, as_of = _source_parts(fig, lang)
        mark = "*" if fig.assumption else ""
        link = f" <{fig.source_url}>" if fig.source_url else ""
        items.append(f"{n}. {_md(label)} — {mark}{_md(where)}{mark} ({_md(as_of)}){link}")
    out.append("\n".join(items))
    out.append(_md(t("capstone.doc.footer", lang)))
    return "\n\n".join(out) + "\n"


def _html_body(plan: FirstProductPlan, lang: str) -> str:
    blocks, srcs = _blocks(plan, lang)
    esc = html.escape
    out: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h2"):
            out.append(f"<{kind}>{esc(block[1])}</{kind}>")
        elif kind == "p":
            out.append(f"<p>{esc(block[1])}</p>")
        elif kind == "warn":
            out.append(f'<div class="warn" role="status"><b>⚠ {esc(t("widgets.warning.heading", lang))}</b> '
                       f"{esc(block[1])}</div>")
        else:
            head = "".join(f'<th scope="col">{esc(h)}</th>' for h in block[1])
            body = []
            for row in block[2]:
                cells = [f'<th scope="row">{esc(row[0])}</th>']
                for i, c in enumerate(row[1:], start=1):
                    text = _refs_text(c, lang, True) if isinstance(c, _Refs) else esc(c)
                    cells.append(f'<td class="n">{text}</td>' if block[3] and i < 3 else f"<td>{text}</td>")
                body.append("<tr>" + "".join(cells) + "</tr>")
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    items = []
    for n, fig in enumerate(srcs, start=1):
        label, where, as_of = _source_parts(fig, lang)
        where_html = f'<span class="assumption">{esc(where)}</span>' if fig.assumption else esc(where)
        link = f' <a href="{esc(fig.source_url)}">{esc(fig.source_url)}</a>' if fig.source_url else ""
        items.append(f'<li id="src-{n}">{esc(label)} — {where_html} ({esc(as_of)}){link}</li>')
    out.append(f'<ol class="sources">{"".join(items)}</ol>')
    out.append(f'<p class="small">{esc(t("capstone.doc.footer", lang))}</p>')
    return f'<div class="xbedu-plan" lang="{"zh-CN" if lang == "zh" else "en"}">{"".join(out)}</div>'


