"""What the voice will read: a script wrapped in its commune's opening and closing lines and
normalised with the commune's lexicon, for renders and for the previews people check."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from broadcast.db import id_of
from broadcast.models import Commune, Script
from broadcast.services import lexicon
from broadcast.services.communes import get_commune
from broadcast.services.scripts import get_script, script_text
from broadcast.text.normalize import Normalized, normalize
from broadcast.text.speech import SpeechText, build_speech, fill_template, title_is_body_start, wrap


def script_speech(session: Session, *, script: Script, commune: Commune) -> SpeechText:
    """The sentences the engines will speak for this script, in order."""
    paragraphs = wrap(
        title=script.title,
        body=script.body,
        opening=script.opening_text or fill_template(commune.opening_template, commune.don_vi),
        closing=script.closing_text or fill_template(commune.closing_template, commune.don_vi),
    )
    return build_speech(
        paragraphs, lexicon=lexicon.mapping(session, commune_id=id_of(commune)), list_style=commune.list_style
    )


def speech_for(session: Session, *, script_id: int) -> SpeechText:
    """What the voice will read for a script (approved or not), for previews and explanations."""
    script = get_script(session, script_id=script_id)
    return script_speech(session, script=script, commune=get_commune(session, commune_id=script.commune_id))


@dataclass(frozen=True)
class ParagraphPreview:
    written: str
    reading: Normalized


PREVIEW_CHARS = 30_000  # a long bulletin is ~10,000; a page never normalises more than this


def paragraph_previews(
    session: Session, *, script: Script, max_chars: int = PREVIEW_CHARS
) -> tuple[list[ParagraphPreview], bool]:
    """Each written paragraph of the text beside what the voice reads for it, up to max_chars
    of text (a paragraph longer than what is left is cut); True when the text went on."""
    lex = lexicon.mapping(session, commune_id=script.commune_id)
    list_style = get_commune(session, commune_id=script.commune_id).list_style
    out: list[ParagraphPreview] = []
    left = max_chars
    unspoken = script.title if title_is_body_start(script.body, script.title) else None
    for paragraph in script_text(script).split("\n"):
        if not paragraph.strip() or paragraph == unspoken:
            continue
        if left <= 0:
            return out, True
        shown = paragraph[:left]
        left -= len(shown)
        out.append(ParagraphPreview(shown, normalize(shown, lexicon_overrides=lex, list_style=list_style)))
        if len(shown) < len(paragraph):
            return out, True
    return out, False
