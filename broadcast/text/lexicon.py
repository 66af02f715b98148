"""Built-in dictionary of Vietnamese administrative abbreviations and document codes.

The entries live in `abbreviations.tsv` (abbr, expansion, the kind of document it was seen
in, and an optional context), loaded once. Keys are written as in documents (case matters:
'TT' is a circular, 'tt' is not an abbreviation); values are what an announcer says. A
context 'sau: Hội' makes an entry apply only right after that word ('Hội ND' nông dân,
'Ban TG' tuyên giáo). A commune's own lexicon is laid over this one and wins.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("abbreviations.tsv")


@dataclass(frozen=True)
class Entry:
    abbr: str
    expansion: str
    kind: str
    after: str  # the word that must come just before ('' for everywhere)
    signature: bool  # read only at the head of a signature line (KT. ký thay, TM. thay mặt)


def load(path: Path = DATA) -> list[Entry]:
    """Every row of the abbreviation table, in file order (a later row wins)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for row in rows:
        context = (row.get("context") or "").strip()
        after = context.removeprefix("sau:").strip() if context.startswith("sau:") else ""
        entry = Entry(
            row["abbr"].strip(), row["expansion"].strip(), (row.get("kind") or "").strip(), after, context == "chữ ký"
        )
        out.append(entry)
    return out


ENTRIES = load()
BUILTIN: dict[str, str] = {e.abbr: e.expansion for e in ENTRIES if not e.after and not e.signature}
SIGNATURE: dict[str, str] = {e.abbr.rstrip("."): e.expansion for e in ENTRIES if e.signature}
# (word before, abbreviation) -> expansion; the word is compared in lower case.
CONTEXT: dict[tuple[str, str], str] = {(e.after.lower(), e.abbr): e.expansion for e in ENTRIES if e.after}

# Measurement units (read after a number).
UNITS = {
    "km": "ki-lô-mét",
    "Km": "ki-lô-mét",
    "km2": "ki-lô-mét vuông",
    "km²": "ki-lô-mét vuông",
    "m": "mét",
    "m2": "mét vuông",
    "m²": "mét vuông",
    "m3": "mét khối",
    "m³": "mét khối",
    "cm": "xen-ti-mét",
    "cm2": "xen-ti-mét vuông",
    "cm²": "xen-ti-mét vuông",
    "cm3": "xen-ti-mét khối",  # '50cm3': an engine's size
    "cm³": "xen-ti-mét khối",
    "mm": "mi-li-mét",
    "µm": "mi-crô-mét",
    "μm": "mi-crô-mét",
    "ha": "héc-ta",
    "kg": "ki-lô-gam",
    "g": "gam",
    "gr": "gam",
    "gram": "gam",
    "ounce": "ao-xơ",
    "cent": "xen",
    "lb": "pao",
    "lbs": "pao",
    "pound": "pao",
    "mg": "mi-li-gam",
    "tấn": "tấn",
    "tạ": "tạ",
    "l": "lít",
    "ml": "mi-li-lít",
    "mL": "mi-li-lít",
    "dL": "đề-xi-lít",
    "dl": "đề-xi-lít",
    "W": "oát",
    "kW": "ki-lô-oát",
    "kWh": "ki-lô-oát giờ",
    "MW": "mê-ga-oát",
    "MVA": "mê-ga-vôn-ampe",
    "kVA": "ki-lô-vôn-ampe",
    "KVA": "ki-lô-vôn-ampe",
    "MWh": "mê-ga-oát giờ",
    "µg": "mi-crô-gam",
    "μg": "mi-crô-gam",
    "GW": "gi-ga-oát",
    "GWh": "gi-ga-oát giờ",
    "TWh": "tê-ra-oát giờ",
    "MWp": "mê-ga-oát đỉnh",
    "kWp": "ki-lô-oát đỉnh",
    "kV": "ki-lô-vôn",
    "V": "vôn",
    "KV": "ki-lô-vôn",
    "kw": "ki-lô-oát",
    "KW": "ki-lô-oát",
    "kwh": "ki-lô-oát giờ",
    "KWh": "ki-lô-oát giờ",
    "Hz": "héc",
    "kHz": "ki-lô-héc",
    "MHz": "mê-ga-héc",
    "KHz": "ki-lô-héc",
    "Kw": "ki-lô-oát",
    "Kwh": "ki-lô-oát giờ",
    "Mbps": "mê-ga-bít trên giây",
    "Gbps": "gi-ga-bít trên giây",
    "Tbps": "tê-ra-bít trên giây",
    "Kbps": "ki-lô-bít trên giây",
    "KWH": "ki-lô-oát giờ",
    "nm": "na-nô-mét",
    "Mhz": "mê-ga-héc",
    "GHz": "gi-ga-héc",
    "KB": "ki-lô-bai",
    "MB": "mê-ga-bai",
    "GB": "gi-ga-bai",
    "TB": "tê-ra-bai",
    "v": "vôn",
    "hz": "héc",
    "mhz": "mê-ga-héc",
    "kb": "ki-lô-bai",
    "mb": "mê-ga-bai",
    "gb": "gi-ga-bai",
    "cc": "phân khối",
    "CV": "mã lực",
    "ppm": "phần triệu",
    "dB": "đề-xi-ben",
    "mmHg": "mi-li-mét thủy ngân",
    "km/h": "ki-lô-mét trên giờ",
    "km/giờ": "ki-lô-mét trên giờ",
    "m/s": "mét trên giây",
    "m3/s": "mét khối trên giây",
    "m³/s": "mét khối trên giây",
    "mm/h": "mi-li-mét trên giờ",
    "tạ/ha": "tạ trên héc-ta",
    "tấn/ha": "tấn trên héc-ta",
    "mg/l": "mi-li-gam trên lít",
    "h": "giờ",
    "s": "giây",
    "đ": "đồng",
    "VNĐ": "việt nam đồng",
    "VND": "việt nam đồng",
    "USD": "đô la Mỹ",
    "%": "phần trăm",
    "°C": "độ xê",
    "℃": "độ xê",
    "‰": "phần nghìn",
    "$": "đô la",
    "€": "ơ-rô",
    "độ C": "độ xê",
    "oC": "độ xê",
    "0C": "độ xê",
    "OC": "độ xê",
}


def known_acronyms() -> set[str]:
    """Every built-in abbreviation, for callers that must keep them upper case (titles)."""
    return set(BUILTIN)
