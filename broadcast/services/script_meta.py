"""What a station head may set on a script (title, category, priority, channels, month),
parsed from their input or taken from the script itself: the month from a title such as
"… THÁNG 7/2024" when none is given."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session

from broadcast.errors import InputError
from broadcast.intake import Intake
from broadcast.models import Channel, Priority
from broadcast.services.communes import categories
from broadcast.text.folding import slugify


@dataclass
class ScriptMeta:
    """What the station head may set on intake; None means 'take it from the file'."""

    title: str | None = None
    category: str | None = None
    priority: str | None = None
    channels: str | None = None  # "dai,loa-keo"
    month: str | None = None  # "2024-07"


# "THÁNG 7/2024", "tháng 07-2024", "Tháng 7 năm 2024" (case and diacritics as written)
_TITLE_MONTH = re.compile(r"th[aá]ng\s+(\d{1,2})\s*(?:[/.-]|\s+n[aă]m\s+)\s*(\d{4})", re.IGNORECASE)


def title_month(title: str | None) -> str | None:
    """The month a title names ("… THÁNG 7/2024" → "2024-07"), or None."""
    if not title:
        return None
    m = _TITLE_MONTH.search(title)
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None
    return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"


def title(override: str | None, parsed: str | None, body: str) -> str:
    if override and override.strip():
        return " ".join(override.split())
    if parsed:
        return parsed
    words = body.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")


def category(session: Session, *, commune_id: int, code: str | None, title: str) -> str:
    known = {c.code: c for c in categories(session, commune_id=commune_id)}
    if code:
        code = slugify(code)
        if code not in known:
            names = ", ".join(f"{c} ({k.label})" for c, k in known.items())
            raise InputError(f"Không có chuyên mục «{code}». Các chuyên mục của xã: {names}.")
        return code
    if re.search(r"cải cách hành chính|\bCCHC\b|thủ tục hành chính", title, re.I) and "cchc" in known:
        return "cchc"
    return "khac" if "khac" in known else next(iter(known))


def priority(value: str | None) -> Priority:
    if not value:
        return Priority.THONG_THUONG
    key = slugify(value)
    for p in Priority:
        if key in (p.value, slugify(p.label)):
            return p
    raise InputError(f"Mức ưu tiên «{value}» không hợp lệ. Chọn một trong: thong-thuong, uu-tien, khan-cap.")


def channels(value: str) -> list[str]:
    out = []
    for part in value.split(","):
        key = slugify(part)
        match = next((c for c in Channel if key in (c.value, slugify(c.label))), None)
        if match is None:
            raise InputError(f"Kênh phát «{part.strip()}» không hợp lệ. Chọn trong: dai, loa-keo, thong-minh.")
        if match.value not in out:
            out.append(match.value)
    return out


def month(value: str | None) -> str | None:
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError(f"Tháng «{value}» không hợp lệ. Viết theo dạng năm-tháng, ví dụ 2025-09.")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"


def matches(seen: str, digest: str) -> bool:
    """Whether a fingerprint the user gives (the whole SHA-256, or its first 8+ hex digits) is digest."""
    seen = seen.strip().lower()
    return len(seen) >= 8 and all(c in "0123456789abcdef" for c in seen) and digest.startswith(seen)


def intake_detail(result: Intake) -> str | None:
    if result.from_image and result.scan is not None:
        summary = result.scan.summary()
        return f"Đọc từ ảnh (OCR), {summary['words']} từ, độ tin cậy trung bình {summary['mean_confidence']}%"
    if result.read.converted_from:
        return f"Đã chuyển mã từ {result.read.converted_from.upper()} sang Unicode"
    return None
