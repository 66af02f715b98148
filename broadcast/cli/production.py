"""`broadcast render`, `broadcast normalize`, `broadcast voices …`"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table

from broadcast.cli.common import JsonOption, read_file, sweep_leftovers, transaction
from broadcast.cli.output import console, err_console, print_json
from broadcast.models import Profile
from broadcast.text.normalize import normalize as normalize_text


def render(
    script_id: int = typer.Argument(..., help="Mã số bài đã duyệt."),
    profile: Profile = typer.Option(Profile.STATION, "--profile", help="station, loa-keo hoặc ip-speaker."),
    engine: str = typer.Option(
        None,
        "--engine",
        help="Chỉ dùng một giọng: espeak, gtts, edge, fpt, viettel, zalo hoặc piper (có thể kèm :giọng).",
    ),
    as_json: bool = JsonOption,
) -> None:
    """Dựng âm thanh (MP3) cho một bài đã duyệt; in đường dẫn tệp."""
    sweep_leftovers()
    from broadcast import production
    from broadcast.services import renders

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=err_console,
        transient=True,
        disable=as_json or not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task("Chuẩn bị", total=1)

        def progress(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=max(total, 1))

        with transaction() as (session, settings):
            job = production.render(
                session, settings, script_id=script_id, profile=profile, engine=engine, progress=progress
            )
            assert job.render is not None  # render() ran every stage; the last one saved the row
            public = renders.to_public(session, job.render)
            notice = production.offline_notice(job)
            fallback = production.fallback_notice(job)
    if as_json:
        data = public.model_dump(mode="json")
        data["engines_used"] = sorted({(e["engine"], e["voice"]) for e in public.engines})
        data["engines_used"] = [{"engine": e, "voice": v} for e, v in data["engines_used"]]
        data["offline_notice"] = notice
        data["fallback_notice"] = fallback
        data["fallback_sentences"] = sum(1 for e in public.engines if e.get("fallback"))
        data.pop("engines")
        data["sentences"] = len(public.engines)
        print_json(data)
        return
    print(public.path)
    console.print(
        f"Thời lượng {public.duration_s:.1f} giây · độ lớn {public.lufs:.1f} LUFS · đỉnh {public.true_peak:.1f} dBTP",
        highlight=False,
    )
    if notice:
        console.print(f"[yellow]Lưu ý:[/] {notice}", highlight=False)
    if fallback and not notice:
        console.print(f"[yellow]Giọng dự phòng:[/] {fallback}", highlight=False)


def normalize(
    explain: bool = typer.Option(False, "--explain", help="In thêm từng chỗ đã thay và quy tắc đã dùng."),
    commune: int = typer.Option(None, "--commune", "-c", help="Dùng thêm từ điển cách đọc của xã này."),
    audit_file: Path = typer.Option(
        None, "--audit", help="Kiểm tra cả một tệp câu (TSV có cột sentence, hoặc mỗi dòng một câu)."
    ),
    limit: int = typer.Option(20, "--limit", help="Số ví dụ in ra cho mỗi loại lỗi khi kiểm tra (--audit)."),
    as_json: bool = JsonOption,
) -> None:
    """Đọc từng dòng từ bàn phím (stdin), in đúng một dòng dạng đọc cho mỗi dòng vào."""
    overrides: dict[str, str] = {}
    if commune is not None:
        from broadcast.services import lexicon

        with transaction() as (session, _):
            overrides = lexicon.mapping(session, commune_id=commune)
    if audit_file is not None:
        _print_audit(audit_file, overrides, limit=limit, as_json=as_json)
        return
    results = []
    for raw in sys.stdin:
        line = raw.rstrip("\n").rstrip("\r")
        result = normalize_text(line, lexicon_overrides=overrides)
        spoken = result.spoken.replace("\n", " ")
        if as_json:
            results.append(
                {
                    "input": line,
                    "spoken": spoken,
                    "unknown": result.unknown,
                    "replacements": [r.__dict__ for r in result.replacements],
                }
            )
            continue
        print(spoken, flush=True)
        if explain:
            for r in result.replacements:
                print(f"  [{r.start}:{r.end}] «{r.source}» → «{r.spoken}» ({r.rule})", file=sys.stderr)
            if result.unknown:
                print(f"  Chữ viết tắt chưa biết: {', '.join(result.unknown)}", file=sys.stderr)
    if as_json:
        print_json(results)


def _print_audit(path: Path, overrides: dict[str, str], *, limit: int, as_json: bool) -> None:
    from broadcast.text.audit import audit, read_sentences

    result = audit(read_sentences(read_file(path).decode("utf-8-sig")), lexicon_overrides=overrides)
    summary = result.summary()
    if as_json:
        print_json(
            {
                "summary": summary,
                "unknown": dict(result.unknown.most_common()),
                "letter_digit": dict(result.letter_digit.most_common()),
                "spelled": [s.__dict__ for s in result.spelled],
                "leftovers": [s.__dict__ for s in result.leftovers],
                "errors": result.errors,
            }
        )
        return
    print(f"Số câu: {summary['sentences']}")
    print(f"Câu có từ bị đánh vần từng chữ: {summary['spelled_letter_by_letter']}")
    print(f"Câu còn chữ số hoặc ký hiệu: {summary['digits_or_symbols_left']}")
    print(
        f"Chữ viết tắt chưa biết: {summary['unknown_abbreviations']} lần, "
        f"{summary['distinct_unknown_abbreviations']} chữ khác nhau, "
        f"ở {summary['sentences_with_unknown']} câu (tỉ lệ {summary['unknown_rate']:.2%})"
    )
    print(f"Mã chữ và số (1A, F0, 5G…): {summary['letter_digit_tokens']}")
    if result.errors:
        print(f"Câu gây lỗi: {len(result.errors)}")
    print("\nCâu được sửa theo từng quy tắc:")
    for rule, count in result.rules.most_common():
        print(f"  {count:6d}  {rule}")
    print("\nChữ viết tắt chưa biết (nhiều nhất trước):")
    for token, count in result.unknown.most_common(limit):
        print(f"  {count:6d}  {token}")
    print("\nMã chữ và số:")
    for token, count in result.letter_digit.most_common(limit):
        print(f"  {count:6d}  {token}")
    for title, items in (("Còn chữ số hoặc ký hiệu", result.leftovers), ("Đánh vần từng chữ", result.spelled)):
        print(f"\n{title}:")
        for item in items[:limit]:
            print(f"  [{item.id}] {item.written}\n      → {item.spoken}")
    for sid, message in result.errors[:limit]:
        print(f"  [{sid}] lỗi: {message}")


voices_app = typer.Typer(no_args_is_help=True)


@voices_app.command("list")
def voices_list(
    commune: int = typer.Option(None, "--commune", "-c", help="Tính cả khóa API riêng của xã này."),
    as_json: bool = JsonOption,
) -> None:
    """Liệt kê mọi giọng đọc: hãng, miền (Bắc/Trung/Nam), giới tính, dùng được ngay lúc này hay không."""
    from broadcast.services import credentials
    from broadcast.tts.catalogue import list_voices

    with transaction() as (session, settings):
        keys = credentials.keys_for(session, settings, commune_id=commune) if commune is not None else None
        if commune is not None:
            from broadcast.services.communes import get_commune

            get_commune(session, commune_id=commune)
        voices = list_voices(settings, keys)
    if as_json:
        print_json([v.to_dict() for v in voices])
        return
    table = Table("Giọng", "Mã dùng trong cài đặt", "Khóa API", "Lúc này", title="Giọng đọc")
    for v in voices:
        state = "[green]dùng được[/]" if v.available else "[red]không dùng được[/]"
        table.add_row(v.label, v.entry, v.key or ("ngoại tuyến" if v.offline else "không cần"), state)
    console.print(table)
    console.print(
        "Chọn giọng chính và giọng dự phòng: broadcast communes configure N --main-voice viettel:hue-maingoc "
        "--fallback fpt:myan,espeak:vi-vn-x-central",
        highlight=False,
    )


@voices_app.command("key")
def voices_key(
    engine: str = typer.Argument(..., help="fpt, viettel hoặc zalo."),
    commune: int = typer.Option(..., "--commune", "-c", help="Mã số xã dùng khóa này."),
    clear: bool = typer.Option(False, "--clear", help="Xóa khóa đã cài của xã (dùng lại khóa chung nếu có)."),
) -> None:
    """Cài khóa API của một hãng giọng đọc cho xã. Khóa được nhập ẩn (hoặc qua stdin), không bao giờ in ra."""
    from broadcast.services import credentials

    key = None
    if not clear:
        key = (
            sys.stdin.readline().strip()
            if not sys.stdin.isatty()
            else typer.prompt(f"Khóa API {engine} (không hiện khi gõ)", hide_input=True)
        )
    with transaction() as (session, settings):
        credentials.set_key(session, commune_id=commune, engine=engine, api_key=key)
        state = credentials.status(session, settings, commune_id=commune)[engine]
    console.print(f"Khóa API {engine} của xã {commune}: {state}.", highlight=False)


@voices_app.command("keys")
def voices_keys(
    commune: int = typer.Option(..., "--commune", "-c", help="Mã số xã."), as_json: bool = JsonOption
) -> None:
    """Xem khóa API của các hãng giọng đọc: chỉ «đã cài» hoặc «chưa cài»."""
    from broadcast.services import credentials
    from broadcast.services.communes import get_commune

    with transaction() as (session, settings):
        get_commune(session, commune_id=commune)
        state = credentials.status(session, settings, commune_id=commune)
    if as_json:
        print_json(state)
        return
    for engine, value in state.items():
        console.print(f"{engine:8} {value}", highlight=False)


@voices_app.command("sample")
def voices_sample(
    entry: str = typer.Argument(..., help="Giọng, ví dụ viettel:hue-maingoc (xem «voices list»)."),
    out: Path = typer.Option(..., "--out", "-o", help="Tệp âm thanh sẽ ghi (MP3 hoặc WAV tùy giọng)."),
    commune: int = typer.Option(None, "--commune", "-c", help="Dùng khóa API riêng của xã này."),
) -> None:
    """Ghi một câu đọc mẫu của một giọng ra tệp để nghe thử."""
    from broadcast.fsutil import atomic_write_bytes
    from broadcast.services import credentials
    from broadcast.tts.catalogue import sample_clip

    with transaction() as (session, settings):
        keys = credentials.keys_for(session, settings, commune_id=commune) if commune is not None else None
        clip, label = sample_clip(entry, settings, keys)
    path = atomic_write_bytes(out.with_suffix(f".{clip.fmt}"), clip.audio)
    console.print(f"Đã ghi mẫu «{label}»: {path}", highlight=False)


@voices_app.command("download")
def voices_download(name: str = typer.Argument(..., help="Tên giọng piper, ví dụ vi_VN-vais1000-medium.")) -> None:
    """Tải một giọng piper (cần Internet); lưu vào thư mục dữ liệu."""
    from broadcast.config import get_settings
    from broadcast.tts.voices import download_piper_voice

    path = download_piper_voice(name, get_settings().voices_dir)
    console.print(f"Đã tải giọng {name}: {path}\nĐặt BROADCAST_PIPER_VOICE={path} để dùng giọng này.")


def register(app: typer.Typer) -> None:
    app.command("render")(render)
    app.command("normalize")(normalize)
    app.add_typer(voices_app, name="voices", help="Giọng đọc: liệt kê, nghe mẫu, khóa API, tải giọng piper.")
