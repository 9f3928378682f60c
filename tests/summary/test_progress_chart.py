"""The progress chart: each area across every meeting of the case, as an accessible SVG with a table."""

import re

import lxml.html

from meeting.models import Meeting
from meeting.operations import summaries
from meeting.summary import build, chart
from tests.conftest import PASSWORD, sign_in

from .conftest import play_conference
from .test_core_group import _approved_conference, _start, play_core_group


def _three_meetings(make_play, chair_user):
    conference, _ids = _approved_conference(make_play)
    first = _start(conference, chair_user)
    play_core_group(first, 6, 5)
    first.close()
    first.approve(1)
    second = _start(first, chair_user)
    play_core_group(second, 8, 7)
    second.close()
    return conference, first, second


def test_three_meetings_give_three_points_per_series(app, make_play, chair_user):
    conference, _first, second = _three_meetings(make_play, chair_user)
    records = summaries.case_records(conference.session, second.meeting)
    home, alcohol = chart.progress(records, current_id=second.meeting_id)
    assert [c.kind for c in home.columns] == ["initial_conference", "core_group", "core_group"]
    assert home.agreed.values == (4, 6, 8) and alcohol.agreed.values == (3, 5, 7)
    by_name = {s.name: s for s in home.people}
    for name in ("Sian Hughes", "Nia Williams", "Gareth Morgan"):
        assert sum(v is not None for v in by_name[name].values) == 3, name
        assert len(by_name[name].segments[0]) == 3
    assert by_name["Sian Hughes"].values == (6, 8, 10)
    assert (by_name["Sian Hughes"].group, by_name["Nia Williams"].group) == ("family", "agency")


def test_family_and_agencies_differ_by_shape_and_colour(app, make_play, chair_user):
    conference, _first, second = _three_meetings(make_play, chair_user)
    home = chart.progress(summaries.case_records(conference.session, second.meeting))[0]
    colours = {s.group: s.colour for s in home.series}
    assert colours == {"agreed": "#000000", "family": "#D55E00", "agency": "#0072B2"}
    client = app.test_client()
    sign_in(client, chair_user.email, PASSWORD)
    page = lxml.html.document_fromstring(client.get(f"/meetings/{second.meeting_id}/progress").data)
    svg = page.xpath("//svg")[0]
    assert {"circle", "polygon", "rect"} <= {el.tag for el in svg.iter()}
    family_marks = svg.xpath(".//g[contains(@class,'series-family')]//circle")
    agency_marks = svg.xpath(".//g[contains(@class,'series-agency')]//polygon")
    assert {m.get("fill") for m in family_marks} == {"#D55E00"} and {m.get("fill") for m in agency_marks} == {
        "#0072B2"
    }


def test_the_chart_is_an_accessible_image_with_a_table_behind_it(app, make_play, chair_user):
    conference, _first, second = _three_meetings(make_play, chair_user)
    client = app.test_client()
    sign_in(client, chair_user.email, PASSWORD)
    html = client.get(f"/meetings/{conference.meeting_id}/progress").get_data(as_text=True)
    page = lxml.html.document_fromstring(html)
    svgs = page.xpath("//svg")
    assert len(svgs) == 2
    for svg in svgs:
        assert svg.get("role") == "img"
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert svg.xpath(f".//title[@id='{title_id}']") and svg.xpath(f".//desc[@id='{desc_id}']")
    desc = page.xpath("//desc")[0].text_content()
    assert re.search(r"4.*6.*8", desc)
    table = page.xpath("//table[contains(@class,'progress-table')]")[0]
    assert len(table.xpath(".//thead//th")) == 4  # who + three meetings
    agreed_row = table.xpath(".//tr[contains(@class,'progress-row-agreed')]/td")
    assert [td.text_content() for td in agreed_row] == ["4", "6", "8"]


def test_the_shared_screen_shows_the_chart_with_its_key(app, make_play, chair_user):
    conference, _first, second = _three_meetings(make_play, chair_user)
    key = conference.session.get(Meeting, second.meeting_id).screen_key
    client = app.test_client()
    shown = client.get(f"/meetings/{second.meeting_id}/screen/progress?key={key}")
    assert shown.status_code == 200 and b'role="img"' in shown.data
    one = client.get(f"/meetings/{second.meeting_id}/screen/progress?key={key}&area=2").get_data(as_text=True)
    assert one.count('role="img"') == 1 and "Alcohol use" in one
    assert client.get(f"/meetings/{second.meeting_id}/screen/progress?key=wrong").status_code == 403


def test_positions_from_a_closed_session_stay_off_the_family_chart(app, make_play):
    play = make_play()
    ids = play_conference(play)
    play.cmd(play.chair, "start_closed_session", reason="private")
    play.scale(ids["alcohol"], [(ids["nia"], 9, "secret"), (ids["tom"], 8, "secret")], 8)
    play.cmd(play.chair, "end_closed_session")
    play.close()
    records = summaries.case_records(play.session, play.meeting)
    full = chart.progress(records)[1]
    family = chart.progress([build.family_record(r) for r in records])[1]
    assert full.agreed.values == (8,) and family.agreed.values == (3,)
    assert {s.name for s in family.people} == {"Dean Hughes", "DC Tom Hayes"}
