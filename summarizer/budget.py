"""--budget US$ for online runs: no new article once the cost spent and in flight would pass it.

What an article will cost is known only from its answers, so each started article reserves a
guess (its characters / 4 in, a typical answer out) until it finishes and its real usage, re-asks
included, is counted instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.errors import ConfigError
from summarizer.models import Usage
from summarizer.pricing import Price

EXPECTED_OUTPUT_TOKENS = 800


@dataclass
class Budget:
    limit: float
    price: Price
    in_flight: float = 0.0

    @classmethod
    def of(cls, limit: float, price: Price | None, model: str) -> Budget:
        if limit <= 0:
            raise ConfigError("--budget must be more than 0")
        if price is None:
            raise ConfigError(
                f"--budget needs a price for {model}: give --price-in and --price-out"
            )
        return cls(limit, price)

    def admit(self, chars: int, spent: Usage) -> float | None:
        """The cost reserved for an article of `chars` characters, or None: it would pass."""
        guess = self.price.cost(
            Usage(prompt_tokens=chars // 4, completion_tokens=EXPECTED_OUTPUT_TOKENS)
        )
        if self.price.cost(spent) + self.in_flight + guess > self.limit:
            return None
        self.in_flight += guess
        return guess

    def release(self, reserved: float) -> None:
        self.in_flight -= reserved

    def refusal(self, spent: Usage) -> str:
        return (
            f"not started: it would pass the budget of ${self.limit:,.4f} "
            f"(spent ${self.price.cost(spent):,.4f}, ${self.in_flight:,.4f} in flight)"
        )
