"""Bounded request parameters: an odd value is a clear 422, never a 500 from the database.

Ids are 32-bit on PostgreSQL (INTEGER), so anything above is refused before a query."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Path, Query

MAX_ID = 2**31 - 1
MAX_NUMBER = 10**6  # minutes, counts, rates: far above any real setting
MAX_SHORT = 200  # names, codes, months, days
MAX_LONG = 2000  # reasons, templates

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdForm = Annotated[int, Form(ge=1, le=MAX_ID)]
NumberForm = Annotated[int, Form(ge=-MAX_NUMBER, le=MAX_NUMBER)]
ShortPath = Annotated[str, Path(max_length=MAX_SHORT)]
ShortQuery = Annotated[str, Query(max_length=MAX_SHORT)]
