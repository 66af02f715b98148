"""USB bundle for the battery loudspeakers (loa kéo).

Many USB players play files in the order they were written to the stick, not by name,
so files are written one after another in play order, each under a short ASCII name with
a numeric prefix (0001_ten-bai.mp3) that also sorts right; a DANH_SACH.txt lists them.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session

from broadcast.audio import ffmpeg
from broadcast.config import Settings
from broadcast.db import id_of
from broadcast.errors import InputError
from broadcast.exports.download import Download, zip_files
from broadcast.exports.playable import current_or_render
from broadcast.fsutil import remove_staging, sweep_stale, temp_path_for
from broadcast.models import Channel, Profile, Script
from broadcast.services import schedule as sched
from broadcast.services.communes import get_commune
from broadcast.services.scripts import get_script
from broadcast.text.folding import slugify

MAX_NAME = 40  # short names suit FAT players that show 8.3 or truncated long names
_FAT_SAFE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_OURS = re.compile(r"^\d{4}_.*\.mp3$|^DANH_SACH\.txt$")
_OLD_PARTIAL = re.compile(r"^\..+\.part\.\w+$")  # what versions before the staging folder left on a stick


@dataclass
class Bundle:
    folder: Path
    files: list[Path] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    total_bytes: int = 0


def _scripts_for(session: Session, *, commune_id: int, month: str | None, script_ids: list[int] | None) -> list[Script]:
    scripts: list[Script] = []
    if script_ids:
        for sid in script_ids:
            script = session.get(Script, sid)
            if script is None or script.commune_id != commune_id:
                raise InputError(f"Xã không có bài mã số {sid}.")
            scripts.append(script)
        return scripts
    if not month:
        raise InputError("Chọn tháng (--month 2025-09) hoặc danh sách bài (--scripts 3,5,8).")
    year, mon = sched.parse_month(month)
    seen: set[int] = set()
    for item in sched.items(session, commune_id=commune_id, year=year, month=mon):
        script = get_script(session, script_id=item.script_id)
        if item.script_id not in seen and Channel.LOA_KEO.value in script.channels:
            seen.add(item.script_id)
            scripts.append(script)
    if not scripts:
        raise InputError(
            f"Lịch tháng {mon}/{year} chưa có bài nào phát trên loa kéo. Hãy xếp lịch, hoặc chọn bài bằng --scripts."
        )
    return scripts


def fat_problems(names: list[str]) -> list[str]:
    """Names a FAT32 USB stick or a simple player would choke on."""
    problems = []
    for name in names:
        if len(name) > MAX_NAME + 10 or not _FAT_SAFE.match(name):
            problems.append(name)
    return problems


def _looped(source: Path, out: Path, repeats: int, gap_s: float) -> None:
    """One file that plays source `repeats` times with `gap_s` of silence between."""
    graph = (
        f"[0:a]apad=pad_dur={gap_s}[p];[p]aloop=loop={repeats - 1}:size=2147483647[l];[l]atrim=duration={{total}}[out]"
    )
    info = ffmpeg.probe(source)
    seconds = float(info["format"]["duration"])
    total = seconds * repeats + gap_s * (repeats - 1)
    tmp = temp_path_for(out)
    ffmpeg.run(
        [
            "-y",
            "-i",
            str(source),
            "-filter_complex",
            graph.format(total=f"{total:.3f}"),
            "-map",
            "[out]",
            "-ar",
            "44100",
            "-ac",
            "1",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "128k",
            str(tmp),
        ]
    )
    tmp.replace(out)


def build(
    session: Session,
    settings: Settings,
    *,
    commune_id: int,
    to: Path,
    month: str | None = None,
    script_ids: list[int] | None = None,
    repeats: int = 1,
    gap_s: float = 5.0,
    replace: bool = False,
) -> Bundle:
    """Write the bundle into `to` (a USB stick's folder), in play order."""
    get_commune(session, commune_id=commune_id)
    if not 1 <= repeats <= 20:
        raise InputError("Số lần lặp mỗi bài phải từ 1 đến 20.")
    scripts = _scripts_for(session, commune_id=commune_id, month=month, script_ids=script_ids)
    renders = [current_or_render(session, settings, script_id=id_of(s), profile=Profile.LOA_KEO) for s in scripts]
    names = [f"{n:04d}_{slugify(s.title, max_length=MAX_NAME)}.mp3" for n, s in enumerate(scripts, 1)]
    if fat_problems(names):  # slugify keeps names safe; this guards against future changes
        raise InputError("Tên tệp không hợp lệ cho USB: " + ", ".join(fat_problems(names)))
    to.mkdir(parents=True, exist_ok=True)
    if not os.access(to, os.W_OK):
        raise InputError(f"Không ghi được vào «{to}». Kiểm tra USB đã cắm và không bị khóa ghi.")
    sweep_stale([to])  # partial files of an export that was cut off (power, unplugged stick, kill)
    for p in to.iterdir():
        if _OLD_PARTIAL.match(p.name) and p.is_file():
            p.unlink()
    existing = [p for p in to.iterdir() if _OURS.match(p.name)]
    if existing and not replace:
        raise InputError(
            f"«{to}» đã có {len(existing)} tệp của lần chép trước. Hãy chọn thư mục trống, "
            "hoặc thêm --replace để xóa chúng và chép lại theo đúng thứ tự."
        )
    size = sum(Path(r.path).stat().st_size for r in renders) * repeats
    free = shutil.disk_usage(to).free + sum(p.stat().st_size for p in existing)
    if size > free:
        raise InputError(f"USB không đủ chỗ: cần {size / 1e6:.1f} MB, còn trống {free / 1e6:.1f} MB.")
    for p in existing:
        p.unlink()
    bundle = Bundle(folder=to)
    for name, script, render in zip(names, scripts, renders, strict=True):
        target = to / name
        if repeats > 1:
            _looped(Path(render.path), target, repeats, gap_s)
            seconds = render.duration_s * repeats + gap_s * (repeats - 1)
        else:
            tmp = temp_path_for(target)
            shutil.copyfile(render.path, tmp)
            tmp.replace(target)
            seconds = render.duration_s
        with open(target, "rb") as fh:  # one file on the stick before the next is written
            os.fsync(fh.fileno())
        bundle.files.append(target)
        bundle.titles.append(script.title)
        bundle.seconds.append(seconds)
    bundle.total_bytes = sum(f.stat().st_size for f in bundle.files)
    lines = ["DANH SÁCH BÀI PHÁT LOA KÉO (theo thứ tự phát)", ""]
    for n, (f, title, sec) in enumerate(zip(bundle.files, bundle.titles, bundle.seconds, strict=True), 1):
        lines.append(f"{n:>3}. {f.name}  {int(sec // 60)}:{round(sec % 60):02d}  {title}")
    total = sum(bundle.seconds)
    lines += [
        "",
        f"Tổng: {len(bundle.files)} tệp, {int(total // 60)} phút {round(total % 60)} giây, "
        f"{bundle.total_bytes / 1e6:.1f} MB" + (f", mỗi bài lặp {repeats} lần" if repeats > 1 else ""),
    ]
    listing = to / "DANH_SACH.txt"
    tmp = temp_path_for(listing)
    tmp.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")  # Windows Notepad reads it as well
    tmp.replace(listing)
    remove_staging(to)
    return bundle


def bundle_download(session: Session, settings: Settings, *, commune_id: int, month: str) -> Download:
    """The month's loa kéo bundle as a ZIP, entries in play order."""
    with tempfile.TemporaryDirectory(dir=settings.data_dir, prefix=".loa-keo-") as tmp:
        bundle = build(session, settings, commune_id=commune_id, to=Path(tmp) / "loa-keo", month=month)
        files = [*bundle.files, bundle.folder / "DANH_SACH.txt"]
        return Download(zip_files(bundle.folder, files, tz=settings.tz), f"loa-keo-{month}.zip")
