"""A short name defined in brackets: '… Chương trình hỗ trợ xây dựng 1.200 căn nhà … (Chương trình) từ nguồn …'.

Official writing names a long programme or project once and puts the short name it will use
after in brackets ('(dự án)', '(Quỹ)'). The reader needs it; the listener has just heard the name,
so an announcer leaves the bracket out. Only words already said in the same sentence are taken,
so a bracket that adds something ('(Bình Định)', '(nay là xã Tân Lập)') is still read.
"""

from __future__ import annotations

import re

from broadcast.text.tagging import Ctx, cased_words, rule

# The kinds of thing a document names at length and then by a short name; a place or a person in
# brackets ('(Quảng Ninh)') says where or who, and is read.
_HEADS = cased_words(
    (
        *("chương trình", "dự án", "đề án", "kế hoạch", "quỹ", "công ty", "quy chế", "quy định", "hội đồng"),
        *("ban chỉ đạo", "trung tâm", "hợp đồng", "cuộc thi", "hội thi", "chiến dịch", "cuộc vận động"),
        *("phong trào", "đoàn công tác", "tổ công tác", "hội nghị", "nhiệm vụ", "công trình", "giải thưởng"),
        *("doanh nghiệp", "nhà đầu tư", "đơn vị", "bên mua", "bên bán", "người bệnh", "ngân hàng", "liên danh"),
    )
)


@rule(
    "defined_term",
    "tên gọi tắt trong ngoặc",
    rf"\((?:{_HEADS})\)",
    priority=93,
)
def _defined_term(m: re.Match[str], ctx: Ctx) -> str:
    sentence = re.split(r"[.!?;:\n](?=[ \t\"“]*[A-ZĐÀ-Ỹ])", ctx.before(m, 400))[-1]
    # said earlier in the sentence, not only in the words just before the bracket
    said = re.search(rf"(?<![\wÀ-ỹ]){re.escape(m.group()[1:-1])}(?![\wÀ-ỹ])", sentence[:-20], re.I)
    return " " if said else m.group()
