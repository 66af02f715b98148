"""The web pages, one router module per area. Each route checks the role, parses its input,
calls one service function and picks a template; the work itself lives in the core."""

from __future__ import annotations

from fastapi import APIRouter

from broadcast.api.pages import (
    admin,
    approval,
    auth,
    dashboard,
    exports,
    ocr,
    production,
    reports,
    schedule,
    scripts,
    settings,
)

router = APIRouter()
for _area in (auth, dashboard, scripts, ocr, approval, production, schedule, exports, reports, settings, admin):
    router.include_router(_area.router)
