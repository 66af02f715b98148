"""Communes and their category lists."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, select

from broadcast.config import Settings
from broadcast.db import id_of
from broadcast.errors import InputError, NotFoundError
from broadcast.models import DEFAULT_CATEGORIES, Category, Commune, QuotaRule, SessionTemplate
from broadcast.text.folding import slugify

DEMO_COMMUNE = "xã Phúc Lộc"
DEFAULT_SESSIONS = (("Buổi sáng", "05:30", 30), ("Buổi chiều", "17:00", 30))
DEFAULT_QUOTAS = (("cchc", 2, 3, 5, 3),)


def default_don_vi(name: str) -> str:
    """'xã Phúc Lộc' -> 'Ủy ban nhân dân xã Phúc Lộc' (the name spoken in opening/closing)."""
    return f"Ủy ban nhân dân {name}"


def create_commune(session: Session, *, name: str, don_vi: str | None = None) -> Commune:
    """Register a commune with the default templates and categories."""
    name = " ".join(name.split())
    if not name:
        raise InputError("Tên xã không được để trống. Ví dụ: «xã Phúc Lộc».")
    slug = slugify(name)
    if session.exec(select(Commune).where(Commune.slug == slug)).first():
        raise InputError(f"Đã có xã «{name}» (mã «{slug}»). Dùng «communes list» để xem mã số của xã.")
    commune = Commune(name=name, slug=slug, don_vi=(don_vi or default_don_vi(name)).strip())
    session.add(commune)
    session.flush()
    for code, label in DEFAULT_CATEGORIES:
        session.add(Category(commune_id=id_of(commune), code=code, label=label))
    session.flush()
    add_defaults(session, commune_id=id_of(commune))
    return commune


def add_defaults(session: Session, *, commune_id: int) -> None:
    """Two daily sessions (05:30 and 17:00, 30 minutes) and the CCHC quota (2 minimum, 3 target)."""
    for name, start, length in DEFAULT_SESSIONS:
        session.add(SessionTemplate(commune_id=commune_id, name=name, start=start, length_min=length))
    for category, minimum, target, spacing, repeats in DEFAULT_QUOTAS:
        session.add(
            QuotaRule(
                commune_id=commune_id,
                category=category,
                minimum=minimum,
                target=target,
                spacing_days=spacing,
                max_per_script=repeats,
            )
        )
    session.flush()


def list_communes(session: Session) -> list[Commune]:
    return list(session.exec(select(Commune).order_by(col(Commune.id))))


def get_commune(session: Session, *, commune_id: int) -> Commune:
    commune = session.get(Commune, commune_id)
    if commune is None:
        raise NotFoundError(f"Không có xã mã số {commune_id}. Dùng «communes list» để xem danh sách xã.")
    return commune


def categories(session: Session, *, commune_id: int) -> list[Category]:
    return list(session.exec(select(Category).where(Category.commune_id == commune_id).order_by(col(Category.id))))


def ensure_demo(session: Session) -> Commune:
    """The demo commune for `make run`: created once, found afterwards."""
    existing = session.exec(select(Commune).where(Commune.slug == slugify(DEMO_COMMUNE))).first()
    return existing or create_commune(session, name=DEMO_COMMUNE)


@dataclass
class AudioSettings:
    """What a station may change about its sound; None leaves a value as it is."""

    engine_chain: list[str] | None = None
    espeak_voice: str | None = None
    online_voice: str | None = None
    speech_rate: int | None = None
    loudness_target: float | None = None
    horn_profile: bool | None = None
    opening_template: str | None = None
    closing_template: str | None = None
    don_vi: str | None = None


def voice_chain(current: list[str], *, main: str | None = None, fallbacks: list[str] | None = None) -> list[str]:
    """A commune's voice chain with a new main voice and/or new fallbacks (entries "engine[:voice]").

    Without new fallbacks the current chain, minus the new main voice, stays behind it."""
    head = main.strip() if main else (current[0] if current else "")
    tail = [f.strip() for f in fallbacks if f.strip()] if fallbacks is not None else current[(0 if main else 1) :]
    return list(dict.fromkeys(e for e in [head, *tail] if e))


def configure(session: Session, *, commune_id: int, changes: AudioSettings) -> Commune:
    """Validate and apply a commune's voice, loudness and template settings."""
    from broadcast.tts.catalogue import check_entry
    from broadcast.tts.chain import ENGINE_NAMES
    from broadcast.tts.espeak import EspeakEngine

    commune = get_commune(session, commune_id=commune_id)
    if changes.engine_chain is not None:
        entries = [e for e in (x.strip() for x in changes.engine_chain) if e]
        if not entries:
            raise InputError(
                f"Giọng đọc không hợp lệ: (trống). Chọn trong: {', '.join(ENGINE_NAMES)} "
                "(có thể kèm giọng, ví dụ viettel:hue-maingoc); nên để espeak ở cuối làm giọng dự phòng."
            )
        # "engine" or "engine:voice" (a main voice and its fallbacks, in order)
        commune.engine_chain = list(dict.fromkeys(check_entry(e) for e in entries))
    if changes.espeak_voice is not None:
        if changes.espeak_voice not in EspeakEngine.voices:
            raise InputError(
                f"Giọng espeak-ng «{changes.espeak_voice}» không có. Chọn: {', '.join(EspeakEngine.voices)}."
            )
        commune.espeak_voice = changes.espeak_voice
    if changes.online_voice is not None:
        commune.online_voice = changes.online_voice or None
    if changes.speech_rate is not None:
        if not 80 <= changes.speech_rate <= 260:
            raise InputError("Tốc độ đọc phải từ 80 đến 260 từ mỗi phút (mặc định 145, chậm cho loa ngoài trời).")
        commune.speech_rate = changes.speech_rate
    if changes.loudness_target is not None:
        if not -30 <= changes.loudness_target <= -9:
            raise InputError("Độ lớn mục tiêu phải từ -30 đến -9 LUFS (phát thanh thường dùng -16 LUFS).")
        commune.loudness_target = changes.loudness_target
    if changes.horn_profile is not None:
        commune.horn_profile = changes.horn_profile
    for name in ("opening_template", "closing_template", "don_vi"):
        value = getattr(changes, name)
        if value is not None:
            if not value.strip():
                raise InputError("Lời mở, lời kết và tên đơn vị không được để trống.")
            setattr(commune, name, " ".join(value.split()))
    session.add(commune)
    session.flush()
    return commune


def set_jingle(
    session: Session, settings: Settings, *, commune_id: int, slot: str, data: bytes | None, filename: str | None
) -> Commune:
    """Upload (validated, kept as WAV) or clear a commune's intro/outro jingle or music bed."""
    from broadcast.audio.jingle import import_jingle

    if slot not in ("intro", "outro", "bed"):
        raise InputError("Chọn loại nhạc: intro (nhạc hiệu đầu), outro (nhạc hiệu cuối) hoặc bed (nhạc nền).")
    commune = get_commune(session, commune_id=commune_id)
    attr = {"intro": "intro_jingle", "outro": "outro_jingle", "bed": "music_bed"}[slot]
    if data is None:
        setattr(commune, attr, None)
    else:
        path = import_jingle(
            data,
            filename or "nhac.wav",
            settings.jingle_dir / commune.slug / slot,
            max_seconds=600 if slot == "bed" else 30,
        )
        setattr(commune, attr, str(path))
    session.add(commune)
    session.flush()
    return commune


def set_category(session: Session, *, commune_id: int, code: str, label: str) -> Category:
    """Add a category to a commune's list, or rename one."""
    get_commune(session, commune_id=commune_id)
    code = slugify(code, max_length=30)
    if not label.strip():
        raise InputError("Cần tên chuyên mục, ví dụ «Giao thông nông thôn».")
    category = session.exec(select(Category).where(Category.commune_id == commune_id, Category.code == code)).first()
    category = category or Category(commune_id=commune_id, code=code, label=label.strip())
    category.label = " ".join(label.split())
    session.add(category)
    session.flush()
    return category


JINGLE_SLOTS = ("intro", "outro", "bed")


def jingle_path(session: Session, settings: Settings, *, commune_id: int, slot: str) -> Path:
    """The commune's jingle in slot (intro, outro, bed), or the default chime it falls back to."""
    from broadcast.audio.jingle import default_chime

    if slot not in JINGLE_SLOTS:
        raise InputError("Chỉ có nhạc mở đầu (intro), nhạc kết (outro) hoặc nhạc nền (bed).")
    commune = get_commune(session, commune_id=commune_id)
    chosen = {"intro": commune.intro_jingle, "outro": commune.outro_jingle, "bed": commune.music_bed}[slot]
    if chosen:
        return Path(chosen)
    chime = settings.jingle_dir / "chime.wav"
    return chime if chime.is_file() else default_chime(chime)


LIST_STYLE_NAMES = {"mot_la": "Một là, Hai là, …", "thu_nhat": "Thứ nhất, Thứ hai, …", "so": "Một, Hai, … (chỉ đọc số)"}


def set_list_style(session: Session, *, commune_id: int, list_style: str) -> Commune:
    """How the voice reads a numbered point ('1.', '2.') at the start of a paragraph."""
    if list_style not in LIST_STYLE_NAMES:
        raise InputError("Chọn một cách đọc mục đánh số: mot_la (Một là), thu_nhat (Thứ nhất) hoặc so (chỉ đọc số).")
    commune = get_commune(session, commune_id=commune_id)
    commune.list_style = list_style
    session.add(commune)
    session.flush()
    return commune


def rename_commune(session: Session, *, commune_id: int, name: str) -> Commune:
    """Change the commune's own name (its folder name, the slug, stays so that paths keep working)."""
    commune = get_commune(session, commune_id=commune_id)
    name = " ".join(name.split())
    if not name:
        raise InputError("Tên xã không được để trống. Ví dụ: «xã Phúc Lộc».")
    commune.name = name
    session.add(commune)
    session.flush()
    return commune
