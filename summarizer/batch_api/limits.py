"""The provider's limits per batch input file (OpenAI: 50,000 requests, 200 MB).

A module of its own so `summarizer --help` can show them without importing the batch path.
"""

MAX_LINES = 50_000
MAX_BYTES = 200 * 1024 * 1024
