"""The one Settings object. Read once, from environment variables prefixed BROADCAST_."""

from __future__ import annotations

from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
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
    # Speech engines. gtts_url/edge_url point the online engines elsewhere (tests use a
    # local fake); reachability is checked with this timeout before any synthesis.
    gtts_url: str = "https://translate.google.com"
    gtts_timeout: float = Field(default=10.0, gt=0)
    edge_url: str = "wss://speech.platform.bing.com"
    edge_timeout: float = Field(default=20.0, gt=0)
    edge_proxy: str | None = None
    reachability_timeout: float = Field(default=0.8, gt=0, le=5)
    piper_voice: Path | None = None
    tts_workers: int = Field(default=0, ge=0, description="0 = one per CPU core")
    # Schedule: each session's programme reaches the station outbox this long before it starts.
    lead_minutes: int = Field(default=60, ge=0, le=24 * 60)
    # Local playout on a station PC: the command that plays one file ({file}); tests use a
    # null audio output, e.g. "ffmpeg -v error -i {file} -f null -".
    playout_command: str = "ffplay -nodisp -autoexit -loglevel error {file}"
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
