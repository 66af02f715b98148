"""Every voice the product can use, with engine, region (Bắc/Trung/Nam), gender, a
label a station head understands ("Giọng nữ miền Trung – Viettel AI") and a sample text.

The CLI (`broadcast voices list`) and the settings page read this one catalogue. Whether
a voice works right now is asked of its engine once (a key is set and the endpoint
answers); no synthesis is spent on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

from pydantic import SecretStr

from broadcast.config import Settings
from broadcast.errors import InputError
from broadcast.tts.base import Clip
from broadcast.tts.chain import ENGINE_NAMES, KEYED_ENGINES, build_engine, parse_entry

PROVIDERS = {
    "gtts": "Google",
    "edge": "Microsoft Edge",
    "fpt": "FPT.AI",
    "viettel": "Viettel AI",
    "zalo": "Zalo AI",
    "piper": "piper",
    "espeak": "espeak-ng",
}

# Voices of the engines that are not commercial HTTP engines: {engine: {voice: (region, gender, name)}}.
_OTHER_VOICES: dict[str, dict[str, tuple[str, str, str]]] = {
    "gtts": {"vi": ("Bắc", "nữ", "Google")},
    "edge": {
        "vi-VN-HoaiMyNeural": ("Bắc", "nữ", "Hoài My"),
        "vi-VN-NamMinhNeural": ("Bắc", "nam", "Nam Minh"),
    },
    "espeak": {
        "vi": ("Bắc", "nam", "espeak-ng miền Bắc"),
        "vi-vn-x-central": ("Trung", "nam", "espeak-ng miền Trung"),
        "vi-vn-x-south": ("Nam", "nam", "espeak-ng miền Nam"),
    },
    "piper": {"vi_VN": ("Bắc", "nữ", "piper")},
}


def engine_voices(engine: str) -> dict[str, tuple[str, str, str]]:
    """The published voices of one engine: {voice id: (region, gender, name)}."""
    if engine in KEYED_ENGINES:
        return dict(KEYED_ENGINES[engine].catalogue)
    return dict(_OTHER_VOICES.get(engine, {}))


@dataclass(frozen=True)
class Voice:
    engine: str
    voice: str
    provider: str
    region: str  # Bắc, Trung, Nam
    gender: str  # nữ, nam
    name: str
    offline: bool
    needs_key: bool
    key: str | None  # "đã cài" / "chưa cài" for engines that need a key, else None
    available: bool

    @property
    def entry(self) -> str:
        """How a commune's voice chain names this voice: "viettel:hue-maingoc"."""
        return f"{self.engine}:{self.voice}"

    @property
    def label(self) -> str:
        return f"Giọng {self.gender} miền {self.region} – {self.provider} ({self.name})"

    @property
    def state(self) -> str:
        """Whether it works now, in the words of the settings page."""
        if self.available:
            return "sẵn sàng"
        if self.needs_key and self.key != "đã cài":
            return "chưa cài khóa"
        return "chưa cài" if self.offline else "không kết nối được"

    @property
    def sample_text(self) -> str:
        return (
            f"Kính thưa bà con, đây là giọng {self.gender} miền {self.region} của {self.provider}. "
            "Ủy ban nhân dân xã thông báo lịch tiêm phòng cho đàn gia súc, gia cầm."
        )

    def to_dict(self) -> dict[str, object]:
        return {
            **asdict(self),
            "entry": self.entry,
            "label": self.label,
            "state": self.state,
            "sample_text": self.sample_text,
        }


def list_voices(settings: Settings, keys: Mapping[str, SecretStr] | None = None) -> list[Voice]:
    """Every voice of every engine, Bắc then Trung then Nam within each engine."""
    order = {"Bắc": 0, "Trung": 1, "Nam": 2}
    engines = [build_engine(name, settings, keys) for name in ENGINE_NAMES]
    # each check is bounded by its own timeout; together they take as long as the slowest one
    with ThreadPoolExecutor(max_workers=len(engines)) as pool:
        ups = list(pool.map(lambda e: e.available(), engines))
    out: list[Voice] = []
    for name, engine, up in zip(ENGINE_NAMES, engines, ups, strict=True):
        needs_key = name in KEYED_ENGINES
        key_state = ("đã cài" if getattr(engine, "has_key", False) else "chưa cài") if needs_key else None
        table = engine_voices(name)
        if name == "piper":
            table = {v: table["vi_VN"] for v in engine.voices}
        rows = sorted(table.items(), key=lambda kv: (order.get(kv[1][0], 3), kv[1][1]))
        for voice, (region, gender, label) in rows:
            out.append(
                Voice(
                    engine=name,
                    voice=voice,
                    provider=PROVIDERS[name],
                    region=region,
                    gender=gender,
                    name=label,
                    offline=engine.offline,
                    needs_key=needs_key,
                    key=key_state,
                    available=up,
                )
            )
    return out


def label_of(entry: str) -> str:
    """The plain label of a voice-chain entry: "viettel:hue-maingoc" -> "Giọng nữ miền Trung – Viettel AI (Mai Ngọc)"."""
    name, voice = parse_entry(entry)
    table = engine_voices(name)
    if name not in PROVIDERS or not table:
        return entry
    region, gender, label = table.get(voice or "", next(iter(table.values())))
    if voice and voice not in table:
        label = voice
    return f"Giọng {gender} miền {region} – {PROVIDERS[name]} ({label})"


def check_entry(entry: str) -> str:
    """A voice-chain entry ("fpt", "fpt:myan") checked against the catalogue; returns it tidied."""
    name, voice = parse_entry(entry)
    if name not in ENGINE_NAMES:
        raise InputError(f"Không có giọng đọc «{name}». Chọn một trong: {', '.join(ENGINE_NAMES)}.")
    if voice is None:
        return name
    known = engine_voices(name)
    if name != "piper" and voice not in known:
        raise InputError(
            f"{PROVIDERS[name]} không có giọng «{voice}». Các giọng: {', '.join(known)} (xem «broadcast voices list»)."
        )
    return f"{name}:{voice}"


def sample_clip(entry: str, settings: Settings, keys: Mapping[str, SecretStr] | None = None) -> tuple[Clip, str]:
    """A short labelled sample of one voice ("viettel:hue-maingoc"), for the station head to hear."""
    name, voice = parse_entry(check_entry(entry))
    engine = build_engine(name, settings, keys)
    voice = voice or engine.default_voice
    region, gender, label = engine_voices(name).get(voice, ("Bắc", "nữ", voice))
    sample = Voice(name, voice, PROVIDERS[name], region, gender, label, engine.offline, False, None, True)
    return engine.synthesize(sample.sample_text, voice=voice, rate=145), sample.label
