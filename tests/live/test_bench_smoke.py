"""A short smoke run of the benchmark (bench/run.py), so that it cannot rot between the on-demand
full runs: two meetings of 25 devices for three seconds under eventlet, the app and the bare
server side by side. It asserts what the benchmark reports, never how fast: speed is measured in
bench/, not asserted here."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parents[2]
CATCH_UP = 60


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench") / "figures.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--modes",
            "eventlet",
            "--meetings",
            "2",
            "--duration",
            "3",
            "--clients",
            "1",
            "--drain",
            "5",
            "--catch-up",
            str(CATCH_UP),
            "--catch-up-repeats",
            "2",
            "--json",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return json.loads(out.read_text())["results"]["eventlet"]


def test_every_command_the_app_acknowledged_is_in_its_audit_log(figures):
    app = figures["app"]
    assert (app["sent"], app["lost"]) == (app["acked"], 0)


def test_every_device_got_every_patch_in_order(figures):
    app = figures["app"]
    assert (app["undelivered"], app["gaps"], app["errors"]) == (0, 0, 0)


def test_the_bare_server_ran_the_same_load_in_the_same_run(figures):
    assert (figures["baseline"]["sockets"], figures["baseline"]["sent"]) == (50, figures["app"]["sent"])


def test_the_catch_up_brought_a_device_to_the_last_revision(figures):
    catch_up = figures["app"]["catch_up"]
    assert {audience: c["revision"] for audience, c in catch_up.items()} == {
        "practitioners": CATCH_UP,
        "family": CATCH_UP,
    }
