"""Structure of a script: bullets, numbered points, signature lines, pictographs, ellipses."""

from __future__ import annotations

import re

from broadcast.text import lexicon
from broadcast.text.classes.names import PERSON_WORDS
from broadcast.text.numbers import read_int, read_ordinal, roman_to_int
from broadcast.text.tagging import Ctx, rule, spell

# How a numbered point at the start of a paragraph is announced (a commune setting):
# 'Một là, …', 'Thứ nhất, …' or the plain number ('Một, …').
LIST_STYLES = ("mot_la", "thu_nhat", "so")
PICTOGRAPHS = (
    "\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff\u3030\u303d"
    "\ufe0f\u200d\u20e3\U0001f000-\U0001faff"
)


@rule(
    "bullet",
    "dấu đầu dòng",
    r"^[ \t]{0,8}[-+•*–](?:[ \t]{1,8}+|(?=[A-ZĐ][a-zà-ỹđ]))(?!\d{1,2}[A-ZĐ][a-zà-ỹđ])",
    priority=10,
)
def _bullet(m: re.Match[str], ctx: Ctx) -> str:
    return ""


@rule(
    "roman_item",
    "số La Mã đầu mục",
    r"^[ \t]{0,8}[IVXL]{1,5}(?:[.)][ \t]{1,8}|\.(?=[A-ZĐ][a-zà-ỹđ])|[ \t]?[-–][ \t]?(?=[^\W\d_]))",
    priority=11,
)
def _roman_item(m: re.Match[str], ctx: Ctx) -> str:
    """'II. ', 'I.Thời gian', 'I - MỤC ĐÍCH', 'I-Tình hình': a heading's Roman number (not 'V-League')."""
    if m.group()[-1] in "-–" and ctx.after(m, 12).split(" ")[0].isascii():
        return m.group()
    value = roman_to_int(m.group().strip().rstrip(".)-–").strip())
    return f"{read_int(value)}, " if value else m.group()


@rule(
    "numbered_item",
    "số thứ tự đầu mục",
    r"^[ \t]{0,8}(?:\d{1,2}(?:\.\d{1,2}){0,3}[.)][ \t]{1,8}|\d{1,2}/[ \t]{1,8}(?=[A-ZĐÀ-Ỹ])|\d[.)-](?=[A-ZĐÀ-Ỹ][a-zà-ỹđ]|[A-ZĐ]{2,6}\b)"
    # '- 2Công văn', '3Thủ tục': an index typed against the first word (not '5Km', '2Ha')
    r"|(?:[-+•*–][ \t]{1,3})?\d{1,2}(?=(?!Km|Kg|Ha|Mb|Gb)[A-ZĐ][a-zà-ỹđ]))",
    priority=12,
)
def _numbered_item(m: re.Match[str], ctx: Ctx) -> str:
    """'1. ' at a paragraph start is 'Một là, ' (or 'Thứ nhất, '); '2.3. ' is a section number;
    '1-Mục đích', '3.Thông qua' are numbered points typed without a space."""
    parts = [p for p in re.split(r"[.)/-]", m.group().strip().lstrip("-+•*–").strip()) if p]
    if len(parts) == 1:
        n = int(parts[0])
        if ctx.list_style == "thu_nhat":
            return f"Thứ {read_ordinal(n)}, "
        if ctx.list_style == "so":
            return f"{read_int(n).capitalize()}, "
        return f"{read_int(n).capitalize()} là, "
    return " chấm ".join(read_int(int(p)) for p in parts) + ", "


_TITLES = r"(?:[Cc]hủ tịch|CHỦ TỊCH|[Gg]iám đốc|GIÁM ĐỐC|[Tt]rưởng|TRƯỞNG|[Bb]ộ trưởng|BỘ TRƯỞNG|[Bb]í thư|BÍ THƯ|[Cc]hánh|CHÁNH)"


@rule(
    "signature",
    "khối chữ ký",
    rf"^[ \t|]{{0,8}}(?:TM|KT|TL|TUQ|Q|tm|kt|tl|tuq|[Pp](?=\.[ \t]?(?i:chủ tịch|giám đốc|trưởng|hiệu trưởng|bí thư)\b))\.[ \t]{{0,3}}|\b(?:KT|TL|TUQ|Q)\.[ \t]{{0,3}}(?={_TITLES})|\b(?:TM|KT|TL|TUQ)\.[ \t]{{0,3}}(?=[A-ZĐÀ-Ỹ]{{2}})",
    priority=13,
)
def _signature(m: re.Match[str], ctx: Ctx) -> str:
    """TM. thay mặt, KT. ký thay, Q. quyền, TL. thừa lệnh, TUQ. thừa ủy quyền (never 'kinh tế');
    'P. CHỦ TỊCH' phó."""
    key = m.group().strip(" \t|").rstrip(".").strip().upper()
    return ("phó" if key == "P" else lexicon.SIGNATURE[key]) + " "


@rule("pictograph", "biểu tượng, không đọc", rf"[{PICTOGRAPHS}]{{1,16}}", priority=14, anywhere=True)
def _pictograph(m: re.Match[str], ctx: Ctx) -> str:
    if (
        m.group() in ("→", "⇒", "➡", "➔")
        and re.search(r"[\w)][ \t]*$", ctx.before(m, 4))
        and re.match(r"[ \t]*\w", ctx.after(m, 4))
    ):
        line = ctx.text[ctx.line(m).start : ctx.line(m).end]
        if len(re.findall("[→⇒➡➔]", line)) >= 2 and not re.search(r"\d", re.sub(r"^\s*\d{1,2}[.)]\s", "", line)):
            return ", "  # 'Mở app → Thủ tục hành chính → Gửi yêu cầu': steps of a menu, one after another
        if ctx.before(m, 4).rstrip()[-1:].islower() and ctx.after(m, 4).lstrip()[:1].islower():
            return ", "  # 'theo quý thay vì theo tháng → giảm tần suất', '… yêu cầu → đến thu nhận': what follows
        return " đến "  # '(15h30) → hẻm đường Lê Duẩn (16h50)': from one stop to the next
    ctx.removed.append(m.group())
    return " "


@rule(
    "source_tag",
    "nguồn tin, không đọc",
    # Speed: the alternatives that start a line share one '^' (one failed test elsewhere, not ten).
    r"^[ \t]{0,3}(?:\((?:[A-ZĐ]{2,8}(?:[ \t]?(?:online|Online|ONLINE))?|[A-Za-z]{2,20}(?:\.[A-Za-z]{2,20}){0,2}\.(?:vn|VN|Vn|com|net))\)"
    r"[ \t]{0,3}(?:[-–][ \t]{0,3})?(?=\S)|[A-ZĐ]{2,8}[ \t]{1,3}[-–][ \t]{1,3}(?=[A-ZĐÀ-Ỹ\d])"
    r"|\[[^\]\n]{2,40}\][ \t]{0,3}[-–]?[ \t]{0,3}(?=[A-ZĐÀ-Ỹ])"
    r"|\([A-ZĐ][a-zà-ỹ]*(?:[ \t][A-ZĐ][a-zà-ỹ]*){0,2}\)[ \t]+(?=[\"“]?[A-ZĐÀ-Ỹ])"
    r"|(?:[A-ZĐ][\wÀ-ỹ]*[ \t]){1,3}(?<!CTV[ \t])(?:TV|Online|online)[ \t]{0,3}[-–][ \t]{0,3}(?=[A-ZĐÀ-Ỹ]))"
    r"|\([A-ZĐ]{2,8}\)[ \t]{0,3}[-–][ \t]{0,3}(?=[A-ZĐÀ-Ỹ\d])"
    r"|^[ \t]{0,3}(?:[A-Za-zĐ][A-Za-zĐ0-9]{1,14}(?:\.gov)?\.(?:VN|vn|Vn|COM|com|NET|net|Net)(?:\.(?:vn|VN))?[ \t]{0,3}[-–][ \t]{1,3}"
    r"(?=[A-ZĐÀ-Ỹ])"
    r"|[A-ZĐ]{1,4}&[A-ZĐ]{1,4}[ \t]{0,3}[-–][ \t]{1,3}(?=[A-ZĐÀ-Ỹ])"
    r"|\([A-Za-zĐÀ-Ỹ][\wÀ-ỹ.]{1,15}(?:[ \t-][\wÀ-ỹ.]{1,15}){0,3}\)[ \t]{0,3}[-–][ \t]{0,3}"
    r"(?:\([A-ZĐ][A-ZĐ0-9 ]{1,15}\)[ \t]{0,3})?(?=[A-ZĐÀ-Ỹ]|$)"  # '(Vietnamarchi) - (KTVN 257) Việc…': a magazine's issue too
    r"|\([A-ZĐ]{1,6}[&-][A-ZĐ]{1,6}\)[ \t]{0,3}(?:[-–][ \t]{0,3})?(?=[A-ZĐÀ-Ỹ])"
    r"|[A-ZĐ]{2,6}[ \t]{0,3}[-–][ \t]{0,3}(?=[A-ZĐ][a-zà-ỹ]|[ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ])"
    r"|[A-Z][a-z]{2,12}&[A-Z][a-z]{2,12}[ \t]{1,3}(?=[A-ZĐÀ-Ỹ])"
    r"|[A-Z][a-z]{6,15}[ \t]{0,3}[-–][ \t]{0,3}(?=[A-ZĐÀ-Ỹ])|[A-Z][a-z]{2,10}[A-Z][a-z]{2,10}[ \t]{0,3}(?:--|[-–])[ \t]{0,3}(?=[A-ZĐÀ-Ỹ])"
    r"|[A-Z][a-z]{2,12}(?:Portal|News|Online)[ \t]{0,3}[-–][ \t]{0,3}(?=[A-ZĐÀ-Ỹ])"  # 'PhuthoPortal - '
    r"|[a-z][a-z0-9]{2,20}\.(?:vn|com|net|com\.vn)[ \t]+(?=[A-ZĐÀ-Ỹ][a-zà-ỹ])"  # 'baophutho.vn Theo số liệu…'
    r"|(?:DNTH|TNTP|ĐTN)[ \t]?:[ \t]{1,3}(?=[A-ZĐÀ-Ỹ])|(?:NDĐT|TTXVN|VOV|VTV|QĐND|CAND|SGGP|NLĐ|VNA)[-–][ \t]{0,3}(?=[A-ZĐÀ-Ỹ\d])"
    r"|[A-Z][A-Za-z]{1,6}TV[ \t]?[-–][ \t]?(?=[A-ZĐÀ-Ỹ]))",  # 'QNgTV- Sáng 10/3': a station's tag
    priority=15,
)
def _source_tag(m: re.Match[str], ctx: Ctx) -> str:
    """'(QNO) - Ngày 15/7…', 'TPO - Sáng 4/6…', 'ANTD.VN - Cháy…', '… ngày mai - 7/2 (PLVN) - Ngày mai…':
    a news agency's tag, not read aloud."""
    if "(" in m.group():
        return ", " if not ctx.at_line_start(m) else ""
    if m.group().lstrip().startswith("[") or re.search(r"(?:TV|[Oo]nline)[ \t]*[-–]", m.group()):
        return ""  # '[ĐCSVN]- ', '[Photo] ': a site's tag
    if "." in m.group() or "&" in m.group() or not m.group().strip()[:2].isupper():
        return ""  # 'ANTD.VN - ', 'GD&TĐ - ', 'Kinhtedothi-': an outlet's name
    token = re.sub(r"[^A-ZĐ]", "", m.group())
    if re.match(r"[ \t]{0,3}[A-ZĐ]{2,6}[-–]", m.group()):
        return ""  # 'BT- Qua công tác…', 'GLO-': a dash typed against the tag is a paper's signature
    if token in ctx.lex and token not in NEWS_OUTLETS:
        return f"{ctx.lex[token]}, "
    line = ctx.text[ctx.line(m).start : ctx.line(m).end].rstrip()
    if token not in NEWS_OUTLETS and len(line) < 90 and not line.endswith((".", "…")):
        return f"{spell(token)}, "  # 'FSC - Giấy thông hành để …': a title's own subject, not a paper
    return ""


# Newspapers whose short names open a news item ('TP - …' is Tiền Phong, not a city).
NEWS_OUTLETS = {
    *("TP", "TTO", "TPO", "VOV", "VTV", "QĐND", "ANTĐ", "HNM", "PLO", "CAND", "SGGP", "NLĐ", "TN", "ĐĐK"),
    *("TTĐT", "TTH", "BT", "QNO", "BĐT", "TTXVN", "KTĐT", "BDK", "BTN", "YBĐT", "BTNO", "VOVLIVE"),
    *("ND", "TT", "CTTĐT", "TĐKT", "KTNT", "NNVN", "VTC", "VNA"),  # Nhân Dân, Tuổi Trẻ, a portal, magazines
    *("TNTP", "PN", "DNTH", "GDTĐ", "ĐSPL", "KTĐT", "VOH", "HTV", "ĐTN", "NDĐT"),  # Thiếu niên Tiền phong, Phụ nữ, …
}


_PHOTO = r"(?:Ảnh|ẢNH|Đồ họa|Đồ hoạ|ĐỒ HỌA)(?:[ \t]+(?:minh[ \t]+họa|minh[ \t]+hoạ|MINH[ \t]+HỌA|tư[ \t]+liệu|TƯ[ \t]+LIỆU|\d{1,2}))?"


@rule(
    "photo_credit",
    "chú thích, nguồn ảnh",
    r"\((?:Ảnh|ẢNH|ảnh|Video|Clip)(?![\wÀ-ỹ])[^()\n]{0,60}\)"  # '(Ảnh minh họa)', '(Ảnh: BĐBP TPHCM)'
    r"|\((?:trái|phải|giữa|đứng giữa|bìa trái|bìa phải|ảnh dưới|ảnh trên|thứ (?:\d|hai|ba|tư) từ (?:trái|phải)(?: sang)?)\)"  # where someone stands
    r"|\((?:có|kèm theo)[ \t]hình[ \t]ảnh(?:[ \t]kèm[ \t]theo)?\)|[ \t][-–][ \t]ảnh[ \t]\d{1,2}[ \t]*$"  # '(có hình ảnh kèm theo)', '… - ảnh 2'
    r"|\((?:Hình|hình|Clip|clip|Video|video)[ \t]\d{1,2}\)"  # '(Hình 2)': a figure's number
    r"|(?:(?<=[^\W\d_][ \t])|(?<=[?!][ \t]))[-–][ \t][1-9](?=[ \t]*$)"  # '… ở miền Trung - 2': a page's second picture, its caption a title
    r"|\((?:Hình ảnh|hình ảnh|Hình|hình|Ảnh|ảnh)[ \t](?:từ|lấy từ|nguồn)[ \t]?:?[ \t][Ii]nternet\)"
    # '… Hà Nội(GD&ĐT 08/4)': a programme's tag and the day it aired; '… hàng chục ngôi nhà bị hư hỏng... - VnExpress'
    r"|\([A-ZĐ][A-ZĐ&]{1,8}[ \t]\d{1,2}/\d{1,2}(?:/\d{2,4})?\)(?=[ \t.]*$)"
    r"|(?<=[.…!?][ \t])[-–][ \t]?[A-Z][a-z]+(?:[A-Z][a-z]+)+[ \t]*$"
    r"|\[\d{1,3}(?:[;,][ \t]?\d{1,4}){0,3}\]"  # '[1;70]': a citation of a source and its page
    r"|\[(?:i{1,3}|iv|vi{0,3}|ix|x)\]"  # '[ii] Xã Tân Lập, …': a footnote's mark
    r"|\(\d[\d.,]{0,8}[ \t]?(?:KB|MB|GB|kB)\)"  # '(6.35 MB)': an attachment's size
    rf"|(?<=.)(?:[-–][ \t]*)?{_PHOTO}[ \t]*(?:[:/][ \t]*[^\W_][^\n|]{{0,45}}?)?[ \t]*[.|]?[ \t]*$"
    r"|[-–][ \t]*(?:Ảnh|ẢNH)[ \t]+[A-ZĐ]{1,4}(?:\.[A-ZĐ]{1,3})?[ \t.]*$"  # '… thành phố Cà Mau - Ảnh VĐ'
    # at a line's start only a name ('Ảnh: Hoàng Gia'): a caption to read is left to the other rules
    rf"|^(?:[-–][ \t]*)?{_PHOTO}[ \t]*(?:[:/][ \t]*[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*(?:(?:[ \t]+(?:[-–][ \t]+)?|[ \t]?/[ \t]?)[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*){{0,5}}(?:[ \t]phát)?)?"
    r"(?:[ \t]*\.?[ \t]*\((?:(?:Nguồn|nguồn)[ \t]*:?[^()\n]{1,40}|[A-ZĐ]{2,8})\))?[ \t]*[.|]?[ \t]*$"
    rf"|^{_PHOTO}[ \t]*[/.,–-][ \t]*(?:Nguồn|nguồn)[ \t]*:?[ \t]*[^\n]{{1,50}}$"  # 'Ảnh minh họa/Nguồn baochinhphu.vn'
    # 'Ảnh: Tổ tự quản 5 trong 1 của xã … tham gia tuần tra đêm.': a caption to read, its label not
    r"|^(?:Ảnh|ẢNH|Hình|HÌNH)[ \t]*:[ \t]*(?=[A-ZĐÀ-Ỹ][^\W\d_]*(?:[ \t]+[^ \t\n]+){6})"
    r"|(?<=[.!?][ \t])(?:Ảnh|ẢNH)[ \t]+(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ.]{0,12}(?:[ \t][\wÀ-ỹ]{1,12}){0,2}|[a-z]{3,15})\.?[ \t]*$"
    # '… hình thức. Đồ họa: HUẾ XUÂN': a graphic's author after its caption
    r"|(?<=[.!?][ \t])(?:Đồ họa|Đồ hoạ|ĐỒ HỌA|Thiết kế|Video|Clip|Thực hiện)[ \t]*:[ \t]*[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*"
    r"(?:(?:[ \t]|[ \t]?[-–][ \t]?)[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*){0,5}[ \t.]*$"
    r"|^(?:Video|VIDEO|Clip|CLIP|Trong ảnh|TRONG ẢNH|Hình ảnh|Infographic|INFOGRAPHIC|Inforgraphic|Podcast)[ \t]*:[ \t]*(?=\S)"  # 'Video: Tại thôn …': a caption's label
    r"|^(?:Hình|HÌNH)[ \t]\d{1,2}[.:][ \t]+(?=[A-ZĐÀ-Ỹ])"  # 'Hình 1. Trung tá … tuyên truyền': a figure's number
    r"|\((?:[Đđ]ọc|[Xx]em) (?:thêm|tiếp)\)"  # '… còn lại.(đọc thêm)': a link to another page
    # '… thành bão. (Nguồn: NCHMF)', '… một tháng qua. Nguồn: NTV.', '… kỷ lục CHỤP MÀN HÌNH': a picture's source
    # after its caption; a source on a line of its own is read
    r"|(?<=[.!?][ \t])\((?:Nguồn|NGUỒN|Nguồn ảnh)[ \t]*:[^()\n]{1,80}\)(?=[ \t.|]*$)"
    r"|(?<=[.!?)][ \t])(?:Nguồn|NGUỒN)[ \t]*:[ \t]*[A-ZĐ][^\n.!?]{1,60}\.?(?=[ \t|]*$)"
    r"|(?:(?<=[\wÀ-ỹ] )|(?<=[.!?] ))(?:CHỤP MÀN HÌNH|\(?[Ảả]nh chụp màn hình\)?)(?=[ \t.|]*$)"
    r"|^(?:(?:Tin|Bài)(?:,| và|[ \t]?-[ \t]?) ?ảnh|(?:TIN|BÀI)(?:,| VÀ|[ \t]?-[ \t]?) ?ẢNH|Tác giả|TÁC GIẢ|Người viết|T/h|T/H)[ \t]*:[ \t]*[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*"
    r"(?:(?:[ \t]|[ \t]?[-–,][ \t]?)[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*){0,7}[ \t]*$|^T/[hH][ \t]*:[^\n]{1,70}$"  # 'T/h: Trung tâm DVC xã Bình An'
    # 'Xuân Thoả/CTT Sơn Động', 'Theo Phương Hoa/SKCĐ': the writer and the portal they write for, a byline of its own
    r"|^(?!Theo\b|Nguồn\b)[A-ZĐ][a-zà-ỹ]+(?:[ \t][A-ZĐ][a-zà-ỹ]+){0,3}[ \t]?/[ \t]?"
    r"(?:(?:CTT|CTTĐT|TTXVN|Báo|Đài|TTVH|TTTT)\b[^\n/]{0,30}|[A-ZĐ]{2,8}[ \t]*)$"
    # 'Theo Báo Hà Tĩnh', 'Theo: VOV-ĐBSCL', 'Theo Đào Thanh/nongnghiep.vn': the source, a line of its own
    r"|^Theo[ \t]*:?[ \t]+(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ.&-]*|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org))"
    r"(?:(?:[ \t]*[/–-][ \t]*|[ \t]+)(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ.&-]*|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org))){0,7}[ \t.]*$"
    r"|^Theo[ \t]+[A-ZĐ][a-zà-ỹ]+(?:[ \t][A-ZĐ][a-zà-ỹ]+){0,3}[ \t]?/[ \t]?[A-ZĐ]{2,8}[ \t]*$"
    # 'Trần Hóa - Phước Tuấn - Minh Hoàng', 'Hiệp Thương (CTV)': writers' names alone on a line
    r"|^[A-ZĐ][a-zà-ỹ]+(?:[ \t][A-ZĐ][a-zà-ỹ]+){1,3}(?:(?:[ \t]+[-–][ \t]*|[-–][ \t]+)[A-ZĐ][a-zà-ỹ]+(?:[ \t][A-ZĐ][a-zà-ỹ]+){1,3}){1,4}[ \t]*$"
    # 'N.HUY', 'Thực hiện: T.PHƯƠNG - Đ.TƯƠI': a writer's initial and name, a byline of its own
    r"|^(?:(?:Thực hiện|Nhóm phóng viên|Nhóm PV|Bài|Tin|Ảnh)[^\n:]{0,12}:[ \t]*)?[A-ZĐ]\.[ \t]?[\wÀ-ỹ]{2,}"
    r"(?:[ \t]*[-–,][ \t]*[A-ZĐ]\.[ \t]?[\wÀ-ỹ]{2,})*[ \t|]*$"
    r"|^[A-ZĐ][a-zà-ỹ]+(?:[ \t][A-ZĐ][a-zà-ỹ]+){1,3}[ \t]*\((?:CTV|PV|TTV|BTV|t/h|TH)\)[ \t]*$",
    priority=16,
)
def _photo_credit(m: re.Match[str], ctx: Ctx) -> str:
    """A caption's furniture, not read: '(Ảnh minh họa)', '(trái)', '… buổi lễ. Ảnh: Đức Thụy',
    '… hành chính- Ảnh 1.'. A caption line of its own ('Ảnh: Loa thông minh tại …') is read;
    at a line's start only a name ('Ảnh: Hoàng Gia') is dropped."""
    if m.group().endswith(("(CTV)", "(PV)", "(TTV)", "(BTV)", "(t/h)", "(TH)")) or "(Nguồn" in m.group():
        return ""  # 'Hiệp Thương (CTV)': a writer's name and role, a byline of its own
    credit = re.split(r"[:/]", m.group(), maxsplit=1)[1] if re.search(r"[:/]", m.group()) else ""
    words = re.findall(r"[^\W_][\w.]*", credit.removesuffix(" phát"))  # 'Ảnh: TTXVN phát': TTXVN gave it out
    if (
        m.group().rstrip().endswith(":")
        or m.group().startswith(
            ("(đọc", "(Đọc", "(xem", "(Xem", "Tin", "Bài", "TIN", "BÀI", "Tác", "TÁC", "Người", "T/", "Thực", "Nhóm")
        )
        or m.group().startswith("Theo")
        or re.match(r"[A-ZĐ]\.", m.group())
    ):
        return ""
    if re.match(rf"{_PHOTO}[ \t]*[/.,–-][ \t]*[Nn]guồn", m.group()):
        return ""  # 'Ảnh minh họa/Nguồn baochinhphu.vn': a caption's credit line
    if m.group().startswith(("(", "[")) or "MÀN HÌNH" in m.group() or "màn hình" in m.group():
        return " "
    if re.fullmatch(r"(?:Ảnh|ẢNH)[ \t]+[^:/]+", m.group().strip()) and not ctx.at_line_start(m):
        return " "  # '… trên địa bàn. Ảnh ND.', '… (Như Thanh). Ảnh Tư liệu.': a credit after the caption
    if not credit:  # 'Ảnh 1', '- Ảnh minh họa'; a bare 'Ảnh' ends a title ('CUỘC THI ẢNH')
        return " " if re.search(r"[-–\d)]|minh|MINH|liệu|LIỆU", m.group()) else m.group()
    if m.group()[:1] in "-–" and not ctx.at_line_start(m):
        return " "  # '… bão số 3 – Ảnh: Trung tâm Dự báo khí tượng thủy văn quốc gia': a credit after a dash
    if len(words) > 8 or (ctx.at_line_start(m) and not all(w[0].isupper() for w in words)):
        return m.group()  # a sentence after 'Ảnh:' is a caption to read
    return " "


# A name's syllable in capitals (a vowel among its first four letters), never a word of a title or a unit's name.
_NOT_NAME = "XÃ|PHƯỜNG|HUYỆN|TỈNH|THÔN|ĐÀI|BAN|HỘI|ĐẢNG|ỦY|THÔNG|BÁO|KẾ|HOẠCH|QUYẾT|ĐỊNH|CHƯƠNG|TRÌNH|NHÂN|DÂN|VIỆT|NAM"
_CAPS_WORD = rf"(?!(?:{_NOT_NAME})(?![A-ZĐÀ-Ỹ]))(?=[A-ZĐ]{{0,3}}[AEIOUYÀ-Ỹ])[A-ZĐÀ-Ỹ]{{2,7}}"
_CAPS_NAME = rf"{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{1,2}}"
_INITIAL_NAME = r"[A-ZĐ]\.[ \t]?[\wÀ-ỹ]{2,}"


@rule(
    "byline",
    "tên người viết, không đọc",
    # '… giảm 200-400 đồng/kg. VĨNH SƠN': the writer's name in capitals after the last sentence
    rf"(?<=[.!?…][ \t]){_CAPS_NAME}(?:[ \t]*[-–,][ \t]*{_CAPS_NAME})*[ \t]*$"
    # '… hè 2024 K.H', 'Thủy điện Hòa Bình (H.A).': a photographer's initials closing a caption
    r"|(?<=[\wÀ-ỹ][ \t])[A-ZĐ]\.[A-ZĐ]\.?(?=[ \t]*$)|(?<=[\wÀ-ỹ][ \t])\([A-ZĐ]\.[ \t]?[A-ZĐ]\.?\)(?=[ \t.]*$)"
    # 'Đức Thọ (Báo Bắc Giang)': a writer and their paper, a line of its own
    r"|^[A-ZĐ][a-zà-ỹ]+(?:[ \t][A-ZĐ][a-zà-ỹ]+){1,3}[ \t]*\((?:Báo|Đài|Tạp chí|TTXVN|Cổng|Xã|Phường|Trung tâm)[^()\n]{0,40}\)[ \t.]*$"
    # '… năm 2023 Tải về': a link's button
    r"|(?<=[\wÀ-ỹ][ \t])(?:Tải về|Tải xuống|Download|Xem chi tiết)[ \t.]*$"
    # 'AX - H.VÂN', 'H.VÂN - AX - Đ.LAM': initials and names of the writers, a line of their own
    # (a line all in capitals reaches the rules in small letters: 'H.vân - ax - Đ.lam')
    rf"|^(?:[A-ZĐ]{{2}}[ \t]*[-–][ \t]*)?{_INITIAL_NAME}(?:[ \t]*[-–,][ \t]*(?:{_INITIAL_NAME}|[A-ZĐ]{{2}}|[a-zđ]{{2}}))*[ \t|]*$",
    priority=14,
)
def _byline(m: re.Match[str], ctx: Ctx) -> str:
    """The writer's or photographer's name or initials, not read."""
    return " "


_EDITOR = r"(?:PV|P\.V|BT|BBT|BTV|NV|TG)\.?(?=[ \t]?\))"


# '(gọi là đầy kho-PV)': the mark typed against the last word (a dash is no blank: a rule of its own)
@rule("editor_note_glued", "ghi chú của người viết", rf"(?<=[^\W\d_][-–]){_EDITOR}", priority=16)
@rule("editor_note", "ghi chú của người viết", rf"[ \t]?[-–][ \t]?{_EDITOR}", priority=16)
def _editor_note(m: re.Match[str], ctx: Ctx) -> str:
    """'(… 400 nghìn đồng/m3 - PV)': the reporter's or the editor's own note, their mark not read."""
    return " "


@rule(
    "page_counter",
    "số lượt xem, không đọc",
    r"(?:Bình luận|Lượt xem|Lượt đọc|Lượt truy cập|Lượt thích|Số lượt xem|View Count|Views?)[ \t]{0,2}:?[ \t]{0,2}\(?\d[\d.,]{0,12}\)?"
    r"(?:[ \t]lượt(?: xem| đọc| truy cập)?)?\.?(?=[ \t]*(?:\||$))|(?<=[ \t])[-–|][ \t]{0,2}\d{1,5}[ \t](?:Trả lời|Bình luận|bình luận)[ \t]*$"
    r"|(?<=[ \t])[-–|][ \t]{0,2}\d{1,7}[ \t](?:[Vv]iews?|lượt xem)\b"  # '08/04/2016 - 2071 view'
    r"|(?<=[ \t][ \t])\d{1,6}[ \t]*$"  # '03/08/2023 09:58    56': a counter after the stamp
    r"|[\[(]?(?:GMT|UTC)[ \t]?[+-][ \t]?\d{1,2}(?::00)?[\])]?|(?<=\d[ \t])\+0\d:00\b"  # '08:58 (GMT +7)', '15:20:48 +07:00'
    r"|^\d[\d.,]{0,9}[ \t]+lượt (?:xem|đọc|truy cập)[ \t]*$"  # '4,396 lượt xem'
    r"|^(?:Bình luận bài viết|Bình luận)[ \t]*\(\d{1,5}\)[ \t]*$"  # 'Bình luận bài viết (0)'
    r"|^(?:Xem thêm|XEM THÊM|Đọc thêm|ĐỌC THÊM|Tin liên quan|Bài liên quan)[ \t]*:[^\n]*$"  # a link to another page
    r"|^[ \t]*(?:©|Copyright|COPYRIGHT)[^\n]*$"
    r"|^#[^\W\d_][^\n#]{0,50}(?:#[^\W\d_][^\n#]{0,50})*$"  # '#Cảnh báo lừa đảo': the page's tags
    r"|^(?:Xem|XEM)[ \t](?:video|Video|VIDEO|clip|Clip)[ \t]*:?[ \t]*(?:https?://|www\.)\S+[ \t]*$"  # a link to a video  # '© 2020 - Sở Tư Pháp Tỉnh Đồng Nai': the page's footer
    # 'Thống kê truy cập Truy cập tổng 3.811.868 Truy cập hiện tại 417': a line of the site's counters
    r"|^(?:Thống kê truy cập[ \t:]*)?(?:(?:Đang online|Đang truy cập|Tổng truy cập|Tổng lượt truy cập|Truy cập hôm nay"
    r"|Truy cập tổng|Truy cập hiện tại|Trong tuần|Trong tháng|Hôm nay|Hôm qua)[ \t]{0,2}:?[ \t]{0,2}\d[\d.,]{0,12}[ \t]*)+$"
    # '29/04/2020 07:00 137 lượt xem', '… 10:22:41 0 Bình luận': a counter after the page's stamp
    r"|(?:(?<=\d:\d\d[ \t])|(?<=\d/\d{4}[ \t])|(?<=\d-\d{4}[ \t]))\d[\d.,]{0,9}[ \t]+"
    r"(?:lượt (?:xem|đọc|truy cập)|[Bb]ình luận|[Vv]iews?)[ \t]*$"
    r"|(?:Ngày cập nhật|Cập nhật|Ngày đăng|Ngày đăng tải)[ \t]{0,2}:?[ \t]{0,2}\d{1,2}/\d{1,2}/\d{4}"
    r"(?:[ \t]{1,3}\d{1,2}:\d\d(?::\d\d)?)?[ \t]*$"  # '… năm 2020 Ngày cập nhật 12/03/2020'
    r"|^A\+[ \t]*\|?[ \t]*A[ \t]*\|?[ \t]*A-[ \t]*$"  # the buttons that size the page's letters
    r"|^(?:Cập nhật|Đăng|Đăng tải)[ \t]+\d{1,2}[ \t](?:giờ|phút|ngày)[ \t]trước[ \t]*$"  # 'Cập nhật 10 giờ trước'
    r"|^\([ \t]*(?:[Nn]gày đăng bài|[Nn]gày đăng|Cập nhật|[Nn]gày cập nhật)[ \t]*:?[ \t]*\d{1,2}/\d{1,2}/\d{2,4}[ \t]*\)[ \t]*$"  # '(Ngày đăng: 14/11/19)'
    # 'Chủ Nhật, 18 tháng 9, 2022': a blog's date on a line of its own
    r"|^(?:Thứ (?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy)|Chủ [Nn]hật),[ \t]*\d{1,2}[ \t]+[Tt]háng[ \t]+\d{1,2},[ \t]*(?:19|20)\d\d[ \t]*$"
    r"|^\d(?:[.,]\d)?/5[ \t]*[-–]?[ \t]*\(\d{1,6}[ \t](?:đánh giá|bình chọn|lượt đánh giá)\)[ \t]*$"  # '5/5 - (2 đánh giá)'
    r"|\bz\d{9,15}_[0-9a-f]{16,40}\b"  # 'z7375504568200_e5d8…': a picture's name as a chat app made it
    r"|(?<=[\w)][ \t])(?:Tại đây|TẠI ĐÂY)(?=[ \t.]*$)"  # 'Xem chi tiết công văn số 9488/BTC-HCSN Tại đây': a link
    # 'January 2, 2017 9:41 am': an English site's posting stamp on a line of its own
    r"|^(?:Ngày[ \t]+\d{1,2}/\d{1,2}/\d{4}[ \t]+\d{1,2}:\d\d:\d\d[ \t]*$)"  # 'Ngày 02/04/2021 08:55:06': to the second
    r"|^(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),[ \t])?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)[ \t]\d{1,2},[ \t]"
    r"(?:19|20)\d\d(?:[ \t]+\d{1,2}:\d\d(?:[ \t]?(?:am|pm|AM|PM))?)?[ \t]*$"
    # 'Chia sẻ: _ _ | Ngày: | Loại File: PDF | Số trang:17', 'doc 7 trang phuongnguyen 1820': a document site's card
    r"|^Chia sẻ[ \t]*:[^\n]*(?:Loại [Ff]ile|Số trang)[^\n]*$|^(?:doc|docx|pdf|DOC|PDF)[ \t]\d{1,4}[ \t]trang\b[^\n]{0,40}$"
    # '… hồ sơ hợp lệ.Đăng ký': a portal's button typed against the row of its table
    r"|Đăng ký(?:(?<=\.Đăng ký)|(?<=việc Đăng ký))[ \t]*$"
    # '[email protected]': a page's hidden address, the placeholder a copy leaves, with its label
    r"|(?:(?:E-mail|Email|email|Thư điện tử)[ \t]*:[ \t]*)?\[email[ \t]protected\]"
    # 'Xem nội dung chi tiết … tại đây', '… xem tại đây.': a link's prompt, nothing to hear
    r"|^(?:Xem|XEM|Tải về|Tải)[ \t][^\n]{0,90}tại đây[ \t.:]*$|[ \t]*[-–,]?[ \t]*(?:xem|Xem)(?: chi tiết| toàn văn)? tại đây\.?(?=[ \t]*$)"
    # '#Bầu cử … #đơn vị bầu cử …': a line of tags; a portal's session notice; an advertising contact
    r"|^#[^\W\d_][^\n]*[ \t]#[^\W\d_][^\n]*$|^Bạn đã không sử dụng Site[^\n]*$|^Liên hệ quảng cáo[ \t]*:?[^\n]*$"
    r"|^\([A-Za-z][\w+.]{1,20}(?:/[A-Za-z][\w+.]{1,20})+\)[ \t.]*$"
    # a site's counters, comment box, footer, player, buttons and link labels
    r"|^(?:\|[ \t]*)?(?:Truy cập hiện tại|Truy cập tổng|Thống kê|Tổng truy cập|Đang xem|Khách online|Hôm nay|Tất cả|View count)[ \t]*:?[ \t]*\d[\d.,]{0,12}(?:[ \t]khách)?[ \t]*$"
    r"|^(?:POWERED BY|Powered by|powered by)[^\n]*$"  # a site's footer
    # '>>Trồng loại cây …': a link to another story; a document site's notice; 'Published: 7/10/24 - Modified …'
    r"|^[ \t]*>>[^\n]*$|^Bạn đang xem bản rút gọn[^\n]*$|^(?:Published|Posted|Updated|Last updated)[ \t]*:[^\n]{0,60}$"
    r"|^(?:Cập nhật|Ngày đăng|Đăng ngày)[ \t]*:?[ \t]*\([ \t]*\d{1,2}/\d{1,2}/\d{2,4}[ \t]*\)[ \t]*$"  # 'Cập nhật  (02/06/2025)'
    r"|^(?:Hotline|HOTLINE|Đường dây nóng)[ \t]*:?[ \t]*\d[\d .]{7,15}\d(?=[ \t]*\|?[ \t]*(?:E-mail|Email)[ \t]*:)"  # a site's header
    # a site's contact line, badge, print header; a date or time alone in brackets; 'Day 29 Month 08 Year 2025'
    r"|^[\w.-]{2,30}\.vn[ \t]+\d{1,3}[ \t]bài[ \t]Mới nhất[^\n]*$|^[ \t]*/[A-Za-zĐ][\w+.]{1,20}(?:/[A-Za-zĐ][\w+.]{1,20})*[ \t]*$"
    r"|^(?:Báo|Tạp chí|Cổng)[^\n]{2,40}[ \t][–-][ \t][a-z0-9.-]{2,30}\.(?:vn|com)[ \t]*$"  # 'Báo Quảng Ninh Điện tử – baoquangninh.vn'
    r"|^(?:Xem bản|Người đăng)[ \t]*:[^\n]*$|^(?:Hits count|Lượt truy cập)[ \t]*:[ \t]*\d[\d.,]*[ \t]*$|^[A-ZĐ]\.[A-ZĐ](?:\.[A-ZĐ])?\.?[ \t]*$"
    r"|^(?:Gọi cho chúng tôi|Liên hệ với chúng tôi)[ \t]*:[^\n]*$|^ISO[ \t]?\d{4,5}[ \t]+-[ \t]+\d{4}[ \t]*$"
    r"|^[^\n]{0,60}\[[ \t]*In trang[^\]\n]*\][ \t]*$|^\d\d-\d\d-\d\d,?[ \t]+\d{1,2}:\d\d[ \t]*$"
    r"|^\([ \t]*(?:\d{1,2}:\d\d[ \t]*[|–-]?[ \t]*)?\d{1,2}/\d{1,2}/\d{4}[ \t]*\)[ \t]*$"
    r"|^(?:Thứ[ \t][^\n,]{2,5},[ \t]*)?Day[ \t]\d{1,2}[ \t]Month[ \t]\d{1,2}[ \t]Year[ \t]\d{4}[ \t]*$"
    # '(10/06/2024 - 12:38)', 'TRẢ LỜI (12/06/2024 - 17:23)': a question's or an answer's posting time
    r"|(?:^|(?<=[A-ZĐÀ-Ỹ][ \t]))\([ \t]*\d{1,2}/\d{1,2}/\d{4}[ \t]*[-–|]?[ \t]*\d{1,2}:\d\d(?::\d\d)?[ \t]*\)[ \t]*$"
    r"|^Bạn còn[ \t]\d{1,4}/\d{1,4}[ \t]ký tự[ \t]*$|^Ý kiến[ \t]*\(\d*\)[ \t]*$|^\d{1,2}:\d\d[ \t]*/[ \t]*\d{1,2}:\d\d[ \t]*$"
    r"|^[^\n]{0,80}All [Rr]ights? [Rr]eserved\.?[ \t]*$|^(?:\(\*\)[ \t]*)?Không sao chép dưới mọi hình thức[^\n]*$"
    r"|^A-[ \t]*A[ \t]*A\+[^\n]*$|(?:Yêu cầu xóa tin|Copy link|Sao chép liên kết)(?=[ \t]*$)"
    r"|\((?:Danh sách chi tiết|Xem chi tiết|Chi tiết|Xem thêm|Tải về)\)|^[ \t]*>{2,3}[ \t]*(?:Video|Clip|Xem)\b[^\n]*$"
    r"|^Nguồn[^\n:]{0,30}:[ \t]*(?:https?://|www\.)\S+[ \t]*$",  # 'Nguồn Nhân Dân: www.nhandan.com.vn/…'   # '(Vnews/Vietnam+)': sources of a story
    priority=17,
)
def _page_counter(m: re.Match[str], ctx: Ctx) -> str:
    """'Bình luận (0)', 'Lượt xem : 12,030', '2071 view', a time zone after the page's stamp
    ('10:03 GMT+7'), 'Ngày cập nhật 12/03/2020' closing a title: a web page's furniture, not read."""
    if m.group().strip().isdigit() and not re.search(r"\d\d:\d\d[ \t]{2,}$", ctx.before(m, 16)):
        return read_int(int(m.group()))  # a figure closing a table's row, not a counter
    zone = re.search(r"(?:GMT|UTC)[ \t]?([+-])[ \t]?(\d{1,2})", m.group())
    if zone and not re.search(r"(?:\d|sáng|chiều|tối|trưa|SA|CH|AM|PM)[ \t,]{0,3}[\[(]?$", ctx.before(m, 8)):
        return f" giờ quốc tế {'cộng' if zone.group(1) == '+' else 'trừ'} {read_int(int(zone.group(2)))} "
    return " "


# A web page's posting stamp: the date and time a piece was put online, copied with its text.
_WEEKDAY = (
    r"(?:(?:[Tt]hứ|THỨ)[ \t]+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|HAI|BA|TƯ|NĂM|SÁU|BẢY|[2-7])"
    r"|[Cc]hủ [Nn]hật|CHỦ NHẬT|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)[ \t]*[,:–-]?[ \t]*"
)
_STAMP_DATE = r"(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)\d\d"
_STAMP_TIME = r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?'?(?:[ \t]?(?:AM|PM|am|pm|SA|CH|[Ss]áng|[Cc]hiều|[Tt]ối))?"
_STAMP_SEP = r"(?:[ \t]*[,|–-][ \t]*|[ \t]+)"
_STAMP = (
    rf"(?:{_WEEKDAY}(?:[Nn]gày[ \t]+)?)?(?:{_STAMP_DATE}{_STAMP_SEP}{_STAMP_TIME}|{_STAMP_TIME}{_STAMP_SEP}(?:{_WEEKDAY})?{_STAMP_DATE}"
    r"|(?:19|20)\d\d-[01]\d-[0-3]\d[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?"
    r"|(?:0?[1-9]|[12]\d|3[01])-(?:0?[1-9]|1[0-2])-\d\d[ \t]+\d\d:\d\d:\d\d)"  # 'Thứ sáu, 14-11-25 00:49:09'
    r"(?:[ \t]*[\[(]{0,2}(?:GMT|UTC)[ \t]?[+-][ \t]?\d{1,2}(?::00)?[\])]{0,2})?"
)
_STAMP_LABEL = (
    r"(?:Ngày cập nhật|Cập nhật lúc|Cập nhật ngày|Cập nhật|Ngày đăng tải|Ngày đăng bài|Ngày đăng|Đăng ngày|Tin đăng lúc|Đăng lúc|Đăng tải"
    r"|Ngày gửi|Gửi lúc|Ảnh chụp lúc|Đăng bài|Post date|Posted|Ngày đăng bài"
    r"|Thời gian đăng|Ngày xuất bản|Xuất bản|Hôm nay|Clock)[ \t]*[:,]?[ \t]*(?:ngày[ \t]+)?"
)
_STAMP_COUNTER = (
    r"(?:Lượt xem|Số lượt xem|Đã xem|Lượt đọc|Lượt truy cập|View [Cc]ount)[ \t]*:?[ \t]*\d[\d.,]{0,9}(?:[ \t]lượt xem)?"
    r"|\d[\d.,]{0,9}[ \t](?:lượt xem|lượt đọc|Trả lời|Bình luận)"
)
# What follows the stamp on its line: a counter, 'In bài viết', the font buttons 'A A', the page's section.
_STAMP_TAIL = (
    rf"(?:[ \t]*[|–-]?[ \t]*(?:{_STAMP_COUNTER})|[ \t]+(?:Print|In)[ \t]+E-?mail|[ \t]+(?:Gốc|Original)|[ \t]{{2,}}\d{{1,6}}|[ \t]*[|–-]?[ \t]*(?:Tác giả|Người đăng|Người viết):[ \t]*[A-ZĐ][\wÀ-ỹ.]*(?:[ \t][A-ZĐ][\wÀ-ỹ.]*){{0,3}}|[ \t]*\|?[ \t]*In bài viết|[ \t]+A A"
    r"|[ \t]*\|?[ \t]*(?:HOTLINE|Hotline|Đường dây nóng)[ \t]*:?[ \t]*\d[\d. ]{8,14}\d"
    r"|[ \t]*\|?[ \t]*(?:Email|E-mail)[ \t]*:?[ \t]*[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    # '07/10/2024 07:57 GMT+7 Huy Nam - Thanh Hải - Lê Trường': the writers after the stamp
    r"|(?<=GMT\+7)[ \t]+[A-ZĐ][a-zà-ỹ]+(?:[ \t][A-ZĐ][a-zà-ỹ]+){1,3}(?:[ \t]+[-–][ \t]+[A-ZĐ][a-zà-ỹ]+(?:[ \t][A-ZĐ][a-zà-ỹ]+){1,3}){0,4}"
    r"|[ \t]*[|/][ \t]*[A-ZĐa-zà-ỹđ][\wÀ-ỹ]*(?:[ \t]*[,–-]?[ \t]*[\wÀ-ỹ]+){0,5}|(?<=\d:\d\d)(?:[ \t]+\d[\d.,]{0,9}){1,2})*[ \t|.;-]*$"
)
# A date as a page shows it on a line of its own: with its time, with its weekday, in words after its
# weekday ('Thứ tư, Ngày 21 Tháng 01 Năm 2026'), spaced ('26 - 10 - 2023', '27 | 09 | 2021').
_LINE_DATE = (
    rf"(?:{_STAMP}|(?:{_WEEKDAY}(?:[Nn]gày[ \t]+)?)?{_STAMP_DATE}"
    rf"|{_WEEKDAY}(?:[Nn]gày[ \t]+)?\d{{1,2}}[ \t]+[Tt]háng[ \t]+\d{{1,2}}[ \t]+[Nn]ăm[ \t]+(?:19|20)\d\d(?:{_STAMP_SEP}{_STAMP_TIME})?"
    r"|\d{1,2}[ \t]?[-|][ \t]?\d{1,2}[ \t]?[-|][ \t]?(?:19|20)\d\d"
    rf"|{_WEEKDAY}{_STAMP_TIME}[ \t]+ngày[ \t]+{_STAMP_DATE})"  # 'Thứ sáu: 15:00 ngày 09/02/2024'
)
_BYLINE_WORD = r"(?:[^\W\d_][\w.]*|\([^()\n]{1,12}\))"  # 'Tuấn Anh (t/h) - 13:44 28/06/2023'
# The words a date and time of the news itself follow ('hạn nộp trước 17:00 25/12/2025').
_NEWS_TIME = "".join(
    f"(?<!{w})" for w in ("ngày ", "Ngày ", "lúc ", "Lúc ", "vào ", "từ ", "Từ ", "đến ", "tới ", "trước ", "hạn ")
)


@rule(
    "posting_stamp",
    "ngày giờ đăng bài, không đọc",
    # a line of its own, with its label, its weekday or a short byline or section before it
    rf"^[ \t]*(?:[-•·+*–][ \t]*)?(?:(?:{_BYLINE_WORD}(?:[ \t]*[/|–-][ \t]*|[ \t]+)){{1,5}}{_NEWS_TIME}"
    rf"(?=(?:{_STAMP_LABEL})?{_STAMP}))?(?:{_STAMP_LABEL})?{_LINE_DATE}{_STAMP_TAIL}"
    # at a line's start, before the headline it was typed against ('27/11/2022 22:33Du khách …')
    rf"|^[ \t]*{_STAMP}(?:[ \t]*[|–-])?[ \t]*(?=[A-ZĐ][a-zà-ỹđ])"
    rf"|^[ \t]*\({_STAMP_DATE}\)[ \t]*[-–]?[ \t]*$"  # '(27/11/2024) -': the posting date left alone on its line
    # closing a headline ('… mừng thọ người cao tuổi năm 2026 25/01/2026 07:10', '… năm 2021 Cập nhật05-02-2021 09:29')
    # (speed: its first character is checked first, the look-behinds only then)
    rf"|(?<=[\w][ \t])(?:Cập nhật|Ngày đăng|Đăng lúc)[ \t]*:?[ \t]*{_STAMP_TIME}[ \t]+ngày[ \t]+{_STAMP_DATE}[ \t]*$"
    rf"|(?=\d|[Tt]hứ|THỨ|[Cc]hủ|CHỦ|Cập|Ngày|Đăng|T(?:ues|hurs)day)(?<=[\w?!”\"'][ \t]){_NEWS_TIME}(?:(?:Cập nhật|Ngày đăng|Đăng lúc|Đăng ngày)[ \t]*:?[ \t]*)?{_STAMP}[ \t]*$",
    priority=9,
)
def _posting_stamp(m: re.Match[str], ctx: Ctx) -> str:
    """'Thứ hai, 20/05/2024 07:47 (GMT+7)', 'Minh Thu - 23:42, 12/07/2024', 'Cập nhật: 25/2/2021 | 11:29:41 AM':
    when the page was posted, its byline and its section. Never what the news says: a date and time
    after 'ngày', 'lúc', 'trước'… or inside a sentence is read."""
    return " "


@rule(
    "menu_count",
    "mục trình đơn, không đọc",
    r"^[ \t]*[-•+]?[ \t]*[A-ZĐ][^\W\d_]*(?:[ \t,]{1,2}[^\W\d_]+){0,5}[ \t]\(\d{2,6}\)[ \t]*$",
    priority=8,
)
def _menu_count(m: re.Match[str], ctx: Ctx) -> str:
    """'- Cư trú (234)': a site's menu entry and how many articles it holds, a line of its own."""
    return " "


@rule(
    "byline_initials",
    "tên viết tắt người viết, không đọc",
    r"\([A-ZĐ]\)(?<=[\wÀ-ỹ][ \t]\([A-ZĐ]\))(?=[ \t]*$)|[A-ZĐ]\.[A-ZĐ](?<=[a-zà-ỹđ][ \t][A-ZĐ]\.[A-ZĐ])\.?(?=[ \t]*$)",
    priority=16,
)
def _byline_initials(m: re.Match[str], ctx: Ctx) -> str:
    """'Huyện đoàn (N)', '… qua mạng xã hội G.B.': the writer's initials closing a caption or a line.
    After 'ông', 'bà', 'của'… they name a person in the story and are spelled."""
    before = ctx.before(m, 40).split()
    if re.search(rf"\b(?:{PERSON_WORDS}|của|và|với|cho)[ \t]*$", ctx.before(m, 16)) or any(
        w[:1].isupper() for w in before[-3:]
    ):
        return spell(m.group())  # 'cho ông H.V.', 'Công ty cổ phần Chăn nuôi C.P.': a person or a firm
    line = ctx.text[ctx.line(m).start : m.start()].split()
    if m.group().startswith("(") and not (line and line[0][:1].isupper() and len(line) <= 4):
        return f"({spell(m.group()[1])})"  # 'xếp loại (A)': a grade, said
    return " "
