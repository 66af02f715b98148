"""The structure of a real bài tuyên truyền: header, title, opening, body, closing, tail.

Only the body is read aloud between the commune's own opening and closing lines; the tail
(date line, approval block, signer, Nơi nhận, Ghi chú) is kept as metadata, never spoken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from broadcast.intake.layout import split_signer_title, unmerge_header
from broadcast.models import Channel
from broadcast.text.lexicon import known_acronyms

_WS = re.compile(r"[ \t]+")
_HEADER = [
    re.compile(r"^CỘNG H(?:ÒA|OÀ|OA) XÃ HỘI CHỦ NGHĨA VIỆT NAM", re.I),
    re.compile(r"^Độc lập\s*[-–—]\s*Tự do\s*[-–—]\s*Hạnh phúc", re.I),
    re.compile(r"^[-_=.…\s]{3,}$"),
    re.compile(r"^Số\s*:", re.I),
    re.compile(r"^.{0,60}ngày\s+(\d{1,2}\s+)?tháng\s+(\d{1,2}\s+)?năm\s+\d{4}\.?$", re.I),
]
_SUBJECT = re.compile(r"^V/v\.?\s*(.*)$", re.I)
_ADDRESSEE = re.compile(r"^Kính gửi\s*:?", re.I)
_UNIT = re.compile(
    r"^(?:(?:TM|KT|TL)\.\s*)?(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|ĐÀI TRUYỀN THANH|BAN CHỈ ĐẠO)\b(.*)$", re.I
)
_DOC_TYPE_TITLE = re.compile(
    r"^(KẾ HOẠCH|BIÊN BẢN|THÔNG BÁO|CÔNG VĂN|BÁO CÁO|TỜ TRÌNH|QUYẾT ĐỊNH|CHỈ THỊ|"
    r"BÀI TUYÊN TRUYỀN|BẢN TIN|THƯ NGỎ|LỜI KÊU GỌI|HƯỚNG DẪN)$",
    re.I,
)
_OPENING = re.compile(r"^(Kính thưa|Thưa)\s+(toàn thể\s+)?(bà con|quý vị|nhân dân|các bạn)", re.I)
# The whole standard formula, not a first sentence that merely begins with a greeting:
# greeting, listeners (and their place), then at most an announcement of what follows.
_AUDIENCE = (
    r"(?:toàn thể|cùng|và|các|cô|bác|anh|chị|em|bà con|nhân dân|quý vị|bạn|đồng bào|cán bộ|đảng viên|"
    r"thính giả|hội viên|đoàn viên|cử tri|thân mến|,|\s)+"
)
_PLACE = (
    r"(?:(?:trong|trên địa bàn|của)\s+)?(?:toàn\s+)?(?:xã|thôn|phường|thị trấn|bản|tổ dân phố|khu phố)(?:\s+\w+){0,4}"
)
_ANNOUNCE = (
    r"[,.!:]?\s*(?:(?:sau đây(?: là)?|mời bà con|xin mời|tiếp theo là)[^.!?]*"
    r"|(?:đài truyền thanh|ủy ban nhân dân|UBND|ban chỉ huy|ban chỉ đạo)[^.!?:]{0,80}:)"
)
_OPENING_FULL = re.compile(rf"(?:Kính thưa|Thưa)\s+{_AUDIENCE}(?:{_PLACE})?\s*(?:{_ANNOUNCE})?\s*[.!:]?", re.I)
MAX_OPENING = 300  # characters; a longer first sentence is body text
_CLOSING = re.compile(r"(đến đây là hết|đến đây xin được kết thúc|xin cảm ơn .{0,60}(lắng nghe|theo dõi))", re.I)
_DATE_LINE = re.compile(
    r"^(?:[^\d,]{0,50},\s*)?ngày\s+\d{1,2}\s*(?:/|-|\s+tháng\s+)\s*\d{1,2}\s*(?:/|-|\s+năm\s+)\s*\d{4}\.?$", re.I
)
_TAIL = [
    _DATE_LINE,
    re.compile(r"^Phê duyệt", re.I),
    re.compile(r"^(TM|KT|TL|TUQ)\s*\.", re.I),
    re.compile(r"^(PHÓ\s+)?CHỦ TỊCH$"),
    re.compile(r"^Nơi nhận\s*[:;.]?", re.I),
    re.compile(r"^(NGƯỜI VIẾT|NGƯỜI DUYỆT|XÁC NHẬN|TRƯỞNG ĐÀI|NGƯỜI SOẠN)", re.I),
    re.compile(r"^(THƯ KÝ|CHỦ TỌA|CHỦ TOẠ)$"),
]
_NOTE = re.compile(r"^Ghi chú\s*[:：]?\s*(.*)$", re.I)
_SIGNER_TITLE = re.compile(r"^(PHÓ\s+)?(CHỦ TỊCH|TRƯỞNG ĐÀI|TRƯỞNG BAN|BÍ THƯ)$", re.I)
_NAME = re.compile(r"^[A-ZÀ-Ỹ][^\s\d]*(\s+[A-ZÀ-Ỹ][^\s\d]*){1,5}$")
_SIGN_NOISE = re.compile(r"^\((đã ký|ký|ký, ghi rõ họ tên|ký tên, đóng dấu)[^)]*\)$", re.I)


@dataclass
class ParsedScript:
    """What intake understood of a script; body holds one paragraph per line."""

    title: str | None
    body: str
    opening_present: bool = False
    closing_present: bool = False
    opening_text: str | None = None
    closing_text: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    channels: list[str] = field(default_factory=list)
    source_unit: str | None = None
    date_line: str | None = None
    notes: list[str] = field(default_factory=list)


def clean_line(line: str) -> str:
    """Drop Markdown-like emphasis, heading marks and extra spaces from one line."""
    line = _WS.sub(" ", line).strip()
    line = re.sub(r"^#{1,6}\s+", "", line)
    line = re.sub(r"^[*•●▪·]\s+", "- ", line)  # '*', '•' bullets become '-'
    line = line.replace("**", "").replace("__", "")
    if "*" in line:
        line = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", line)  # *emphasis*
    return line.replace("*", "").strip()


def _plain_heading(lines: list[str]) -> bool:
    """A first line in ordinary case that is a heading, not the start of the text: short, no
    closing stop, not the opening formula, a list item or a line broken mid-sentence (the next
    line starts with a capital or a figure)."""
    first = lines[0].strip()
    return (
        len(lines) >= 2
        and 3 <= len(first.split()) <= 20
        and first[:1].isupper()
        and not first.endswith((".", ":", ";", ",", "!", "?", "…"))
        and not _OPENING.match(first)
        and not re.match(r"^(\d+(\.\d+)*[.)]|[-+•*–])", first)
        and (lines[1].strip()[:1].isupper() or lines[1].strip()[:1].isdigit())
    )


def _is_upper(line: str) -> bool:
    letters = "".join(filter(str.isalpha, line))  # C loops: a pasted 1 MB line stays cheap
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.7 * len(letters)


def sentence_case(title: str, *, context: str = "") -> str:
    """'BÀI TUYÊN TRUYỀN VỀ CCHC XÃ TÂN LẬP' -> 'Bài tuyên truyền về CCHC xã Tân Lập'.

    Acronyms stay upper case; a pair of words written capitalised in the context (the
    body, where names keep their capitals) is capitalised again.
    """
    acronyms = known_acronyms()
    words = title.split()
    out = []
    for word in words:
        core = word.strip(".,:;()\"'“”")
        out.append(word if core in acronyms else word.lower())
    for i in range(len(out) - 1):
        pair = f"{out[i].capitalize()} {out[i + 1].capitalize()}"
        if pair in context:
            out[i], out[i + 1] = out[i].capitalize(), out[i + 1].capitalize()
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def _unit_name(match: re.Match[str], next_line: str | None) -> str:
    head, rest = match.group(1), match.group(2).strip()
    if not rest and next_line and re.match(r"^(XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN)\b", next_line):
        rest = next_line
    if not rest:
        return ""
    head = "Ủy ban nhân dân" if head.upper() in {"ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "UBND"} else head.capitalize()
    rest = " ".join(w.lower() if i == 0 else w.capitalize() for i, w in enumerate(rest.split()))
    return f"{head} {rest}".strip()


def channels_from_note(note: str) -> list[str]:
    """'(thực hiện phát trên đài truyền thanh và loa kéo đến các thôn)' -> ['dai', 'loa-keo']."""
    low = note.lower()
    found = []
    if "thông minh" in low:
        found.append(Channel.THONG_MINH.value)
    if re.search(r"đài truyền thanh(?! thông minh)|\bđài\b", low) and "thông minh" not in low.split("đài")[-1][:15]:
        found.append(Channel.DAI.value)
    if "loa kéo" in low or "loa lưu động" in low:
        found.append(Channel.LOA_KEO.value)
    order = [c.value for c in Channel]
    return sorted(set(found), key=order.index)


def parse_script(text: str) -> ParsedScript:
    """Split raw script text into title, body and the parts that must not be read aloud."""
    raw = [clean_line(line) for line in text.split("\n")]
    lines = unmerge_header([line for line in raw if line])
    result = ParsedScript(title=None, body="")

    # Header block: national motto, unit, number, subject, place and date, addressees.
    i = 0
    subject: list[str] = []
    while i < len(lines) and i < 12:
        line = lines[i]
        unit = _UNIT.match(line)
        subject_match = _SUBJECT.match(line)
        if subject_match:
            subject.append(subject_match.group(1))
            i += 1
            while i < len(lines) and lines[i][:1].islower():
                subject.append(lines[i])
                i += 1
        elif _ADDRESSEE.match(line):
            i += 1
            while i < len(lines) and re.match(r"^[-+•]", lines[i]):
                i += 1
        elif unit and _is_upper(line):
            result.source_unit = (
                result.source_unit or _unit_name(unit, lines[i + 1] if i + 1 < len(lines) else None) or None
            )
            if (
                not unit.group(2).strip()
                and i + 1 < len(lines)
                and re.match(r"^(XÃ|PHƯỜNG|THỊ TRẤN|HUYỆN)\b", lines[i + 1])
            ):
                i += 1
            i += 1
        elif any(p.match(line) for p in _HEADER):
            i += 1
        else:
            break
    lines = lines[i:]

    # Title: an upper-case line (a bare document type joins the line after it).
    title_lines: list[str] = []
    if lines and (_is_upper(lines[0]) or lines[0].upper().startswith("BÀI TUYÊN TRUYỀN")) and len(lines[0]) <= 200:
        title_lines.append(lines.pop(0))
        if (
            _DOC_TYPE_TITLE.match(title_lines[0])
            and lines
            and len(lines[0]) <= 200
            and not lines[0].endswith((".", ":"))
            and not _OPENING.match(lines[0])
            and not re.match(r"^(\d+(\.\d+)*[.)]|[-+•])", lines[0])
        ):
            title_lines.append(lines.pop(0))
            while lines and lines[0][:1].islower() and len(lines[0]) <= 120 and not lines[0].endswith("."):
                title_lines.append(lines.pop(0))

    elif lines and _plain_heading(lines):
        title_lines.append(lines.pop(0))  # 'Thông báo của UBND xã về …' typed in ordinary case

    # "Kính gửi:" after the title (công văn, thông báo): addressees are not read aloud.
    if lines and _ADDRESSEE.match(lines[0]):
        lines.pop(0)
        while lines and re.match(r"^[-+•]", lines[0]):
            lines.pop(0)

    # Notes anywhere ("Ghi chú: …") set the channels and are never spoken.
    kept = []
    for line in lines:
        note = _NOTE.match(line)
        if note:
            result.notes.append(note.group(1).strip())
            result.channels = sorted(
                set(result.channels) | set(channels_from_note(line)), key=[c.value for c in Channel].index
            )
        else:
            kept.append(line)
    lines = kept

    # Opening line: the first sentence of the first paragraph, when it is the whole formula.
    parts = re.split(r"(?<=[.!:])\s+", lines[0], maxsplit=1) if lines else []
    if parts and _OPENING.match(parts[0]) and len(parts[0]) <= MAX_OPENING and _OPENING_FULL.fullmatch(parts[0]):
        result.opening_present = True
        result.opening_text = parts[0]
        lines = ([parts[1]] if len(parts) > 1 and parts[1].strip() else []) + lines[1:]

    # Tail: from the closing line or the first date/approval/signature line on.
    end = len(lines)
    for j, line in enumerate(lines):
        if ("đến đây" in line or "cảm ơn" in line) and _CLOSING.search(line):
            result.closing_present = True
            sentences = re.split(r"(?<=[.!?])\s+", line)
            k = next(n for n, s in enumerate(sentences) if _CLOSING.search(s))
            result.closing_text = " ".join(sentences[k:])
            if k > 0:  # body sentences share the paragraph with the closing line
                lines[j] = " ".join(sentences[:k])
                end = j + 1
            else:
                end = j
            tail = lines[j + 1 :]
            break
        if any(p.match(line) for p in _TAIL):
            end, tail = j, lines[j:]
            break
    else:
        tail = []
    body_lines = lines[:end]
    _parse_tail(tail, result)

    if not title_lines and subject:
        result.title = " ".join(subject)
    if title_lines:
        context = "\n".join(body_lines)
        result.title = (
            sentence_case(" ".join(title_lines), context=context)
            if _is_upper(title_lines[0])
            else " ".join(title_lines)
        )
        if len(title_lines) >= 2 and not _is_upper(title_lines[1]):
            rest = " ".join(title_lines[1:])
            result.title = sentence_case(title_lines[0]) + " " + rest[:1].lower() + rest[1:]
    result.body = "\n".join(_join_broken(body_lines))
    return result


def _join_broken(lines: list[str]) -> list[str]:
    # A paragraph broken in two ("… phổ biến" / "các văn bản …") continues in lower case.
    out: list[str] = []
    for line in lines:
        if "./." in line:
            line = re.sub(r"\s*\./\.\s*$", ".", line)  # the "./." end-of-document mark
        if out and line[:1].islower() and not re.search(r"[.!?:;]$", out[-1]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _parse_tail(tail: list[str], result: ParsedScript) -> None:
    in_recipients = False
    after_title = False
    for line in tail:
        merged = split_signer_title(line)
        if merged:  # '- Các thôn; CHỦ TỊCH': a recipient and the signer's title on one row
            line = merged[1]
        if _DATE_LINE.match(line):
            result.date_line = result.date_line or line
            continue
        if re.match(r"^Nơi nhận", line, re.I):
            in_recipients = True
            continue
        if in_recipients and re.match(r"^[-+•]", line):
            continue
        in_recipients = False
        unit = _UNIT.match(line)
        if unit and not result.source_unit:
            result.source_unit = _unit_name(unit, None) or None
        titled = _SIGNER_TITLE.match(line) or re.match(r"^(TM|KT)\.?.*\b(PHÓ\s+)?CHỦ TỊCH$", line)
        if titled:
            result.signer_title = "Phó Chủ tịch" if "PHÓ" in line.upper() else "Chủ tịch"
            if "TRƯỞNG ĐÀI" in line.upper():
                result.signer_title = "Trưởng đài"
            after_title = True
            continue
        if _SIGN_NOISE.match(line) or any(p.match(line) for p in _TAIL):
            continue
        if _NAME.match(line) and not _is_upper(line) and (after_title or result.signer is None):
            result.signer = line
            after_title = False
