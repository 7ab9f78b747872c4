"""The JSON Schema of the output contract, as committed in schemas/."""

from __future__ import annotations

import json

from summarizer.models import Result


def result_schema() -> dict[str, object]:
    schema = Result.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://github.com/summarizer/summarizer/schemas/result.schema.json"
    return schema


def result_schema_json() -> str:
    return json.dumps(result_schema(), indent=2, sort_keys=True) + "\n"
