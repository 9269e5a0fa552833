"""xbedu.data.glossary: the zh ↔ en key terms and the chapter-1 concept tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from xbedu.data.glossary import Table, Term, concept_table, glossary_table, glossary_terms
from xbedu.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")
# Terms the course brief names; each must appear (zh side contains the first, en side the second).
REQUIRED = [
    ("关境", "customs territory"), ("询盘", "inquiry"), ("信用证", "letter of credit"), ("电汇", "telegraphic transfer"),
    ("专线", "dedicated line"), ("海外仓", "overseas warehouse"), ("FBA", "Fulfillment by Amazon"), ("清关", "customs clearance"),
    ("邮政小包", "postal small parcel"), ("Listing", "listing"), ("选品", "product selection"), ("跨境支付", "cross-border payment"),
    ("品牌出海", "brands going global"), ("代理分销", "agency and distribution"), ("计费重", "chargeable weight"),
    ("体积重", "volumetric"), ("最低起征点", "de minimis"), ("增值税", "VAT"), ("IOSS", "Import One-Stop Shop"),
    ("TACoS", "TACoS"), ("ROI", "return on investment"), ("盈亏平衡", "break-even"), ("Buy Box", "Buy Box"), ("Prime", "Prime"),
]


def raw() -> dict:
    return yaml.safe_load((ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8"))


def test_at_least_thirty_terms_with_unique_ids_and_names():
    terms = glossary_terms()
    assert len(terms) >= 30
    for attr in ("id", "zh", "en"):
        values = [getattr(t, attr) for t in terms]
        assert len(values) == len(set(values)), f"duplicate {attr}"


@pytest.mark.parametrize(("zh", "en"), REQUIRED)
def test_required_term_is_present(zh: str, en: str):
    assert any(zh in t.zh and en.lower() in t.en.lower() for t in glossary_terms()), (zh, en)


def test_definitions_are_written_in_each_language_without_figures():
    for t in glossary_terms():
        assert isinstance(t, Term)
        assert len(t.definition_en.split()) >= 5 and not CJK.search(t.definition_en), t.id
        assert len(CJK.findall(t.definition_zh)) >= 8, t.id
        # numbers belong in data/figures with a source; only names such as B2B / HS may hold digits
        for text in (t.definition_en, t.definition_zh):
            assert not re.search(r"(?<![A-Z])\d", text), f"{t.id}: a figure in a definition: {text}"
        # Chinese text uses full-width punctuation
        assert not re.search(r"[\u4e00-\u9fff][,;:!?]|[,;:!?][\u4e00-\u9fff]", t.definition_zh), t.id


def test_terms_are_frozen():
    term = glossary_terms()[0]
    with pytest.raises(AttributeError):
        term.zh = "x"  # type: ignore[misc]


def test_chapter_filter_keeps_the_order_of_the_file():
    ch1 = glossary_terms(chapter=1)
    assert [t.id for t in ch1] == [t["id"] for t in raw()["terms"] if t["chapter"] == 1]
    assert ch1[1].zh == "关境" and {t.chapter for t in ch1} == {1}
    assert sum(len(glossary_terms(chapter=c)) for c in range(1, 7)) == len(glossary_terms())


@pytest.mark.parametrize("chapter", [0, 7, 1.5, "1"])
def test_a_chapter_outside_1_to_6_is_an_input_error(chapter):
    with pytest.raises(InputError) as info:
        glossary_terms(chapter=chapter)
    assert "chapter" in str(info.value)


def test_table_puts_the_lesson_language_first():
    en, zh = glossary_table("en"), glossary_table("zh")
    assert en.headers == ("English", "Chinese", "Definition", "Lesson")
    assert zh.headers == ("中文", "英文", "释义", "课次")
    term = glossary_terms()[1]
    assert en.rows[1] == (term.en, term.zh, term.definition_en, "01")
    assert zh.rows[1] == (term.zh, term.en, term.definition_zh, "01")
    assert len(en.rows) == len(glossary_terms())


def test_unknown_language_or_table_is_an_input_error():
    with pytest.raises(InputError):
        glossary_table("fr")
    with pytest.raises(InputError):
        concept_table("features", "de")
    with pytest.raises(InputError) as info:
        concept_table("nope", "en")
    assert "features" in str(info.value)


def test_table_renders_escaped_html_and_plain_text():
    table = Table(("a", "b"), (("<x>", "1 & 2"),))
    html = table._repr_html_()
    assert "<td style=\"text-align:left\">&lt;x&gt;</td>" in html and "1 &amp; 2" in html
    assert html.count("<tr>") == 2
    assert repr(table) == "a | b\n<x> | 1 & 2"


def test_the_six_features_are_the_guides():
    table = concept_table("features", "zh")
    assert [row[0] for row in table.rows] == ["跨越国界", "线上交易", "跨境支付", "跨境物流", "海关监管", "多语言服务"]
    assert table.headers == ("特征", "含义", "示例：一盏台灯")
    assert all(CJK.search(cell) for row in table.rows for cell in row)
    assert all(not CJK.search(cell) for row in concept_table("features", "en").rows for cell in row)


def test_the_five_contrasts_are_the_guides():
    rows = concept_table("contrasts", "zh").rows
    assert [row[0] for row in rows] == ["交易方式数字化", "交易规模碎片化", "交易流程简化", "市场准入门槛降低", "消费者直达"]


def test_cases_show_a_translated_verdict():
    en = concept_table("cases", "en")
    verdicts = [row[1] for row in en.rows]
    assert set(verdicts) <= {"Yes", "No", "Not in the guide's sense"} and "Yes" in verdicts and "No" in verdicts
    assert [row[1] for row in concept_table("cases", "zh").rows].count("否") == verdicts.count("No")


def test_schema_rejects_a_term_without_chinese_definition():
    schema = json.loads((ROOT / "data" / "schemas" / "glossary.schema.json").read_text(encoding="utf-8"))
    doc = raw()
    jsonschema.Draft202012Validator(schema).validate(doc)
    del doc["terms"][0]["def_zh"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(doc)
    doc = raw()
    doc["cases"][0]["verdict"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(doc)
