"""The words around a script: opening, title, body, closing, each spoken once."""

from broadcast.services.script_meta import title as script_title
from broadcast.text.speech import wrap

BODY = (
    "Thực hiện Kế hoạch số 45/KH-UBND ngày 12/3/2025 của UBND xã về cải cách hành chính năm 2025, "
    "Ủy ban nhân dân xã thông báo đến toàn thể Nhân dân.\nBà con đến Trung tâm phục vụ hành chính công."
)


def test_a_script_without_a_title_is_not_read_twice_from_a_fragment() -> None:
    derived = script_title(None, None, BODY)
    assert derived.endswith("…")
    spoken = wrap(title=derived, body=BODY, opening="Mở đầu.", closing="Kết thúc.")
    assert spoken == ["Mở đầu.", *BODY.split("\n"), "Kết thúc."]


def test_a_short_untitled_script_is_read_once() -> None:
    body = "Ngày 5/12 cắt điện thôn 3."
    spoken = wrap(title=script_title(None, None, body), body=body, opening="", closing="")
    assert spoken == [body]


def test_a_real_title_is_read_before_the_body() -> None:
    spoken = wrap(title="Thông báo lịch tiếp công dân", body=BODY, opening="Mở đầu.", closing="Kết thúc.")
    assert spoken[:3] == ["Mở đầu.", "Thông báo lịch tiếp công dân", BODY.split("\n")[0]]


def test_a_title_sharing_only_the_first_word_is_still_read() -> None:
    spoken = wrap(title="Thực hiện nếp sống văn minh", body=BODY, opening="", closing="")
    assert spoken[0] == "Thực hiện nếp sống văn minh"
