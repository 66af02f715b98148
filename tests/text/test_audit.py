"""The corpus audit: what a listener would still hear wrong, counted and listed."""

from __future__ import annotations

import json
from pathlib import Path

from broadcast.text.audit import audit, read_sentences

# Real sentences from the development split (ids as in tests/fixtures/corpus/sentences.tsv),
# plus one unknown code to be spelled.
TSV = (
    "id\tsplit\tsource_url\tsource_title\tdoc_kind\tsentence\n"
    "5\tdev\thttps://example.invalid/a\tA\ttin-tuc\tSáng 3/10, UBND xã Thọ Lập tổ chức hội nghị.\n"
    "6\tdev\thttps://example.invalid/a\tA\ttin-tuc\tHotline: 0822.173.636\n"
    "7\tdev\thttps://example.invalid/b\tB\ttin-tuc\tĐơn vị QXZ triển khai trên Quốc lộ 1A 🌧️\n"
)


def test_reads_a_corpus_tsv_and_plain_lines() -> None:
    assert read_sentences(TSV)[0] == ("5", "Sáng 3/10, UBND xã Thọ Lập tổ chức hội nghị.")
    assert read_sentences("Dòng một\n\nDòng 2\n") == [("1", "Dòng một"), ("3", "Dòng 2")]


def test_counts_what_is_heard_wrong() -> None:
    result = audit(read_sentences(TSV))
    summary = result.summary()
    assert summary["sentences"] == 3
    assert summary["spelled_letter_by_letter"] == 1 and result.unknown == {"QXZ": 1}
    assert summary["digits_or_symbols_left"] == 0
    assert result.letter_digit == {"1A": 1}
    assert result.rules["số điện thoại"] == 1 and result.rules["biểu tượng, không đọc"] == 1
    assert summary["unknown_rate"] == round(1 / 3, 4)


def test_cli_audit_prints_a_summary_and_json(cli, tmp_path: Path) -> None:
    path = tmp_path / "cau.tsv"
    path.write_text(TSV, encoding="utf-8")
    text = cli("normalize", "--audit", str(path))
    assert text.exit_code == 0
    assert "Số câu: 3" in text.stdout and "QXZ" in text.stdout
    data = json.loads(cli("normalize", "--audit", str(path), "--json").stdout)
    assert data["summary"]["spelled_letter_by_letter"] == 1
    assert data["unknown"] == {"QXZ": 1}


def test_cli_audit_of_a_missing_file_says_so(cli, tmp_path: Path) -> None:
    result = cli("normalize", "--audit", str(tmp_path / "khong-co.tsv"))
    assert result.exit_code != 0
    assert "Không tìm thấy tệp" in result.stderr + result.stdout
