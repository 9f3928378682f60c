"""A conference played through the real operations, closed, and its summary read section by section."""

import io

import docx
from flask_babel import force_locale

from meeting.domain.working_days import add_working_days, first_review_due
from meeting.operations import summaries
from meeting.summary import build, render
from meeting.summary.layout import layout

from .conftest import CONFERENCE_DATE, play_conference


def _closed(make_play):
    play = make_play()
    ids = play_conference(play)
    version = play.close()
    return play, ids, version


def _full(version):
    return build.summary_for(summaries.record_of(version), build.FULL, summaries.edits_of(version))


def test_closing_drafts_version_one_at_once(app, make_play):
    play, _ids, version = _closed(make_play)
    assert (version.number, version.status) == (1, "draft")
    assert summaries.versions(play.session, play.meeting_id) == [version]


def test_header_names_the_meeting(app, make_play):
    _play, _ids, version = _closed(make_play)
    header = _full(version).header
    assert header.kind == "initial_conference"
    assert header.meeting_date == CONFERENCE_DATE
    assert header.chair_name == "Rhian Evans"
    assert header.case_reference == "CP-2026-0147"
    assert header.children == ("Mali", "Osian")


def test_attendance_records_present_apologies_reports_and_exclusions(app, make_play):
    _play, ids, version = _closed(make_play)
    summary = _full(version)
    status = {a.name: (a.status, a.report_provided) for a in summary.attendance}
    assert status["Rhian Evans"] == ("present", False)
    assert status["Nia Williams"] == ("present", False)
    assert status["Dr Owen Parry"] == ("apologies", True)
    assert status["Rhys Price"][0] == "removed"
    assert [(e.name, e.at) for e in summary.exclusions] == [("Rhys Price", ids["rhys_removed_at"])]
    assert [s.reason for s in summary.closed_sessions] == ["CLOSED-REASON: police information"]


def test_each_child_has_decision_categories_reasons_views_and_dissent(app, make_play):
    _play, _ids, version = _closed(make_play)
    children = _full(version).children
    assert [c.name for c in children] == ["Mali", "Osian"]
    mali = children[0]
    assert (mali.decision, mali.categories) == ("register", ("neglect",))
    assert mali.reasons == "Likelihood of significant harm through neglect."
    assert mali.family_view == "Sian and Dean accept help but feel judged."
    assert {(v.name, v.view) for v in mali.practitioner_views} == {
        ("Nia Williams", "register"),
        ("DC Tom Hayes", "do_not_register"),
    }
    assert [(v.name, v.view) for v in mali.family_views] == [("Sian Hughes", "unsure")]
    assert "DISSENT-TEXT" in mali.dissent and "DC Tom Hayes" in mali.dissent


def test_each_area_has_statements_evidence_behaviours_and_positions(app, make_play):
    _play, _ids, version = _closed(make_play)
    home, alcohol = _full(version).areas
    assert home.title == "Home conditions and safe sleep"
    assert home.not_good_enough.startswith("At 4 of the last 6 visits")
    assert home.good_enough.startswith("The home is clean")
    assert home.family_words.startswith("We want the house")
    assert [(e.kind, e.name, e.agency) for e in home.evidence] == [
        ("worry", "Nia Williams", "Health Visiting"),
        ("strength", "Sian Hughes", ""),
    ]
    [behaviour] = home.behaviours
    assert (behaviour.status, behaviour.agreement, behaviour.who) == (
        "agreed",
        "agreed",
        "Health visitor checks weekly",
    )
    assert {a.name for a in behaviour.answers} == {"Sian Hughes", "Dean Hughes"}
    [round_] = home.rounds
    # The family's positions first, then practitioners'.
    assert [(p.name, p.value, p.reason) for p in round_.positions] == [
        ("Sian Hughes", 6, "We bought a cot."),
        ("Gareth Morgan", 4, "Some change."),
        ("Nia Williams", 3, "Still no cot at the last visit."),
    ]
    assert (home.agreed_value, round_.agreed_rationale) == (4, "Cot bought but not yet used.")
    assert alcohol.agreed_value == 3
    kinds = {(e.kind, e.practitioners_only, e.in_closed_session) for e in alcohol.evidence}
    assert kinds == {("evidence", True, False), ("worry", True, True)}
    assert [b.status for b in alcohol.behaviours] == ["proposed"]


def test_steps_are_the_agreed_behaviours_with_who_and_when(app, make_play):
    _play, _ids, version = _closed(make_play)
    [step] = _full(version).steps
    assert (step.text, step.who, step.by_when.isoformat(), step.area_title) == (
        "Osian sleeps in his cot every night.",
        "Health visitor checks weekly",
        "2026-12-15",
        "Home conditions and safe sleep",
    )


def test_dates_follow_in_working_days(app, make_play):
    _play, _ids, version = _closed(make_play)
    dates = dict(_full(version).dates)
    assert dates["summary_due"] == add_working_days(CONFERENCE_DATE, 5)
    assert dates["record_due"] == add_working_days(CONFERENCE_DATE, 20)
    assert dates["first_core_group_due"] == add_working_days(CONFERENCE_DATE, 10)
    assert dates["next_review_due"] == first_review_due(CONFERENCE_DATE)


def test_family_copy_keeps_decision_and_family_view_but_not_the_rest(app, make_play):
    _play, _ids, version = _closed(make_play)
    family = build.summary_for(summaries.record_of(version), build.FAMILY)
    mali = family.children[0]
    assert (mali.decision, mali.categories, mali.family_view) == (
        "register",
        ("neglect",),
        "Sian and Dean accept help but feel judged.",
    )
    assert mali.practitioner_views == () and mali.dissent == ""
    assert family.closed_sessions == () and family.exclusions == ()
    assert family.header.case_reference == ""
    assert all(not e.practitioners_only for a in family.areas for e in a.evidence)


def test_every_format_says_the_same(app, make_play):
    _play, _ids, version = _closed(make_play)
    record = summaries.record_of(version)
    with app.test_request_context():
        md = render.render(record, {}, "full", "md")
        html = str(render.render(record, {}, "full", "html"))
        data = render.render(record, {}, "full", "docx")
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Initial child protection conference: summary"
    assert "Area of change 1: Home conditions and safe sleep" in headings
    assert "## Area of change 1: Home conditions and safe sleep" in md
    assert "<h2>Area of change 1: Home conditions and safe sleep</h2>" in html
    assert "Osian had <strong>no cot</strong> at three visits." in html
    assert "Osian had **no cot** at three visits." in md
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "Osian had no cot at three visits." in cells
    assert len(document.tables) > 8


def test_welsh_copy_is_written_in_welsh_locale(app, make_play):
    _play, _ids, version = _closed(make_play)
    record = summaries.record_of(version)
    with app.test_request_context():
        with force_locale("cy"):
            document = layout(build.summary_for(record, build.FAMILY))
        both = str(render.render(record, {}, "family", "html", "both"))
    assert document.lang == "cy"
    assert both.count('lang="cy"') == both.count('lang="en"') > 5
    assert both.index('lang="cy"') < both.index('lang="en"')
