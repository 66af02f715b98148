"""The planner and the checker read only the month's scripts (and those already placed in it),
so that their work does not grow with the years of scripts a commune keeps."""

from __future__ import annotations

from datetime import date

from broadcast import db
from broadcast.models import ScheduleItem, Script
from broadcast.services import schedule as sched
from tests.scheduling.conftest import CCHC, make_script


def test_pieces_are_the_scripts_that_may_air_in_the_month_and_those_placed_in_it(september):
    settings = september["settings"]
    with db.session_scope() as session:
        august = make_script(session, settings, CCHC.format(n=8), category="cchc", month="2025-08", render=False)
        october = make_script(session, settings, CCHC.format(n=10), category="cchc", month="2025-10", render=False)
        spanning = make_script(session, settings, CCHC.format(n=11), category="cchc", month="2025-07", render=False)
    with db.session_scope() as session:
        row = session.get(Script, spanning)
        row.valid_from, row.valid_to = date(2025, 8, 20), date(2025, 9, 3)  # a date range meeting September
        session.add(row)
    with db.session_scope() as session:
        pieces = sched.pieces(session, commune_id=1, tz=settings.tz, year=2025, month=9)
        assert set(pieces) == {*september["cchc"], september["health"], spanning}
        assert all(pieces[i].playable for i in september["cchc"])
        assert not pieces[spanning].playable and "chưa được dựng" in pieces[spanning].why_not
        # an August script placed in September (say, before its month was corrected) is still checked
        session.add(ScheduleItem(commune_id=1, day=date(2025, 9, 10), session_id=1, script_id=august))
        session.flush()
        again = sched.pieces(session, commune_id=1, tz=settings.tz, year=2025, month=9)
        assert august in again and october not in again
        result = sched.check_month(session, commune_id=1, year=2025, month=9, tz=settings.tz)
        assert "ngoai-thoi-gian" in {v.code for v in result.violations}  # aired outside its month: said so
        # and a script an edit names is read whatever its month
        assert october in sched.pieces(session, commune_id=1, tz=settings.tz, year=2025, month=9, also=[october])
