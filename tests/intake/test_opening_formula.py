"""The opening line is recognised only when the first sentence is the whole standard formula
(issue 13): a first news sentence that merely begins with 'Kính thưa bà con' stays in the body."""

from __future__ import annotations

import pytest

from broadcast.intake.anatomy import parse_script


@pytest.mark.parametrize(
    "first",
    [
        "Kính thưa bà con và các bạn, sau đây là nội dung tuyên truyền của UBND xã Tân Lập.",
        "Kính thưa toàn thể bà con nhân dân trong xã!",
        "Kính thưa bà con, Đài truyền thanh xã xin thông báo:",
    ],
)
def test_the_whole_formula_is_an_opening(first: str) -> None:
    p = parse_script(f"{first}\nNgày mai mất điện từ 7h đến 11h.")
    assert p.opening_present and p.opening_text == first
    assert p.body == "Ngày mai mất điện từ 7h đến 11h."


@pytest.mark.parametrize(
    "first",
    [
        "Kính thưa bà con, hiện nay tình hình dịch sốt xuất huyết diễn biến phức tạp.",
        "Kính thưa bà con, UBND xã Phúc Lộc thông báo lịch tiêm chủng mở rộng.",
    ],
)
def test_a_news_sentence_that_begins_with_a_greeting_is_body(first: str) -> None:
    p = parse_script(f"{first}\nĐề nghị bà con chủ động phòng bệnh.")
    assert not p.opening_present
    assert p.body.split("\n")[0] == first
