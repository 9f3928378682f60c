"""Welsh and English tests run on compiled catalogues (as `make test` compiles them first)."""

import pytest

from meeting.catalogue import compile_catalogues


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    """The .mo files the app reads, made from the .po files if missing or stale."""
    compile_catalogues()
