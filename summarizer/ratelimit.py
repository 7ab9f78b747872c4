"""Requests-per-minute and tokens-per-minute limits: token buckets for asyncio.

A bucket refills continuously at limit/60 per second and holds at most one second's worth, so a
run never bursts: over any 60 s window it spends at most the limit plus one second's refill.
A request bigger than the bucket waits for a full bucket and then borrows (the level goes
negative), so one large article cannot block a run forever.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class TokenBucket:
    def __init__(
        self,
        per_minute: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if per_minute <= 0:
            raise ValueError("a rate limit must be more than 0 per minute")
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, self.rate)
        self._clock = clock
        self._sleep = sleep
        self._level = self.capacity
        self._stamp = clock()
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = self._clock()
        self._level = min(self.capacity, self._level + (now - self._stamp) * self.rate)
        self._stamp = now

    async def acquire(self, amount: float = 1.0) -> None:
        """Wait until `amount` may be spent, then spend it. Callers are served in order."""
        async with self._lock:  # first come, first served: no starvation of big requests
            need = min(amount, self.capacity)
            while True:
                self._refill()
                if self._level >= need:
                    self._level -= amount
                    return
                await self._sleep((need - self._level) / self.rate)

    def adjust(self, amount: float) -> None:
        """Correct an estimate after the fact: positive spends more, negative gives back."""
        self._refill()
        self._level = min(self.capacity, self._level - amount)


class RateLimiter:
    """Both limits at once; either may be None (no limit)."""

    def __init__(self, rpm: float | None = None, tpm: float | None = None) -> None:
        self.requests = TokenBucket(rpm) if rpm else None
        self.tokens = TokenBucket(tpm) if tpm else None

    async def acquire(self, estimated_tokens: int) -> None:
        if self.requests is not None:
            await self.requests.acquire(1)
        if self.tokens is not None:
            await self.tokens.acquire(estimated_tokens)

    def settle(self, estimated_tokens: int, actual_tokens: int) -> None:
        """After a request: charge the tokens it really used instead of the estimate."""
        if self.tokens is not None:
            self.tokens.adjust(actual_tokens - estimated_tokens)
