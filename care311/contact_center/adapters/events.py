"""What the adapters hand the pipeline: call and agent events in care311's own terms.

An event says only what its source knew at that moment; the pipeline merges a call's events
in any order into one call record, so a field an event leaves as None is simply not known
from it. Durations are whole seconds.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

# The most seconds (or queue places) a field may give: more is a garbled record, and would
# overflow the database's integers and the date arithmetic.
MAX_SECONDS = 7 * 86400


class CallKind(StrEnum):
    OFFERED = "offered"  # entered a queue
    ANSWERED = "answered"  # connected to an agent
    COMPLETED = "completed"  # an answered call ended
    TRANSFERRED = "transferred"  # an answered call was passed on
    ABANDONED = "abandoned"  # the caller hung up while waiting
    TIMED_OUT = "timed_out"  # the queue's time limit ended the wait
    EXITED_KEY = "exited_key"  # the caller left the queue with a key press
    EXITED_EMPTY = "exited_empty"  # the queue had no agents to wait for
    IVR = "ivr"  # left before reaching a queue


@dataclass(slots=True)
class CallEvent:
    call_key: str
    kind: CallKind
    at: datetime
    queue: str = ""
    agent: str = ""
    channel: str = ""
    caller: str = ""
    wait: int | None = None
    ring: int | None = None
    talk: int | None = None
    hold: int | None = None
    wrap: int | None = None
    position: int | None = None
    ended_by: str = ""
    transfer_target: str = ""


class AgentAction(StrEnum):
    BEGIN = "begin"  # a state starts alongside the others (login, pause, a call)
    END = "end"  # that state ends
    SWITCH = "switch"  # the agent's one current state is now this (webhooks, replay)
    LOGOUT = "logout"  # every open state ends


@dataclass(slots=True)
class AgentEvent:
    agent: str
    action: AgentAction
    at: datetime
    state: str = ""
    reason: str = ""
