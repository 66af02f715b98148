"""What an abbreviation means by the words around it ('TT Cái Tắc' a town, 'BCH quân sự' a command,
'thẻ CC/CCCD' an identity card): the tables `abbreviations._abbr` consults before the dictionary."""

from __future__ import annotations

import re

from broadcast.text.classes.names import OFFICE_AFTER

# 'TT' by what follows it, tried in order (otherwise 'thường trực', from the dictionary).
TT_READINGS = (
    (re.compile(r"\.?[ \t]*Huế\b"), 8, "Thừa Thiên"),  # 'các tỉnh TT. Huế, Quảng Ngãi'
    # '(TT 33/2015/TT-BYT': a circular named by its number
    (re.compile(r"[ \t]+(?:số[ \t]+)?\d{1,4}/\d{4}"), 24, "thông tư"),
    # 'TT Cái Tắc': a town's two-syllable name, each capitalised ('TT Y tế' is not)
    (re.compile(r"\.?[ \t]+[A-ZĐ][a-zà-ỹ]+[ \t]+[A-ZĐ][a-zà-ỹ]+\b"), 32, "thị trấn"),
    # 'TT Đảng Ủy', 'TT HĐND': the standing committee of a body
    (re.compile(r"[ \t]+(?:Đảng|Huyện|Tỉnh|Thành|Xã)[ \t]+[ỦUủu][ỷy]|[ \t]+(?:HĐND|UBND|MTTQ)\b"), 24, "thường trực"),
    # 'TT Y tế huyện', 'TT Văn hóa': a centre ('TT Tỉnh ủy' is its standing committee)
    (re.compile(r"[ \t]+[A-ZĐ][a-zà-ỹ]*[ \t]+(?!ủy|uỷ)[a-zà-ỹđ]"), 32, "trung tâm"),
    # 'TT phục vụ hành chính công', 'TT y tế': a centre named by what it does
    (
        re.compile(
            r"[ \t]+(?:phục vụ|dịch vụ|y tế|văn hóa|giáo dục|khuyến nông|truyền thông|kiểm soát|bồi dưỡng)\b", re.I
        ),
        32,
        "trung tâm",
    ),
    # 'TT. KSBT các tỉnh', 'TT YT huyện': a centre named by its own abbreviation
    (
        re.compile(r"\.?[ \t]+(?:KSBT|YT|CDC|VH|VHTT|VHTTTT|PVHCC|HCC|DVVL|GDNN|GDTX|GDNN-GDTX|BDCT|CNTT|KN|TTTT)\b"),
        24,
        "trung tâm",
    ),
    # 'TT Phong Sơn, ngày 05 tháng 3': the place a document is dated at
    (re.compile(r"[ \t]+[A-ZĐ][\wÀ-ỹ]*(?:[ \t]+[A-ZĐ][\wÀ-ỹ]*){0,3}[ \t]*,[ \t]*ngày\b"), 48, "thị trấn"),
)
# Read by what follows: (pattern on the text after, how much of it to look at, the reading).
BY_NEXT = {
    "TT": TT_READINGS,
    # 'xe khách BS 67B-002.06': the number plate's letters, 'biển số' (not 'bác sĩ')
    "BS": ((re.compile(r"[ \t:]{1,3}\d\d[A-Z]{1,2}\d?[ \t]?[-.][ \t]?\d"), 16, "biển số"),),
    # 'SN 2/10/2008': born on a day, 'sinh ngày' (the day's reading then says no second 'ngày')
    "SN": ((re.compile(r"[ \t:]{1,3}\d{1,2}/\d{1,2}/(?:19|20)\d\d"), 16, "sinh"),),
    "TP": ((OFFICE_AFTER, 16, "trưởng phòng"),),  # 'TP Tài chính huyện'
    # 'NSX: 12/03/2025', 'NSX 03.2025': a product's date of manufacture, not the commune budget
    "NSX": ((re.compile(r"[ \t]*:?[ \t]*\d{1,2}[/.-]\d{1,4}"), 16, "ngày sản xuất"),),
    "BTS": (
        (re.compile(r"[ \t]+(?:GHPG|Giáo hội|Phật giáo|[A-ZĐ][a-zà-ỹ]+[ \t]+GHPG)"), 40, "ban trị sự"),
    ),  # not 'trạm BTS'
    "LĐ": ((re.compile(r"[ \t]?-[ \t]?TB"), 8, "lao động"),),  # 'phòng LĐ- TB&XH'
    # 'BCH quân sự', 'BCH công an': a command, not a Party or union committee
    "BCH": (
        (re.compile(r"[ \t]+(?:[Qq]uân sự|QS|[Cc]ông an|[Bb]iên phòng|[Pp]hòng chống|PCTT|PCCC)\b"), 16, "ban chỉ huy"),
    ),
    "TTr": (
        (re.compile(r"[ \t]+(?:Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Huyện uỷ|Thành ủy|Đảng ủy|HĐND|UBND)"), 12, "thường trực"),
    ),
    "CC": ((re.compile(r"[ \t]?/[ \t]?(?:CCCD|CMND)\b"), 8, "căn cước"),),  # 'thẻ CC/CCCD/CMND'
    "PGD": ((re.compile(r"[ \t]+(?:Ngân hàng|NH|NHCSXH|Agribank|BIDV|Vietcombank)"), 16, "phòng giao dịch"),),
    "TTĐT": ((re.compile(r"[ \t]?[-–,][ \t]?(?:VSMT|MTĐT|ATGT|TTXD|TTATGT)\b"), 10, "trật tự đô thị"),),
    # 'EVN Đà Nẵng': a province's power company, not the national group.
    "EVN": ((re.compile(r"[ \t]+(?!Việt|VN)[A-ZĐ][a-zà-ỹđ]+(?:[ \t]+[A-ZĐ][a-zà-ỹđ]+)?\b"), 24, "điện lực"),),
}
# 'NK 2021 – 2026' is a term of office; 'QL' not before a road number is 'quản lý'.
BEFORE_YEAR = {"NK": "nhiệm kỳ"}
# Read by what comes before: (pattern on the text before, the reading; empty: spelled).
BY_BEFORE = {
    # 'laptop/PC', 'máy tính PC': a computer, said by its letters (not the power company)
    "PC": (re.compile(r"(?:laptop|máy tính|desktop|điện thoại|tablet)[ \t]*[/,]?[ \t]*$", re.I), ""),
    "ĐT": (re.compile(r"\bB?GD[ \t]?[-&][ \t]?$"), "đào tạo"),  # 'Bộ GD- ĐT': education and training
    "QH": (re.compile(r"(?:bầu cử|đại biểu|Chủ tịch|kỳ họp)[ \t]+$", re.I), "quốc hội"),  # 'Luật Bầu cử QH'
    "MT": (re.compile(r"(?:Ban công tác|[Ủủ]y ban|UB)[ \t]+$", re.I), "mặt trận"),  # 'Trưởng Ban công tác MT'
    "UV": (re.compile(r"\b(?:tia|chỉ số|bức xạ)[ \t]+$", re.I), "u vê"),  # 'chỉ số tia UV': ultraviolet
}
PERSON_CAPS = re.compile(r"\b(?:ông|bà|anh|chị|cháu|cụ|Ông|Bà|Anh|Chị)[ \t]+$")
NAME_ENDS = re.compile(r"[ \t]*(?:[(,;]|$)|[ \t]+(?:trú|SN|sinh|ở|là|cho|đã|bị|và|cùng|khai)\b")
ROLES = {"CSGT", "CTV", "BS", "GV", "CB", "CA", "CSCĐ", "LS", "CAX", "CAH", "CCB", "TNXP", "BSCKI", "BSCKII"}
FROM_PLACE = re.compile(r"\btừ[ \t]+(?:[A-ZĐ][a-zà-ỹ]+[ \t]+){0,2}$")
# '(viết tắt là CTRSH)' spells the letters; 'sau đây gọi tắt là UBND xã' uses the name, read as usual.
DEFINED_AS = re.compile(r"\([ \t]*viết tắt(?:[ \t]+là)?[ \t:“\"]*$", re.I)
NOT_BEFORE_NUMBER = {"QL": "quản lý"}
# Before a level ('BĐ 2', 'BĐ III') these are the flood-warning level, whatever they mean alone.
BEFORE_LEVEL = {"BĐ": "báo động"}
