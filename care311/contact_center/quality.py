"""The data-quality summary that ends every call import, follow session and replay."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Quality:
    name: str
    format: str
    read: int = 0
    events: Counter = field(default_factory=Counter)
    calls_created: int = 0
    calls_updated: int = 0
    calls_unchanged: int = 0
    intervals: int = 0
    duplicates: int = 0
    out_of_order: int = 0
    ring_milliseconds: int = 0
    waiting_at_end: int = 0
    incomplete_at_end: int = 0
    unknown: Counter = field(default_factory=Counter)
    quarantined: Counter = field(default_factory=Counter)
    caveats: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "events": dict(self.events),
            "calls_created": self.calls_created,
            "calls_updated": self.calls_updated,
            "calls_unchanged": self.calls_unchanged,
            "agent_intervals": self.intervals,
            "duplicates": self.duplicates,
            "out_of_order": self.out_of_order,
            "waiting_at_end": self.waiting_at_end,
            "incomplete_at_end": self.incomplete_at_end,
            "unknown_event_types": dict(self.unknown),
            "quarantined": dict(self.quarantined),
            "caveats": dict(self.caveats),
            "seconds": round(self.seconds, 3),
        }

    def lines(self) -> list[str]:
        rate = self.read / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.name} ({self.format}): read {self.read:,}, calls created "
            f"{self.calls_created:,}, updated {self.calls_updated:,}, unchanged "
            f"{self.calls_unchanged:,}, agent state intervals {self.intervals:,}, quarantined "
            f"{sum(self.quarantined.values()):,} in {self.seconds:.1f} s ({rate:,.0f} records/s)"
        ]
        if self.events:
            counts = ", ".join(f"{name} {count:,}" for name, count in sorted(self.events.items()))
            lines.append(f"  events: {counts}")
        if self.ring_milliseconds:
            lines.append(
                f"  unanswered ringing: {self.ring_milliseconds / 1000:,.1f} s in all "
                "(RINGNOANSWER and RINGCANCELED give milliseconds)"
            )
        lines.append(f"  still waiting when the input ended: {self.waiting_at_end:,}")
        lines.append(f"  answered, no completion line (incomplete): {self.incomplete_at_end:,}")
        lines.append(f"  duplicate events skipped: {self.duplicates:,}")
        lines.append(f"  out-of-order times (kept, merged by call): {self.out_of_order:,}")
        for name, count in sorted(self.unknown.items()):
            lines.append(f"  unknown event type {name}: {count:,} (kept in quarantine)")
        for reason, count in sorted(self.quarantined.items()):
            lines.append(f"  quarantined {count:,}: {reason}")
        for reason, count in sorted(self.caveats.items()):
            lines.append(f"  kept with a caveat {count:,}: {reason}")
        return lines
