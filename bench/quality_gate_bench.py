"""Measure the intake quality gate: false refusals on real Vietnamese text, and refusals of
the same text after the two OCR failures (tone marks stripped; garbled as Tesseract's
English model does it).

    .venv/bin/python bench/quality_gate_bench.py [FILE_OR_DIR ...]

Without arguments it reads tests/fixtures/samples. Each file is cut into passages of about 40
words (whole lines); every passage is checked as it is, toneless, and garbled with
SEEDS different random seeds.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from broadcast.intake.quality import refusal_reason, syllable_stats  # noqa: E402
from tests.intake.degrade import garble_like_eng_ocr, passages, strip_tones  # noqa: E402

SEEDS = 5


def main(args: list[str]) -> None:
    paths = [Path(a) for a in args] or [ROOT / "tests" / "fixtures" / "samples"]
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.glob("*.txt")))
    real = toneless = garbled = 0
    refused = {"real": 0, "toneless": 0, "garbled": 0}
    lowest_real = 1.0
    for f in files:
        for passage in passages(f.read_text(encoding="utf-8")):
            real += 1
            stats = syllable_stats(passage)
            lowest_real = min(lowest_real, stats.valid_share)
            if refusal_reason(stats):
                refused["real"] += 1
                print(f"FALSE REFUSAL in {f.name}: {refusal_reason(stats)}: {passage[:120]!r}")
            toneless += 1
            refused["toneless"] += refusal_reason(syllable_stats(strip_tones(passage))) is not None
            for seed in range(SEEDS):
                garbled += 1
                text = garble_like_eng_ocr(passage, random.Random(seed))
                refused["garbled"] += refusal_reason(syllable_stats(text)) is not None
    print(f"files: {len(files)}, passages of ~40 words: {real}")
    print(f"real text refused: {refused['real']}/{real} (lowest valid-syllable share {lowest_real:.3f})")
    print(f"toneless refused:  {refused['toneless']}/{toneless}")
    print(f"garbled refused:   {refused['garbled']}/{garbled}")


if __name__ == "__main__":
    main(sys.argv[1:])
