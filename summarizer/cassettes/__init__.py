"""Record and replay the model's HTTP exchanges (cassettes), below the openai client.

format: the file and its header; transports: recording and replaying httpx2 transports;
diff: what differs when a request matches nothing recorded.
"""

from __future__ import annotations

from summarizer.cassettes.diff import describe_difference
from summarizer.cassettes.format import (
    FORMAT,
    REDACTED,
    RERECORD_HINT,
    Cassette,
    Interaction,
    canonical_body,
    endpoint,
    filter_headers,
    mode_of,
    new_header,
    recorded_settings,
    request_key,
)
from summarizer.cassettes.transports import (
    AsyncRecordingTransport,
    AsyncReplayTransport,
    Player,
    Recorder,
    RecordingTransport,
    ReplayTransport,
    UnmatchedRequest,
    fresh_recording,
    transports_for,
)

__all__ = [
    "FORMAT",
    "REDACTED",
    "RERECORD_HINT",
    "AsyncRecordingTransport",
    "AsyncReplayTransport",
    "Cassette",
    "Interaction",
    "Player",
    "Recorder",
    "RecordingTransport",
    "ReplayTransport",
    "UnmatchedRequest",
    "canonical_body",
    "describe_difference",
    "endpoint",
    "filter_headers",
    "fresh_recording",
    "mode_of",
    "new_header",
    "recorded_settings",
    "request_key",
    "transports_for",
]
