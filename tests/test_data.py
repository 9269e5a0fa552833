"""The data package: every figure is sourced (or an assumption), every resource validates, and a
broken copy fails with the file, row and field at fault."""

import csv
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from xbedu import data
from xbedu.data import DataError, data_dir, stale_figures, validate_dir

URL = re.compile(r"^https?://\S+$")


@pytest.fixture(scope="module")
def package():
    return validate_dir(data_dir())


def _figure_resources(package):
    return [r for r in package.descriptor["resources"] if r["name"].startswith("figures-")]


def test_every_resource_in_the_descriptor_validates_and_loads(package):
    names = {r["name"] for r in package.descriptor["resources"]}
    assert names == set(package.tables) | set(package.documents)
    for res in package.descriptor["resources"]:
        assert (package.root / res["path"]).is_file() and (package.root / res["schema"]).is_file()
    assert {"figures-startup", "figures-markets", "figures-fx", "modes", "markets"} <= names


def test_every_figure_has_a_source_title_url_and_as_of_or_is_an_assumption(package):
    checked = 0
    for res in _figure_resources(package):
        topic = res["name"].removeprefix("figures-")
        for number, row in enumerate(package.tables[res["name"]], start=2):
            where = f"{res['path']} row {number} ({row['id']})"
            assert row["id"].startswith(topic + "."), where
            assert row["source_title"].strip(), where
            assert row["label_en"].strip() and row["label_zh"].strip(), where
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", row["as_of"]), where
            data.figure(row["id"]).as_of_date()  # a real calendar date
            if row["assumption"]:
                assert row["basis"] == "assumption", where
            else:
                assert row["basis"] in {"guide", "sourced", "derived"}, where
                assert URL.match(row["source_url"] or ""), where
            for bound in ("low", "high"):
                if row[bound] is not None:
                    assert (row["value"] >= row["low"]) if bound == "low" else (row["value"] <= row["high"]), where
            checked += 1
    assert checked == len(package.figures)


def test_csv_headers_match_their_table_schema(package):
    for res in package.descriptor["resources"]:
        if res["format"] != "csv":
            continue
        import json

        schema = json.loads((package.root / res["schema"]).read_text(encoding="utf-8"))
        with (package.root / res["path"]).open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == [f["name"] for f in schema["fields"]], res["path"]


# --- a broken copy names the file, the row and the field -------------------------------------


@pytest.fixture()
def copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def _rows(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _edit_cell(path: Path, figure_id: str, column: str, value: str) -> int:
    rows = _rows(path)
    col = rows[0].index(column)
    line = next(i for i, r in enumerate(rows) if r and r[0] == figure_id)
    rows[line][col] = value
    _write(path, rows)
    return line + 1  # 1-based line number, header is line 1


def test_the_unbroken_copy_validates(copy):
    assert validate_dir(copy).figures.keys() == validate_dir(data_dir()).figures.keys()


def test_bad_number_names_file_row_and_field(copy):
    row = _edit_cell(copy / "figures" / "startup.csv", "startup.total.max_usd", "value", "eighteen thousand")
    with pytest.raises(DataError) as info:
        validate_dir(copy)
    assert (info.value.file, info.value.row, info.value.field) == ("figures/startup.csv", row, "value")
    assert "eighteen thousand" in str(info.value)


def test_missing_column_names_file_header_and_column(copy):
    path = copy / "figures" / "markets.csv"
    rows = _rows(path)
    col = rows[0].index("unit")
    _write(path, [r[:col] + r[col + 1:] for r in rows])
    with pytest.raises(DataError) as info:
        validate_dir(copy)
    assert (info.value.file, info.value.row) == ("figures/markets.csv", 1)
    assert "unit" in info.value.problem


def test_missing_required_value_names_the_field(copy):
    row = _edit_cell(copy / "figures" / "fx.csv", "fx.cny_per_usd", "label_zh", "")
    with pytest.raises(DataError) as info:
        validate_dir(copy)
    assert (info.value.file, info.value.row, info.value.field) == ("figures/fx.csv", row, "label_zh")


def test_sourced_figure_without_url_is_refused(copy):
    row = _edit_cell(copy / "figures" / "markets.csv", "markets.us_ecommerce_usd_bn.2024", "source_url", "")
    with pytest.raises(DataError) as info:
        validate_dir(copy)
    assert (info.value.file, info.value.row, info.value.field) == ("figures/markets.csv", row, "source_url")


def test_assumption_flag_must_match_basis(copy):
    row = _edit_cell(copy / "figures" / "startup.csv", "startup.monthly.tools_usd", "assumption", "false")
    with pytest.raises(DataError) as info:
        validate_dir(copy)
    assert (info.value.file, info.value.row, info.value.field) == ("figures/startup.csv", row, "assumption")


def test_bad_yaml_names_file_and_line(copy):
    path = copy / "modes.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "modes: [unclosed, {")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        validate_dir(copy)
    assert info.value.file == "modes.yaml" and info.value.row is not None and info.value.row >= 4


def test_missing_required_yaml_field_names_its_path(copy):
    import yaml

    path = copy / "markets.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    del doc["markets"][1]["traits"]
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as info:
        validate_dir(copy)
    assert info.value.file == "markets.yaml" and info.value.field == "markets/1"
    assert "traits" in info.value.problem


def test_wrong_enum_in_yaml_names_its_path(copy):
    path = copy / "modes.yaml"
    text = path.read_text(encoding="utf-8").replace("platforms: [alibaba_com,", "platforms: [alibaba_dot_com,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        validate_dir(copy)
    assert info.value.file == "modes.yaml" and info.value.field == "modes/0/platforms/0"


def test_missing_file_listed_in_the_descriptor(copy):
    (copy / "figures" / "fx.csv").unlink()
    with pytest.raises(DataError) as info:
        validate_dir(copy)
    assert info.value.file == "figures/fx.csv"


# --- stale figures ------------------------------------------------------------------------------


def _months_old(as_of: date, today: date) -> int:
    return (today.year * 12 + today.month) - (as_of.year * 12 + as_of.month)


def test_stale_figures_on_a_fixed_day_match_an_independent_count():
    today = date(2026, 11, 25)
    stale = {f.id for f in stale_figures(today)}
    ids = {f.id for f in data.figures()}

    def superseded(fid: str) -> bool:
        # a past point of a year series (….2018 when ….2024 exists) is history, not out of date
        stem, _, year = fid.rpartition(".")
        return year.isdigit() and len(year) == 4 and any(
            other.startswith(stem + ".") and other[len(stem) + 1:].isdigit() and int(other[len(stem) + 1:]) > int(year)
            for other in ids)

    for fig in data.figures():
        old = (not fig.assumption and fig.basis != "guide" and not superseded(fig.id)
               and _months_old(fig.as_of_date(), today) > 18)
        assert (fig.id in stale) == old, fig.id
    assert "markets.china_cbec_trade_cny_tn.2018" not in stale  # history, superseded by later years


def test_stale_figures_boundary_on_a_controlled_copy(copy, monkeypatch):
    rows = _rows(copy / "figures" / "fx.csv")
    header, template = rows[0], rows[1]
    col = {name: i for i, name in enumerate(header)}

    def row(fid, basis, as_of):
        r = list(template)
        r[col["id"]], r[col["basis"]], r[col["as_of"]] = fid, basis, as_of
        r[col["assumption"]] = "true" if basis == "assumption" else "false"
        return r

    _write(copy / "figures" / "fx.csv", [
        header,
        row("fx.eighteen_months", "sourced", "2025-05-31"),  # 2026-11 minus 2025-05 = 18 months: not more than 18
        row("fx.nineteen_months", "sourced", "2025-04"),     # 19 months: stale
        row("fx.old_assumption", "assumption", "2000-01"),   # assumptions are never stale
        row("fx.old_guide", "guide", "2000-01"),             # the guide's own figures stay as the guide's
        row("fx.derived_old", "derived", "2020-01-01"),      # derived figures age like their sources
    ])
    monkeypatch.setenv(data.DATA_ENV, str(copy))
    found = [f.id for f in stale_figures(date(2026, 11, 25)) if f.id.startswith("fx.")]
    assert found == ["fx.derived_old", "fx.nineteen_months"]
    assert [f.id for f in stale_figures(date(2026, 11, 25), months=240) if f.id.startswith("fx.")] == []
