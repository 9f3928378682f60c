"""Browser tests: a real server (`python app.py`, threading mode) and Debian's Chromium via Playwright.

Skipped, with the reason, where /usr/bin/chromium is absent (`.ci/run` installs it).
"""

import pytest

from meeting.catalogue import compile_catalogues
from tests.live.server import LiveServer

from .helpers import CHROMIUM, LAUNCH_ARGS, TIMEOUT, AxeReport


def pytest_collection_modifyitems(config, items):
    """Every test here is a browser test; without Chromium they are skipped, saying why."""
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server with the demo meeting, one per test module (each module plays its own meeting)."""
    compile_catalogues()  # the Welsh pages need the compiled catalogue, as `make test` makes it
    live = LiveServer("threading", tmp_path_factory.mktemp("browser"))
    # A busy machine (CI beside a benchmark) can take longer than the live tests allow to start one.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tests.live.server.START_TIMEOUT", 120.0)
        live.start()
    yield live
    live.stop()


@pytest.fixture(scope="session")
def browser():
    """Chromium, headless, one process for the whole session."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe():
    """axe-core findings of one module: every violation kept, serious and critical ones fail."""
    report = AxeReport()
    yield report
    print("\n" + report.summary())
