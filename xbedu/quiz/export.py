"""``xbedu quiz export``: banks to Moodle XML, QTI 2.1 (a zip with a manifest) or CSV, in one language.

Mapping: single → Moodle ``multichoice`` (single) / QTI ``choiceInteraction`` (1 choice);
multiple → ``multichoice`` with fractions ±100/right-choices (partial) / ``choiceInteraction``
with ``mapResponse``; true_false → ``truefalse``; numeric → ``numerical`` with its
tolerance / QTI ``textEntryInteraction`` (float) with an absolute tolerance;
ordering → Moodle ``ordering`` (core since 4.4) / ``orderInteraction``; matching →
``matching`` / ``matchInteraction``. LMSs cannot call xbedu functions, so a computed
question is exported as one drawn instance (seed ``EXPORT_SEED``) of a numeric question.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from pathlib import Path

from .bank import Bank, Question
from .computed import instantiate
from .numbers import format_number

__all__ = ["EXPORT_SEED", "FORMATS", "export_banks", "to_csv", "to_moodle_xml", "to_qti_zip"]

#: Formats ``export_banks`` writes.
FORMATS = ("moodle", "qti", "csv")
#: Seed of the one instance a computed question is exported as.
EXPORT_SEED = 0


def _concrete(q: Question) -> Question:
    return instantiate(q, EXPORT_SEED) if q.type == "computed" else q


def _width(q: Question) -> float:
    return q.tolerance.width(float(q.answer)) if q.tolerance else 0.0


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _text_block(parent: ET.Element, tag: str, text: str, fmt: str = "plain_text") -> None:
    el = _sub(parent, tag, format=fmt)
    _sub(el, "text", text)


def to_moodle_xml(banks: Sequence[Bank], lang: str) -> bytes:
    """Return the banks as one Moodle XML ``<quiz>`` (a category per bank)."""
    quiz = ET.Element("quiz")
    for bank in banks:
        cat = _sub(quiz, "question", type="category")
        _sub(_sub(cat, "category"), "text", f"$course$/xbedu/{bank.quiz_id}")
        for original in bank.questions:
            q = _concrete(original)
            kind = {"single": "multichoice", "multiple": "multichoice", "true_false": "truefalse", "numeric": "numerical",
                    "computed": "numerical", "ordering": "ordering", "matching": "matching"}[q.type]
            el = _sub(quiz, "question", type=kind)
            _sub(_sub(el, "name"), "text", q.id)
            _text_block(el, "questiontext", q.prompt[lang])
            if q.explanation:
                _text_block(el, "generalfeedback", q.explanation[lang])
            _sub(el, "defaultgrade", format_number(q.points, 4))
            _sub(el, "idnumber", q.id)
            for hint in q.hints:
                _text_block(el, "hint", hint[lang])
            if q.type in ("single", "multiple"):
                right = {q.answer} if q.type == "single" else set(q.answer)
                _sub(el, "single", "true" if q.type == "single" else "false")
                _sub(el, "shuffleanswers", "false")
                for c in q.choices:
                    if q.type == "single":
                        frac = "100" if c.id in right else "0"
                    else:
                        frac = format_number((100 if c.id in right else -100) / len(right), 5).replace(",", "")
                    ans = _sub(el, "answer", fraction=frac, format="plain_text")
                    _sub(ans, "text", c.text[lang])
                    if c.feedback:
                        _sub(_sub(ans, "feedback", format="plain_text"), "text", c.feedback[lang])
            elif q.type == "true_false":
                for value in (True, False):
                    ans = _sub(el, "answer", fraction="100" if q.answer is value else "0")
                    _sub(ans, "text", "true" if value else "false")
            elif q.type in ("numeric", "computed"):
                ans = _sub(el, "answer", fraction="100")
                _sub(ans, "text", repr(round(float(q.answer), 6)))
                _sub(ans, "tolerance", repr(_width(q)))
                if q.unit:
                    units = _sub(el, "units")
                    unit = _sub(units, "unit")
                    _sub(unit, "multiplier", "1")
                    _sub(unit, "unit_name", q.unit[lang])
            elif q.type == "ordering":
                _sub(el, "layouttype", "VERTICAL")
                _sub(el, "selecttype", "ALL")
                _sub(el, "gradingtype", "ABSOLUTE_POSITION" if q.scoring == "partial" else "ALL_OR_NOTHING")
                for n, item_id in enumerate(q.answer, start=1):
                    ans = _sub(el, "answer", fraction=str(n), format="plain_text")
                    _sub(ans, "text", q.option_text(item_id, lang))
            else:
                _sub(el, "shuffleanswers", "true")
                for left in q.left:
                    sub = _sub(el, "subquestion", format="plain_text")
                    _sub(sub, "text", left.text[lang])
                    _sub(_sub(sub, "answer"), "text", q.option_text(q.answer[left.id], lang))
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8")


_QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
_IMS_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"


def _qti_item(q: Question, lang: str) -> bytes:
    item = ET.Element("assessmentItem", {"xmlns": _QTI_NS, "identifier": q.id.replace(".", "_"), "title": q.id,
                                         "adaptive": "false", "timeDependent": "false", "xml:lang": lang})
    multi = q.type in ("multiple", "ordering", "matching")
    base = {"single": "identifier", "multiple": "identifier", "true_false": "identifier", "numeric": "float",
            "computed": "float", "ordering": "identifier", "matching": "directedPair"}[q.type]
    card = "ordered" if q.type == "ordering" else "multiple" if multi else "single"
    decl = _sub(item, "responseDeclaration", identifier="RESPONSE", cardinality=card, baseType=base)
    correct = _sub(decl, "correctResponse")
    if q.type == "single":
        values = [q.answer]
    elif q.type == "true_false":
        values = ["true" if q.answer else "false"]
    elif q.type in ("multiple", "ordering"):
        values = list(q.answer)
    elif q.type == "matching":
        values = [f"{k} {v}" for k, v in q.answer.items()]
    else:
        values = [repr(round(float(q.answer), 6))]
    for v in values:
        _sub(correct, "value", str(v))
    if q.type in ("multiple", "matching") and q.scoring == "partial":
        mapping = _sub(decl, "mapping", lowerBound="0", upperBound=format_number(q.points, 4), defaultValue="0")
        share = q.points / len(values)
        keys = [f"{k} {v}" for k, v in q.answer.items()] if q.type == "matching" else values
        for key in keys:
            _sub(mapping, "mapEntry", mapKey=str(key), mappedValue=repr(round(share, 6)))
        if q.type == "multiple":
            for c in q.choices:
                if c.id not in values:
                    _sub(mapping, "mapEntry", mapKey=c.id, mappedValue=repr(round(-share, 6)))
    outcome = _sub(item, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    _sub(_sub(outcome, "defaultValue"), "value", "0")
    body = _sub(item, "itemBody")
    _sub(body, "p", q.prompt[lang])
    if q.type in ("single", "multiple", "true_false"):
        inter = _sub(body, "choiceInteraction", responseIdentifier="RESPONSE", shuffle="false",
                     maxChoices="1" if q.type != "multiple" else "0")
        options = [(c.id, c.text[lang]) for c in q.choices] if q.type != "true_false" else [("true", "True" if lang == "en" else "正确"), ("false", "False" if lang == "en" else "错误")]
        for ident, text in options:
            _sub(inter, "simpleChoice", text, identifier=ident)
    elif q.type in ("numeric", "computed"):
        p = _sub(body, "p")
        _sub(p, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="12")
        if q.unit:
            _sub(body, "p", q.unit[lang])
    elif q.type == "ordering":
        inter = _sub(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="false")
        for i in q.items:
            _sub(inter, "simpleChoice", i.text[lang], identifier=i.id)
    else:
        inter = _sub(body, "matchInteraction", responseIdentifier="RESPONSE", shuffle="false", maxAssociations=str(len(q.left)))
        left = _sub(inter, "simpleMatchSet")
        for o in q.left:
            _sub(left, "simpleAssociableChoice", o.text[lang], identifier=o.id, matchMax="1")
        right = _sub(inter, "simpleMatchSet")
        for o in q.right:
            _sub(right, "simpleAssociableChoice", o.text[lang], identifier=o.id, matchMax=str(len(q.left)))
    rp = _sub(item, "responseProcessing")
    cond = _sub(rp, "responseCondition")
    branch = _sub(cond, "responseIf")
    if q.type in ("numeric", "computed"):
        width = repr(_width(q))
        test = _sub(branch, "equal", toleranceMode="absolute", tolerance=f"{width} {width}")
        _sub(test, "variable", identifier="RESPONSE")
        _sub(test, "correct", identifier="RESPONSE")
    else:
        test = _sub(branch, "match")
        _sub(test, "variable", identifier="RESPONSE")
        _sub(test, "correct", identifier="RESPONSE")
    _sub(_sub(branch, "setOutcomeValue", identifier="SCORE"), "baseValue", format_number(q.points, 4), baseType="float")
    if q.type in ("multiple", "matching") and q.scoring == "partial":
        other = _sub(cond, "responseElse")
        _sub(_sub(other, "setOutcomeValue", identifier="SCORE"), "mapResponse", identifier="RESPONSE")
    ET.indent(item)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(item, encoding="utf-8")


def to_qti_zip(banks: Sequence[Bank], lang: str) -> bytes:
    """Return a QTI 2.1 content package (zip: ``imsmanifest.xml`` + one item file per question)."""
    buffer = io.BytesIO()
    manifest = ET.Element("manifest", {"xmlns": _IMS_NS, "identifier": "xbedu-quiz"})
    _sub(manifest, "organizations")
    resources = _sub(manifest, "resources")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for bank in banks:
            for q in bank.questions:
                name = f"items/{q.id.replace('.', '_')}.xml"
                archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), _qti_item(_concrete(q), lang))
                res = _sub(resources, "resource", identifier=q.id.replace(".", "_"), type="imsqti_item_xmlv2p1", href=name)
                _sub(res, "file", href=name)
        ET.indent(manifest)
        archive.writestr(zipfile.ZipInfo("imsmanifest.xml", (2026, 1, 1, 0, 0, 0)),
                         b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(manifest, encoding="utf-8"))
    return buffer.getvalue()


def to_csv(banks: Sequence[Bank], lang: str) -> str:
    """Return one CSV row per question: id, type, points, tag, difficulty, prompt, options, answer, explanation."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["quiz_id", "id", "type", "points", "tag", "difficulty", "prompt", "options", "answer", "tolerance", "unit", "explanation"])
    for bank in banks:
        for original in bank.questions:
            q = _concrete(original)
            options = " | ".join(f"{o.id}: {o.text[lang]}" for o in (*q.choices, *q.items, *q.left, *q.right))
            if isinstance(q.answer, dict):
                answer = "; ".join(f"{k}={v}" for k, v in q.answer.items())
            elif isinstance(q.answer, list):
                answer = "; ".join(q.answer)
            else:
                answer = str(q.answer).lower() if isinstance(q.answer, bool) else str(q.answer)
            writer.writerow([bank.quiz_id, q.id, q.type, format_number(q.points, 4), q.tag, q.difficulty, q.prompt[lang], options, answer,
                             format_number(_width(q), 6) if q.type in ("numeric", "computed") else "", q.unit[lang] if q.unit else "",
                             q.explanation[lang] if q.explanation else ""])
    return out.getvalue()


def export_banks(banks: Sequence[Bank], fmt: str, lang: str, out: str | Path) -> Path:
    """Write ``banks`` in ``fmt`` ("moodle", "qti" or "csv") and language ``lang`` to ``out``."""
    out = Path(out)
    if fmt == "moodle":
        out.write_bytes(to_moodle_xml(banks, lang))
    elif fmt == "qti":
        out.write_bytes(to_qti_zip(banks, lang))
    elif fmt == "csv":
        out.write_text(to_csv(banks, lang), encoding="utf-8", newline="")
    else:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")
    return out
