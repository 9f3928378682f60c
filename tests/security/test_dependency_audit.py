"""The dependency audit gate (.ci/audit_dependencies.py): it fails on a known vulnerability with a fix
available, and refuses to call an audit that checked nothing a pass."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def gate():
    spec = importlib.util.spec_from_file_location(
        "audit_dependencies", ROOT / ".ci" / "audit_dependencies.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CLEAN = {"name": "flask", "version": "3.1.3", "vulns": []}
FIXABLE = {
    "name": "jinja2",
    "version": "3.1.2",
    "vulns": [
        {
            "id": "GHSA-h5c8-rqwp-cp95",
            "fix_versions": ["3.1.3"],
            "aliases": ["CVE-2024-22195"],
            "description": "xss",
        }
    ],
}
UNFIXED = {
    "name": "ecdsa",
    "version": "0.19.0",
    "vulns": [
        {
            "id": "GHSA-wj6h-64fc-37mp",
            "fix_versions": [],
            "aliases": ["CVE-2024-23342"],
            "description": "timing",
        }
    ],
}
SKIPPED = {
    "name": "aiohttp",
    "skip_reason": "Dependency not found on PyPI and could not be audited: aiohttp (3.14.5)",
}


def test_a_vulnerability_with_a_fix_fails(gate, capsys):
    assert gate.verdict([CLEAN, FIXABLE, UNFIXED]) == 1
    out = capsys.readouterr().out
    assert "jinja2 3.1.2: GHSA-h5c8-rqwp-cp95 CVE-2024-22195 -> fixed in 3.1.3" in out


def test_a_vulnerability_without_a_fix_is_reported_but_passes(gate, capsys):
    assert gate.verdict([CLEAN, UNFIXED]) == 0
    assert "ecdsa 0.19.0: GHSA-wj6h-64fc-37mp CVE-2024-23342 (no fix released yet)" in capsys.readouterr().out


def test_a_clean_audit_passes(gate):
    assert gate.verdict([CLEAN]) == 0


def test_packages_that_could_not_be_audited_fail(gate, capsys, monkeypatch):
    monkeypatch.delenv("ECP_AUDIT_ALLOW_UNAUDITED", raising=False)
    assert gate.verdict([CLEAN, SKIPPED]) == 3
    assert "FAILED: 1 package(s) not audited" in capsys.readouterr().out


def test_unaudited_packages_pass_only_when_allowed_out_loud(gate, capsys, monkeypatch):
    monkeypatch.setenv("ECP_AUDIT_ALLOW_UNAUDITED", "1")
    assert gate.verdict([CLEAN, SKIPPED]) == 0
    assert "WARNING: 1 package(s) NOT audited" in capsys.readouterr().out


def test_a_fixable_vulnerability_fails_even_when_others_could_not_be_audited(gate, monkeypatch):
    monkeypatch.setenv("ECP_AUDIT_ALLOW_UNAUDITED", "1")
    assert gate.verdict([FIXABLE, SKIPPED]) == 1


def test_the_lock_pins_exact_versions(gate):
    text = (ROOT / "requirements.lock").read_text()
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert lines and all("==" in line for line in lines)
    pins = gate._pins(text)  # noqa: SLF001
    for package in (
        "flask",
        "flask-socketio",
        "sqlalchemy",
        "argon2-cffi",
        "werkzeug",
        "jinja2",
        "pip-audit",
    ):
        assert package in pins, package
