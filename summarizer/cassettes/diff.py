"""What differs between a request and the closest recorded one, in a few readable lines."""

from __future__ import annotations

import difflib
import json
from typing import Any

from summarizer.cassettes.format import SCHEMA_FIELDS, normalise

# --- the diff shown when nothing matches -----------------------------------------------------


def _flatten(body: Any) -> list[str]:
    """Lines to compare two request bodies by: one per message line, one per other field."""
    if not isinstance(body, dict):
        return [json.dumps(body, sort_keys=True)]
    lines: list[str] = []
    for name in sorted(body):
        value = body[name]
        if name == "messages" and isinstance(value, list):
            for i, message in enumerate(value):
                lines.extend(f"{i}:{line}" for line in _message_text(message).splitlines())
        else:
            lines.append(f"{name}={json.dumps(value, sort_keys=True)}")
    return lines


def similarity(a: Any, b: Any) -> float:
    return difflib.SequenceMatcher(None, _flatten(a), _flatten(b), autojunk=False).ratio()


def _message_text(message: Any) -> str:
    if not isinstance(message, dict):
        return json.dumps(message, sort_keys=True)
    content = message.get("content")
    text = content if isinstance(content, str) else ""
    if content is not None and not isinstance(content, str):
        text = json.dumps(content, sort_keys=True, ensure_ascii=False)
    extra = {k: v for k, v in message.items() if k not in ("role", "content") and v is not None}
    if extra:
        text += ("\n" if text else "") + json.dumps(extra, sort_keys=True, ensure_ascii=False)
    return text


def _clip(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _line_changes(old: str, new: str, label: str, limit: int = 3) -> list[str]:
    """`label line N: - old / + new` for the first few changed lines."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if len(out) >= limit:
            out.append(f"{label}: … more lines differ")
            break
        removed = _shown(old_lines[i1:i2])
        added = _shown(new_lines[j1:j2])
        parts = [f"- {_clip(line)!r}" for line in removed]
        parts += [f"+ {_clip(line)!r}" for line in added]
        out.append(f"{label} line {i1 + 1}: " + " / ".join(parts))
    return out


def _shown(lines: list[str], limit: int = 3) -> list[str]:
    """The changed lines worth printing: blank ones only when nothing else changed."""
    kept = [line for line in lines if line.strip()] or lines
    return kept if len(kept) <= limit else [*kept[:limit], f"… {len(kept) - limit} more lines"]


def _whitespace_change(old: str, new: str) -> str:
    """Which whitespace changed, for texts whose lines read the same (splitlines hides it)."""
    if old.rstrip() == new.rstrip():
        return f"trailing {old[len(old.rstrip()) :]!r} -> {new[len(new.rstrip()) :]!r}"
    if old.strip() == new.strip():
        return "leading whitespace"
    return "line breaks or indentation"


def _message_label(message: Any, index: int) -> str:
    role = message.get("role", "?") if isinstance(message, dict) else "?"
    return f"{role} message" if index < 2 else f"{role} message #{index + 1}"


def describe_difference(old: Any, new: Any) -> list[str]:
    """What changed between a recorded request body and a new one, one finding per line."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return [f"body changed: {_clip(json.dumps(old))} -> {_clip(json.dumps(new))}"]
    out: list[str] = []
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name), new.get(name)
        if normalise(a) == normalise(b):
            continue
        if name == "messages":
            out.extend(_messages_difference(a or [], b or []))
        elif name in SCHEMA_FIELDS:
            change = "added" if a is None else "removed" if b is None else "changed"
            detail = (
                _line_changes(
                    json.dumps(a, indent=1, sort_keys=True),
                    json.dumps(b, indent=1, sort_keys=True),
                    name,
                    limit=2,
                )
                if change == "changed"
                else []
            )
            out.append(f"{name} {change} (the output schema or the structured-output mode differs)")
            out.extend("  " + line for line in detail)
        elif name not in old:
            out.append(f"{name} added: {_clip(json.dumps(b))}")
        elif name not in new:
            out.append(f"{name} removed (was {_clip(json.dumps(a))})")
        else:
            out.append(f"{name} changed: {_clip(json.dumps(a))} -> {_clip(json.dumps(b))}")
    return out or ["only volatile fields differ"]


def _messages_difference(old: list[Any], new: list[Any]) -> list[str]:
    out: list[str] = []
    if len(new) > len(old) and new[: len(old)] == old:
        extra = len(new) - len(old)
        return [
            f"{extra} more message(s) than recorded: a re-ask (the recorded answer no longer "
            "passes validation, e.g. verification changed)"
        ]
    if len(new) != len(old):
        out.append(f"messages: {len(old)} recorded, {len(new)} sent")
    for i, (a, b) in enumerate(zip(old, new, strict=False)):
        if a == b:
            continue
        label = _message_label(b, i)
        if isinstance(a, dict) and isinstance(b, dict) and a.get("role") != b.get("role"):
            out.append(f"{label}: role changed: {a.get('role')} -> {b.get('role')}")
            continue
        old_text, new_text = _message_text(a), _message_text(b)
        changes = _line_changes(old_text, new_text, label) or [
            f"{label}: only whitespace differs ({_whitespace_change(old_text, new_text)})"
        ]
        prefix = "prompt changed: " if i < 2 else ""
        out.extend(prefix + change for change in changes)
    return out
