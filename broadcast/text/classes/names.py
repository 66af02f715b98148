"""Places and people written short: 'TX. Sơn Tây', ', H. Ba Vì', 'CT.Hội', 'ông S', 'L.V.T', "H'Hồng"."""

from __future__ import annotations

import re

from broadcast.text.tagging import HOLIDAY_BEFORE, Ctx, cased_words, rule, spell

_ADDRESS = {
    "P": "phường",
    "Q": "quận",
    "TX": "thị xã",
    "TT": "thị trấn",
    "H": "huyện",
    "X": "xã",
    "TP": "thành phố",
    "Tp": "thành phố",
    "KP": "khu phố",
}


# 'TP. Tư pháp': the head of an office ('trưởng phòng'); no city bears these names.
OFFICE_AFTER = re.compile(
    r"[ \t]*(?:Tư pháp|Tài chính|Nội vụ|Văn hóa|Kinh tế|Tài nguyên|Lao động|Y tế|Giáo dục|Nông nghiệp|Kế hoạch|Tổ chức)\b"
)


@rule(
    "address",
    "địa danh viết tắt",
    r"\b(?:P|Q|TX|TT|H|X|TP|Tp|Tx|KP)\.(?=[A-ZĐÀ-Ỹ](?![A-ZĐ])[a-zà-ỹ]|\d|[ÂĂÊÔƠƯ][ \t][A-ZĐ][a-zà-ỹ])"  # 'Q.Ô Môn
    r"|\b(?:TX|Tx|TP|Tp)\.[ \t](?=[A-ZĐÀ-Ỹ][a-zà-ỹ])|\bT\.[PpXx]\.?[ \t]?(?=[A-ZĐÀ-Ỹ][a-zà-ỹ])"
    r"|(?=(?:P|Q|TT|H|X)\.[ \t])(?:(?<=[,(;\-–][ \t])|(?<=[,(;])|(?<=\b[Đđ]ến )|(?<=\btại )|(?<=\bở )|(?<=địa bàn )|(?<=Công an )|(?<=UBND ))(?:P|Q|TT|H|X)\.[ \t](?=[A-ZĐÀ-Ỹ][a-zà-ỹ]+[ \t][A-ZĐÀ-Ỹ])"
    r"|\bx\.[ \t]?(?=[A-ZĐÀ-Ỹ][a-zà-ỹ])|\bh\.(?=[A-ZĐÀ-Ỹ][a-zà-ỹ])",  # '(xóm Giữa, x. Vang)', 'h.Đan Phượng'
    priority=87,
)
def _address(m: re.Match[str], ctx: Ctx) -> str:
    """'P.Sa Pa', 'Q.1', 'TX.Sơn Tây', 'TX. Sơn Tây': a ward, district or town. With a space after
    the dot a single letter is an address only where a list of places goes on (', H. Ba Vì',
    'KV 1 - P. Cái Răng - TP Cần Thơ'):
    elsewhere 'H. Nam' may be a person's initial."""
    if len(m.group()) == 2 and _BYLINE.fullmatch(ctx.text[ctx.line(m).start : ctx.line(m).end].strip()):
        return spell(m.group()[0]) + " "  # 'Bài, ảnh: T.Lan - H.Minh': initials, not a district
    if m.group().startswith("TP") and OFFICE_AFTER.match(ctx.after(m, 16)):
        return "trưởng phòng "  # 'đ/c Nguyễn Phạm Phi Vân - TP. Tư pháp': the head of an office, no city
    if m.group().startswith(("T.P", "T.p")):
        return "thành phố "  # 'T.P Hồ Chí Minh'; a bare 'T.P' (a photo credit) is a person's initials
    if m.group().startswith(("T.X", "T.x")):
        return "thị xã "
    return _ADDRESS[m.group().split(".")[0].replace("Tx", "TX").upper()] + " "


@rule(
    "title_dot",
    "chức danh viết tắt",
    r"\b(?:CT|PCT|BT|PBT|GĐ|PGĐ|TB|PTB|PTP|UV|CHT|TBT)\.(?:(?=[A-ZĐ][\wÀ-ỹ])|[ \t](?=(?:UBND|HĐND|MTTQ|Đảng|Hội|Ủy|Công đoàn|Đoàn)\b))",
    priority=87,
)
def _title_dot(m: re.Match[str], ctx: Ctx) -> str:
    """'CT.Hội CCB', 'PGĐ.Sở': a title typed against the body it heads, read with no stop between."""
    token = m.group().rstrip(" \t")[:-1]
    return ctx.lex.get(token, spell(token)) + " "


_MONK_TITLES = {
    "HT": "Hòa thượng",
    "TT": "Thượng tọa",
    "ĐĐ": "Đại đức",
    "NS": "Ni sư",
    "NT": "Ni trưởng",
    "SC": "Sư cô",
}


@rule(
    "monk_title",
    "giáo phẩm viết tắt",
    r"\b(?:HT|TT|ĐĐ|NS|NT|SC)\.?[ \t]?(?=Thích[ \t][A-ZĐ])|\bĐĐ\.[ \t]?(?=[A-ZĐ][a-zà-ỹ])",
    priority=86,
)
def _monk_title(m: re.Match[str], ctx: Ctx) -> str:
    """'TT.Thích Quảng Lộc', 'HT. Thích Trí Quảng', 'ĐĐ.Thính Chơn Trí': a monk's rank before his
    name ('Thích' is the name every monk takes), not a town or the civil register."""
    return _MONK_TITLES[m.group().rstrip(". \t")] + " "


_GRADE_WORDS = ("giải", "bảng", "nhóm", "loại", "hạng", "khối", "tuýp", "dãy", "phân khu", "cúm", "viêm gan", "vitamin")


@rule(
    "grade_letter",
    "chữ cái chỉ hạng, bảng",
    # 'giải C', 'bảng A' ('giải II' is a numeral); speed: the word first, a trie, not a look-behind per word
    rf"\b(?:{cased_words(_GRADE_WORDS)})[ \t][A-HJ-UWYZĐ](?![\wÀ-ỹ'’/-]|\.[\wÀ-ỹ]|[ \t]?\(H\d)"
    r"|\b[A-ZĐ](?=(?:[ \t]*,[ \t]*[A-ZĐ](?![\wÀ-ỹ.])){2,})|(?<=\b[A-ZĐ],[ \t])[A-ZĐ](?![\wÀ-ỹ.])"  # '(A, B, C, D)'
    r"|(?:(?<=\b[A-ZĐ] và )|(?<=\b[A-ZĐ] hoặc ))[A-ZĐ](?![\wÀ-ỹ.'’/-])",  # 'loại C và D': the second letter too
    priority=72,
)
def _grade_letter(m: re.Match[str], ctx: Ctx) -> str:
    """'trao giải C', '4 bảng (A, B, C, D)': letters that name a grade or a group, said as letters."""
    return m.group()[:-1] + spell(m.group()[-1])


@rule("comrade", "đồng chí viết tắt", r"\b[đĐ]c(?=[ \t]+[A-ZĐ][a-zà-ỹ])", priority=86)
def _comrade(m: re.Match[str], ctx: Ctx) -> str:
    """'có đc Nguyễn Phú Tường': 'đồng chí' before a name."""
    return "đồng chí" if m.group()[0] == "đ" else "Đồng chí"


# The words that name a person in a story ('ông S', 'bà Hoàng Thị L', 'đối tượng N.T.').
PERSON_WORDS = "ông|bà|anh|chị|cháu|em|chú|cô|cụ|bé|đối tượng|nạn nhân|bệnh nhân|bị cáo"
_CALLED_BY = PERSON_WORDS + "|ngân hàng|công ty"
_PERSON_BEFORE = re.compile(rf"\b(?:{PERSON_WORDS})[ \t]+(?:[A-ZĐ][\wÀ-ỹ]*[ \t]+){{1,3}}$")


@rule(
    "person_initial",
    "tên viết tắt một chữ",
    rf"\b(?:{cased_words(_CALLED_BY.split('|'))})[ \t][A-ZĐ]"
    r"(?:\.(?=[ \t]+[a-zà-ỹđ(]|[ \t]*[),;]))?(?![\wÀ-ỹ'’-]|\.[ \t]?[A-ZĐ]|[ \t]+[A-ZĐ])",
    priority=88,
)
def _person_initial(m: re.Match[str], ctx: Ctx) -> str:
    """'tài khoản của ông S', 'anh T. cho biết': a person named by one letter, said as its letter name.
    'ông A Páo' is a name ('A' a syllable of it), and 'T.V.' initials are left to the initials rule."""
    head, letter = m.group().rstrip(".")[:-1], m.group().rstrip(".")[-1]
    return head + spell(letter)


# Words before a single capital that make it a label ('Khu A', 'Tổ B'), not a name cut short.
_NOT_NAMES = {
    "Khu",
    "Tổ",
    "Lớp",
    "Đội",
    "Nhóm",
    "Phòng",
    "Nhà",
    "Tòa",
    "Khối",
    "Cụm",
    "Trạm",
    "Đợt",
    "Loại",
    "Hạng",
    "Mẫu",
}


@rule(
    "name_initial",
    "chữ cái cuối tên",
    r"(?<=[^\W\d_] )[A-ZĐ](?:\.(?=[ \t]*(?:[,;)(]|và\b|$))|(?:[hr]|g)?(?:\.(?=[ \t]+\()|(?=[ \t]*[,;]|[ \t]+\()))"
    r"|(?<=[^\W\d_] )[A-ZĐ](?=[ \t]+(?:và|hoặc)[ \t]+[A-ZĐ](?![\wÀ-ỹ]))",
    priority=89,
)
def _name_initial(m: re.Match[str], ctx: Ctx) -> str:
    """'ông Nguyễn Quang T.', 'ông Linh Văn S (thôn…)', 'Hiền và Đ.,': a name cut to its first letter."""
    words = ctx.before(m, 40).split()
    if len(m.group().rstrip(".")) == 1 and (
        re.match(r"[ \t]+(?:và|hoặc)[ \t]+[A-ZĐ](?![\wÀ-ỹ])", ctx.after(m, 12))
        or _PLACE_BEFORE.search(ctx.before(m, 48))
    ):
        return spell(m.group().rstrip("."))  # 'bảng C và D', 'phường Tăng Nhơn Phú B': letters that name
    named = len(words) >= 2 and all(w.isalpha() and w[:1].isupper() for w in words[-2:])
    named = named and words[-1] not in _NOT_NAMES
    if "." not in m.group() and not re.match(r"[ \t]+\((?:\d|SN|sinh)", ctx.after(m, 8)):
        # 'bà Hoàng Thị L (chủ tiệm…)', 'ông Nguyễn Hữu T, ở số…': only after a word for a person
        # ('Y' is a whole given name)
        named = named and m.group() != "Y" and bool(_PERSON_BEFORE.search(ctx.before(m, 48)))
    if named or (len(words) >= 2 and words[-1] == "và" and words[-2].isalpha() and words[-2][:1].isupper()):
        return spell(m.group().rstrip("."))
    lone = m.group().endswith(".") and re.match(r"[ \t]+[a-zà-ỹđ(]", ctx.after(m, 3))
    if lone and words and words[-1].islower() and words[-1] not in ("cấp", "loại", "hạng"):
        return spell(m.group()[0])  # 'hành động của V. và…': a person named by one letter
    return m.group()


@rule("initials", "tên viết tắt", r"\b[A-ZĐ]\.(?:[ \t]?[A-ZĐ](?:[hr]|g)?\.?){1,3}(?![\wÀ-ỹ])", priority=88)
def _initials(m: re.Match[str], ctx: Ctx) -> str:
    """'L.V.T', 'N. T', 'Đ.D.Kh.': a person's initials, letter by letter."""
    return spell(m.group())


_APOSTROPHE_NAME = {"D": "Đơ", "Đ": "Đơ"}


@rule(
    "apostrophe_name",
    "tên có dấu nháy",
    r"\b(?:[BCDĐGHKLMNPRSTVX]|Tr|Ch|Dr|Br|Kr|Pl|Bl)[’'‘](?=[A-ZĐÀ-Ỹa-z])",
    priority=86,
)
def _apostrophe_name(m: re.Match[str], ctx: Ctx) -> str:
    """'H'Hồng', 'D'Ran', 'L'Humanité': the first consonant is a syllable of its own ('Hơ Hồng', 'Đơ Ran');
    a pair of consonants too ('xã Tr'Hy', 'thôn Ch'Ơm': 'Trơ Hy', 'Chơ Ơm')."""
    head = m.group()[:-1]
    return f"{_APOSTROPHE_NAME.get(head, head + 'ơ')} "


@rule(
    "footnote",
    "chú thích",
    r"\[\d{1,3}\]|(?<=[^\W\d_])\(\d{1,2}\)|(?:(?<=\. )|(?<=, ))\(\d{1,2}\)(?=[ \t]*[.;]?[ \t]*$)"
    r"|(?<=(?:19|20)\d\d)\(\d\)(?=[ \t.,;])",  # 'định hướng đến năm 2030(1) (có Đề án…)': a footnote's mark
    priority=98,
    anywhere=True,
)
def _footnote(m: re.Match[str], ctx: Ctx) -> str:
    return " "


@rule("et_al", "và cộng sự", r"\bet[ \t]+al\.?", priority=87)
def _et_al(m: re.Match[str], ctx: Ctx) -> str:
    """'(Shinn et al., 2016)': a study's authors, 'và cộng sự'."""
    return "và cộng sự"


@rule(
    "lone_initial",
    "tên viết tắt giữa câu",
    r"(?=[A-ZĐ]\.)(?:(?<=[a-zà-ỹđ,;:] )|(?<=^))(?:[A-ZĐ]\.(?=[ \t]+(?:[a-zà-ỹđ]|\((?:\d|SN|sinh)))|[A-EGI-OR-WYZĐ]\.(?=[ \t]+\d))"
    r"|\b[A-ZĐ]\.(?=[A-ZĐÀ-Ỹ]?[a-zà-ỹđ]+(?:[ \t]*[-–,][ \t]*[A-ZĐ]\.|[ \t]*$))",
    priority=89,
)
def _lone_initial(m: re.Match[str], ctx: Ctx) -> str:
    """'Lo sợ, P. lấy…', 'hành động của V. và…', 'P. (18 tuổi…)': a person named by one letter in
    the middle of a sentence, 'của T. 22 túi'; a byline of initials and names ('H.TUYẾN - P.MAI').
    The dot does not end it."""
    if ctx.after(m, 1).isalpha() and not _BYLINE.fullmatch(ctx.text[ctx.line(m).start : ctx.line(m).end].strip()):
        return m.group()
    return spell(m.group()[0]) + (" " if ctx.after(m, 1).isalpha() else "")


_BYLINE = re.compile(r"(?:[\wÀ-ỹ ,]{0,20}:[ \t]*)?[A-ZĐ]\.[\wÀ-ỹ]+(?:[ \t]*[-–,][ \t]*[A-ZĐ]\.[\wÀ-ỹ]+)*")


_PLACE_BEFORE = re.compile(
    r"(?:phường|xã|thôn|ấp|khu phố|tổ|khóm|xóm|bản|cụm công nghiệp|khu công nghiệp|KCN|CCN|Phường|Xã|Thôn|Ấp|Khu phố|Tổ|Khóm|Xóm|Bản|Công ty|công ty|Xí nghiệp)[ \t]+(?:[A-ZĐ][\wÀ-ỹ]*[ \t]+){1,4}$"
)
# 'Trường Cao đẳng kỹ thuật quân sự I': a school's or a unit's number in Roman letters
_UNIT_BEFORE = re.compile(r"\b(?:Trường|Bệnh viện|Sư đoàn|Trung đoàn|Lữ đoàn)[ \t]+(?:[\wÀ-ỹ]+[ \t]+){1,6}$")


@rule("place_numeral", "số La Mã trong tên nơi", r"I(?<=[a-zà-ỹ] I)(?![\wÀ-ỹ])", priority=87)
def _place_numeral(m: re.Match[str], ctx: Ctx) -> str:
    """'phường Hải Châu I', 'Công ty … Rau Quả I': a place's or a firm's number in Roman letters, 'một' ('II', 'III' are read as numerals elsewhere)."""
    before = ctx.before(m, 48)
    return "một" if _PLACE_BEFORE.search(before) or _UNIT_BEFORE.search(before) else m.group()


def named_day(m: re.Match[str], ctx: Ctx, day: int, month: int) -> bool:
    """'đường 3/2', 'Quảng trường 2.4', 'thôn 2/4': a place named by a date; 'Quốc khánh 2/9': a named
    day; 'Huy hiệu Đảng đợt 2.9': the round of awards given on a national day."""
    before = ctx.before(m, 48)
    national = (day, month) in {(3, 2), (30, 4), (1, 5), (19, 5), (2, 9), (7, 11)} and _ROUND.search(before)
    return bool(national or _NAMED.search(before[-24:]) or HOLIDAY_BEFORE.search(before))


_ROUND = re.compile(r"\bđợt[ \t]+$", re.I)
_NAMED = re.compile(
    r"(?:công viên|vườn hoa|quảng trường|hội trường|sân vận động|đường|phố|cầu|chợ|trường|bệnh viện|\bthôn|\bấp"
    r"|mẫu giáo|mầm non|tiểu học|trung học cơ sở|THCS|THPT|công ty|hợp tác xã"  # 'trường Mẫu giáo 2/9'
    r"|(?<!văn )(?<!phiên )\bbản|\bxóm|\bkhóm|\bbuôn|\blàng|tiểu khu|khu phố)[ \t]+$",
    re.I,
)
