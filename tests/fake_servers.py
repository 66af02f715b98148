"""Kept for older imports: the fakes now live in tests/fakes/."""

from tests.fakes.audio import tone_mp3
from tests.fakes.google import fake_google
from tests.fakes.server import closed_port_url, silent_server

__all__ = ["closed_port_url", "fake_google", "silent_server", "tone_mp3"]
