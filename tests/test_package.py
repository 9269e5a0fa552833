"""`import xbedu` is instant (no heavy imports) and has no side effects; the layers hold."""

import shutil
import subprocess
import sys

import xbedu


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_import_loads_no_heavy_library():
    out = _run("import sys, xbedu; print(sorted(m for m in ('altair','pandas','ipywidgets','numpy','jsonschema','yaml') if m in sys.modules))")
    assert out == "[]"


def test_domain_modules_need_only_the_standard_library():
    code = (
        "import sys, importlib\n"
        "mods=['modes','operations','logistics','margins','economics','startup','markets']\n"
        "present=[m for m in mods if importlib.util.find_spec('xbedu.'+m)]\n"
        "[importlib.import_module('xbedu.'+m) for m in present]\n"
        "print(present, sorted(m for m in ('altair','pandas','ipywidgets','numpy','jsonschema','yaml') if m in sys.modules))"
    )
    out = _run(code)
    assert out.endswith("[]"), out


def test_all_is_sorted_and_resolvable():
    assert xbedu.__all__ == sorted(xbedu.__all__, key=str.casefold)
    assert "logistics" in dir(xbedu)


def test_layer_contracts_hold():
    lint = shutil.which("lint-imports") or str(__import__("pathlib").Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([lint, "--no-cache"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: " in result.stdout and "broken" not in result.stdout.split("Contracts:")[-1].split("kept")[0]
