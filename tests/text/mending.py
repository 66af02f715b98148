"""Shared check for the passes that mend a typing slip before the rules read the text."""

from __future__ import annotations

from broadcast.text.normalize import normalize


def assert_mended(written: str, spoken: str, rule: str) -> None:
    """The voice says `spoken`, and the change is shown as `rule` over the very characters written."""
    result = normalize(written)
    assert spoken in result.spoken
    assert any(r.rule == rule and written[r.start : r.end] == r.source for r in result.replacements)
