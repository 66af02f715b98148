"""Every code a page would otherwise show, in plain Vietnamese: one place for the Jinja filters.

Pages store codes (`cchc`, `loa-keo`, `2024-07`, `vi-vn-x-central`, `{don_vi}` ...); a user
reads only labels. A template writes `{{ code|category }}`, `{{ month|month_vi }}`, and so on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from jinja2 import Environment
from markupsafe import Markup, escape

from broadcast.models import DEFAULT_CATEGORIES, Channel, DaysKind, Profile

CATEGORY = dict(DEFAULT_CATEGORIES)
PROFILE = {
    Profile.STATION.value: "Đài truyền thanh",
    Profile.LOA_KEO.value: "Loa kéo",
    Profile.IP_SPEAKER.value: "Loa IP",
}
PROFILE_DETAIL = {
    Profile.STATION.value: "stereo 128 kbps",
    Profile.LOA_KEO.value: "mono 128 kbps",
    Profile.IP_SPEAKER.value: "mono 48 kbps",
}
DAYS = {
    DaysKind.DAILY.value: "hằng ngày",
    DaysKind.WEEKDAYS.value: "thứ Hai đến thứ Sáu",
    DaysKind.WEEKLY.value: "các thứ đã chọn trong tuần",
    DaysKind.DATES.value: "các ngày đã chọn",
}
ENGINE = {
    "gtts": "giọng Google (cần mạng)",
    "edge": "giọng Edge (cần mạng)",
    "piper": "giọng Piper (ngoại tuyến)",
    "espeak": "giọng espeak-ng (ngoại tuyến)",
}
VOICE = {
    "vi": "Giọng nữ miền Bắc",
    "vi-vn-x-central": "Giọng miền Trung",
    "vi-vn-x-south": "Giọng miền Nam",
}
PLACEHOLDER = {"don_vi": "tên đơn vị"}
FIELD = {
    "username": "Tên đăng nhập",
    "full_name": "Họ tên",
    "title": "Chức vụ",
    "password": "Mật khẩu",
    "new_password": "Mật khẩu mới",
    "role": "Vai trò",
    "name": "Tên",
    "day": "Ngày",
    "month": "Tháng",
    "session_id": "Buổi",
    "script_id": "Bài",
    "item_id": "Bài trong lịch",
    "text": "Nội dung",
    "reason": "Lý do",
    "start": "Giờ",
    "file": "Tệp",
}
WEEKDAY = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Pictographs and their joiners: shown as empty boxes by the fonts a phone or a station PC has.
_PICTOGRAPH = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f900-\U0001f9ff\U00002b00-\U00002bff"
    "\U0000fe00-\U0000fe0f\U0000200d\U000020e3\U0001f1e6-\U0001f1ff]+"
)


def category(code: str | None, names: dict[str, str] | None = None) -> str:
    """'cchc' -> 'Cải cách hành chính' (the commune's own label when given)."""
    if not code:
        return "Chưa phân loại"
    return (names or {}).get(code) or CATEGORY.get(code) or code.replace("-", " ").capitalize()


def channels(codes: Iterable[str] | str | None) -> str:
    """['dai', 'loa-keo'] -> 'Đài và loa kéo'."""
    if isinstance(codes, str):
        codes = [c.strip() for c in codes.split(",") if c.strip()]
    names = [Channel(c).label if c in Channel._value2member_map_ else c for c in codes or []]
    if not names:
        return "Chưa chọn kênh"
    if names[0] == "đài truyền thanh" and len(names) > 1:
        names[0] = "đài"
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
    return text[0].upper() + text[1:]


def month_vi(value: str | date | None) -> str:
    """'2024-07' -> 'Tháng 7/2024'."""
    if isinstance(value, date):
        return f"Tháng {value.month}/{value.year}"
    match = _MONTH.match(value or "")
    return f"Tháng {int(match.group(2))}/{match.group(1)}" if match else (value or "")


def weekday(day: date) -> str:
    return WEEKDAY[day.weekday()]


def day_vi(day: date) -> str:
    """date(2024, 7, 1) -> 'Thứ Hai 1/7'."""
    return f"{WEEKDAY[day.weekday()]} {day.day}/{day.month}"


def profile(code: str | Profile) -> str:
    value = code.value if isinstance(code, Profile) else code
    return PROFILE.get(value, value)


def engine(code: str) -> str:
    return ENGINE.get(code, code)


def engine_chain(codes: Iterable[str]) -> str:
    """['gtts', 'espeak'] -> 'giọng Google (cần mạng), nếu không được thì giọng espeak-ng (ngoại tuyến)'."""
    names = [engine(c) for c in codes]
    return ", nếu không được thì ".join(names)


def voice(code: str) -> str:
    return VOICE.get(code, code)


def days(code: str | DaysKind) -> str:
    value = code.value if isinstance(code, DaysKind) else code
    return DAYS.get(value, value)


def fill_ins(text: str | None) -> Markup:
    """A template with its placeholders shown as fill-ins: '{don_vi}' -> [tên đơn vị]."""
    parts, pos = [], 0
    for match in _PLACEHOLDER.finditer(text or ""):
        parts.append(escape((text or "")[pos : match.start()]))
        name = PLACEHOLDER.get(match.group(1), match.group(1).replace("_", " "))
        parts.append(Markup('<span class="fill-in">{}</span>').format(name))
        pos = match.end()
    parts.append(escape((text or "")[pos:]))
    return Markup("").join(parts)


def plain(text: str | None) -> str:
    """A title without pictographs (emoji), which many fonts draw as empty boxes."""
    return re.sub(r"\s{2,}", " ", _PICTOGRAPH.sub("", text or "")).strip()


def no_pictographs(html: str) -> Markup:
    """Marked-up text (already escaped) without pictographs, for the text of a script."""
    return Markup(_PICTOGRAPH.sub("", str(html)))


def fingerprint(text_hash: str | None) -> str:
    """A text fingerprint, short enough to compare by eye: '52f1 a9c0'."""
    return f"{text_hash[:4]} {text_hash[4:8]}".upper() if text_hash else ""


def field(name: str) -> str:
    return FIELD.get(name, "một ô trong biểu mẫu")


def install(env: Environment) -> None:
    """Register the filters on a Jinja environment."""
    for fn in (category, channels, month_vi, weekday, day_vi, profile, engine, engine_chain, voice, days):
        env.filters[fn.__name__] = fn
    env.filters["fill_ins"] = fill_ins
    env.filters["plain"] = plain
    env.filters["no_pictographs"] = no_pictographs
    env.filters["fingerprint"] = fingerprint
    env.globals["PROFILE_DETAIL"] = PROFILE_DETAIL
