"""`broadcast render`, `broadcast normalize`, `broadcast voices …`"""

from __future__ import annotations

import sys

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

from broadcast.cli.common import JsonOption, sweep_leftovers, transaction
from broadcast.cli.output import console, err_console, print_json
from broadcast.models import Profile
from broadcast.text.normalize import normalize as normalize_text


def render(
    script_id: int = typer.Argument(..., help="Mã số bài đã duyệt."),
    profile: Profile = typer.Option(Profile.STATION, "--profile", help="station, loa-keo hoặc ip-speaker."),
    engine: str = typer.Option(None, "--engine", help="Chỉ dùng một giọng: espeak, gtts, edge hoặc piper."),
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
            public = renders.to_public(session, job.render)
            notice = production.offline_notice(job)
    if as_json:
        data = public.model_dump(mode="json")
        data["engines_used"] = sorted({(e["engine"], e["voice"]) for e in public.engines})
        data["engines_used"] = [{"engine": e, "voice": v} for e, v in data["engines_used"]]
        data["offline_notice"] = notice
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


def normalize(
    explain: bool = typer.Option(False, "--explain", help="In thêm từng chỗ đã thay và quy tắc đã dùng."),
    commune: int = typer.Option(None, "--commune", "-c", help="Dùng thêm từ điển cách đọc của xã này."),
    as_json: bool = JsonOption,
) -> None:
    """Đọc từng dòng từ bàn phím (stdin), in đúng một dòng dạng đọc cho mỗi dòng vào."""
    overrides: dict[str, str] = {}
    if commune is not None:
        from broadcast.services import lexicon

        with transaction() as (session, _):
            overrides = lexicon.mapping(session, commune_id=commune)
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


voices_app = typer.Typer(no_args_is_help=True)


@voices_app.command("list")
def voices_list(as_json: bool = JsonOption) -> None:
    """Liệt kê các giọng đọc và giọng nào dùng được ngay lúc này."""
    from broadcast.config import get_settings
    from broadcast.tts.chain import ENGINE_NAMES, build_engine

    settings = get_settings()
    rows = []
    for name in ENGINE_NAMES:
        engine = build_engine(name, settings)
        rows.append(
            {"engine": name, "offline": engine.offline, "voices": list(engine.voices), "available": engine.available()}
        )
    if as_json:
        print_json(rows)
        return
    for r in rows:
        state = "[green]dùng được[/]" if r["available"] else "[red]không dùng được[/]"
        kind = "ngoại tuyến" if r["offline"] else "trực tuyến"
        console.print(f"{r['engine']:7} ({kind}) {state}: {', '.join(r['voices'])}")


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
    app.add_typer(voices_app, name="voices", help="Giọng đọc: liệt kê, tải giọng piper.")
