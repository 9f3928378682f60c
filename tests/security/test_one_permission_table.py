"""Who may do what is decided by the one permission table (meeting.domain.roles.may/require): no
HTTP route, socket handler or operation branches on a role by itself."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EDGES = sorted(
    [*(ROOT / "meeting" / "web").glob("*.py"), *(ROOT / "meeting" / "operations").glob("*.py")]
    + [ROOT / "meeting" / name for name in ("live.py", "identity.py", "presence.py", "payloads.py")]
)

# Role comparisons that are not permission checks, each with why.
NOT_PERMISSIONS = {
    (
        "meeting/web/auth.py",
        "user.role not in PARTICIPANT_ROLES",
    ): "which role an account acts in for a meeting: a service-wide role that is not a meeting role",
    (
        "meeting/web/join.py",
        "role not in JOINABLE_ROLES",
    ): "checking the role a person picks for themselves on the join page (a value, not a permission)",
    # The summary pages work out their reader the same way as web/auth.meeting_role (an admin's
    # service-wide role); owned by the summaries work, to be moved onto meeting_role.
    (
        "meeting/web/summaries.py",
        "user is not None and user.role == Role.ADMIN",
    ): "reader's role, as meeting_role",
    ("meeting/web/summaries.py", "viewer.role != Role.ADMIN"): "to be replaced by a table action",
}


def _is_none_check(compare: ast.Compare) -> bool:
    return all(isinstance(c, ast.Constant) and c.value is None for c in compare.comparators)


def _role_branches(path: Path) -> list[str]:
    """The conditions of if-statements and if-expressions that compare a role."""
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.If, ast.IfExp)):
            continue
        for part in ast.walk(node.test):
            if (
                isinstance(part, ast.Compare)
                and not _is_none_check(part)
                and any(
                    (isinstance(n, ast.Attribute) and n.attr == "role")
                    or (isinstance(n, ast.Name) and n.id == "role")
                    for n in [part.left, *part.comparators]
                )
            ):
                found.append(ast.unparse(node.test))
                break
    return found


@pytest.mark.parametrize("path", EDGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_edge_branches_on_a_role_outside_the_table(path):
    where = path.relative_to(ROOT).as_posix()
    ad_hoc = [test for test in _role_branches(path) if (where, test) not in NOT_PERMISSIONS]
    assert ad_hoc == [], f"{where}: use may()/require() with an action of the permission table: {ad_hoc}"


def test_the_scan_sees_an_ad_hoc_check(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f(person):\n    if person.role == 'chair':\n        return 1\n")
    assert _role_branches(sample) == ["person.role == 'chair'"]


def test_every_route_action_is_in_the_table():
    """Each action named by a staff page guard is an action of the table."""
    from meeting.domain.roles import ACTIONS

    named = set()
    for path in (ROOT / "meeting" / "web").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("staff_required", "meeting_required")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                named.add(node.args[0].value)
    assert named and named <= ACTIONS, named - ACTIONS
