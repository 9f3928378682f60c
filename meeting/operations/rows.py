"""Writing one row now, without the unit of work: for the commands that every device sends.

The ORM's flush works out, for every object in the session, what changed and in what order to write
it; for the commands sent most (a contribution, a scale position, a focus move) that bookkeeping cost
more than the SQL itself (bench/README.md, "Where the time goes"). These write one row with a Core
statement built once, then tell the session that the object matches the database, so that the flush
before the commit has nothing left to do for it. The object stays an ordinary, loaded ORM object.
"""

from functools import cache

from sqlalchemy import Insert, Update, bindparam, insert, inspect, update
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import instance_state, set_committed_value


@cache
def _update(model: type, names: tuple[str, ...]) -> Update:
    table = model.__table__
    # Bound parameters may not share a column's name in an UPDATE's SET clause: hence "new_".
    return (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values({table.c[name]: bindparam(f"new_{name}") for name in names})
    )


@cache
def _insert(model: type) -> Insert:
    return insert(model.__table__)


def update_now(session: Session, entity, **values) -> None:
    """Write these columns of a loaded row with one UPDATE, and mark them written in the session."""
    parameters = {f"new_{name}": value for name, value in values.items()}
    session.connection().execute(_update(type(entity), tuple(values)), {"row_id": entity.id, **parameters})
    for name, value in values.items():
        set_committed_value(entity, name, value)


def insert_now(session: Session, entity) -> None:
    """Insert a new object's row with one INSERT; it joins the session as loaded, with its new id.

    Every column must be set on the object or have a plain default: a column left to the database
    would be unknown to the object, and reading it would cost a query after all."""
    state = instance_state(entity)
    values = {}
    for prop in inspect(type(entity)).column_attrs:
        column = prop.columns[0]
        if column.primary_key:
            continue
        if prop.key not in state.dict:
            default = column.default
            if default is not None and not default.is_scalar:
                raise ValueError(f"{type(entity).__name__}.{prop.key}: set it; its default is computed")
            setattr(entity, prop.key, default.arg if default is not None else None)
        values[column.key] = state.dict[prop.key]
    result = session.connection().execute(_insert(type(entity)), values)
    entity.id = result.inserted_primary_key[0]
    # Detached with every attribute as written: adding it makes it persistent, with nothing to flush.
    make_transient_to_detached(entity)
    session.add(entity)
