"""From an approved script to a broadcast-ready MP3: an ordered list of stages.

    load_approved -> speech_text -> synthesize -> decode_clips -> master -> tag -> record

One typed RenderJob travels through the stages; each stage reads what earlier ones set.
Only an approved, unchanged text can enter; the render records the approved text's hash,
the engine and voice of every sentence, and the measured loudness of the finished file.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from broadcast.audio import chunks, jingle, master, tags
from broadcast.audio.ffmpeg import Loudness
from broadcast.config import Settings
from broadcast.db import on_rollback
from broadcast.models import Commune, Profile, Render, Script
from broadcast.services.communes import categories, get_commune
from broadcast.services.scripts import approved_text
from broadcast.services.speech import script_speech
from broadcast.text.folding import slugify
from broadcast.text.speech import SpeechText
from broadcast.tts.chain import EngineChain, SentenceCache, SpokenClip, build_engine

Progress = Callable[[str, int, int], None]  # (stage label, done, total)


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
    frames: list[bytes] = field(default_factory=list)
    chunks_reused: int = 0
    output: Path | None = None
    loudness: Loudness | None = None
    render: Render | None = None

    def report(self, label: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(label, done, total)


def _load_approved(job: RenderJob, session: Session, settings: Settings) -> None:
    job.script, _, job.text_hash = approved_text(session, script_id=job.script_id)
    job.commune = get_commune(session, commune_id=job.script.commune_id)


def _speech_text(job: RenderJob, session: Session, settings: Settings) -> None:
    job.speech = script_speech(session, script=job.script, commune=job.commune)


def _chain(job: RenderJob, settings: Settings) -> EngineChain:
    commune = job.commune
    names = [job.engine] if job.engine else list(commune.engine_chain)
    engines = [build_engine(name, settings) for name in names]

    def voice_for(engine) -> str:
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
    chain = _chain(job, settings)
    sentences = job.speech.sentences
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        job.report("Đọc từng câu", done, len(sentences))

    job.clips = chain.speak_all(sentences, progress=tick)
    job.skipped_engines = chain.skipped


def _decode_clips(job: RenderJob, session: Session, settings: Settings) -> None:
    job.report("Ghép câu", 0, 1)
    with ThreadPoolExecutor(max_workers=settings.tts_workers or os.cpu_count() or 1) as pool:
        job.frames = list(pool.map(chunks.frames_of, [c.path for c in job.clips]))


def _mix_plan(job: RenderJob, settings: Settings) -> master.MixPlan:
    commune, target = job.commune, job.commune.loudness_target
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
    script = job.script
    month = script.month or datetime.now(settings.tz).strftime("%Y-%m")
    suffix = "" if job.profile == Profile.STATION else f"-{job.profile.value}"
    name = f"{slugify(script.title, max_length=50)}-{script.id}{suffix}.mp3"
    return settings.audio_dir / job.commune.slug / month / name


def _master(job: RenderJob, session: Session, settings: Settings) -> None:
    """Chunked mastering (cached, parallel); a music bed needs the whole programme at once."""
    job.report("Lọc âm, chỉnh độ lớn, mã hóa MP3", 0, 1)
    plan = _mix_plan(job, settings)
    job.output = _output_path(job, settings)
    job.output.parent.mkdir(parents=True, exist_ok=True)
    if plan.bed or plan.crossfade_s:
        _master_whole(job, plan)
        return
    sizes = [len(p) for p in job.speech.paragraphs]
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    paragraphs = [job.frames[s : s + n] for s, n in zip(starts, sizes, strict=True)]
    groups = chunks.plan(
        [" ".join(p) for p in job.speech.paragraphs], [sum(chunks.seconds_of(f) for f in p) for p in paragraphs]
    )
    pieces = [("jingle", chunks.jingle_pcm(plan.intro, gap_before=False))]
    for g, group in enumerate(groups):
        pieces.append(("speech", chunks.speech_pcm([paragraphs[i] for i in group], last=g == len(groups) - 1)))
    pieces.append(("jingle", chunks.jingle_pcm(plan.outro, gap_before=True)))
    mastering = chunks.ChunkMaster(
        cache_dir=settings.data_dir / "chunk-cache",
        profile=job.profile,
        target=job.commune.loudness_target,
        horn=job.commune.horn_profile,
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


def _master_whole(job: RenderJob, plan: master.MixPlan) -> None:
    """The whole programme in one piece: assemble, process, mix (with bed), encode."""
    target = job.commune.loudness_target
    speech_wav = master.assemble_frames(job.frames, [len(p) for p in job.speech.paragraphs])
    speech_wav, speech_level = master.process_speech(speech_wav, horn_profile=job.commune.horn_profile)
    level = speech_level.integrated
    gain = target - level + master.CODEC_LOUDNESS_OFFSET if math.isfinite(level) else 0.0
    programme, mixed = master.mix(speech_wav, gain_db=gain, plan=plan)
    expected = mixed.integrated - master.CODEC_LOUDNESS_OFFSET
    if abs(expected - target) > 0.3 and math.isfinite(mixed.integrated):
        # The limiter or the jingles moved the total: correct the gain once before encoding.
        gain += target - expected
        programme, mixed = master.mix(speech_wav, gain_db=gain, plan=plan)
    in_file = master.encode(programme, profile=job.profile, out=job.output)
    job.loudness = Loudness(integrated=in_file.integrated, true_peak=mixed.true_peak, lra=in_file.lra)


def _tag(job: RenderJob, session: Session, settings: Settings) -> None:
    commune, script = job.commune, job.script
    labels = {c.code: c.label for c in categories(session, commune_id=commune.id)}
    tags.write_tags(
        job.output,
        title=script.title,
        commune=commune.name,
        category=labels.get(script.category, script.category),
        date=datetime.now(settings.tz).strftime("%Y-%m-%d"),
        text_hash=job.text_hash,
    )


def _record(job: RenderJob, session: Session, settings: Settings) -> None:
    from broadcast.audio import ffmpeg

    duration = float(ffmpeg.probe(job.output).get("format", {}).get("duration") or 0)
    job.render = Render(
        script_id=job.script.id,
        commune_id=job.commune.id,
        profile=job.profile,
        path=str(job.output),
        text_hash=job.text_hash,
        spoken_text=job.speech.text,
        duration_s=round(duration, 3),
        lufs=round(job.loudness.integrated, 2),
        true_peak=round(job.loudness.true_peak or 0.0, 2),
        engines=[{"sentence": c.text, "engine": c.engine, "voice": c.voice, "cached": c.cached} for c in job.clips],
        offline_voice=any(c.engine in ("espeak", "piper") for c in job.clips) and bool(job.skipped_engines),
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
    output = job.output
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


__all__ = ["STAGES", "RenderJob", "offline_notice", "render"]
