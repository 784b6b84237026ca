"""Per-user question rate limit (a sliding window), and the bot's usage statistics."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Decision:
    """Whether a question may go ahead; if not, when it may and whether to say so."""

    allowed: bool
    retry_in: float = 0.0
    notify: bool = False  # only the first refusal of a burst is answered, so floods stay quiet


class RateLimiter:
    """At most `per_window` questions per user in any `window` seconds.

    Only touched from the event loop, so it needs no lock.
    """

    def __init__(
        self,
        per_window: int,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_window = per_window
        self.window = window
        self._clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._told: dict[int, float] = {}  # user -> time they were last told to slow down

    def check(self, user_id: int) -> Decision:
        """Record a question by `user_id` if allowed; otherwise say when to retry."""
        now = self._clock()
        times = self._seen.setdefault(user_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.per_window:
            times.append(now)
            self._told.pop(user_id, None)
            self._forget_idle(now)
            return Decision(True)
        retry_in = self.window - (now - times[0])
        told = self._told.get(user_id)
        notify = told is None or now - told >= self.window
        if notify:
            self._told[user_id] = now
        return Decision(False, retry_in, notify)

    def _forget_idle(self, now: float) -> None:
        """Drop users idle for a whole window, so memory follows active users only."""
        if len(self._seen) < 1024:
            return
        for user_id in [u for u, t in self._seen.items() if not t or now - t[-1] >= self.window]:
            del self._seen[user_id]


@dataclass
class Stats:
    """What /stats reports about the running bot."""

    started: float = field(default_factory=time.time)
    questions: int = 0
    summaries: int = 0
    refused: int = 0  # questions the documents could not answer
    rate_limited: int = 0
    errors: int = 0
    latencies_ms: deque[float] = field(default_factory=lambda: deque(maxlen=2000))

    def record(self, latency_ms: float, *, found: bool, summary: bool = False) -> None:
        if summary:
            self.summaries += 1
        else:
            self.questions += 1
        if not found:
            self.refused += 1
        self.latencies_ms.append(latency_ms)

    def percentile(self, q: float) -> float | None:
        """The q-th percentile (0-100) of recent reply latencies, or None before any."""
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
        return ordered[index]
