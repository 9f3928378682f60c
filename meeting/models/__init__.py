"""Typed SQLAlchemy 2 models of the domain."""

from .agenda import AreaOfChange, Behaviour, BehaviourAnswer, Contribution, area_children
from .base import Base
from .decisions import (
    ClosedSession,
    RegistrationDecision,
    RegistrationView,
    ScalePosition,
    ScalingRound,
)
from .meeting import Child, Meeting, Participant, User
from .records import AuditEntry, PurgeRecord, SummaryVersion

__all__ = [
    "AreaOfChange",
    "AuditEntry",
    "Base",
    "Behaviour",
    "BehaviourAnswer",
    "Child",
    "ClosedSession",
    "Contribution",
    "Meeting",
    "Participant",
    "PurgeRecord",
    "RegistrationDecision",
    "RegistrationView",
    "ScalePosition",
    "ScalingRound",
    "SummaryVersion",
    "User",
    "area_children",
]
