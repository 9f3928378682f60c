"""Putting a summary into words: the structured document becomes a list of sections of blocks.

Words come from the catalogues (Flask-Babel), in whatever locale is in force: callers wrap this in
``flask_babel.force_locale`` to write a copy in Welsh or English. The family copy uses plain words;
the full copy the statutory ones. Free text stays ``Rich`` (Markdown, sanitised by each back end
through ``markup``); everything else is plain text that back ends escape.
"""

from .. import labels
from .blocks import (
    Cell,
    Document,
    Fields,
    Heading,
    Para,
    Rich,
    Section,
    Table,
    VersionInfo,
)
from .build import AreaSection, BehaviourLine, RoundSection, Summary
from .words import (
    _,
    _age,
    _categories,
    _in_force,
    _kind,
    _label,
    _locale,
    _role,
    _Words,
    _WordsInForce,
    clock,
    day,
)


def _header(s: Summary, w: _Words, version: VersionInfo | None) -> Section:
    h = s.header
    title = (
        _("Summary of the %(kind)s", kind=_kind(h.kind).lower())
        if w.family
        else _("%(kind)s: summary", kind=_kind(h.kind))
    )
    items: list[tuple[str, Cell]] = [(_("Meeting"), h.title), (_("Date"), day(h.meeting_date))]
    if h.opened_at and h.closed_at:
        items.append((_("Time"), _("%(start)s to %(end)s", start=clock(h.opened_at), end=clock(h.closed_at))))
    items.append((_("Chair"), h.chair_name))
    if not w.family and h.case_reference:
        items.append((_("Case reference"), h.case_reference))
    if h.previous_kind and h.previous_date:
        items.append(
            (_("Follows"), _("%(kind)s on %(date)s", kind=_kind(h.previous_kind), date=day(h.previous_date)))
        )
    items.append((_("Scale"), _("%(low)s to %(high)s", low=h.scale_min, high=h.scale_max)))
    items.append((_("Copy"), w.pick(_("Full copy, for practitioners"), _("Family copy"))))
    if version is not None:
        status = (
            _("Approved on %(date)s", date=day(version.approved_at.date()))
            if version.status == "approved" and version.approved_at
            else _("Draft, not yet approved by the chair")
        )
        items.append((_("Version"), _("Version %(n)s: %(status)s", n=version.number, status=status)))
    blocks: list = [Heading(1, title), Fields(tuple(items))]
    if w.family:
        blocks.append(
            Para(
                _(
                    "This is the summary of the meeting about your family. If something in it is wrong, "
                    "or you do not understand it, tell your social worker."
                )
            )
        )
    return Section("header", blocks)


def _attendance(s: Summary, w: _Words) -> Section:
    rows = tuple(
        (
            a.name,
            w.pick(_role(a.role, a.agency, a.is_family), _role(a.role, a.agency, a.is_family)),
            w.attendance(a.status, a.left_at),
            _("Yes") if a.report_provided else "",
        )
        for a in s.attendance
    )
    blocks: list = [
        Heading(2, w.pick(_("Attendance"), _("Who was there"))),
        Table(
            w.pick(
                _("Attendance, apologies and reports"), _("Who was there, and who sent apologies or a report")
            ),
            (_("Name"), _("Role"), _("Attendance"), _("Report provided")),
            rows,
        ),
    ]
    if s.exclusions:
        blocks += [
            Heading(3, _("Exclusions")),
            Table(
                _("People asked to leave the meeting"),
                (_("Name"), _("Role"), _("When")),
                tuple((e.name, _role(e.role, e.agency, False), clock(e.at)) for e in s.exclusions),
            ),
        ]
    if s.closed_sessions:
        blocks += [
            Heading(3, _("Closed sessions (family not present)")),
            Table(
                _("Closed sessions"),
                (_("Started"), _("Ended"), _("Reason")),
                tuple((clock(c.started_at), clock(c.ended_at), Rich(c.reason)) for c in s.closed_sessions),
            ),
        ]
    return Section("attendance", blocks)


def _views_table(caption: str, views, w: _Words) -> Table:
    return Table(
        caption,
        (_("Name"), _("Role"), _("View"), _("Categories"), _("Reason")),
        tuple(
            (
                v.name + (" " + _("(recorded by the chair)") if v.recorded_by_chair else ""),
                _role(v.role, v.agency, v.is_family),
                w.view(v.view),
                _categories(v.categories),
                Rich(v.reason),
            )
            for v in views
        ),
    )


def _registration(s: Summary, w: _Words) -> Section:
    blocks: list = [
        Heading(2, w.pick(_("Registration decisions"), _("The child protection register: what was decided")))
    ]
    for child in s.children:
        age = _age(*child.age)
        blocks.append(Heading(3, f"{child.name} ({age})" if age else child.name))
        items: list[tuple[str, Cell]] = [(_("Decision"), w.decision(child))]
        if child.categories:
            items.append(
                (w.pick(_("Categories"), _("Because of worries about")), _categories(child.categories))
            )
        if child.reasons:
            items.append((w.pick(_("Reasons"), _("Why")), Rich(child.reasons)))
        if child.family_view:
            items.append((w.pick(_("The family's view"), _("What the family said")), Rich(child.family_view)))
        if not w.family and child.dissent:
            items.append((_("Dissent"), Rich(child.dissent)))
        blocks.append(Fields(tuple(items)))
        if child.practitioner_views and not w.family:
            blocks.append(
                _views_table(_("Practitioners' views on registration"), child.practitioner_views, w)
            )
        if child.family_views:
            blocks.append(
                _views_table(
                    w.pick(
                        _("The family's views on registration"), _("What each of you said about the register")
                    ),
                    child.family_views,
                    w,
                )
            )
    return Section("registration", blocks)


def _position_value(value: int | None, s: Summary) -> str:
    if value is None:
        return _("Not agreed")
    return _("%(value)s out of %(high)s", value=value, high=s.header.scale_max)


def _round_blocks(r: RoundSection, n: int, s: Summary, w: _Words) -> list:
    blocks: list = [
        Table(
            w.pick(
                _("Scaling round %(n)s: each position", n=n),
                _("Where each person put things (round %(n)s)", n=n),
            ),
            (_("Name"), _("Role"), _("Position"), _("Reason")),
            tuple(
                (
                    p.name + (" " + _("(recorded by the chair)") if p.recorded_by_chair else ""),
                    _role(p.role, p.agency, p.is_family),
                    str(p.value),
                    Rich(p.reason),
                )
                for p in r.positions
            ),
        )
    ]
    items: list[tuple[str, Cell]] = [
        (w.pick(_("Agreed position"), _("Where we agreed things are")), _position_value(r.agreed_value, s))
    ]
    if r.agreed_rationale:
        items.append((w.pick(_("Rationale"), _("Why")), Rich(r.agreed_rationale)))
    blocks.append(Fields(tuple(items)))
    return blocks


def _behaviours_table(area: AreaSection, w: _Words) -> Table:
    rows = []
    for b in area.behaviours:
        agreement = w.agreement(b.agreement)
        if b.answers and not w.family:
            agreement += " (" + "; ".join(f"{a.name}: {w.answer(a.answer)}" for a in b.answers) + ")"
        text: Cell = Rich(b.text)
        rows.append((text, w.behaviour_status(b.status), agreement, b.who, day(b.by_when)))
    return Table(
        w.pick(_("Behaviours that would show care is good enough"), _("What needs to happen")),
        (
            w.pick(_("Behaviour"), _("What")),
            _("Agreed by the meeting"),
            w.pick(_("Family's agreement"), _("Did you agree?")),
            _("Who helps"),
            _("By when"),
        ),
        tuple(rows),
    )


def _area_note(area: AreaSection) -> str:
    # The full copy only: the family copy leaves out an area they were not told of.
    if area.in_closed_session and area.practitioners_only:
        return _(
            "Discussed in a closed session (family not present). Practitioners only: "
            "not shared with the family, and left out of the family copy."
        )
    if area.in_closed_session:
        return _(
            "Discussed in a closed session (family not present), then shared with the family. "
            "What was recorded before it was shared stays practitioners only."
        )
    return _("Practitioners only: not shared with the family, and left out of the family copy.")


def _area(area: AreaSection, n: int, s: Summary, w: _Words) -> Section:
    blocks: list = [Heading(2, _("Area of change %(n)s: %(title)s", n=n, title=area.title))]
    if not w.family and (area.in_closed_session or area.practitioners_only):
        blocks.append(Para(_area_note(area)))
    items: list[tuple[str, Cell]] = []
    if area.children:
        items.append((_("Children"), ", ".join(area.children)))
    items.append((w.pick(_("Not good enough"), _("What we are worried about")), Rich(area.not_good_enough)))
    items.append((w.pick(_("Good enough"), _("What good enough looks like")), Rich(area.good_enough)))
    items.append((w.pick(_("The family's own words"), _("In your own words")), Rich(area.family_words)))
    if area.agreed_wording:
        items.append((_("Agreed wording"), Rich(area.agreed_wording)))
    blocks.append(Fields(tuple(items)))
    if area.evidence:
        blocks.append(Heading(3, w.pick(_("Evidence"), _("What people said"))))
        headers = (_("Kind"), _("What was said"), _("Who said it"))
        rows = []
        for e in area.evidence:
            who = e.name + (" (" + (e.agency or _label(labels.ROLES, e.role)) + ")" if e.name else "")
            if e.recorded_by_chair:
                who += " " + _("(recorded by the chair)")
            kind = w.evidence_kind(e.kind)
            if not w.family and (e.practitioners_only or e.in_closed_session):
                kind += " – " + (_("closed session") if e.in_closed_session else _("practitioners only"))
            rows.append((kind, Rich(e.text), who))
        blocks.append(
            Table(w.pick(_("Evidence, worries and strengths"), _("What people said")), headers, tuple(rows))
        )
    if area.behaviours:
        blocks.append(Heading(3, w.pick(_("Behaviours"), _("What needs to happen"))))
        blocks.append(_behaviours_table(area, w))
    blocks.append(Heading(3, w.pick(_("Scaling"), _("The scale"))))
    scale: list[tuple[str, Cell]] = []
    if area.baseline_value is not None:
        scale.append(
            (
                w.pick(_("Baseline (last agreed position)"), _("Where things were last time")),
                _position_value(area.baseline_value, s),
            )
        )
    scale.append(
        (
            w.pick(_("Agreed position at this meeting"), _("Where we agreed things are now")),
            _position_value(area.agreed_value, s),
        )
    )
    blocks.append(Fields(tuple(scale)))
    for i, r in enumerate(area.rounds, start=1):
        blocks += _round_blocks(r, i, s, w)
    return Section("area", blocks, page_break=True)


def _steps(steps: tuple[BehaviourLine, ...], w: _Words) -> Section:
    return Section(
        "steps",
        [
            Heading(2, w.pick(_("The plan: steps"), _("Who will do what, by when"))),
            Table(
                w.pick(_("Steps of the plan"), _("Who will do what, by when")),
                (_("Area of change"), _("Step"), _("Who"), _("By when"), _("Progress")),
                tuple(
                    (b.area_title, Rich(b.text), b.who, day(b.by_when), w.progress(b.progress)) for b in steps
                ),
            ),
        ],
        page_break=True,
    )


def layout(summary: Summary, version: VersionInfo | None = None) -> Document:
    """The summary in words, in the locale in force."""
    token = _in_force.set(_WordsInForce())
    try:
        return _layout(summary, version)
    finally:
        _in_force.reset(token)


def _layout(summary: Summary, version: VersionInfo | None) -> Document:
    w = _Words(summary)
    sections = [_header(summary, w, version), _attendance(summary, w)]
    if summary.is_conference and summary.children:
        sections.append(_registration(summary, w))
    for n, area in enumerate(summary.areas, start=1):
        sections.append(_area(area, n, summary, w))
    if summary.steps:
        sections.append(_steps(summary.steps, w))
    sections.append(
        Section(
            "dates",
            [
                Heading(2, w.pick(_("Dates that follow"), _("What happens next"))),
                Table(
                    w.pick(_("Due dates, in working days"), _("What happens next, and by when")),
                    (_("What"), _("By")),
                    tuple((w.due(key), day(when)) for key, when in summary.dates),
                ),
            ],
        )
    )
    if summary.notes:
        blocks: list = [Heading(2, _("Notes from the chair"))]
        for audience, text in summary.notes:
            if audience == "practitioners":
                blocks.append(Heading(3, _("For practitioners only")))
            blocks.append(Para(Rich(text), note=True))
        sections.append(Section("notes", blocks))
    title = next(b.text for b in sections[0].blocks if isinstance(b, Heading))
    lang = _locale()[:2]
    return Document(title=title, lang=lang, copy=summary.copy, sections=tuple(sections))
