"""The explorer base: controls in, a domain result, a chart, a plain-language reading and a table out.

Every explorer is a subclass of :class:`Explorer` that says which controls it has and how
to turn their values into a result (a domain call), a chart (a chart builder), a reading
and a table. The base does the rest, once for all of them: layout, labels with units from
the catalog, recomputing when a control changes, drawing the chart in place offline,
showing bad input as a message in the learner's language while keeping the last good
result, and nothing ever raising into the notebook.

State is plain Python, so a test drives an explorer without a browser::

    ex = startup_explorer(lang="en")
    ex.controls["capital_usd"].value = 9000.0     # or ex.set(capital_usd=9000.0)
    ex.result, ex.chart.to_dict(), ex.reading, ex.error
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..charts import render
from ..errors import InputError
from ..i18n import check_lang, t
from .format import Table, html_table, money

__all__ = ["Control", "Explorer"]

_SLIDERS = {"float_slider", "int_slider", "float_range", "int_range"}


@dataclass(frozen=True, slots=True)
class Control:
    """What one control is: its name (the domain argument), kind, label key, unit key, value and range.

    ``kind`` is one of ``float_slider``, ``int_slider``, ``float_range``, ``int_range``,
    ``float_text``, ``int_text``, ``dropdown``, ``toggle``, ``checkbox``, ``date``. Free-typed
    fields (``*_text``) are unbounded on purpose: a value the domain refuses shows the
    domain's message instead of being silently clamped.
    """

    name: str
    kind: str
    label_key: str
    value: Any
    unit_key: str | None = None
    low: float | None = None
    high: float | None = None
    step: float | None = None
    options: tuple[tuple[str, Any], ...] = field(default=())  # (catalog key or literal label, value)
    percent: bool = False  # the value is a share 0–1 shown as a percentage
    label_fields: tuple[tuple[str, Any], ...] = field(default=())

    def label(self, lang: str) -> str:
        """Return the control's label with its unit, e.g. ``"Weight per unit (kg)"``."""
        text = t(self.label_key, lang, **dict(self.label_fields))
        return t("widgets.label_unit", lang, label=text, unit=t(self.unit_key, lang)) if self.unit_key else text

    def build(self, lang: str) -> Any:
        """Return the ipywidget for this control (keyboard-operable, full label, no live dragging updates)."""
        import ipywidgets as w

        common: dict[str, Any] = {
            "description": self.label(lang),
            "style": {"description_width": "initial"},
            "layout": w.Layout(width="98%"),
        }
        if self.kind in _SLIDERS:
            common["continuous_update"] = False
            common.update(min=self.low, max=self.high)
            if self.step is not None:
                common["step"] = self.step
            if self.percent:
                common["readout_format"] = ".0%"
            elif self.kind.startswith("float"):
                common["readout_format"] = f".{_decimals(self.step)}f"
        if self.kind == "float_slider":
            return w.FloatSlider(value=self.value, **common)
        if self.kind == "int_slider":
            return w.IntSlider(value=self.value, **common)
        if self.kind == "float_range":
            return w.FloatRangeSlider(value=tuple(self.value), **common)
        if self.kind == "int_range":
            return w.IntRangeSlider(value=tuple(self.value), **common)
        if self.kind == "float_text":
            return w.FloatText(value=self.value, step=self.step, **common)
        if self.kind == "int_text":
            return w.IntText(value=self.value, **common)
        labels = [(_option_label(key, lang), value) for key, value in self.options]
        if self.kind == "dropdown":
            return w.Dropdown(options=labels, value=self.value, **common)
        if self.kind == "toggle":
            return w.ToggleButtons(options=labels, value=self.value, **common)
        if self.kind == "date":
            return w.DatePicker(value=self.value, **common)
        if self.kind == "checkbox":
            return w.Checkbox(value=bool(self.value), indent=False, **common)
        raise ValueError(f"unknown control kind {self.kind!r}")


def _decimals(step: float | None) -> int:
    if not step:
        return 2
    text = f"{step:g}"
    return len(text.split(".")[1]) if "." in text else 0


def _option_label(key: str, lang: str) -> str:
    from ..i18n import has

    return t(key, lang) if has(key) else key


class Explorer:
    """Base of every explorer: subclasses define the controls and four functions of the result.

    Subclass hooks: :meth:`control_specs`, :meth:`compute`, :meth:`build_chart`,
    :meth:`describe`, :meth:`tabulate`, and optionally :meth:`warn` and :meth:`source_figures`.

    Attributes (read them in tests):
        controls: name → ipywidget; setting ``.value`` recomputes.
        result: the last good domain result.
        chart: the last good ``alt.Chart``.
        reading: plain-language text of the result in the lesson's language.
        table: the numbers behind the chart (:class:`~xbedu.widgets.format.Table`).
        warnings: texts shown with a warning sign (e.g. the sale loses money).
        error: ``None``, or the message shown for the last bad input.
        exception: the exception behind ``error`` (kept for debugging).
    """

    title_key = ""
    intro_key = ""

    def __init__(self, lang: str = "en") -> None:
        self.lang = check_lang(lang)
        self.mode = render.render_mode()
        self.result: Any = None
        self.chart: Any = None
        self.reading = ""
        self.table = Table((), ())
        self.warnings: tuple[str, ...] = ()
        self.error: str | None = None
        self.exception: BaseException | None = None
        self.traceback = ""
        self._svg: tuple[Any, str] = (None, "")
        self._live = False  # the chart is drawn once the explorer is displayed, then on every change
        self._cny_rate: float | None | bool = False
        self.specs: dict[str, Control] = {c.name: c for c in self.control_specs()}
        self.controls: dict[str, Any] = {name: spec.build(self.lang) for name, spec in self.specs.items()}
        self._holding = False
        self._build_view()
        for widget in self.controls.values():
            widget.observe(self._on_change, names="value")
        self.refresh()

    # -- hooks ---------------------------------------------------------------------------
    def control_specs(self) -> Sequence[Control]:
        """Return the controls, with defaults from ``data/``."""
        raise NotImplementedError

    def compute(self, values: Mapping[str, Any]) -> Any:
        """Turn the control values into a domain result (may raise ``InputError``)."""
        raise NotImplementedError

    def build_chart(self, result: Any) -> Any:
        """Return the chart of the result (an ``alt.Chart``)."""
        raise NotImplementedError

    def describe(self, result: Any) -> str:
        """Return the reading of the result in the lesson's language."""
        raise NotImplementedError

    def tabulate(self, result: Any) -> Table:
        """Return the numbers behind the chart as a table."""
        raise NotImplementedError

    def warn(self, result: Any) -> tuple[str, ...]:
        """Return warnings about the result (none by default)."""
        return ()

    def source_figures(self) -> tuple[Any, ...]:
        """Return the data figures the defaults come from (listed under the chart)."""
        return ()

    # -- helpers for subclasses ----------------------------------------------------------
    def t(self, key: str, **fields: Any) -> str:
        """Return catalog text in the explorer's language."""
        return t(key, self.lang, **fields)

    def sentences(self, *parts: str) -> str:
        """Join sentences the way the language does (a space in English, nothing in Chinese)."""
        return self.t("widgets.sentence_sep").join(p for p in parts if p)

    def money(self, usd: float, *, cny: bool = False) -> str:
        """Format USD in the explorer's language, with CNY when ``cny`` and a rate is in ``data/``."""
        return money(usd, self.lang, cny_per_usd=self.cny_per_usd() if cny else None)

    def cny_per_usd(self) -> float | None:
        """Return the reference CNY per USD rate from ``data/`` (``None`` if the data have none)."""
        if self._cny_rate is False:
            try:
                from ..data.money import reference_rates

                self._cny_rate = reference_rates().per_usd("CNY")
            except Exception:  # noqa: BLE001 - the CNY value is a nicety; USD is always shown
                self._cny_rate = None
        return self._cny_rate  # type: ignore[return-value]

    # -- state ---------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Return the current value of every control."""
        return {name: widget.value for name, widget in self.controls.items()}

    def set(self, **values: Any) -> "Explorer":
        """Set several controls at once and recompute once; returns the explorer."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise InputError("error.unknown_choice", name="control", value=unknown[0], allowed=tuple(self.controls))
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.refresh()
        return self

    def _on_change(self, change: Any) -> None:
        if not self._holding:
            self.refresh()

    def refresh(self) -> None:
        """Recompute from the controls; on bad input show the message and keep the last good result."""
        try:
            result = self.compute(self.values())
            chart = self.build_chart(result)
            reading, table, warnings = self.describe(result), self.tabulate(result), self.warn(result)
            svg = render.chart_svg(chart) if self._live and self.mode == "svg" else None
        except InputError as exc:
            self._fail(exc, self._input_message(exc))
            return
        except Exception as exc:  # noqa: BLE001 - nothing may raise into the notebook
            self._fail(exc, self.t("widgets.error.unexpected", detail=f"{type(exc).__name__}: {exc}"))
            return
        self.result, self.chart, self.reading, self.table, self.warnings = result, chart, reading, table, warnings
        if svg is not None:
            self._svg = (chart, svg)
        self.error, self.exception, self.traceback = None, None, ""
        self._show()

    def _input_message(self, exc: InputError) -> str:
        name = exc.fields.get("name")
        if name in self.specs:
            label = t(self.specs[name].label_key, self.lang, **dict(self.specs[name].label_fields))
            return InputError(exc.key, **{**exc.fields, "name": label}).message(self.lang)
        return exc.message(self.lang)

    def _fail(self, exc: BaseException, message: str) -> None:
        self.error, self.exception = message, exc
        self.traceback = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        self._error_box.value = (
            '<div role="alert" style="border-left:4px solid #D55E00;padding:4px 8px;margin:4px 0">'
            f"<b>⚠ {_esc(self.t('widgets.error.heading'))}</b> {_esc(message)}<br>"
            f"<i>{_esc(self.t('widgets.error.kept'))}</i></div>"
        )
        self._error_box.layout.display = None

    # -- view ----------------------------------------------------------------------------
    def _build_view(self) -> None:
        import ipywidgets as w

        self._title = w.HTML(f"<h3 style='margin:4px 0'>{_esc(self.t(self.title_key))}</h3>"
                             + (f"<p>{_esc(self.t(self.intro_key))}</p>" if self.intro_key else ""))
        self._controls_box = w.GridBox(
            list(self.controls.values()),
            layout=w.Layout(grid_template_columns="repeat(auto-fill, minmax(340px, 1fr))", grid_gap="2px 16px"),
        )
        self._error_box = w.HTML(layout=w.Layout(display="none"))
        self._chart_box = w.HTML() if self.mode == "svg" else w.Output()
        self._reading_box = w.HTML()
        self._warning_box = w.HTML()
        self._table_box = w.HTML()
        self._sources_box = w.HTML()
        self._details = w.Accordion(children=[self._table_box, self._sources_box])
        self._details.set_title(0, self.t("widgets.table_view"))
        self._details.set_title(1, self.t("widgets.sources"))
        self._root = w.VBox([self._title, self._controls_box, self._error_box, self._chart_box,
                              self._warning_box, self._reading_box, self._details])

    def _show(self) -> None:
        self._error_box.value = ""
        self._error_box.layout.display = "none"
        if self._live:
            self._draw_chart()
        self._reading_box.value = f'<p aria-live="polite">{_esc(self.reading)}</p>'
        self._warning_box.value = "".join(
            f'<div role="status" style="border-left:4px solid #E69F00;padding:4px 8px;margin:4px 0">'
            f"<b>⚠ {_esc(self.t('widgets.warning.heading'))}</b> {_esc(text)}</div>" for text in self.warnings
        )
        self._table_box.value = html_table(self.table, caption=self.t(self.title_key))
        self._sources_box.value = self._sources_html()

    def _draw_chart(self) -> None:
        """Replace the chart in its output area (the same widget, so the output never grows)."""
        if self.mode == "svg":
            self._chart_box.value = f"<div style='overflow-x:auto'>{self.svg}</div>"
        else:
            from IPython.display import clear_output, display

            with self._chart_box:
                clear_output(wait=True)
                display(render.mimebundle(self.chart, mode=self.mode), raw=True)

    @property
    def svg(self) -> str:
        """The current chart as offline SVG (drawn on demand, cached per chart)."""
        if self.chart is None:
            return ""
        if self._svg[0] is not self.chart:
            self._svg = (self.chart, render.chart_svg(self.chart))
        return self._svg[1]

    @property
    def widget(self) -> Any:
        """The explorer's layout (a ``VBox``); from now on every change redraws the chart."""
        if not self._live:
            self._live = True
            if self.chart is not None:
                try:
                    self._draw_chart()
                except Exception as exc:  # noqa: BLE001 - nothing may raise into the notebook
                    self._fail(exc, self.t("widgets.error.unexpected", detail=f"{type(exc).__name__}: {exc}"))
        return self._root

    def _sources_html(self) -> str:
        items = []
        figs = tuple(self.source_figures())
        if self._cny_rate:
            from ..data import figure

            figs += (figure("fx.cny_per_usd"),)
        for fig in figs:
            source = self.t("widgets.assumption") if fig.assumption else fig.source_title
            link = f' — <a href="{_esc(fig.source_url)}" target="_blank" rel="noopener">{_esc(fig.source_url)}</a>' if fig.source_url else ""
            items.append(f"<li>{_esc(fig.label(self.lang))}: {_esc(source)} ({_esc(self.t('widgets.as_of', as_of=fig.as_of))}){link}</li>")
        return f"<ul>{''.join(items)}</ul>" if items else f"<p>{_esc(self.t('widgets.assumption'))}</p>"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} lang={self.lang!r} error={self.error!r}>"


def _esc(text: str) -> str:
    import html

    return html.escape(str(text))
