"""What a leader needs around an approval: the fingerprint of the text they read, and when
that text has changed since, the new text with what changed (a word-level diff)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from broadcast.config import Settings
from broadcast.models import Approval, Profile
from broadcast.models_air import ScriptVersion
from broadcast.services import render_jobs
from broadcast.services.scripts import approve, get_script, script_text, text_hash

_TOKEN = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class Change:
    """One run of the new text: kept as it was ("same"), added ("ins") or removed ("del")."""

    op: str
    text: str


def word_diff(old: str, new: str) -> list[Change]:
    """The words of new against old, in order; whitespace runs stay with their words."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[Change] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = Change(op, out[-1].text + text)
        else:
            out.append(Change(op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("same", "".join(a[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            add("del", "".join(a[i1:i2]))
        if tag in ("insert", "replace"):
            add("ins", "".join(b[j1:j2]))
    return out


def seen_text(session: Session, *, script_id: int, seen: str) -> str | None:
    """The text of this script whose fingerprint (or its 8+ digit prefix) the user was shown."""
    seen = seen.strip().lower()
    if len(seen) < 8:
        return None
    rows = session.exec(
        select(ScriptVersion).where(ScriptVersion.script_id == script_id).order_by(col(ScriptVersion.id))
    )
    found = [v.text for v in rows if v.text_hash.startswith(seen)]
    return found[-1] if found else None


@dataclass(frozen=True)
class Changes:
    seen: str
    current: str
    changes: list[Change]
    known: bool  # False when the seen text is not on record (only the new text can be shown)


def changes_since(session: Session, *, script_id: int, seen: str) -> Changes | None:
    """What changed in a script since the text with fingerprint `seen`; None when nothing did."""
    script = get_script(session, script_id=script_id)
    current = script_text(script)
    digest = text_hash(current)
    if digest.startswith(seen.strip().lower()) and len(seen.strip()) >= 8:
        return None
    old = seen_text(session, script_id=script_id, seen=seen)
    if old is None:
        return Changes(seen, digest, [Change("ins", current)], known=False)
    return Changes(seen, digest, word_diff(old, current), known=True)


def diff_lines(changes: list[Change]) -> str:
    """The diff as plain text for a terminal: [-removed-] {+added+}."""
    marks = {"same": "{}", "del": "[-{}-]", "ins": "{{+{}+}}"}
    return "".join(marks[c.op].format(c.text) for c in changes)


def approve_and_render(
    session: Session, settings: Settings, *, script_id: int, by: str, chuc_vu: str, text_hash: str
) -> Approval:
    """Approve the text the leader saw; once that is committed, its station render starts in
    the background (ahead of air, so a failing render is found days before, not an hour)."""
    result = approve(session, script_id=script_id, by=by, chuc_vu=chuc_vu, text_hash=text_hash)
    if settings.render_on_approve:  # a background job that starts once the approval is committed
        render_jobs.start(session, script_id=script_id, profile=Profile.STATION, engine=None)
    return result
