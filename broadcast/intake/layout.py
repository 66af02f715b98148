"""Undo what OCR does to the two-column parts of an administrative document.

A scanned document has its header in two columns (the unit on the left; the national
name, the motto and the place and date on the right) and often its signature block too
(Nơi nhận on the left; TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH, the signer on the right). OCR reads
each printed row across both columns as one line:

    ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    XÃ TÂN LẬP Độc lập - Tự do - Hạnh phúc
    Số: 125/TB-UBND Tân Lập, ngày 10 tháng 9 năm 2025

`unmerge_header` splits such rows back into the left column, then the right column, so
the anatomy parser sees the header as it sees a typed one.
"""

from __future__ import annotations

import re

_NATIONAL = re.compile(r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
_MOTTO = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.I)
_NUMBER_AND_DATE = re.compile(
    r"^(Số\s*:?\s*\S+)\s+(\S.{0,50},?\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\.?)$", re.I
)
_RULE = re.compile(r"^[-_=.…\s]{3,}$")
_SIGNER_TITLE_IN_LINE = re.compile(r"\b((?:PHÓ\s+)?CHỦ\s+TỊCH|TRƯỞNG\s+ĐÀI)\s*$")


def _split(line: str) -> tuple[str, str] | None:
    """(left column, right column) of a merged header row, or None if it is not one."""
    pair = _NUMBER_AND_DATE.match(line)
    if pair:
        return pair.group(1), pair.group(2)
    for pattern in (_NATIONAL, _MOTTO):
        match = pattern.search(line)
        if match and not line[match.end() :].strip(" .-–—_"):  # the right column ends the row
            return line[: match.start()].strip(" -–—"), line[match.start() :].strip()
    return None


def unmerge_header(lines: list[str], *, window: int = 8) -> list[str]:
    """Lines with merged two-column header rows split into left column then right column.

    Only a run of header rows at the top is touched; a typed header (one column per line)
    comes back unchanged."""
    left: list[str] = []
    right: list[str] = []
    merged = False
    i = 0
    while i < min(len(lines), window):
        line = lines[i]
        split = _split(line)
        if split is None:
            if _RULE.match(line):
                i += 1
                continue
            if i == 0 or not (left or right):
                return lines  # the document does not start with a header
            break
        if split[0]:
            merged = True
            left.append(split[0])
        right.append(split[1])
        i += 1
    if not merged:
        return lines
    return left + right + lines[i:]


def split_signer_title(line: str) -> tuple[str, str] | None:
    """'- Các thôn; CHỦ TỊCH' -> ('- Các thôn;', 'CHỦ TỊCH'): a recipients row merged with
    the signer's title from the right column."""
    match = _SIGNER_TITLE_IN_LINE.search(line)
    if not match or match.start() == 0:
        return None
    return line[: match.start()].strip(), match.group(1)
