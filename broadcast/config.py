"""The one Settings object. Read once, from environment variables prefixed BROADCAST_."""

from __future__ import annotations

from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where data lives and how the product behaves; fails fast on bad values."""

    model_config = SettingsConfigDict(env_prefix="BROADCAST_", extra="ignore")

    data_dir: Path = PROJECT_ROOT / "data"
    scripts_dir: Path = PROJECT_ROOT / "scripts"
    audio_dir: Path = PROJECT_ROOT / "audio_out"
    schedule_dir: Path = PROJECT_ROOT / "schedule"
    database_url: str = ""
    timezone: str = "Asia/Ho_Chi_Minh"
    max_text_bytes: int = Field(default=2 * 1024 * 1024, gt=0)
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    # Intake bounds (broadcast.intake.limits): ZIP packages (.docx) are checked before parsing,
    # scans and photos by pixels and pages; parsing and OCR run in a worker with a time limit.
    max_unzipped_bytes: int = Field(default=64 * 1024 * 1024, gt=0)
    max_zip_ratio: float = Field(default=100.0, gt=1)
    max_zip_members: int = Field(default=2000, gt=0)
    max_image_pixels: int = Field(default=50_000_000, gt=0)
    max_scan_pages: int = Field(default=20, gt=0)
    ocr_page_timeout_s: float = Field(default=120.0, gt=0)
    ocr_dpi: int = Field(default=300, ge=100, le=600)
    ocr_low_confidence: float = Field(default=80.0, ge=0, le=100)
    parse_timeout_s: float = Field(default=60.0, gt=0)
    parse_memory_mb: int = Field(default=2048, ge=256)
    # Speech engines. gtts_url/edge_url point the online engines elsewhere (tests use a
    # local fake); reachability is checked with this timeout before any synthesis.
    gtts_url: str = "https://translate.google.com"
    gtts_timeout: float = Field(default=10.0, gt=0)
    edge_url: str = "wss://speech.platform.bing.com"
    edge_timeout: float = Field(default=20.0, gt=0)
    edge_proxy: str | None = None
    reachability_timeout: float = Field(default=0.8, gt=0, le=5)
    piper_voice: Path | None = None
    # Commercial Vietnamese voices (FPT.AI, Viettel AI, Zalo AI). The keys here serve every
    # commune of the deployment; a commune's own key (stored in the database) wins. Keys are
    # secrets: never shown, logged or exported. The URLs point the engines elsewhere (tests).
    fpt_api_key: SecretStr | None = None
    viettel_api_key: SecretStr | None = None
    zalo_api_key: SecretStr | None = None
    fpt_url: str = "https://api.fpt.ai"
    viettel_url: str = "https://viettelgroup.ai"
    zalo_url: str = "https://api.zalo.ai"
    tts_http_timeout: float = Field(default=15.0, gt=0, description="seconds per request to a voice provider")
    tts_poll_timeout: float = Field(default=120.0, gt=0, description="longest wait for an audio URL to be ready")
    tts_http_retries: int = Field(default=3, ge=1, le=10)
    tts_workers: int = Field(default=0, ge=0, description="0 = one per CPU core")
    # Schedule: each session's programme reaches the station outbox this long before it starts.
    lead_minutes: int = Field(default=60, ge=0, le=24 * 60)
    # Path to air: render as soon as a script is approved; a daily pre-flight check at this
    # local hour looks at the next preflight_hours; a scheduler holds its database lock this long.
    render_on_approve: bool = True
    preflight_hour: int = Field(default=6, ge=0, le=23)
    preflight_hours: int = Field(default=48, ge=24, le=24 * 7)
    scheduler_lease_s: int = Field(default=60, ge=5, le=3600)
    # Local playout on a station PC: the command that plays one file ({file}); tests use a
    # null audio output, e.g. "ffmpeg -v error -i {file} -f null -".
    playout_command: str = "ffplay -nodisp -autoexit -loglevel error {file}"
    # Web process sizing: threads that run page and API handlers, and database connections
    # (0 = one per thread plus a few for the scheduler), so load queues instead of failing.
    web_threads: int = Field(default=40, ge=1, le=400)
    db_pool_size: int = Field(default=0, ge=0, le=400)
    # Background work: "inprocess" (thread pools in this process, the embedded default) or
    # "procrastinate" (jobs in PostgreSQL, run by `broadcast worker` processes).
    queue: str = Field(default="inprocess", pattern="^(inprocess|procrastinate)$")
    worker_heartbeat_s: float = Field(default=10.0, gt=0)
    worker_stalled_s: float = Field(default=30.0, gt=0)
    db_outage_s: float = Field(default=600.0, ge=0)  # a worker waits this long for a restarted database
    # Province timer (BROADCAST_QUEUE=procrastinate): the elected scheduler looks this often for
    # sessions whose delivery time has come and queues one job for each. Drills and tests may
    # name a file that holds the timer's "now" (see clock.timer_now); empty in production.
    timer_tick_s: float = Field(default=15.0, ge=0.2, le=600)
    timer_clock_file: Path | None = None
    secret_key: str = ""  # signs session cookies; made once and kept in the data folder when empty
    cookie_secure: bool = False  # set true behind HTTPS
    login_attempts: int = Field(default=5, ge=1)
    login_window_s: int = Field(default=300, ge=1)
    # Per client address within the window: attempts, and distinct user names (password spraying).
    login_attempts_per_address: int = Field(default=20, ge=1)
    login_names_per_address: int = Field(default=5, ge=1)
    # Reverse proxies whose X-Forwarded-For is believed, comma-separated addresses or networks
    # ("127.0.0.1,10.0.0.0/8"); empty: the header is ignored and the peer address counts.
    trusted_proxies: str = ""
    font_path: Path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    font_bold_path: Path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}") from exc
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_networks(cls, value: str) -> str:
        for part in value.split(","):
            if part.strip():
                try:
                    ip_network(part.strip(), strict=False)
                except ValueError as exc:
                    raise ValueError(f"not an address or network: {part.strip()!r}") from exc
        return value

    @property
    def proxy_networks(self) -> list[IPv4Network | IPv6Network]:
        return [ip_network(p.strip(), strict=False) for p in self.trusted_proxies.split(",") if p.strip()]

    @property
    def db_url(self) -> str:
        """DATABASE_URL, or an SQLite file inside the data folder."""
        return self.database_url or f"sqlite:///{self.data_dir / 'broadcast.db'}"

    @property
    def pool_size(self) -> int:
        return self.db_pool_size or self.web_threads + 5

    @property
    def tts_cache_dir(self) -> Path:
        return self.data_dir / "tts-cache"

    @property
    def jingle_dir(self) -> Path:
        return self.data_dir / "jingles"

    @property
    def outbox_dir(self) -> Path:
        return self.schedule_dir / "outbox"

    @property
    def voices_dir(self) -> Path:
        return self.data_dir / "voices"

    def session_secret(self) -> str:
        """secret_key, or a random key made on first use and kept in the data folder."""
        if self.secret_key:
            return self.secret_key
        from broadcast.fsutil import atomic_write_bytes, make_private, private_dir

        private_dir(self.data_dir)
        path = self.data_dir / "secret_key"
        if not path.is_file():
            import secrets

            atomic_write_bytes(path, secrets.token_urlsafe(48).encode(), private=True)
        make_private(path)  # also a key made by an older version with the usual permissions
        return path.read_text().strip()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@lru_cache
def get_settings() -> Settings:
    return Settings()
