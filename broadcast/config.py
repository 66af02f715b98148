"""The one Settings object. Read once, from environment variables prefixed BROADCAST_."""

from __future__ import annotations

from functools import lru_cache
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

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}") from exc
        return value

    @property
    def db_url(self) -> str:
        """DATABASE_URL, or an SQLite file inside the data folder."""
        return self.database_url or f"sqlite:///{self.data_dir / 'broadcast.db'}"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@lru_cache
def get_settings() -> Settings:
    return Settings()
