"""The family copy never holds practitioners-only or closed-session text, in any format."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meeting.operations import summaries
from meeting.summary import build, render

from .factories import docx_text, random_meetings

SECRET = re.compile(r"SECRET")
FORMATS = ("html", "md", "docx")


def _family_texts(record, lang="en") -> dict[str, str]:
    out = {}
    for fmt in FORMATS:
        body = render.render(record, {}, build.FAMILY, fmt, lang)
        out[fmt] = docx_text(body) if fmt == "docx" else str(body)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meeting=random_meetings(), lang=st.sampled_from(["en", "cy", "both"]))
def test_random_meetings_keep_secrets_out_of_every_family_format(app, meeting, lang):
    record, public = meeting
    with app.test_request_context():
        texts = _family_texts(record, lang)
        full = str(render.render(record, {}, build.FULL, "html", "en"))
    for fmt, text in texts.items():
        assert not SECRET.search(text), (fmt, SECRET.findall(text))
        # ...and it is not empty: everything the family may see is there.
        missing = [token for token in public if token not in text]
        assert not missing, (fmt, missing)
    assert all(token in full for token in public)


@settings(max_examples=60, deadline=None)
@given(meeting=random_meetings())
def test_the_family_record_is_filtered_before_building(meeting):
    record, _public = meeting
    family = build.family_record(record)
    assert family.closed_sessions == ()
    assert all(c.visibility == "everyone" and c.closed_session_id is None for c in family.contributions)
    assert all(b.visibility == "everyone" and b.closed_session_id is None for b in family.behaviours)
    assert all(
        family.person(v.participant_id).is_family and v.closed_session_id is None for v in family.views
    )
    assert all(d.dissent == "" for d in family.decisions)
    assert "SECRET" not in repr(family)


# --- through the real operations ------------------------------------------------------------------

ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("say"), st.integers(0, 3), st.integers(0, 1), st.booleans()),
        st.tuples(st.just("closed"), st.just(0), st.just(0), st.just(False)),
        st.tuples(st.just("behaviour"), st.integers(0, 3), st.integers(0, 1), st.booleans()),
        st.tuples(st.just("round"), st.integers(0, 3), st.integers(0, 1), st.booleans()),
        st.tuples(st.just("view"), st.integers(0, 3), st.integers(0, 1), st.booleans()),
    ),
    min_size=3,
    max_size=10,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_meetings_played_through_operations_keep_secrets_out(app, make_play, actions):
    play = make_play()
    n = iter(range(1, 10_000))
    people = [
        play.join("Pro A", "practitioner", "Health"),
        play.join("Pro B", "social_worker", "Children"),
        play.join("Mam", "parent"),
        play.join("Advocate", "advocate", "Advocacy"),
    ]
    areas = [play.area(f"Area {i}", not_good_enough="PUBLIC statement") for i in range(2)]
    children = [c.id for c in play.meeting.children]
    in_session = False
    for action, who, where, flag in actions:
        person = people[who]
        family = person.role in ("parent", "advocate")
        if action == "closed":
            if in_session:
                play.cmd(play.chair, "end_closed_session")
            else:
                play.cmd(play.chair, "start_closed_session", reason=f"SECRET{next(n)} reason")
            in_session = not in_session
            continue
        if family and in_session:
            continue  # family devices are paused during a closed session
        hidden = in_session or (flag and not family)
        text = f"{'SECRET' if hidden else 'PUBLIC'}{next(n)} text"
        if action == "say":
            play.say(person, areas[where], "worry", text, practitioners_only=hidden and not in_session)
        elif action == "behaviour":
            # Behaviours have no practitioners-only switch: only a closed session hides one.
            text = f"{'SECRET' if in_session else 'PUBLIC'}{next(n)} text"
            bid = play.cmd(person, "propose_behaviour", area_id=areas[where], text=text)["behaviour_id"]
            play.cmd(play.chair, "set_behaviour_status", behaviour_id=bid, status="agreed")
        elif action == "round":
            reason = f"{'SECRET' if in_session else 'PUBLIC'}{next(n)} reason"
            movers = [p for p in people if not (in_session and p.role in ("parent", "advocate"))]
            play.scale(
                areas[where],
                [(p, 5, reason) for p in movers],
                5,
                f"{'SECRET' if in_session else 'PUBLIC'}{next(n)} why",
            )
        elif action == "view" and play.meeting.kind != "core_group":
            view = "unsure" if family else "register"
            secret_view = f"{'PUBLIC' if family and not in_session else 'SECRET'}{next(n)} view"
            play.cmd(
                person,
                "give_registration_view",
                child_id=children[where],
                view=view,
                categories=[] if family else ["neglect"],
                reason=secret_view,
            )
    if in_session:
        play.cmd(play.chair, "end_closed_session")
    version = play.close()
    with app.test_request_context():
        texts = _family_texts(summaries.record_of(version))
    for fmt, text in texts.items():
        assert not SECRET.search(text), (fmt, re.findall(r"SECRET\d+", text))
