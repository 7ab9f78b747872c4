"""Record and replay the model's HTTP exchanges (cassettes), below the openai client.

format: the file and its header; transports: recording and replaying httpx2 transports;
diff: what differs when a request matches nothing recorded.

Names load lazily: reading a cassette (format) costs no openai import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.lazy import lazy_exports

if TYPE_CHECKING:
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

_LAZY = {
    "describe_difference": "summarizer.cassettes.diff",
    "FORMAT": "summarizer.cassettes.format",
    "REDACTED": "summarizer.cassettes.format",
    "RERECORD_HINT": "summarizer.cassettes.format",
    "Cassette": "summarizer.cassettes.format",
    "Interaction": "summarizer.cassettes.format",
    "canonical_body": "summarizer.cassettes.format",
    "endpoint": "summarizer.cassettes.format",
    "filter_headers": "summarizer.cassettes.format",
    "mode_of": "summarizer.cassettes.format",
    "new_header": "summarizer.cassettes.format",
    "recorded_settings": "summarizer.cassettes.format",
    "request_key": "summarizer.cassettes.format",
    "AsyncRecordingTransport": "summarizer.cassettes.transports",
    "AsyncReplayTransport": "summarizer.cassettes.transports",
    "Player": "summarizer.cassettes.transports",
    "Recorder": "summarizer.cassettes.transports",
    "RecordingTransport": "summarizer.cassettes.transports",
    "ReplayTransport": "summarizer.cassettes.transports",
    "UnmatchedRequest": "summarizer.cassettes.transports",
    "fresh_recording": "summarizer.cassettes.transports",
    "transports_for": "summarizer.cassettes.transports",
}


__getattr__ = lazy_exports(__name__, _LAZY)
