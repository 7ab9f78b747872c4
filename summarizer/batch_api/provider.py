"""The provider's Files and Batches endpoints, through the openai client.

Creation is idempotent across processes: a file is uploaded under the part's tag as its name
and a batch carries the tag in its metadata, so a run resumed after a kill between "create"
and "remember the id" finds what it made instead of making it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import openai

from summarizer.batch_api.lines import URL
from summarizer.errors import ConfigError, SummarizerError
from summarizer.redact import redact, remember

TAG_KEY = "summarizer_part"
# Final states: nothing more will change. "completed" has files; the others may have some.
DONE = frozenset({"completed", "failed", "expired", "cancelled"})


@dataclass(frozen=True)
class BatchInfo:
    id: str
    status: str
    output_file_id: str | None
    error_file_id: str | None
    counts: dict[str, int]
    problem: str | None  # the provider's words when the batch failed validation


class ProviderError(SummarizerError):
    """The Files or Batches endpoint refused or could not be reached."""


class Provider:
    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: float,
        retries: int,
        http_client: Any = None,
    ) -> None:
        if not api_key and not base_url:
            raise ConfigError(
                "the Batch API needs a key: set OPENAI_API_KEY (or --api-key), or point "
                "--base-url at a server with /v1/batches"
            )
        remember(api_key)
        from summarizer.engines.llm import NO_KEY

        self.where = base_url or "the OpenAI API"
        self.client = openai.OpenAI(
            api_key=api_key or NO_KEY,
            base_url=base_url,
            timeout=timeout,
            max_retries=retries,
            http_client=http_client,
        )

    def _call(self, what: str, func: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except openai.APIStatusError as exc:
            raise ProviderError(
                redact(f"{self.where} answered {exc.status_code} to {what}: {exc.message}")
            ) from None
        except openai.APIError as exc:
            raise ProviderError(redact(f"cannot {what} at {self.where}: {exc}")) from None

    def find_file(self, name: str) -> str | None:
        page = self._call("list files", self.client.files.list, purpose="batch")
        return next((f.id for f in page.data if f.filename == name), None)

    def upload(self, name: str, content: bytes) -> str:
        created = self._call(
            "upload a batch file", self.client.files.create, file=(name, content), purpose="batch"
        )
        return str(created.id)

    def find_batch(self, tag: str) -> str | None:
        page = self._call("list batches", self.client.batches.list, limit=100)
        return next((b.id for b in page.data if (b.metadata or {}).get(TAG_KEY) == tag), None)

    def create(self, file_id: str, tag: str) -> str:
        batch = self._call(
            "create a batch",
            self.client.batches.create,
            input_file_id=file_id,
            endpoint=URL,
            completion_window="24h",
            metadata={TAG_KEY: tag},
        )
        return str(batch.id)

    def retrieve(self, batch_id: str) -> BatchInfo:
        batch = self._call("read a batch", self.client.batches.retrieve, batch_id)
        counts = batch.request_counts
        problem = None
        errors = getattr(batch, "errors", None)
        data = getattr(errors, "data", None) or []
        if data:
            first = data[0]
            where = f" (line {first.line})" if getattr(first, "line", None) else ""
            problem = f"{first.code}: {first.message}{where}"
        return BatchInfo(
            id=str(batch.id),
            status=str(batch.status),
            output_file_id=batch.output_file_id,
            error_file_id=batch.error_file_id,
            counts={
                "total": counts.total,
                "completed": counts.completed,
                "failed": counts.failed,
            }
            if counts is not None
            else {},
            problem=problem,
        )

    def content(self, file_id: str) -> bytes:
        response = self._call("download a batch file", self.client.files.content, file_id)
        return bytes(response.content)

    def cancel(self, batch_id: str) -> None:
        self._call("cancel a batch", self.client.batches.cancel, batch_id)
