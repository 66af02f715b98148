"""Fixtures of the scheduling and web tests, shared here."""

from tests.scheduling.conftest import september  # noqa: F401
from tests.web.conftest import site  # noqa: F401
