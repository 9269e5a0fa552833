"""`xbedu quiz export`: Moodle XML, QTI 2.1 and CSV carry the questions, the key and the language asked for."""

import csv
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

from xbedu.quiz.bank import load_banks
from xbedu.quiz.export import to_csv, to_moodle_xml, to_qti_zip

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


def banks():
    return load_banks()


def test_moodle_xml_has_every_question_with_its_key():
    root = ET.fromstring(to_moodle_xml(banks(), "en"))
    questions = {q.find("name/text").text: q for q in root.findall("question") if q.get("type") != "category"}
    assert len(questions) == sum(len(b.questions) for b in banks())
    single = questions["ch03.customs_documents"]
    assert single.get("type") == "multichoice" and single.find("single").text == "true"
    right = [a.find("text").text for a in single.findall("answer") if a.get("fraction") == "100"]
    assert right == ["A commercial invoice and a packing list"]
    multi = questions["ch03.third_party_payments"]
    fractions = sorted(a.get("fraction") for a in multi.findall("answer"))
    assert fractions == ["-33.33333", "-33.33333", "33.33333", "33.33333", "33.33333"]  # ±100 / 3 right choices
    num = questions["ch03.payment_fee"]
    assert num.get("type") == "numerical" and num.find("answer/text").text == "7.3" and num.find("answer/tolerance").text == "0.01"
    assert num.find("units/unit/unit_name").text == "USD"
    order = questions["ch03.eight_steps"]
    assert [a.find("text").text for a in order.findall("answer")][:2] == ["Market research", "Platform onboarding (open a seller account)"]
    match = questions["ch02.mode_platform"]
    pairs = {s.find("text").text: s.find("answer/text").text for s in match.findall("subquestion")}
    assert pairs["Etsy"] == "C2C: individual to individual"
    tf = questions["ch01.customs_applies"]
    assert [a.get("fraction") for a in tf.findall("answer")] == ["0", "100"]  # true 0, false 100
    computed = questions["ch06.startup_total"]
    assert computed.get("type") == "numerical" and "{" not in computed.find("questiontext/text").text


def test_moodle_xml_in_chinese():
    root = ET.fromstring(to_moodle_xml(banks(), "zh"))
    texts = [q.find("questiontext/text").text for q in root.findall("question") if q.get("type") != "category"]
    assert "报关通常需要哪些单据？" in texts


def test_qti_zip_has_manifest_and_one_item_per_question():
    archive = zipfile.ZipFile(io.BytesIO(to_qti_zip(banks(), "en")))
    names = archive.namelist()
    assert "imsmanifest.xml" in names and len([n for n in names if n.startswith("items/")]) == sum(len(b.questions) for b in banks())
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    hrefs = {r.get("href") for r in manifest.iter() if r.tag.endswith("resource")}
    assert hrefs == {n for n in names if n.startswith("items/")}
    item = ET.fromstring(archive.read("items/ch03_payment_fee.xml"))
    assert item.find(f"{QTI}responseDeclaration").get("baseType") == "float"
    assert item.find(f"{QTI}responseDeclaration/{QTI}correctResponse/{QTI}value").text == "7.3"
    equal = item.find(f".//{QTI}equal")
    assert equal.get("toleranceMode") == "absolute" and equal.get("tolerance") == "0.01 0.01"
    order = ET.fromstring(archive.read("items/ch03_eight_steps.xml"))
    assert order.find(f"{QTI}responseDeclaration").get("cardinality") == "ordered"
    assert order.find(f".//{QTI}orderInteraction") is not None
    match = ET.fromstring(archive.read("items/ch02_mode_platform.xml"))
    values = [v.text for v in match.findall(f"{QTI}responseDeclaration/{QTI}correctResponse/{QTI}value")]
    assert "etsy c2c" in values and match.find(f".//{QTI}mapping") is not None


def test_qti_zip_is_reproducible():
    assert to_qti_zip(banks(), "zh") == to_qti_zip(banks(), "zh")


def test_csv_one_row_per_question():
    rows = list(csv.DictReader(io.StringIO(to_csv(banks(), "zh"))))
    assert len(rows) == sum(len(b.questions) for b in banks())
    fee = next(r for r in rows if r["id"] == "ch03.payment_fee")
    assert fee["answer"] == "7.3" and fee["tolerance"] == "0.01" and fee["unit"] == "美元"
    assert next(r for r in rows if r["id"] == "ch01.customs_applies")["answer"] == "false"


def test_cli_export(tmp_path):
    out = tmp_path / "bank.xml"
    result = subprocess.run([sys.executable, "-m", "xbedu.cli", "quiz", "export", "--format", "moodle", "--lang", "zh", "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert ET.parse(out).getroot().tag == "quiz" and "道题写入" in result.stdout
