"""Property tests: no input crashes the normaliser or leaves a digit or symbol to be read."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadcast.text.normalize import normalize

FORBIDDEN = re.compile(r"[0-9/%&*+]")
ADMIN_PIECES = st.sampled_from(
    [
        "UBND",
        "ngày",
        "tháng",
        "năm",
        "số",
        "/",
        "-",
        "–",
        ".",
        ",",
        ":",
        "%",
        "đ",
        "km",
        "m2",
        "h",
        "giờ",
        "Quý",
        "thứ",
        "lần",
        "(",
        ")",
        "*",
        "+",
        "...",
        "QĐ-UBND",
        "KH",
        "&",
        "XIV",
        "II",
        "I.",
        "1.",
        "0",
        "09",
        " ",
        "\n",
        "VH-TT",
        "dichvucong.gov.vn",
        "@",
        "Covid-19",
        "ISO",
        "QL",
        "ĐT.",
        "x",
        "tỷ",
        "đồng/hộ",
        "và/hoặc",
    ]
)


def _check(text: str) -> None:
    result = normalize(text)
    assert not FORBIDDEN.search(result.spoken), (text, result.spoken)
    for r in result.replacements:
        assert text[r.start : r.end] == r.source


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_unicode(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ADMIN_PIECES, st.integers(min_value=0, max_value=10**30).map(str)), max_size=30))
def test_administrative_fragments(pieces: list[str]) -> None:
    _check("".join(pieces))
    _check(" ".join(pieces))


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**40),
    st.sampled_from(["", ".", ",", "%", "/", ":", "-"]),
    st.integers(min_value=0, max_value=10**6),
)
def test_numbers_in_every_shape(a: int, sep: str, b: int) -> None:
    _check(f"{a}{sep}{b}")
    _check(f"số {a:,}".replace(",", "."))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=500))
def test_long_digit_strings(digits: str) -> None:
    _check(digits)


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.sampled_from(["UBND", "12", "3,5%", "ngày 1/2/2025", "x"]),
        lambda inner: st.tuples(st.sampled_from('([{*"“'), inner, st.sampled_from(')]}*"”')).map("".join),
        max_leaves=12,
    )
)
def test_nested_punctuation(text: str) -> None:
    _check(text)


_DAY, _MONTH, _YEAR = st.integers(1, 28), st.integers(1, 12), st.integers(2000, 2030)
_HOUR, _MINUTE = st.integers(0, 23), st.integers(0, 59)


@settings(max_examples=150, deadline=None)
@given(
    _DAY, _MONTH, _YEAR, _HOUR, _MINUTE,
    st.sampled_from(["", "Thứ hai, ", "Chủ nhật - ", "Cập nhật: ", "Ngày đăng ", "Minh Thu - ", "PV "]),
    st.sampled_from([" ", ", ", " | ", " - "]),
    st.booleans(),
    st.sampled_from(["", " AM", " PM"]),
    st.sampled_from(["", " (GMT+7)", " | Lượt xem: 12"]),
)  # fmt: skip
def test_posting_stamps_are_never_read(
    d: int, mo: int, y: int, h: int, mi: int, head: str, sep: str, time_first: bool, noon: str, tail: str
) -> None:
    date, time = f"{d:02d}/{mo:02d}/{y}", f"{h:02d}:{mi:02d}{noon}"
    stamp = f"{head}{time}{sep}{date}" if time_first else f"{head}{date}{sep}{time}"
    assert normalize(stamp + tail).spoken == ""


@settings(max_examples=150, deadline=None)
@given(
    _DAY, _MONTH, _YEAR, _HOUR, _MINUTE,
    st.sampled_from(["Hạn nộp hồ sơ trước ", "Hội nghị khai mạc lúc ", "Lễ ra quân tổ chức vào ", "Tiếp nhận từ "]),
    st.sampled_from([" ", ", "]),
)  # fmt: skip
def test_a_time_and_date_of_the_news_are_read(d: int, mo: int, y: int, h: int, mi: int, head: str, sep: str) -> None:
    spoken = normalize(f"{head}{h:02d}:{mi:02d}{sep}{d:02d}/{mo:02d}/{y}").spoken
    assert spoken.startswith(head.strip()) and "giờ" in spoken and "tháng" in spoken, spoken
