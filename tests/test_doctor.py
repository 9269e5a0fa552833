"""`xbedu doctor`: each check passes on a good setup and fails, with a fix, on a broken one."""

import shutil
from datetime import date

import pytest

from xbedu import cli, data, doctor
from xbedu.doctor import Report, package_problems, preflight, run_checks

TODAY = date(2026, 11, 25)


def _by_key(report):
    return {c.key: c for c in report.checks}


def test_this_environment_passes(capsys):
    report = run_checks(today=TODAY)
    checks = _by_key(report)
    assert [c for c in checks if checks[c].status == "fail"] == []
    assert set(checks) == {"python", "packages", "widgets", "catalog", "data", "stale"}
    assert report.ok and report.exit_code() == 0


def test_stale_figures_are_a_warning_that_lists_them():
    stale = data.stale_figures(TODAY)
    check = _by_key(run_checks(today=TODAY))["stale"]
    if stale:
        assert check.status == "warn"
        text = check.detail.render("en")
        assert str(len(stale)) in text and all(f.id in text for f in stale)
    else:
        assert check.status == "ok"
    far_future = _by_key(run_checks(today=date(2100, 1, 1)))["stale"]
    assert far_future.status == "warn" and far_future.fix is not None


def test_missing_or_old_package_fails_with_a_pip_fix():
    report = run_checks(today=TODAY, requirements=["surely-not-installed-xbedu-pkg>=1", "pyyaml>=999"])
    check = _by_key(report)["packages"]
    assert check.status == "fail" and report.exit_code() == 1
    text = check.detail.render("en")
    assert "surely-not-installed-xbedu-pkg (missing)" in text and "pyyaml" in text and "needs >=999" in text
    assert "pip install" in check.fix.render("en") and "pip install" in check.fix.render("zh")


def test_package_problems_skips_extras_and_reports_versions():
    present, problems = package_problems(["pyyaml>=6", 'pytest>=1; extra == "test"'])
    assert problems == () and [p.split()[0] for p in present] == ["pyyaml"]


def test_missing_widget_extension_fails_then_passes_when_present(tmp_path):
    report = run_checks(today=TODAY, labextension_dirs=[tmp_path])
    check = _by_key(report)["widgets"]
    assert check.status == "fail" and str(tmp_path) in check.detail.render("en")
    assert "ipywidgets" in check.fix.render("zh")
    ext = tmp_path / "@jupyter-widgets" / "jupyterlab-manager"
    ext.mkdir(parents=True)
    (ext / "package.json").write_text("{}", encoding="utf-8")
    assert _by_key(run_checks(today=TODAY, labextension_dirs=[tmp_path]))["widgets"].status == "ok"


def test_broken_data_fails_naming_file_row_and_field(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    path = copy / "figures" / "fx.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("7.0197", "seven", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv(data.DATA_ENV, str(copy))
    report = run_checks(today=TODAY)
    check = _by_key(report)["data"]
    assert check.status == "fail" and report.exit_code() == 1 and "stale" not in _by_key(report)
    text = check.detail.render("en")
    assert "figures/fx.csv" in text and "row 2" in text and "'value'" in text
    assert "XBEDU_DATA" in check.fix.render("en")


def test_report_renders_in_both_languages_and_as_html():
    report = preflight("zh")
    assert report.lang == "zh"
    assert str(report).splitlines()[0] == "xbedu 环境检查：这台电脑可以开始学习了吗？"
    assert "全部检查通过" in str(report) or "项检查未通过" in str(report)
    english = report.in_lang("en")
    assert str(english).startswith("xbedu doctor")
    html = english._repr_html_()
    assert html.count("<tr>") == len(report.checks) + 1 and "<table>" in html


def test_html_escapes_what_it_shows():
    from xbedu.i18n import Message

    check = doctor.Check("data", "fail", Message.of("doctor.check.data.fail", error="<b>x</b>", root="/r"), Message.of("doctor.fix.data", root="/r"))
    html = Report((check,))._repr_html_()
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_bad_language_is_refused():
    with pytest.raises(ValueError):
        run_checks(lang="fr")


def test_cli_exit_codes(tmp_path, monkeypatch, capsys):
    assert cli.main(["doctor", "--today", "2026-11-25"]) == 0
    assert "xbedu doctor" in capsys.readouterr().out
    monkeypatch.setenv(data.DATA_ENV, str(tmp_path))  # no datapackage.json there
    assert cli.main(["doctor", "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert "课程数据" in out and "datapackage.json" in out


def test_in_the_browser_server_side_checks_are_skipped():
    report = run_checks(today=TODAY, browser=True, requirements=["jupyterlab>=999", "vl-convert-python>=999", "pyyaml>=6"])
    checks = _by_key(report)
    assert checks["packages"].status == "ok" and "jupyterlab" not in checks["packages"].detail.render("en")
    assert checks["widgets"].status == "ok" and "JupyterLite" in checks["widgets"].detail.render("en")
    on_server = _by_key(run_checks(today=TODAY, browser=False, requirements=["jupyterlab>=999"]))
    assert on_server["packages"].status == "fail"
