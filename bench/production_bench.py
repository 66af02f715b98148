"""Production benchmark: our pipeline against a naive baseline, measured in the same run.

    .venv/bin/python bench/production_bench.py [--words 1500]

Prints, for a ~1,500-word Vietnamese script built from the sample documents:
- real-time factor (wall time / audio duration) of our full production with espeak-ng,
  and of a naive baseline (whole text in one espeak-ng call, two-pass ffmpeg loudnorm,
  encode), and their ratio;
- a re-render after a one-sentence edit divided by the full render.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "fixtures" / "samples"
sys.path.insert(0, str(ROOT))


def build_script(words: int) -> str:
    """Body paragraphs of the samples (no headers or signatures) up to `words` words."""
    from broadcast.intake.anatomy import parse_script

    paragraphs: list[str] = []
    count = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        for para in parse_script(path.read_text(encoding="utf-8")).body.split("\n"):
            if count >= words:
                break
            paragraphs.append(para)
            count += len(para.split())
    return "BÀI TUYÊN TRUYỀN VỀ CẢI CÁCH HÀNH CHÍNH\n" + "\n".join(paragraphs) + "\n"


def naive_baseline(text: str, work: Path) -> tuple[float, float]:
    """Whole text in one espeak-ng call, two-pass loudnorm, encode; (seconds, audio seconds)."""
    from broadcast.text.normalize import normalize_text

    t0 = time.perf_counter()
    src = work / "naive.txt"
    src.write_text(normalize_text(text), encoding="utf-8")
    wav = work / "naive.wav"
    subprocess.run(["espeak-ng", "-v", "vi", "-s", "145", "-f", str(src), "-w", str(wav)], check=True)
    first = subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-i",
            str(wav),
            "-af",
            "loudnorm=I=-16:TP=-1.5:LRA=11:print_format=json",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    m = json.loads(first[first.rindex("{") : first.rindex("}") + 1])
    second = (
        f"loudnorm=I=-16:TP=-1.5:LRA=11:measured_I={m['input_i']}:measured_TP={m['input_tp']}:"
        f"measured_LRA={m['input_lra']}:measured_thresh={m['input_thresh']}:offset={m['target_offset']}:linear=true"
    )
    out = work / "naive.mp3"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-i",
            str(wav),
            "-af",
            second,
            "-ar",
            "44100",
            "-ac",
            "2",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "128k",
            str(out),
        ],
        check=True,
    )
    seconds = time.perf_counter() - t0
    duration = float(
        subprocess.run(
            ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(out)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    return seconds, duration


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1500)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="broadcast-bench-"))
    for name in ("data", "scripts", "audio", "schedule"):
        os.environ[f"BROADCAST_{name.upper()}_DIR"] = str(work / name)
    os.environ.pop("BROADCAST_DATABASE_URL", None)

    from broadcast import db, production
    from broadcast.config import get_settings
    from broadcast.services import communes
    from broadcast.services import scripts as svc

    settings = get_settings()
    db.upgrade()
    text = build_script(args.words)
    with db.session_scope() as session:
        commune = communes.create_commune(session, name="xã Định Biên")
        commune.engine_chain = ["espeak"]
        script, _ = svc.add_script_text(session, settings, commune_id=commune.id, text=text)
        svc.submit(session, script_id=script.id)
        svc.approve(
            session,
            script_id=script.id,
            text_hash=svc.fingerprint(session, script_id=script.id),
            by="Ma Thịnh Giáp",
            chuc_vu="Chủ tịch UBND xã",
        )
        sid = script.id
    # Warm-up: the default jingle is generated once per installation, not per render.
    with db.session_scope() as session:
        warm, _ = svc.add_script_text(session, settings, commune_id=1, text="THÔNG BÁO\nBà con chú ý lắng nghe.")
        svc.submit(session, script_id=warm.id)
        svc.approve(
            session,
            script_id=warm.id,
            text_hash=svc.fingerprint(session, script_id=warm.id),
            by="A",
            chuc_vu="Chủ tịch",
        )
        production.render(session, settings, script_id=warm.id)

    t0 = time.perf_counter()
    with db.session_scope() as session:
        full = production.render(session, settings, script_id=sid).render
    full_s = time.perf_counter() - t0

    with db.session_scope() as session:
        body = svc.get_script(session, script_id=sid).body
        first_sentence = body.split(".")[0]
        edited = text.replace(first_sentence, first_sentence + " trên địa bàn toàn xã", 1)
        svc.edit_script_text(session, settings, script_id=sid, text=edited)
        svc.approve(
            session,
            script_id=sid,
            text_hash=svc.fingerprint(session, script_id=sid),
            by="Ma Thịnh Giáp",
            chuc_vu="Chủ tịch UBND xã",
        )
    t0 = time.perf_counter()
    with db.session_scope() as session:
        again = production.render(session, settings, script_id=sid).render
    rerender_s = time.perf_counter() - t0
    resynth = sum(1 for e in again.engines if not e["cached"])
    measured = subprocess.run(
        [
            "ffmpeg",
            "-hide_banner",
            "-nostats",
            "-i",
            again.path,
            "-af",
            "ebur128=peak=true:framelog=verbose",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
    ).stderr.rsplit("Summary:", 1)[1]

    naive_s, naive_duration = naive_baseline(text, work)
    ours_rtf, naive_rtf = full_s / full.duration_s, naive_s / naive_duration
    words = len(text.split())
    print(
        f"script: {words} words, {len(full.engines)} sentences, {full.duration_s:.1f} s of audio "
        f"({full.lufs:.1f} LUFS, {full.true_peak:.1f} dBTP)"
    )
    print(f"ours  : full render {full_s:.2f} s, real-time factor {ours_rtf:.4f}")
    print(f"naive : one espeak call + two-pass loudnorm + encode {naive_s:.2f} s, real-time factor {naive_rtf:.4f}")
    print(f"speed-up of ours over naive (naive RTF / ours RTF): {naive_rtf / ours_rtf:.2f}x")
    print(
        f"re-render after a one-sentence edit: {rerender_s:.2f} s, {resynth} sentence(s) re-synthesised; "
        f"re-render / full render = {rerender_s / full_s:.2f}"
    )
    i_file = float(re.search(r"I:\s*(-?[\d.]+)", measured).group(1))
    tp_file = float(re.search(r"Peak:\s*(-?[\d.]+)", measured).group(1))
    print(
        f"check : re-rendered file measured by a full ffmpeg ebur128 decode: {i_file:.1f} LUFS, {tp_file:.1f} dBTP "
        f"(recorded {again.lufs:.1f} LUFS, {again.true_peak:.1f} dBTP)"
    )


if __name__ == "__main__":
    main()
