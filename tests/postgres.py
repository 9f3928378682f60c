"""A private schema in the machine's PostgreSQL for one test; the test skips where there is none."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def postgres_schema(prefix: str) -> Iterator[str]:
    """The URL of a fresh schema in the `test` database (trust auth on 127.0.0.1), dropped afterwards."""
    try:
        import psycopg

        admin = psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True, connect_timeout=3
        )
    except Exception as exc:  # noqa: BLE001 - any failure to connect means: no PostgreSQL here
        pytest.skip(f"PostgreSQL is not reachable on 127.0.0.1:5432 ({exc.__class__.__name__})")
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()
