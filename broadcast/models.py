"""SQLModel tables and their Base/Create/Public families.

Routes and CLI never hand out table objects: they return the *Public models.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Aware UTC timestamp: every stored time is UTC, shown in the commune's zone."""
    return datetime.now(UTC)


class ScriptStatus(str, enum.Enum):
    """Approval states: nháp → chờ duyệt → đã duyệt, or trả lại."""

    NHAP = "nhap"
    CHO_DUYET = "cho-duyet"
    DA_DUYET = "da-duyet"
    TRA_LAI = "tra-lai"

    @property
    def label(self) -> str:
        return {"nhap": "nháp", "cho-duyet": "chờ duyệt", "da-duyet": "đã duyệt", "tra-lai": "trả lại"}[self.value]


class Priority(str, enum.Enum):
    """Bulletin priority (Thông tư 39/2020/TT-BTTTT)."""

    THONG_THUONG = "thong-thuong"
    UU_TIEN = "uu-tien"
    KHAN_CAP = "khan-cap"

    @property
    def label(self) -> str:
        return {"thong-thuong": "thông thường", "uu-tien": "ưu tiên", "khan-cap": "khẩn cấp"}[self.value]


class Channel(str, enum.Enum):
    """Where a piece airs."""

    DAI = "dai"
    LOA_KEO = "loa-keo"
    THONG_MINH = "thong-minh"

    @property
    def label(self) -> str:
        return {"dai": "đài truyền thanh", "loa-keo": "loa kéo", "thong-minh": "truyền thanh thông minh"}[self.value]


DEFAULT_ENGINE_CHAIN = ("gtts", "espeak")

DEFAULT_OPENING = "Kính thưa bà con và các bạn, sau đây là nội dung tuyên truyền của {don_vi}."
DEFAULT_CLOSING = "Bài tuyên truyền của {don_vi} đến đây là hết, xin cảm ơn bà con và các bạn đã chú ý lắng nghe!"

# Default categories (code, label); each commune gets its own editable copy.
DEFAULT_CATEGORIES: list[tuple[str, str]] = [
    ("cchc", "Cải cách hành chính"),
    ("phap-luat", "Pháp luật"),
    ("y-te", "Y tế"),
    ("nong-nghiep", "Nông nghiệp"),
    ("an-ninh-trat-tu", "An ninh – trật tự"),
    ("pccc", "Phòng cháy chữa cháy"),
    ("thien-tai", "Phòng chống thiên tai"),
    ("bau-cu", "Bầu cử"),
    ("khac", "Khác"),
]


# --- Commune -----------------------------------------------------------------


class CommuneBase(SQLModel):
    name: str = Field(index=True, description="Tên xã, ví dụ 'xã Phúc Lộc'")
    don_vi: str = Field(description="Tên đọc trong lời mở/kết, ví dụ 'Ủy ban nhân dân xã Phúc Lộc'")
    opening_template: str = Field(default=DEFAULT_OPENING, sa_column=Column(Text, nullable=False))
    closing_template: str = Field(default=DEFAULT_CLOSING, sa_column=Column(Text, nullable=False))
    # Voice and sound of the station (used by production).
    engine_chain: list[str] = Field(
        default_factory=lambda: list(DEFAULT_ENGINE_CHAIN), sa_column=Column(JSON, nullable=False)
    )
    espeak_voice: str = "vi"
    online_voice: str | None = None
    speech_rate: int = Field(
        default=145, description="Tốc độ đọc (từ/phút) cho espeak-ng; chậm hơn mặc định cho loa ngoài trời"
    )
    loudness_target: float = -16.0
    horn_profile: bool = True
    intro_jingle: str | None = None
    outro_jingle: str | None = None
    music_bed: str | None = None
    list_style: str = Field(default="mot_la", description="Cách đọc mục đánh số đầu đoạn: mot_la, thu_nhat, so")


class CommuneCreate(SQLModel):
    name: str
    don_vi: str | None = None


class Commune(CommuneBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)


class CommunePublic(CommuneBase):
    id: int
    slug: str
    created_at: datetime


class Category(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("commune_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    code: str
    label: str


# --- Script ------------------------------------------------------------------


class ScriptBase(SQLModel):
    title: str
    category: str = "khac"
    priority: Priority = Priority.THONG_THUONG
    channels: list[str] = Field(default_factory=lambda: [Channel.DAI.value], sa_column=Column(JSON, nullable=False))
    month: str | None = Field(default=None, description="Tháng phát, dạng YYYY-MM")
    valid_from: date | None = None
    valid_to: date | None = None
    source_unit: str | None = None


class Script(ScriptBase, table=True):
    __table_args__ = (
        Index("ix_script_listing", "commune_id", "status", "id"),
        Index("ix_script_month", "commune_id", "month"),
    )
    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    body: str = Field(sa_column=Column(Text, nullable=False))
    opening_present: bool = False
    closing_present: bool = False
    opening_text: str | None = Field(default=None, sa_column=Column(Text))
    closing_text: str | None = Field(default=None, sa_column=Column(Text))
    signer: str | None = None
    signer_title: str | None = None
    status: ScriptStatus = ScriptStatus.NHAP
    original_name: str | None = None
    stored_path: str | None = None
    source_encoding: str = "utf-8"
    # Read from a scan or photo by OCR: never sent for approval until a person confirms it.
    read_from_image: bool = False
    ocr_confidence: float | None = None  # mean word confidence, 0-100
    ocr_confirmed_at: datetime | None = None
    ocr_confirmed_by: str | None = None
    # OCR text, words with confidence and boxes, page images: see services.scripts.ocr_review
    ocr_data: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    version: int = Field(default=1, description="Raised on every text change; approval compares and swaps it")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ScriptPublic(ScriptBase):
    id: int
    commune_id: int
    body: str
    opening_present: bool
    closing_present: bool
    opening_text: str | None
    closing_text: str | None
    signer: str | None
    signer_title: str | None
    status: ScriptStatus
    original_name: str | None
    source_encoding: str
    version: int = 1
    text_hash: str
    approved_hash: str | None = None
    read_from_image: bool = False
    ocr_confidence: float | None = None
    ocr_confirmed_at: datetime | None = None
    ocr_confirmed_by: str | None = None
    created_at: datetime
    updated_at: datetime


class Approval(SQLModel, table=True):
    """One approval by a leader of one exact text (kept after later edits)."""

    id: int | None = Field(default=None, primary_key=True)
    script_id: int = Field(foreign_key="script.id", index=True)
    approved_by: str
    chuc_vu: str
    approved_at: datetime = Field(default_factory=utcnow)
    text_hash: str = Field(index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    superseded_at: datetime | None = None


class ApprovalPublic(SQLModel):
    id: int
    approved_by: str
    chuc_vu: str
    approved_at: datetime
    text_hash: str
    superseded_at: datetime | None


class ScriptAction(str, enum.Enum):
    """What happened to a script, as the audit log records it."""

    TAO = "tao"
    GUI_DUYET = "gui-duyet"
    DUYET = "duyet"
    TRA_LAI = "tra-lai"
    SUA = "sua"
    SUA_KHONG_DOI = "sua-khong-doi"
    XAC_NHAN_OCR = "xac-nhan-ocr"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self.value]


_ACTION_LABELS = {
    "tao": "Nhận bài",
    "gui-duyet": "Gửi duyệt",
    "duyet": "Duyệt",
    "tra-lai": "Trả lại",
    "sua": "Sửa nội dung",
    "sua-khong-doi": "Lưu (nội dung không đổi)",
    "xac-nhan-ocr": "Xác nhận chữ đọc từ ảnh",
}


class ScriptEvent(SQLModel, table=True):
    """Audit log: every state change of a script, who did it and on which text."""

    id: int | None = Field(default=None, primary_key=True)
    script_id: int = Field(foreign_key="script.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    # The values of ScriptAction and ScriptStatus, in plain text columns (ScriptEventPublic
    # hands them out as the enums).
    action: str
    from_status: str | None = None
    to_status: str
    actor: str | None = None
    detail: str | None = Field(default=None, sa_column=Column(Text))
    text_hash: str


class ScriptEventPublic(SQLModel):
    at: datetime
    action: ScriptAction
    from_status: ScriptStatus | None
    to_status: ScriptStatus
    actor: str | None
    detail: str | None
    text_hash: str


# --- Render ------------------------------------------------------------------


class Profile(str, enum.Enum):
    """Export profiles: where the file will be played."""

    STATION = "station"
    LOA_KEO = "loa-keo"
    IP_SPEAKER = "ip-speaker"


class Render(SQLModel, table=True):
    """One produced audio file of one approved text."""

    __table_args__ = (
        Index("ix_render_newest", "script_id", "profile", "id"),
        Index("ix_render_recent", "commune_id", "created_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    script_id: int = Field(foreign_key="script.id", index=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    profile: Profile = Profile.STATION
    path: str
    text_hash: str = Field(index=True, description="SHA-256 of the approved text this render was made from")
    spoken_text: str = Field(sa_column=Column(Text, nullable=False))
    duration_s: float
    lufs: float
    true_peak: float
    engines: list[dict] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    offline_voice: bool = False
    audio_sha256: str | None = Field(default=None, description="SHA-256 of the MP3 as produced")
    created_at: datetime = Field(default_factory=utcnow)


class RenderPublic(SQLModel):
    id: int
    script_id: int
    commune_id: int
    profile: Profile
    path: str
    text_hash: str
    duration_s: float
    lufs: float
    true_peak: float
    engines: list[dict]
    offline_voice: bool
    stale: bool
    fallback_notice: str | None = None  # "Lưu ý: 3/12 câu được đọc bằng giọng dự phòng (…) vì …"
    created_at: datetime


# --- Pronunciation lexicon ----------------------------------------------------------


class LexiconEntry(SQLModel, table=True):
    """How a commune wants a written form read (abbreviations, names, respellings).

    Takes precedence over the built-in dictionary."""

    __table_args__ = (UniqueConstraint("commune_id", "written"),)
    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    written: str
    spoken: str
    note: str | None = None
    created_at: datetime = Field(default_factory=utcnow)


class LexiconEntryPublic(SQLModel):
    written: str
    spoken: str
    note: str | None


# --- Schedule ------------------------------------------------------------------------


class DaysKind(str, enum.Enum):
    """When a recurring session happens."""

    DAILY = "daily"
    WEEKDAYS = "weekdays"
    WEEKLY = "weekly"  # on the chosen weekdays
    DATES = "dates"  # on the listed dates only


class SessionTemplate(SQLModel, table=True):
    """A recurring broadcast session (buổi phát), e.g. "Buổi sáng" at 05:30 for 30 minutes."""

    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    name: str
    start: str = Field(description="HH:MM, giờ địa phương")
    length_min: int = 30
    days: DaysKind = DaysKind.DAILY
    weekdays: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # 0 = Monday
    dates: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # YYYY-MM-DD
    valid_from: date | None = None
    valid_to: date | None = None
    relay_min: int = Field(default=0, description="Phút đầu buổi dành cho tiếp sóng đài cấp trên")
    relay_label: str = "Tiếp sóng đài cấp trên"


class QuotaRule(SQLModel, table=True):
    """Monthly rule for a category: minimum and target pieces, spacing, repeats."""

    __table_args__ = (UniqueConstraint("commune_id", "category"),)
    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    category: str
    minimum: int = 2
    target: int = 3
    spacing_days: int = 5
    max_per_script: int = 3


class ScheduleItem(SQLModel, table=True):
    """One airing of one script in one session on one day."""

    __table_args__ = (Index("ix_scheduleitem_month", "commune_id", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    day: date = Field(index=True)
    session_id: int = Field(foreign_key="sessiontemplate.id", index=True)
    position: int = 0
    script_id: int = Field(foreign_key="script.id", index=True)
    locked: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class AsRunKind(str, enum.Enum):
    DELIVERED = "delivered"
    PLAYED = "played"
    MISSED = "missed"
    EMERGENCY = "emergency"
    QUOTA_WARNING = "quota-warning"
    SKIPPED_ITEM = "skipped-item"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"
    PREFLIGHT = "preflight"


class AsRunEntry(SQLModel, table=True):
    """Nhật ký phát sóng: every delivered, played or missed session, emergencies, warnings."""

    __table_args__ = (Index("ix_asrunentry_recent", "commune_id", "kind", "day"),)
    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    kind: AsRunKind
    day: date | None = None
    session_id: int | None = Field(default=None, foreign_key="sessiontemplate.id")
    at: datetime = Field(default_factory=utcnow)
    path: str | None = None
    detail: str | None = Field(default=None, sa_column=Column(Text))
    scripts: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    seconds: float = 0.0


# --- Users and roles -------------------------------------------------------------------


class Role(str, enum.Enum):
    """Roles per commune."""

    QUAN_TRI = "quan-tri"  # admin: communes, users, settings
    TRUONG_DAI = "truong-dai"  # station head: upload, edit, render, schedule, export
    LANH_DAO = "lanh-dao"  # leader: approve or return scripts; read everything
    XEM = "xem"  # read only

    @property
    def label(self) -> str:
        return {"quan-tri": "quản trị", "truong-dai": "trưởng đài", "lanh-dao": "lãnh đạo", "xem": "xem"}[self.value]


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True)
    full_name: str
    title: str | None = Field(default=None, description="Chức vụ, ví dụ 'Chủ tịch UBND xã'")
    password_hash: str
    is_superadmin: bool = False
    is_active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    # Kept in every signed session cookie and compared per request: log-out, deactivation
    # and a password change raise it, which ends every session of the user at once.
    auth_epoch: int = 0


class LoginAttempt(SQLModel, table=True):
    """A log-in being checked or failed, for the limiter (shared by every web process)."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    address: str = Field(index=True)
    username: str = Field(index=True)


class Membership(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("user_id", "commune_id"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    role: Role


class ApiToken(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    name: str
    token_hash: str = Field(unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None


# --- Voice provider keys ------------------------------------------------------------------


class EngineCredential(SQLModel, table=True):
    """A commune's API key for a commercial voice provider (FPT.AI, Viettel AI, Zalo AI).

    A secret: no Public model exists, nothing returns it; pages, the API and the CLI only
    say whether it is set ("đã cài"/"chưa cài")."""

    __table_args__ = (UniqueConstraint("commune_id", "engine"),)
    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    engine: str
    api_key: str = Field(repr=False)
    updated_at: datetime = Field(default_factory=utcnow)
