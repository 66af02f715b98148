"""From an approved script to a broadcast-ready MP3: an ordered list of stages.

    load_approved -> speech_text -> synthesize -> decode_clips -> master -> tag -> record

One typed RenderJob travels through the stages; each stage reads what earlier ones set.
Only an approved, unchanged text can enter; the render records the approved text's hash,
the engine and voice of every sentence, and the measured loudness of the finished file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from pydantic import SecretStr
from sqlmodel import Session

from broadcast.audio import chunks, jingle, master, tags
from broadcast.audio.ffmpeg import Loudness
from broadcast.config import Settings
from broadcast.db import on_rollback
from broadcast.fsutil import file_sha256
from broadcast.models import Commune, Profile, Render, Script
from broadcast.services import credentials
from broadcast.services.communes import categories, get_commune
from broadcast.services.scripts import approved_text
from broadcast.services.speech import script_speech
from broadcast.text.folding import slugify
from broadcast.text.speech import SpeechText
from broadcast.tts.base import Engine
from broadcast.tts.catalogue import label_of
from broadcast.tts.chain import EngineChain, SentenceCache, SpokenClip, build_engine, parse_entry

Progress = Callable[[str, int, int], None]  # (stage label, done, total)
T = TypeVar("T")


@dataclass
class RenderJob:
    script_id: int
    profile: Profile
    engine: str | None = None  # one engine instead of the commune's chain
    progress: Progress | None = None
    # Filled in by the stages, in order.
    script: Script | None = None
    commune: Commune | None = None
    text_hash: str = ""
    speech: SpeechText | None = None
    clips: list[SpokenClip] = field(default_factory=list)
    skipped_engines: list[str] = field(default_factory=list)
    engine_failures: list[str] = field(default_factory=list)
    frames: list[bytes] = field(default_factory=list)
    chunks_reused: int = 0
    output: Path | None = None
    loudness: Loudness | None = None
    render: Render | None = None

    def report(self, label: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(label, done, total)

    # What the earlier stages set, for the later ones (a stage run out of order is a bug).
    def loaded(self) -> tuple[Script, Commune]:
        return _set(self.script, "script"), _set(self.commune, "commune")

    def spoken(self) -> SpeechText:
        return _set(self.speech, "speech")

    def out(self) -> Path:
        return _set(self.output, "output")


def _set(value: T | None, name: str) -> T:
    if value is None:
        raise RuntimeError(f"render stage order: {name} is not set yet")
    return value


def _load_approved(job: RenderJob, session: Session, settings: Settings) -> None:
    job.script, _, job.text_hash = approved_text(session, script_id=job.script_id)
    job.commune = get_commune(session, commune_id=job.script.commune_id)


def _speech_text(job: RenderJob, session: Session, settings: Settings) -> None:
    script, commune = job.loaded()
    job.speech = script_speech(session, script=script, commune=commune)


def _chain(job: RenderJob, settings: Settings, keys: Mapping[str, SecretStr] | None = None) -> EngineChain:
    """The commune's voices in order: its main voice first, then its fallbacks.

    An entry names an engine ("gtts") or an engine and its voice ("viettel:hue-maingoc");
    keys are the commune's API keys for the commercial voices."""
    commune = _set(job.commune, "commune")
    entries = [parse_entry(e) for e in ([job.engine] if job.engine else list(commune.engine_chain))]
    engines = [build_engine(name, settings, keys) for name, _ in entries]
    chosen = {id(engine): voice for engine, (_, voice) in zip(engines, entries, strict=True)}

    def voice_for(engine: Engine) -> str:
        picked = chosen.get(id(engine))
        if picked and (picked in engine.voices or engine.name == "piper"):
            return picked
        if engine.name == "espeak":
            return commune.espeak_voice
        if commune.online_voice and commune.online_voice in engine.voices:
            return commune.online_voice
        return engine.default_voice

    return EngineChain(
        engines,
        voice_for=voice_for,
        rate=commune.speech_rate,
        cache=SentenceCache(settings.tts_cache_dir),
        workers=settings.tts_workers,
    )


def _synthesize(job: RenderJob, session: Session, settings: Settings) -> None:
    script, _ = job.loaded()
    chain = _chain(job, settings, credentials.keys_for(session, settings, commune_id=script.commune_id))
    sentences = job.spoken().sentences
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        job.report("Đọc từng câu", done, len(sentences))

    job.clips = chain.speak_all(sentences, progress=tick)
    job.skipped_engines = chain.skipped
    job.engine_failures = chain.failures


def _decode_clips(job: RenderJob, session: Session, settings: Settings) -> None:
    job.report("Ghép câu", 0, 1)
    with ThreadPoolExecutor(max_workers=settings.tts_workers or os.cpu_count() or 1) as pool:
        job.frames = list(pool.map(chunks.frames_of, [c.path for c in job.clips]))


def _mix_plan(job: RenderJob, settings: Settings) -> master.MixPlan:
    _, commune = job.loaded()
    target = commune.loudness_target
    cache = settings.jingle_dir / "matched"
    cache.mkdir(parents=True, exist_ok=True)
    return master.MixPlan(
        intro=jingle.matched(
            Path(commune.intro_jingle) if commune.intro_jingle else None, target=target, cache_dir=cache
        ),
        outro=jingle.matched(
            Path(commune.outro_jingle) if commune.outro_jingle else None, target=target, cache_dir=cache
        ),
        bed=Path(commune.music_bed) if commune.music_bed else None,
    )


def _output_path(job: RenderJob, settings: Settings) -> Path:
    script, commune = job.loaded()
    month = script.month or datetime.now(settings.tz).strftime("%Y-%m")
    suffix = "" if job.profile == Profile.STATION else f"-{job.profile.value}"
    name = f"{slugify(script.title, max_length=50)}-{script.id}{suffix}.mp3"
    return settings.audio_dir / commune.slug / month / name


def _master(job: RenderJob, session: Session, settings: Settings) -> None:
    """Chunked mastering (cached, parallel): the intro jingle opens the first chunk, the
    outro closes the last, and each chunk carries its own stretch of the music bed."""
    job.report("Lọc âm, chỉnh độ lớn, mã hóa MP3", 0, 1)
    plan = _mix_plan(job, settings)
    _, commune = job.loaded()
    speech = job.spoken()
    job.output = _output_path(job, settings)
    job.output.parent.mkdir(parents=True, exist_ok=True)
    sizes = [len(p) for p in speech.paragraphs]
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    paragraphs = [job.frames[s : s + n] for s, n in zip(starts, sizes, strict=True)]
    groups = chunks.plan(
        [" ".join(p) for p in speech.paragraphs], [sum(chunks.seconds_of(f) for f in p) for p in paragraphs]
    )
    pieces: list[chunks.Piece] = []
    bed_offset = 0.0
    for g, group in enumerate(groups):
        frames = chunks.speech_pcm([paragraphs[i] for i in group], last=g == len(groups) - 1)
        piece_plan = replace(
            plan,
            intro=plan.intro if g == 0 else None,
            outro=plan.outro if g == len(groups) - 1 else None,
            bed_offset_s=bed_offset,
        )
        pieces.append(chunks.Piece(frames, piece_plan))
        bed_offset += chunks.seconds_of(frames)
    mastering = chunks.ChunkMaster(
        cache_dir=settings.data_dir / "chunk-cache",
        profile=job.profile,
        target=commune.loudness_target,
        horn=commune.horn_profile,
        workers=settings.tts_workers or os.cpu_count() or 1,
    )
    results = mastering.master_all(pieces)
    job.chunks_reused = sum(1 for _, cached in results if cached)
    done = [chunk for chunk, _ in results]
    chunks.join(done, job.output)
    job.loudness = Loudness(
        integrated=chunks.integrated([m for c in done for m in c.momentary]),
        true_peak=max(c.true_peak for c in done),
        lra=0.0,
    )


def _tag(job: RenderJob, session: Session, settings: Settings) -> None:
    script, commune = job.loaded()
    labels = {c.code: c.label for c in categories(session, commune_id=script.commune_id)}
    tags.write_tags(
        job.out(),
        title=script.title,
        commune=commune.name,
        category=labels.get(script.category, script.category),
        date=datetime.now(settings.tz).strftime("%Y-%m-%d"),
        text_hash=job.text_hash,
    )


def _record(job: RenderJob, session: Session, settings: Settings) -> None:
    from broadcast.audio import ffmpeg

    script, commune = job.loaded()
    loudness = _set(job.loudness, "loudness")
    main, _ = parse_entry(job.engine or (commune.engine_chain[0] if commune.engine_chain else ""))
    duration = float(ffmpeg.probe(job.out()).get("format", {}).get("duration") or 0)
    job.render = Render(
        script_id=job.script_id,
        commune_id=script.commune_id,
        profile=job.profile,
        path=str(job.out()),
        text_hash=job.text_hash,
        spoken_text=job.spoken().text,
        duration_s=round(duration, 3),
        lufs=round(loudness.integrated, 2),
        true_peak=round(loudness.true_peak or 0.0, 2),
        engines=[
            {
                "sentence": c.text,
                "engine": c.engine,
                "voice": c.voice,
                "cached": c.cached,
                "fallback": c.fallback,
                **({"main": main, "why": c.why} if c.fallback else {}),
            }
            for c in job.clips
        ],
        offline_voice=any(c.engine in ("espeak", "piper") for c in job.clips) and bool(job.skipped_engines),
        audio_sha256=file_sha256(job.out()),
    )
    session.add(job.render)
    session.flush()


STAGES: list[tuple[str, Callable[[RenderJob, Session, Settings], None]]] = [
    ("load_approved", _load_approved),
    ("speech_text", _speech_text),
    ("synthesize", _synthesize),
    ("decode_clips", _decode_clips),
    ("master", _master),
    ("tag", _tag),
    ("record", _record),
]


def render(
    session: Session,
    settings: Settings,
    *,
    script_id: int,
    profile: Profile = Profile.STATION,
    engine: str | None = None,
    progress: Progress | None = None,
) -> RenderJob:
    """Run every stage for one script; the finished job carries the Render row."""
    job = RenderJob(script_id=script_id, profile=profile, engine=engine, progress=progress)
    for _, stage in STAGES:
        stage(job, session, settings)
    output = job.out()
    on_rollback(session, lambda: output.unlink(missing_ok=True))
    return job


def offline_notice(job: RenderJob) -> str | None:
    """A sentence for the user when the offline voice stood in for an online one."""
    if not job.render or not job.render.offline_voice:
        return None
    return (
        "Không kết nối được giọng đọc trực tuyến ("
        + ", ".join(job.skipped_engines)
        + "): đã dùng giọng đọc ngoại tuyến espeak-ng. Có thể dựng lại khi có mạng để có giọng tự nhiên hơn."
    )


def fallback_notice(job: RenderJob) -> str | None:
    """A sentence for the user when a fallback voice spoke some sentences instead of the main one."""
    used = [c for c in job.clips if c.fallback]
    if not used:
        return None
    voices = ", ".join(dict.fromkeys(label_of(f"{c.engine}:{c.voice}") for c in used))
    main = label_of(job.engine or (job.commune.engine_chain[0] if job.commune and job.commune.engine_chain else ""))
    why = "; ".join(job.engine_failures[:2]) or (
        "không kết nối được" if job.skipped_engines else "giọng chính không đọc được"
    )
    return (
        f"Giọng chính ({main}) không đọc được {len(used)}/{len(job.clips)} câu ({why}); "
        f"các câu đó đã đọc bằng giọng dự phòng: {voices}."
    )


__all__ = ["STAGES", "RenderJob", "fallback_notice", "offline_notice", "render"]
