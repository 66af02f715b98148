"""The CLI contract other checks rely on, run through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from broadcast.config import Settings
from tests.conftest import EXAMPLE_SCRIPT, make_docx


def _commune(cli) -> int:
    result = cli("communes", "add", "xã Tân Lập", "--don-vi", "Ủy ban nhân dân xã Tân Lập")
    assert result.exit_code == 0, result.stderr
    return int(result.stdout.strip())


def test_communes_add_and_list(cli) -> None:
    cid = _commune(cli)
    listed = json.loads(cli("communes", "list", "--json").stdout)
    assert listed[0]["id"] == cid and listed[0]["don_vi"] == "Ủy ban nhân dân xã Tân Lập"
    shown = json.loads(cli("communes", "show", str(cid), "--json").stdout)
    assert {"code": "cchc", "label": "Cải cách hành chính"} in shown["categories"]


def test_add_docx_prints_structure(cli, tmp_path: Path, settings: Settings) -> None:
    cid = _commune(cli)
    path = tmp_path / "bai.docx"
    path.write_bytes(make_docx(EXAMPLE_SCRIPT.strip().split("\n")))
    result = cli(
        "scripts", "add", str(path), "--commune", str(cid), "--category", "thien-tai", "--month", "2025-9", "--json"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Bài tuyên truyền về phòng chống thiên tai tháng 9/2025"
    assert data["opening_present"] is True and data["closing_present"] is True
    assert data["signer"] == "Ma Thịnh Giáp"
    assert data["channels"] == ["dai", "loa-keo"]
    assert data["category"] == "thien-tai" and data["month"] == "2025-09"
    assert data["body"].startswith("Theo dự báo") and "Phê duyệt" not in data["body"]
    kept = list((settings.scripts_dir / "xa-tan-lap").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == path.read_bytes()  # original kept as received


def test_add_prints_id_and_lists(cli, tmp_path: Path) -> None:
    cid = _commune(cli)
    path = tmp_path / "bai.txt"
    path.write_text(EXAMPLE_SCRIPT, encoding="utf-8")
    result = cli(
        "scripts",
        "add",
        str(path),
        "-c",
        str(cid),
        "--priority",
        "uu-tien",
        "--channels",
        "loa-keo",
        "--title",
        "Phòng chống bão số 5",
    )
    assert result.exit_code == 0 and result.stdout.strip() == "1"
    rows = json.loads(cli("scripts", "list", "--json").stdout)
    assert rows[0]["title"] == "Phòng chống bão số 5"
    assert rows[0]["priority"] == "uu-tien" and rows[0]["channels"] == ["loa-keo"]


def test_legacy_file_tells_user_it_was_converted(cli, tmp_path: Path) -> None:
    cid = _commune(cli)
    path = tmp_path / "cu.txt"
    path.write_bytes("Th«ng b¸o cña UBND x· vÒ lÞch tiªm phßng cho ®µn gia sóc.".encode("cp1252"))
    result = cli("scripts", "add", str(path), "-c", str(cid))
    assert result.exit_code == 0
    assert "TCVN3" in result.stdout and "đã tự chuyển sang Unicode" in result.stdout


def test_paste_from_stdin(cli) -> None:
    cid = _commune(cli)
    result = cli("scripts", "add", "-", "-c", str(cid), "--json", input=EXAMPLE_SCRIPT)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["signer"] == "Ma Thịnh Giáp"


def test_approval_flow_and_edit(cli, tmp_path: Path) -> None:
    cid = _commune(cli)
    path = tmp_path / "bai.txt"
    path.write_text(EXAMPLE_SCRIPT, encoding="utf-8")
    sid = cli("scripts", "add", str(path), "-c", str(cid)).stdout.strip()
    digest = json.loads(cli("scripts", "show", sid, "--json").stdout)["text_hash"]
    approve = ("scripts", "approve", sid, "--hash", digest, "--no-render", "--by")
    assert cli(*approve, "Ma Thịnh Giáp", "--chuc-vu", "Chủ tịch UBND xã").exit_code == 3
    assert cli("scripts", "submit", sid).exit_code == 0
    ok = cli(*approve, "Nông Văn Nhượng", "--chuc-vu", "Chủ tịch UBND xã")
    assert ok.exit_code == 0, ok.stderr
    shown = json.loads(cli("scripts", "show", sid, "--json").stdout)
    assert shown["status"] == "da-duyet" and shown["approved_hash"] == shown["text_hash"]
    assert shown["approvals"][0]["approved_by"] == "Nông Văn Nhượng"

    edited = tmp_path / "sua.txt"
    edited.write_text(EXAMPLE_SCRIPT.replace("gia cố nhà cửa", "gia cố nhà cửa, chằng chống mái tôn"), encoding="utf-8")
    result = cli("scripts", "edit", sid, str(edited))
    assert result.exit_code == 0 and "duyệt lại" in result.stdout
    shown = json.loads(cli("scripts", "show", sid, "--json").stdout)
    assert shown["status"] == "cho-duyet" and shown["approved_hash"] is None
    assert shown["approvals"][0]["superseded_at"] is not None
    assert [e["action"] for e in shown["events"]] == ["tao", "gui-duyet", "duyet", "sua"]

    result = cli("scripts", "reject", sid, "--reason", "Thiếu số điện thoại trực ban")
    assert result.exit_code == 0
    assert json.loads(cli("scripts", "show", sid, "--json").stdout)["status"] == "tra-lai"


def test_bad_inputs_exit_non_zero_and_store_nothing(cli, tmp_path: Path, settings: Settings) -> None:
    cid = _commune(cli)
    cases = {
        "rong.txt": b"",
        "hong.docx": b"PK\x03\x04broken",
        "anh.png": b"\x89PNG\r\n\x1a\n",
        "ocr.txt": b"Bao cao ket qua thuc hien cong tac tuyen truyen CCHC nam 2023",
        "rac.txt": bytes(range(128, 256)) * 3,
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = cli("scripts", "add", str(path), "-c", str(cid))
        assert result.exit_code == 2, (name, result)
        assert result.stderr.startswith("Lỗi:"), name
    assert "tiếng Việt có dấu" in cli("scripts", "add", str(tmp_path / "ocr.txt"), "-c", str(cid)).stderr
    assert json.loads(cli("scripts", "list", "--json").stdout) == []
    assert not (settings.scripts_dir / "xa-tan-lap").exists() or not any(
        (settings.scripts_dir / "xa-tan-lap").iterdir()
    )


def test_errors_for_unknown_ids_and_values(cli, tmp_path: Path) -> None:
    cid = _commune(cli)
    path = tmp_path / "bai.txt"
    path.write_text(EXAMPLE_SCRIPT, encoding="utf-8")
    assert cli("scripts", "show", "42").exit_code == 4
    assert cli("scripts", "add", str(path), "-c", "99").exit_code == 4
    bad_month = cli("scripts", "add", str(path), "-c", str(cid), "--month", "2025-13")
    assert bad_month.exit_code == 2 and "2025-09" in bad_month.stderr
    bad_channel = cli("scripts", "add", str(path), "-c", str(cid), "--channels", "tivi")
    assert bad_channel.exit_code == 2 and "loa-keo" in bad_channel.stderr


def test_help_is_vietnamese(cli) -> None:
    result = cli("scripts", "add", "--help")
    assert result.exit_code == 0
    for words in ("Cách dùng", "Tùy chọn", "Nhận một bài tuyên truyền", "Hiện hướng dẫn"):
        assert words in result.stdout


def test_console_script_and_main_py(settings: Settings) -> None:
    root = Path(__file__).resolve().parents[2]
    for cmd in (
        [str(Path(sys.executable).parent / "broadcast"), "communes", "list", "--json"],
        [sys.executable, str(root / "main.py"), "communes", "list", "--json"],
    ):
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=root)
        assert json.loads(out.stdout) == []


@pytest.mark.slow
def test_add_photo_then_confirm_ocr_then_submit(cli, tmp_path: Path) -> None:
    """`scripts add PAGE.jpg --json` reads a phone photo for real; submit waits for confirm-ocr."""
    from tests.intake.scan_pages import phone_photo, render_text_page, wrap

    cid = _commune(cli)
    photo = tmp_path / "trang.jpg"
    photo.write_bytes(phone_photo(render_text_page(wrap(EXAMPLE_SCRIPT.splitlines()))))
    result = cli("scripts", "add", str(photo), "-c", str(cid), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["read_from_image"] and data["signer"] == "Ma Thịnh Giáp"
    assert data["title"].startswith("Bài tuyên truyền về phòng chống thiên tai")
    assert data["ocr"]["summary"]["words"] > 50 and data["ocr"]["words"][0]["conf"] > 0
    sid = str(data["id"])
    refused = cli("scripts", "submit", sid)
    assert refused.exit_code == 3 and "confirm-ocr" in refused.stderr
    assert "CHƯA xác nhận" in cli("scripts", "show", sid).stdout
    corrected = tmp_path / "sua.txt"
    corrected.write_text(EXAMPLE_SCRIPT, encoding="utf-8")
    assert cli("scripts", "confirm-ocr", sid, "--file", str(corrected), "--by", "Lò Văn Bình").exit_code == 0
    assert cli("scripts", "submit", sid).exit_code == 0
