"""What tokens cost, for the batch summary line: a small table, overridable per run.

Prices are US dollars per million tokens (input, output) at standard (non-batch) rates, as
published by the providers; they change, so `--price-in/--price-out` win over the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.models import Usage


@dataclass(frozen=True)
class Price:
    input_per_million: float
    output_per_million: float

    def cost(self, usage: Usage) -> float:
        return (
            usage.prompt_tokens * self.input_per_million
            + usage.completion_tokens * self.output_per_million
        ) / 1_000_000


# Longest prefix wins, so dated snapshots ("gpt-4o-mini-2024-07-18") find their family.
PRICES: dict[str, Price] = {
    "gpt-4o-mini": Price(0.15, 0.60),
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-5-nano": Price(0.05, 0.40),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5": Price(1.25, 10.00),
    "o4-mini": Price(1.10, 4.40),
    "o3-mini": Price(1.10, 4.40),
    "gpt-3.5-turbo": Price(0.50, 1.50),
}


def price_for(
    model: str | None, *, price_in: float | None = None, price_out: float | None = None
) -> Price | None:
    """The price of `model`, with either side overridden; None when nothing is known.

    A model name may carry a provider prefix ("openai/gpt-4o-mini"); it is ignored.
    """
    known: Price | None = None
    if model:
        name = model.rsplit("/", 1)[-1].lower()
        matches = [key for key in PRICES if name == key or name.startswith(key + "-")]
        if matches:
            known = PRICES[max(matches, key=len)]
    if price_in is None and price_out is None:
        return known
    if known is None and (price_in is None or price_out is None):
        # Half a price is no price: a cost computed from it would be silently low.
        return None
    base = known or Price(0.0, 0.0)
    return Price(
        price_in if price_in is not None else base.input_per_million,
        price_out if price_out is not None else base.output_per_million,
    )


# The provider Batch APIs bill half the online price (OpenAI's published discount).
BATCH_DISCOUNT = 0.5


def batch_price(price: Price | None) -> Price | None:
    """The Batch API's price for what `price` costs online."""
    if price is None:
        return None
    return Price(
        price.input_per_million * BATCH_DISCOUNT, price.output_per_million * BATCH_DISCOUNT
    )
