"""End to end in a real browser: lessons, the logistics explorer, a quiz, JupyterLite, accessibility.

Run alone with ``python -m pytest -m e2e``. Needs Debian's ``chromium`` (skipped with the
reason when it is missing). Screenshots go to ``test-artifacts/``; the README's two images are
copies of ``lesson-en-explorer-moved.png`` and ``quiz-feedback.png`` in ``docs/img/`` (copy them
by hand when the UI changes, so a test run never edits tracked files).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import COURSE, ROOT, axe_source
from notebook_ui import (
    error_outputs, open_notebook, output_with_heading, run_all, run_axe, screenshot, slider_by_label,
)

pytestmark = pytest.mark.e2e

#: Impacts that fail the accessibility check; "serious" ones are reported, not failed.
FAILING_IMPACTS = ("critical",)


def _code(path: Path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")


def notebook_calling(folder: str, call: str) -> str:
    """Return the path (relative to the course) of the first notebook in ``folder`` whose code calls ``call``."""
    for path in sorted((COURSE / folder).glob("*.ipynb")):
        if re.search(rf"\b{re.escape(call)}\(", _code(path)):
            return path.relative_to(COURSE).as_posix()
    pytest.fail(f"no notebook in {folder}/ calls {call}(); the browser test needs one")


@pytest.fixture(scope="module")
def axe() -> str:
    """axe-core's script (fetched once from npm into .cache/)."""
    return axe_source()


def _report_serious(name: str, grouped: dict) -> None:
    for violation in grouped.get("serious", []):
        print(f"axe serious in {name}: {violation['id']}: {violation['help']} at {violation['nodes']}")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_runs_and_the_logistics_explorer_answers_the_keyboard(page, lab, artifacts, axe, lang):
    from playwright.sync_api import expect
    from xbedu.i18n import t
    from xbedu.widgets import logistics_explorer

    model = logistics_explorer(lang=lang)  # the same explorer in this process: what the page must show
    rel = notebook_calling(f"lessons/{lang}", "logistics_explorer")
    open_notebook(page, lab.url, rel)
    run_all(page)
    assert error_outputs(page) == []

    # Widgets and charts: static SVG charts (drawn in the kernel) and the explorer's own chart.
    page.wait_for_selector(".jp-OutputArea-output .jupyter-widgets.widget-slider")
    explorer = output_with_heading(page, t(model.title_key, lang))
    explorer.scroll_into_view_if_needed()
    chart = explorer.locator("svg[role=img]").first
    reading = explorer.locator("p[aria-live=polite]").first
    chart.wait_for()
    assert explorer.locator("[role=alert]").count() == 0, explorer.locator("[role=alert]").first.inner_text()
    expect(reading).to_have_text(model.reading)  # the reading the same explorer computes here
    assert page.locator(".jp-RenderedSVG, .jp-OutputArea-output .widget-html svg[role=img]").count() >= 1
    screenshot(page, artifacts, f"lesson-{lang}-explorer", explorer)

    # Keyboard: focus the deadline slider's handle and press ArrowLeft until the reading changes;
    # after every press the page must show what the same explorer computes here for that value.
    slider = slider_by_label(explorer, model.specs["deadline_days"].label(lang))
    handle, readout = slider.locator(".noUi-handle").first, slider.locator(".widget-readout").first
    start = int(model.controls["deadline_days"].value)
    expect(readout).to_have_text(str(start))
    first_chart, first_reading = chart.inner_html(), model.reading
    handle.focus()
    for presses in range(1, start):
        handle.press("ArrowLeft")
        expect(readout).to_have_text(str(start - presses))
        model.set(deadline_days=start - presses)
        expect(reading).to_have_text(model.reading, timeout=15_000)
        if model.reading != first_reading:
            break
    assert model.reading != first_reading, "the reading never changed"
    assert handle.get_attribute("aria-valuenow") in (str(start - presses), f"{start - presses}.0")
    for _ in range(100):  # the chart is redrawn in the kernel and sent as a new SVG
        if chart.inner_html() != first_chart:
            break
        page.wait_for_timeout(150)
    assert chart.inner_html() != first_chart, "the chart did not change"
    screenshot(page, artifacts, f"lesson-{lang}-explorer-moved", explorer)

    explorer.evaluate("el => el.setAttribute('data-xbedu-axe', 'explorer')")
    grouped = run_axe(page, axe, "[data-xbedu-axe=explorer]")
    _report_serious(f"logistics explorer ({lang})", grouped)
    failing = [v for i in FAILING_IMPACTS for v in grouped.get(i, [])]
    assert not failing, failing


def test_jupyterlite_site_loads_the_lessons(browser, lite_site, artifacts):
    """The static site opens a lesson with its install cell; the kernel needs Pyodide from the CDN."""
    from playwright.sync_api import expect

    rel = "lessons/en/00-start-here.ipynb"
    assert (lite_site.path / "files" / rel).exists(), "the site lacks the first lesson"
    assert list((lite_site.path / "pypi").glob("xbedu-*.whl")), "the site lacks the xbedu wheel"
    for folder in ("lessons/en", "lessons/zh", "quizzes/en", "quizzes/zh", "quizzes/banks", "data"):
        wanted = {p.name for p in (ROOT / folder).iterdir() if p.is_file()}
        assert wanted and wanted <= {p.name for p in (lite_site.path / "files" / folder).iterdir()}, folder
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    failed: list[str] = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    try:
        page.goto(f"{lite_site.url}/lab/index.html?path={rel}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
        first_code = page.locator(".jp-NotebookPanel .jp-CodeCell").first
        first_code.evaluate("cell => cell.scrollIntoView()")  # cells off screen are rendered lazily; no stability wait
        expect(first_code).to_contain_text("%pip install -q --no-deps xbedu")
        assert page.locator(".jp-NotebookPanel .jp-MarkdownCell h1").first.inner_text().strip()
        assert page.locator(".jp-Dialog").count() == 0, "Lite asked to select a kernel: the kernelspec is wrong"
        # The Pyodide kernel becomes idle only where its CDN can be reached: wait for either outcome.
        idle = ".jp-StatusBar-TextItem:has-text('Pyodide) | Idle')"  # the indicator says idle before any kernel exists
        kernel = "starting"
        for _ in range(120):
            if page.locator(idle).count():
                kernel = "idle"
                break
            if any("pyodide" in u for u in failed):
                kernel = "unavailable"
                break
            page.wait_for_timeout(500)
        screenshot(page, artifacts, "jupyterlite-lesson")
        local = [u for u in failed if u.startswith(lite_site.url)]
        assert local == [], f"the site is missing files it asks for: {local}"
        assert kernel != "starting", "the kernel neither started nor failed within 60 s"
        if kernel == "unavailable":
            assert any("pyodide" in u for u in failed), f"the kernel did not start, and not for lack of the Pyodide CDN: {failed}"
            print(f"JupyterLite: UI and notebook load; the kernel needs the network (failed: {sorted(set(failed))[:3]})")
        else:
            run_all(page, timeout_ms=180_000)
            assert error_outputs(page) == []
    finally:
        context.close()


def _exactly(text: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def _quiz_with_single_choice(lang: str):
    """Return (notebook path, bank question) for the first quiz notebook whose bank has a single-choice question."""
    from xbedu.quiz.bank import load_bank

    for path in sorted((COURSE / "quizzes" / lang).glob("*-quiz.ipynb")):
        found = re.search(r"from_bank\(\s*[\"']([^\"']+)[\"']", _code(path))
        if not found:
            continue
        bank = load_bank((path.parent / found.group(1)).resolve())
        single = [q for q in bank.questions if q.type == "single" and q.answer is not None]
        if single:
            return path.relative_to(COURSE).as_posix(), single[0]
    pytest.fail(f"no quiz notebook in quizzes/{lang}/ shows a bank with a single-choice question")


def test_quiz_question_answered_wrongly_then_rightly(page, lab, artifacts, axe):
    from playwright.sync_api import expect
    from xbedu.i18n import t
    from xbedu.quiz.grading import grade

    lang = "en"
    rel, question = _quiz_with_single_choice(lang)
    wrong = next(c for c in question.choices if c.id != question.answer)
    right = next(c for c in question.choices if c.id == question.answer)
    open_notebook(page, lab.url, rel)
    run_all(page)
    assert error_outputs(page) == []
    prompt = page.locator(f".widget-html p:text-is({json.dumps(question.prompt[lang], ensure_ascii=False)})")
    card = page.locator(".widget-vbox", has=prompt).last  # the innermost box: this question's card
    card.scroll_into_view_if_needed()
    feedback = card.locator(".xbedu-quiz-feedback")
    check = card.locator(f"button:text-is({json.dumps(t('quiz.button.check', lang), ensure_ascii=False)})")

    card.locator(".widget-radio-box label", has_text=_exactly(wrong.text[lang])).click()
    check.click()
    expected_wrong = grade(question, wrong.id).feedback(lang)
    expect(feedback).to_contain_text(expected_wrong, timeout=15_000)
    assert "✗" in feedback.inner_text() and "✓" not in feedback.inner_text()

    card.locator(f"button:text-is({json.dumps(t('quiz.button.retry', lang), ensure_ascii=False)})").click()
    card.locator(".widget-radio-box label", has_text=_exactly(right.text[lang])).click()
    check.click()
    expected_right = grade(question, right.id).feedback(lang)
    expect(feedback).to_contain_text(expected_right, timeout=15_000)
    assert "✓" in feedback.inner_text() and expected_wrong not in feedback.inner_text()
    if question.explanation:
        assert question.explanation[lang] in feedback.inner_text()
    screenshot(page, artifacts, "quiz-feedback", card)

    card.evaluate("el => el.closest('.jp-OutputArea-output').setAttribute('data-xbedu-axe', 'quiz')")
    grouped = run_axe(page, axe, "[data-xbedu-axe=quiz]")
    _report_serious("quiz", grouped)
    failing = [v for i in FAILING_IMPACTS for v in grouped.get(i, [])]
    assert not failing, failing
