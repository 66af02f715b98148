"""Detect and convert Vietnamese typed in the legacy TCVN3 (ABC, .VnTime) and VNI encodings.

Written by hand because no maintained PyPI package converts these 8-bit font encodings;
the tables below follow TCVN 5712:1993 (VN3) and the VNI-Windows font layout.

Such text reaches us as Latin-1 look-alikes: from a .docx whose runs use a .VnTime font
("Céng hoµ x· héi"), or from a .txt file decoded as cp1252 ("Coäng hoøa xaõ hoäi").
"""

from __future__ import annotations

import re
import unicodedata

# --- TCVN3: one byte per Vietnamese letter ------------------------------------
_TCVN3_PAIRS = (
    "¨ă ©â ªê «ô ¬ơ \xadư ®đ ¡Ă ¢Â £Ê ¤Ô ¥Ơ ¦Ư §Đ "
    "µà ¶ả ·ã ¸á ¹ạ »ằ ¼ẳ ½ẵ ¾ắ Æặ Çầ Èẩ Éẫ Êấ Ëậ "
    "Ìè Îẻ Ïẽ Ðé Ñẹ Òề Óể Ôễ Õế Öệ ×ì Øỉ Üĩ Ýí Þị "
    "ßò áỏ âõ ãó äọ åồ æổ çỗ èố éộ êờ ëở ìỡ íớ îợ "
    "ïù ñủ òũ óú ôụ õừ öử ÷ữ øứ ùự úỳ ûỷ üỹ ýý þỵ"
)
TCVN3_TABLE = {ord(p[0]): p[1] for p in _TCVN3_PAIRS.split(" ")}

# --- VNI-Windows: base letter followed by a mark character ----------------------
# Tone marks after a plain vowel or after ơ (ô) / ư (ö).
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
# Marks after a, e, o that also carry the circumflex.
_VNI_CIRC = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
# Marks after a that carry the breve.
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
    "Ô": "Ơ",
    "Ö": "Ư",
    "Ñ": "Đ",
    "Æ": "Ỉ",
    "Ó": "Ĩ",
    "Ò": "Ị",
    "Î": "Ỵ",
}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}
    for lower in (True, False):

        def case(s: str, lower: bool = lower) -> str:
            return s if lower else s.upper()

        for base in "aeiouy":
            for mark, comb in _VNI_TONES.items():
                table[case(base) + case(mark)] = case(_compose(base, comb))
        for base in "aeo":
            for mark, comb in _VNI_CIRC.items():
                table[case(base) + case(mark)] = case(_compose(base, "\u0302", comb))
        for mark, comb in _VNI_BREVE.items():
            table[case("a") + case(mark)] = case(_compose("a", "\u0306", comb))
        for base, single in (("ô", "ơ"), ("ö", "ư")):
            for mark, comb in _VNI_TONES.items():
                table[case(base) + case(mark)] = case(_compose(single, comb))
    return table


VNI_TABLE = _build_vni()
_VNI_RE = re.compile(
    "|".join(sorted(map(re.escape, VNI_TABLE), key=len, reverse=True)) + "|[" + "".join(_VNI_SINGLE) + "]"
)

# Characters of Latin-1 that never occur in Unicode Vietnamese text.
_VIET_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_FOREIGN = {chr(c) for c in range(0xA1, 0x100)} - _VIET_LATIN1 - set("°±²³º")
_UNICODE_VIET = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 look-alike text; words typed in the upper-case .VnTimeH font stay upper case."""
    converted = text.translate(TCVN3_TABLE)
    return _restore_caps(converted)


def vni_to_unicode(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        s = m.group(0)
        return VNI_TABLE.get(s) or _VNI_SINGLE[s]

    return _VNI_RE.sub(sub, text)


def _restore_caps(converted: str) -> str:
    # .VnTimeH draws the lower-case codes as capitals, so "BµI" means "BÀI": a line whose
    # plain letters are nearly all capitals is a capitals line; elsewhere a word with two or
    # more plain letters, all capitals, is a capitals word.
    def fix_word(m: re.Match[str]) -> str:
        word = m.group(0)
        plain = [c for c in word if c.isascii() and c.isalpha()]
        return word.upper() if len(plain) >= 2 and all(c.isupper() for c in plain) else word

    lines = []
    for line in converted.split("\n"):
        plain = [c for c in line if c.isascii() and c.isalpha()]
        upper = sum(1 for c in plain if c.isupper())
        if len(plain) >= 4 and upper >= 0.8 * len(plain):
            lines.append(line.upper())
        else:
            lines.append(re.sub(r"\w+", fix_word, line))
    return "\n".join(lines)


def _foreign_count(text: str) -> int:
    return sum(1 for c in text if c in _FOREIGN)


# Very common Vietnamese syllables: a correct conversion produces many of them, a wrong
# one (TCVN3 applied to VNI text, or the reverse) almost none.
_COMMON = set(
    [
        "của",
        "và",
        "các",
        "là",
        "có",
        "được",
        "trong",
        "người",
        "những",
        "với",
        "cho",
        "đã",
        "này",
        "không",
        "một",
        "về",
        "để",
        "theo",
        "trên",
        "xã",
        "dân",
        "ngày",
        "năm",
        "tháng",
        "công",
        "hành",
        "chính",
        "tuyên",
        "truyền",
        "thực",
        "hiện",
        "cải",
        "cách",
        "nhân",
        "ban",
        "ủy",
        "hội",
        "đồng",
        "nước",
        "việt",
        "nam",
        "nhà",
        "tổ",
        "chức",
        "cán",
        "bộ",
        "thủ",
        "tục",
        "kế",
        "hoạch",
        "thông",
        "tin",
        "tin",
        "báo",
        "cáo",
        "đến",
        "từ",
        "tại",
        "khi",
        "đó",
        "sẽ",
        "cần",
        "phải",
        "đảng",
        "quốc",
        "độc",
        "lập",
        "tự",
        "do",
        "hạnh",
        "phúc",
        "cộng",
        "hòa",
        "hoà",
        "chủ",
        "nghĩa",
        "số",
        "quyết",
        "định",
        "nghị",
        "yêu",
        "cầu",
        "triển",
        "khai",
        "đơn",
        "vị",
        "kết",
        "quả",
        "tình",
        "hình",
        "phát",
        "sóng",
        "đài",
        "loa",
        "bà",
        "con",
        "bạn",
        "kính",
        "thưa",
        "xin",
        "cảm",
        "ơn",
        "lắng",
        "nghe",
        "địa",
        "bàn",
    ]
)


def _common_hits(text: str) -> int:
    return sum(1 for w in re.findall(r"\w+", text.lower()) if w in _COMMON)


def detect_and_convert(text: str) -> tuple[str, str | None]:
    """Return (unicode_text, legacy_encoding_name or None).

    Legacy text is recognised by Latin-1 characters that Unicode Vietnamese never uses;
    both conversions are tried and the one that yields the most common Vietnamese
    syllables wins, provided it does better than the text as it stands.
    """
    letters = sum(1 for c in text if c.isalpha()) or 1
    foreign = _foreign_count(text)
    if foreign < 3 or foreign / letters < 0.01:
        return text, None
    if len(_UNICODE_VIET.findall(text)) > foreign:
        return text, None  # genuine Unicode with a few stray symbols
    best: tuple[str, str | None] = (text, None)
    best_hits = _common_hits(text)
    for name, convert in (("tcvn3", tcvn3_to_unicode), ("vni", vni_to_unicode)):
        out = unicodedata.normalize("NFC", convert(text))
        hits = _common_hits(out)
        if hits > best_hits and _foreign_count(out) < foreign:
            best_hits, best = hits, (out, name)
    return best
