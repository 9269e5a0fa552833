"""The explorer base and formatting: controls, recompute, bad input kept in place, view, en/zh."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

pytest.importorskip("ipywidgets")

from xbedu import validation  # noqa: E402
from xbedu.widgets import format as fmt  # noqa: E402
from xbedu.widgets.base import Control, Explorer  # noqa: E402
from xbedu.widgets.format import Table  # noqa: E402


class Doubler(Explorer):
    """A tiny explorer for testing the base: result = 2 × price (price must be > 0)."""

    title_key = "widgets.startup.title"

    def __init__(self, lang: str = "en", *, boom: bool = False) -> None:
        self.boom = boom
        super().__init__(lang)

    def control_specs(self) -> Sequence[Control]:
        return (Control("price_usd", "float_text", "widgets.logistics.value", 10.0, "widgets.unit.usd"),
                Control("share", "float_slider", "widgets.logistics.capital", 0.1, "widgets.unit.per_year",
                        low=0.0, high=0.3, step=0.01, percent=True))

    def compute(self, values: Mapping[str, Any]) -> float:
        if self.boom and values["price_usd"] == 13:
            raise ZeroDivisionError("unlucky")
        return 2 * validation.positive("price_usd", values["price_usd"])

    def build_chart(self, result: float) -> Any:
        import altair as alt

        return alt.Chart(alt.Data(values=[{"x": result}])).mark_bar().encode(x=alt.X("x", type="quantitative")).properties(
            title="T", description="D")

    def describe(self, result: float) -> str:
        return f"double is {result:g}"

    def tabulate(self, result: float) -> Table:
        return Table(("a", "b"), (("double", f"{result:g}"),))


def test_setting_a_control_recomputes_result_chart_and_reading():
    ex = Doubler()
    assert ex.result == 20.0 and ex.reading == "double is 20"
    ex.controls["price_usd"].value = 7.5
    assert ex.result == 15.0
    assert ex.chart.to_dict()["data"]["values"] == [{"x": 15.0}]
    assert ex.error is None and "<svg" in ex.svg


def test_set_changes_several_controls_and_recomputes_once(monkeypatch):
    ex = Doubler()
    calls = []
    original = ex.compute
    monkeypatch.setattr(ex, "compute", lambda values: calls.append(dict(values)) or original(values))
    ex.set(price_usd=4.0, share=0.2)
    assert len(calls) == 1 and ex.result == 8.0


def test_set_refuses_an_unknown_control():
    with pytest.raises(ValueError, match="weight_kg"):
        Doubler().set(weight_kg=1)


@pytest.mark.parametrize("lang, expected", [
    ("en", "Declared value per unit must be greater than 0; got 0.0."),
    ("zh", "单件申报价值 必须大于 0；收到的是 0.0。"),
])
def test_bad_input_shows_a_message_in_place_and_keeps_the_last_good_result(lang, expected):
    ex = Doubler(lang)
    ex.controls["price_usd"].value = 6.0
    good_chart, good_svg = ex.chart, ex.svg
    ex.controls["price_usd"].value = 0.0  # no exception reaches the caller
    assert ex.error == expected
    assert ex.result == 12.0 and ex.chart is good_chart and ex.svg == good_svg
    assert expected.split(" ")[0] in ex._error_box.value and ex._error_box.layout.display is None
    ex.controls["price_usd"].value = 1.0
    assert ex.error is None and ex.result == 2.0 and ex._error_box.layout.display == "none"


def test_an_unexpected_error_is_captured_not_raised():
    ex = Doubler(boom=True)
    ex.controls["price_usd"].value = 13.0
    assert ex.error.startswith("Something went wrong while computing (ZeroDivisionError: unlucky)")
    assert isinstance(ex.exception, ZeroDivisionError) and "ZeroDivisionError" in ex.traceback
    assert ex.result == 20.0


def test_controls_have_units_full_labels_and_no_live_drag_updates():
    ex = Doubler("zh")
    slider = ex.controls["share"]
    assert slider.description == "货物占用资金的成本（年化 %）"
    assert slider.continuous_update is False and slider.readout_format == ".0%"
    assert slider.style.description_width == "initial"
    assert ex.controls["price_usd"].description == "单件申报价值（美元）"


def test_view_holds_chart_reading_and_table_and_updates_in_place():
    ex = Doubler()
    assert ex._chart_box.value == ""  # not drawn until the explorer is displayed
    bundle = ex._repr_mimebundle_()
    box = ex._chart_box
    assert ex.svg in box.value
    ex.controls["price_usd"].value = 3.0
    assert ex._chart_box is box and ex.svg in box.value  # same widget, new value: no growing output
    assert "double is 6" in ex._reading_box.value
    assert "<th scope=\"row\"" in ex._table_box.value and ">6</td>" in ex._table_box.value
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_text_and_table_formats_in_both_languages():
    assert fmt.money(1234.4, "en") == "$1,234"
    assert fmt.money(-12.5, "en") == "-$12.50"
    assert fmt.money(10, "zh", cny_per_usd=7.1) == "10 美元（约合人民币 71 元）"
    assert fmt.days(1, "en") == "1 day" and fmt.days(12, "zh") == "12 天"
    assert fmt.months(float("inf"), "en").startswith("no limit")
    assert fmt.percent(0.153) == "15.3%" and fmt.multiple(2.08) == "2.1×"
    html = fmt.html_table(Table(("h1", "h2"), (("<r>", "1"),)), caption="cap")
    assert "&lt;r&gt;" in html and "<caption" in html
