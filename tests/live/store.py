"""The state a device keeps, the way the browser's state module keeps it (docs/protocol.md):
a catch_up answer, then `patch` after `patch`, each exactly one revision on; anything else is a gap."""

import copy
import threading
from datetime import UTC, datetime


class Store:
    """The client-side state of one device, kept the way the browser keeps it."""

    KINDS = (
        "participants",
        "children",
        "areas",
        "contributions",
        "behaviours",
        "rounds",
        "positions",
        "views",
        "decisions",
        "closed_sessions",
    )

    def __init__(self):
        self.lock = threading.Lock()
        self.state: dict | None = None
        self.gaps = 0

    @property
    def revision(self) -> int:
        """The revision the state is at (-1 before the first catch_up)."""
        with self.lock:
            return -1 if self.state is None else self.state["revision"]

    def load(self, snapshot: dict) -> None:
        """Take a catch_up answer, unless it is older than what patches already brought."""
        with self.lock:
            if self.state is None or snapshot["revision"] >= self.state["revision"]:
                self.state = copy.deepcopy(snapshot)

    def apply(self, patch: dict) -> bool:
        """Apply a patch; false when it does not follow on (a gap: catch up)."""
        with self.lock:
            if self.state is None:
                return False
            current = self.state["revision"]
            if patch["revision"] <= current:
                return True  # already have it (a catch_up overtook the patch)
            if patch["revision"] != current + 1:
                self.gaps += 1
                return False
            if patch.get("meeting") is not None:
                self.state["meeting"] = copy.deepcopy(patch["meeting"])
            for kind, items in (patch.get("upsert") or {}).items():
                rows = self.state.setdefault(kind, [])
                for item in items:
                    index = next((i for i, row in enumerate(rows) if row["id"] == item["id"]), None)
                    if index is None:
                        rows.append(copy.deepcopy(item))
                    else:
                        rows[index] = copy.deepcopy(item)
            for kind, ids in (patch.get("remove") or {}).items():
                self.state[kind] = [row for row in self.state.get(kind, []) if row["id"] not in set(ids)]
            self.state["revision"] = patch["revision"]
            return True

    def presence(self, body: dict) -> None:
        """A presence broadcast: someone's devices came or went (no revision)."""
        with self.lock:
            for row in (self.state or {}).get("participants", []):
                if row["id"] == body.get("participant_id"):
                    row["online"] = body.get("online")

    def remember_mine(self, round_id: int, value: int, reason: str) -> None:
        """The author's own hidden position, from the place_position acknowledgement."""
        with self.lock:
            if self.state is None:
                return
            mine = [p for p in self.state["mine"]["positions"] if p["round_id"] != round_id]
            self.state["mine"]["positions"] = [
                *mine,
                {"round_id": round_id, "value": value, "reason": reason},
            ]

    def snapshot(self) -> dict:
        """A copy of the state."""
        with self.lock:
            return copy.deepcopy(self.state)


def utc_instant(value: str | None) -> str | None:
    """An ISO timestamp as one UTC instant, whether or not the server wrote its offset."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def normalised(state: dict, keep_mine: bool = False) -> dict:
    """A state for comparison: rows sorted by id, timestamps as UTC instants; presence (which
    has no revision) and `mine` (which is per person) left out."""
    out = copy.deepcopy(state)
    if not keep_mine:
        out.pop("mine", None)
    # The meeting's own `revision` is the one at which the meeting row last changed in a patch,
    # but the current one in a catch_up; `state.revision` is what clients go by.
    out["meeting"] = {k: v for k, v in out["meeting"].items() if k != "revision"}
    for row in out.get("participants", []):
        row.pop("online", None)
    for kind in Store.KINDS:
        rows = sorted(out.get(kind, []), key=lambda row: row["id"])
        for row in rows:
            for key in [k for k in row if k.endswith("_at")]:
                row[key] = utc_instant(row[key])
        out[kind] = rows
    return out
