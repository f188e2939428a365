"""Publication-date ranges: `--since` / `--until` and the UI's date range restrict the evidence to
articles published within them. Dates are ISO, as articles carry them: YYYY, YYYY-MM or YYYY-MM-DD.
An article dated only by month is inside a range that overlaps that month; an undated article is
inside no range (nothing shows it was published then).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as calendar_date

_ISO = re.compile(r"\A(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\Z")


class DateError(ValueError):
    """A date bound that is not YYYY, YYYY-MM or YYYY-MM-DD, or a range that ends before it starts."""


def checked_date(value: str, name: str = "date") -> str:
    """`value` stripped, when it is a real YYYY, YYYY-MM or YYYY-MM-DD date ('' stays ''); else DateError."""
    value = (value or "").strip()
    if not value:
        return ""
    match = _ISO.match(value)
    try:
        if not match:
            raise ValueError
        calendar_date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        raise DateError(f"{name} {value!r} is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)") from None
    return value


def first_day(value: str) -> str:
    """The first day a partial date can mean: 2025-03 -> 2025-03-01."""
    return (value + "-01-01"[len(value) - 4:])[:10] if value else ""


def last_day(value: str) -> str:
    """The last day a partial date can mean, for comparison: 2025-03 -> 2025-03-31 (day 31 in every month)."""
    return (value + "-12-31"[len(value) - 4:])[:10] if value else ""


@dataclass(frozen=True)
class DateRange:
    """Publication dates from `since` to `until`, both included; either may be open ('')."""

    since: str = ""
    until: str = ""

    @classmethod
    def parse(cls, since: str | None = "", until: str | None = "") -> "DateRange":
        """A checked range; DateError names the bad bound."""
        result = cls(checked_date(since or "", "--since"), checked_date(until or "", "--until"))
        if result.since and result.until and first_day(result.since) > last_day(result.until):
            raise DateError(f"--since {result.since} is after --until {result.until}")
        return result

    def __bool__(self) -> bool:
        return bool(self.since or self.until)

    def contains(self, published: str) -> bool:
        """Whether an article published on `published` (possibly partial; '' = undated) is inside the range."""
        if not self:
            return True
        if not published:
            return False
        return (not self.since or last_day(published) >= first_day(self.since)) and \
            (not self.until or first_day(published) <= last_day(self.until))

    def describe(self) -> str:
        """"from 2025-03-10 to 2025-03-12", "since 2025-03", "until 2025-03-12"."""
        if self.since and self.until:
            return f"from {self.since} to {self.until}"
        return f"since {self.since}" if self.since else f"until {self.until}"
