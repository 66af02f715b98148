"""A picture of a render's waveform for the script page, made once beside the MP3."""

from __future__ import annotations

from pathlib import Path

from broadcast.audio import ffmpeg
from broadcast.fsutil import temp_path_for

SIZE = "1200x200"
COLOUR = "#1565c0"


def waveform_png(mp3: Path) -> Path:
    """The PNG waveform of mp3 (cached next to it); AudioError if ffmpeg cannot draw it."""
    png = mp3.with_suffix(".waveform.png")
    if png.is_file() and png.stat().st_mtime >= mp3.stat().st_mtime:
        return png
    tmp = temp_path_for(png)
    try:
        ffmpeg.run(
            [
                "-y",
                "-i",
                str(mp3),
                "-filter_complex",
                f"aformat=channel_layouts=mono,showwavespic=s={SIZE}:colors={COLOUR}",
                "-frames:v",
                "1",
                "-f",
                "image2",
                str(tmp),
            ]
        )
        tmp.replace(png)
    finally:
        tmp.unlink(missing_ok=True)
    return png
