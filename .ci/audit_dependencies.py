#!/usr/bin/env python3
"""Audit the locked dependencies (requirements.lock) with pip-audit; used by `make audit` and CI.

Exit status:
  0  every locked package was audited; no known vulnerability with a fix available
     (vulnerabilities with no fix yet are printed, since there is nothing to upgrade to)
  1  a known vulnerability with a fix available: upgrade the package, then `make lock`
  2  the installed packages differ from the lock: run `make lock` (or reinstall with `make`)
  3  packages could not be audited, e.g. the vulnerability service is unreachable. pip-audit on
     its own then says "No known vulnerabilities found" and exits 0 having checked nothing; this
     refuses that. ECP_AUDIT_ALLOW_UNAUDITED=1 turns it into a warning, for machines without access
     to the service (state it wherever the result is reported).

A vulnerability may be accepted only with a written reason, in IGNORED below (id -> why).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# Accepted vulnerabilities: {"GHSA-...": "why it does not affect ECP Live, and until when"}.
IGNORED: dict[str, str] = {}


def _pins(text: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def _drift(lock: dict[str, str]) -> list[str]:
    """Installed packages whose version is not the locked one (or that the lock does not list)."""
    frozen = subprocess.run(
        [str(BIN / "pip"), "freeze", "--exclude-editable"], capture_output=True, text=True, check=True
    ).stdout
    return [
        f"{name} {version} installed, lock says {lock.get(name, 'nothing')}"
        for name, version in _pins(frozen).items()
        if lock.get(name) != version
    ]


def main(lock_path: str = "requirements.lock") -> int:
    lock_file = ROOT / lock_path
    lock = _pins(lock_file.read_text())
    drift = _drift(lock)
    if drift:
        print("The installed packages are not the locked ones; run `make lock`:", *drift, sep="\n  ")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        command = [
            str(BIN / "pip-audit"), "-r", str(lock_file), "--no-deps", "--disable-pip",
            "--format", "json", "--output", str(report), "--progress-spinner", "off",
        ]  # fmt: skip
        for vuln_id in IGNORED:
            command += ["--ignore-vuln", vuln_id]
        run = subprocess.run(command, capture_output=True, text=True)
        if not report.exists():
            print("pip-audit could not run; the vulnerability service may be unreachable:")
            print(run.stderr.strip()[-2000:])
            return _unaudited(len(lock))
        dependencies = json.loads(report.read_text())["dependencies"]
    return verdict(dependencies)


def verdict(dependencies: list[dict]) -> int:
    """Judge pip-audit's JSON dependencies: print what was found and return the exit status."""
    skipped = [d for d in dependencies if "skip_reason" in d]
    fixable, unfixable = [], []
    for dep in dependencies:
        for vuln in dep.get("vulns", []):
            line = f"{dep['name']} {dep['version']}: {vuln['id']} {' '.join(vuln.get('aliases', []))}".strip()
            if vuln.get("fix_versions"):
                fixable.append(f"{line} -> fixed in {', '.join(vuln['fix_versions'])}")
            else:
                unfixable.append(f"{line} (no fix released yet)")
    print(f"Audited {len(dependencies) - len(skipped)} of {len(dependencies)} locked packages.")
    for vuln_id, why in IGNORED.items():
        print(f"  accepted {vuln_id}: {why}")
    if unfixable:
        print("Known vulnerabilities without a fix (watch these):", *unfixable, sep="\n  ")
    if fixable:
        print("Known vulnerabilities with a fix available: upgrade, then `make lock`:", *fixable, sep="\n  ")
        return 1
    if skipped:
        print(f"{len(skipped)} package(s) could not be audited, for example:")
        for dep in skipped[:3]:
            print(f"  {dep['skip_reason']}")
        return _unaudited(len(skipped))
    print("No known vulnerability with a fix available.")
    return 0


def _unaudited(count: int) -> int:
    if os.environ.get("ECP_AUDIT_ALLOW_UNAUDITED") == "1":
        print(f"WARNING: {count} package(s) NOT audited (ECP_AUDIT_ALLOW_UNAUDITED=1).")
        return 0
    print(f"FAILED: {count} package(s) not audited. Give this machine access to pypi.org's JSON API "
          "(https://pypi.org/pypi/<name>/<version>/json), or set ECP_AUDIT_ALLOW_UNAUDITED=1 and say so.")
    return 3


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
