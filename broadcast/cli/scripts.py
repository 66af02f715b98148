"""`broadcast scripts …`"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from broadcast.cli.common import CommuneOption, JsonOption, read_file, transaction
from broadcast.cli.output import console, err_console, print_json
from broadcast.intake.readers import read_bytes
from broadcast.models import ApprovalPublic, ScriptEventPublic, ScriptStatus
from broadcast.services import approval as approval_svc
from broadcast.services import scripts as svc
from broadcast.services.scanned import intake_ocr_json

app = typer.Typer(no_args_is_help=True)


@app.command("add")
def add(
    file: Path = typer.Argument(
        ...,
        help="Tệp bài: .docx, .txt, .md, PDF hoặc ảnh quét/ảnh chụp (.jpg, .png, .heic); "
        "dùng - để dán văn bản từ bàn phím.",
    ),
    commune: int = CommuneOption,
    category: str = typer.Option(None, "--category", help="Chuyên mục, ví dụ cchc, y-te, phap-luat."),
    title: str = typer.Option(None, "--title", help="Tiêu đề (mặc định: lấy từ bài)."),
    priority: str = typer.Option(None, "--priority", help="thong-thuong, uu-tien hoặc khan-cap."),
    channels: str = typer.Option(None, "--channels", help="Kênh phát, ví dụ dai,loa-keo."),
    month: str = typer.Option(None, "--month", help="Tháng phát, ví dụ 2024-07."),
    as_json: bool = JsonOption,
) -> None:
    """Nhận một bài tuyên truyền mới (ở trạng thái nháp); in mã số bài."""
    meta = svc.ScriptMeta(title=title, category=category, priority=priority, channels=channels, month=month)
    with transaction() as (session, settings):
        if str(file) == "-":
            text = typer.get_text_stream("stdin").read()
            script, result = svc.add_script_text(session, settings, commune_id=commune, text=text, meta=meta)
        else:
            script, result = svc.add_script_file(
                session, settings, commune_id=commune, data=read_file(file), filename=file.name, meta=meta
            )
        public = svc.to_public(session, script)
        ocr = intake_ocr_json(result, low=settings.ocr_low_confidence)
        review = svc.ocr_review(session, settings, script_id=public.id)
        doubtful = [w.text for w in review.low_words if w.start is not None] if review else []
    if as_json:
        print_json(
            {
                **public.model_dump(mode="json"),
                "converted_from": result.read.converted_from,
                "source_unit": result.parsed.source_unit,
                "notes": result.parsed.notes,
                "ocr": ocr,
            }
        )
        return
    print(public.id)
    if ocr is not None:
        summary = ocr["summary"]
        console.print(
            f"[yellow]Lưu ý:[/] bài được đọc từ ảnh (OCR) — {summary['words']} từ, độ tin cậy trung bình "
            f"{summary['mean_confidence']}%, {len(doubtful)} từ trong phần đọc cần xem lại"
            + (f": {', '.join(doubtful[:12])}" if doubtful else "")
            + f". Hãy đối chiếu với bản giấy rồi xác nhận bằng «broadcast scripts confirm-ocr {public.id}» "
            "trước khi gửi duyệt.",
            highlight=False,
        )
    if not month and public.month:  # on stderr: stdout stays the id alone, for scripts
        err_console.print(
            f"Tháng phát lấy từ tiêu đề bài: {public.month} (đổi bằng --month nếu không đúng).", highlight=False
        )
    if result.read.converted_from:
        console.print(
            f"[yellow]Lưu ý:[/] bài được gõ bằng bảng mã {result.read.converted_from.upper()}, "
            "đã tự chuyển sang Unicode. Hãy kiểm tra lại chữ trước khi gửi duyệt.",
            highlight=False,
        )


@app.command("list")
def list_(
    commune: int = typer.Option(None, "--commune", "-c", help="Chỉ bài của xã này."),
    status: str = typer.Option(None, "--status", help="nhap, cho-duyet, da-duyet hoặc tra-lai."),
    as_json: bool = JsonOption,
) -> None:
    """Liệt kê các bài."""
    wanted = ScriptStatus(status) if status else None
    with transaction() as (session, _):
        rows = [svc.to_public(session, s) for s in svc.list_scripts(session, commune_id=commune, status=wanted)]
    if as_json:
        print_json(rows)
        return
    table = Table("Mã", "Xã", "Tiêu đề", "Chuyên mục", "Trạng thái", title="Bài tuyên truyền")
    for s in rows:
        table.add_row(str(s.id), str(s.commune_id), s.title, s.category, s.status.label)
    console.print(table)


@app.command("show")
def show(script_id: int = typer.Argument(..., help="Mã số bài."), as_json: bool = JsonOption) -> None:
    """Xem một bài: nội dung, trạng thái, lịch sử duyệt."""
    with transaction() as (session, settings):
        script = svc.to_public(session, svc.get_script(session, script_id=script_id))
        history = [ApprovalPublic.model_validate(a) for a in svc.approvals(session, script_id=script_id)]
        log = [ScriptEventPublic.model_validate(e) for e in svc.events(session, script_id=script_id)]
    if as_json:
        print_json({**script.model_dump(mode="json"), "approvals": history, "events": log})
        return
    console.print(
        f"[bold]{script.title}[/]  (mã {script.id}, {script.status.label}, chuyên mục {script.category})",
        highlight=False,
    )
    console.print(
        f"Kênh: {', '.join(script.channels)} · Người ký: {script.signer or '—'} · "
        f"Có sẵn lời mở: {'có' if script.opening_present else 'không'} · "
        f"lời kết: {'có' if script.closing_present else 'không'}",
        highlight=False,
    )
    if script.read_from_image:
        state = (
            f"đã xác nhận bởi {script.ocr_confirmed_by or '—'}"
            if script.ocr_confirmed_at
            else f"CHƯA xác nhận — chạy «scripts confirm-ocr {script.id}» sau khi đối chiếu"
        )
        console.print(f"Đọc từ ảnh (OCR), độ tin cậy trung bình {script.ocr_confidence}%: {state}", highlight=False)
    console.print(script.body, highlight=False)
    console.print(
        f"Mã băm nội dung (dùng khi duyệt: --hash), phiên bản {script.version}:\n[bold]{script.text_hash}[/]",
        highlight=False,
        soft_wrap=True,
    )
    for a in history:
        state = "đã thay thế" if a.superseded_at else "hiệu lực"
        console.print(
            f"Duyệt: {a.approved_by} ({a.chuc_vu}) lúc {a.approved_at.astimezone(settings.tz):%H:%M %d/%m/%Y} — {state} — "
            f"{a.text_hash[:12]}",
            highlight=False,
        )


@app.command("confirm-ocr")
def confirm_ocr(
    script_id: int = typer.Argument(..., help="Mã số bài."),
    file: Path = typer.Option(None, "--file", help="Bản đã sửa (.txt, .md, .docx) thay cho chữ đọc từ ảnh."),
    by: str = typer.Option(None, "--by", help="Họ tên người đối chiếu."),
) -> None:
    """Xác nhận chữ của bài đọc từ ảnh (OCR) đã được đối chiếu với bản giấy (kèm bản sửa nếu có)."""
    with transaction() as (session, settings):
        text = None
        if file is not None:
            text = read_bytes(read_file(file), file.name, max_text_bytes=settings.max_text_bytes).text
        svc.confirm_ocr(session, settings, script_id=script_id, actor=by, text=text)
    console.print(f"Đã xác nhận nội dung bài {script_id}; bài có thể gửi duyệt («scripts submit {script_id}»).")


@app.command("submit")
def submit(script_id: int = typer.Argument(..., help="Mã số bài.")) -> None:
    """Gửi bài cho lãnh đạo duyệt."""
    with transaction() as (session, _):
        svc.submit(session, script_id=script_id)
    console.print(f"Đã gửi duyệt bài {script_id}.")


@app.command("approve")
def approve(
    script_id: int = typer.Argument(..., help="Mã số bài."),
    text_hash: str = typer.Option(
        ..., "--hash", help="Mã băm nội dung đã đọc (in bởi «scripts show»; đủ 8 ký tự đầu trở lên)."
    ),
    by: str = typer.Option(..., "--by", help="Họ tên người duyệt."),
    chuc_vu: str = typer.Option(..., "--chuc-vu", help='Chức vụ người duyệt, ví dụ "Chủ tịch UBND xã".'),
    render: bool = typer.Option(True, "--render/--no-render", help="Dựng âm thanh ngay sau khi duyệt."),
) -> None:
    """Lãnh đạo duyệt đúng nội dung đã đọc (nhận diện bằng mã băm); nội dung đã đổi thì không duyệt."""
    try:
        with transaction() as (session, _):
            approval = svc.approve(session, script_id=script_id, by=by, chuc_vu=chuc_vu, text_hash=text_hash)
    except svc.ApprovalMismatch as exc:
        with transaction() as (session, _):
            changes = approval_svc.changes_since(session, script_id=script_id, seen=exc.context["seen"])
        if changes is not None:
            console.print("Nội dung hiện tại ([-bỏ đi-] {+thêm vào+}):", highlight=False, markup=False)
            console.print(approval_svc.diff_lines(changes.changes), highlight=False, markup=False)
        raise
    console.print(f"Đã duyệt bài {script_id} (mã băm nội dung {approval.text_hash[:12]}…).", highlight=False)
    if render:
        _render_now(script_id)


def _render_now(script_id: int) -> None:
    """The station render right after the approval (a failure here leaves the approval in place)."""
    from broadcast import production
    from broadcast.errors import BroadcastError

    try:
        with transaction() as (session, settings):
            job = production.render(session, settings, script_id=script_id)
        console.print(f"Đã dựng âm thanh: {job.output}", highlight=False)
    except BroadcastError as exc:
        console.print(
            f"[yellow]Chưa dựng được âm thanh:[/] {exc.message} Lượt kiểm tra trước giờ phát sẽ nhắc lại.",
            highlight=False,
        )


@app.command("reject")
def reject(
    script_id: int = typer.Argument(..., help="Mã số bài."),
    reason: str = typer.Option(..., "--reason", help="Lý do trả lại."),
    by: str = typer.Option(None, "--by", help="Họ tên người trả lại."),
) -> None:
    """Lãnh đạo trả lại bài, kèm lý do."""
    with transaction() as (session, _):
        svc.reject(session, script_id=script_id, reason=reason, by=by)
    console.print(f"Đã trả lại bài {script_id}.")


@app.command("edit")
def edit(
    script_id: int = typer.Argument(..., help="Mã số bài."),
    file: Path = typer.Argument(..., help="Tệp nội dung mới (.docx, .txt, .md)."),
    title: str = typer.Option(None, "--title", help="Tiêu đề mới."),
) -> None:
    """Thay nội dung bài bằng tệp mới; bài đã duyệt sẽ phải duyệt lại."""
    with transaction() as (session, settings):
        was = svc.get_script(session, script_id=script_id).status
        script = svc.edit_script(
            session, settings, script_id=script_id, data=read_file(file), filename=file.name, title=title
        )
        now = script.status
    console.print(f"Đã sửa bài {script_id}.")
    if was == ScriptStatus.DA_DUYET and now == ScriptStatus.CHO_DUYET:
        console.print("[yellow]Bài đã duyệt bị sửa nên chuyển về «chờ duyệt»: cần lãnh đạo duyệt lại.[/]")
