"""Sessions that can be ended, and log-in limiting that holds: in parallel, across
processes, against a forged X-Forwarded-For and against password spraying."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from broadcast import db
from broadcast.config import get_settings
from broadcast.errors import TooManyAttemptsError
from broadcast.services import login_limit
from broadcast.services import users as users_svc
from tests.web.hostile import PASSWORD, build, csrf_of, login


@pytest.fixture
def light(settings):
    from broadcast.api.app import create_app

    site = build(settings)
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        yield {**site, "client": client, "app": client.app}


def _copy(light) -> TestClient:
    """A second browser holding a copy of the first one's cookies (a stolen cookie)."""
    other = TestClient(light["app"], raise_server_exceptions=False)
    other.cookies.update(light["client"].cookies)
    return other


def _still_in(client: TestClient) -> tuple[int, int]:
    page = client.get("/", follow_redirects=False).status_code
    api = client.get("/api/v1/communes").status_code
    return page, api


def test_log_out_ends_every_copy_of_the_session(light) -> None:
    client = light["client"]
    csrf = login(client, "truongdai")
    stolen = _copy(light)
    assert _still_in(stolen) == (200, 200)
    assert client.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
    assert _still_in(stolen) == (303, 401)


@pytest.mark.parametrize("change", ["deactivate", "password"])
def test_deactivation_and_password_change_end_sessions(light, change: str) -> None:
    client = light["client"]
    login(client, "truongdai")
    assert _still_in(client) == (200, 200)
    with db.session_scope() as session:
        if change == "deactivate":
            users_svc.set_active(session, username="truongdai", active=False)
        else:
            users_svc.set_password(session, username="truongdai", password="mat-khau-moi-9")
    assert _still_in(client) == (303, 401)
    token = client.get("/api/v1/communes", headers={"Authorization": f"Bearer {light['tokens']['truongdai']}"})
    assert token.status_code == (401 if change == "deactivate" else 200)


def test_forged_forwarded_for_is_ignored_without_a_trusted_proxy(light) -> None:
    client = light["client"]
    codes = []
    for n in range(7):
        response = client.post(
            "/login",
            data={"username": "truongdai", "password": "sai-mat-khau", "csrf": csrf_of(client)},
            headers={"X-Forwarded-For": f"203.0.113.{n}"},
        )
        codes.append(response.status_code)
    assert codes == [401] * 5 + [429] * 2


def _request(peer: str, forwarded: str | None) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    return Request({"type": "http", "headers": headers, "client": (peer, 5000), "method": "GET", "path": "/"})


def test_forwarded_for_is_read_only_from_trusted_proxies(settings, monkeypatch) -> None:
    from broadcast.api.security import client_address

    assert client_address(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
    monkeypatch.setenv("BROADCAST_TRUSTED_PROXIES", "127.0.0.1,10.0.0.0/8")
    get_settings.cache_clear()
    assert client_address(_request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
    # the client prepends a forged hop: the address the proxy saw (rightmost untrusted) counts
    assert client_address(_request("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.1.1.1")) == "203.0.113.9"
    assert client_address(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"  # not a trusted peer
    assert client_address(_request("127.0.0.1", "rác")) == "127.0.0.1"


def test_spraying_one_password_over_many_names_is_blocked(light) -> None:
    client = light["client"]
    limit = get_settings().login_names_per_address
    codes = [
        client.post(
            "/login", data={"username": f"nguoi{n:02d}", "password": "Matkhau123", "csrf": csrf_of(client)}
        ).status_code
        for n in range(limit + 5)
    ]
    assert codes[:limit] == [401] * limit
    assert set(codes[limit:]) == {429}


def test_forty_parallel_guesses_are_not_all_checked(light, monkeypatch) -> None:
    checked = []
    lock = threading.Lock()
    real = users_svc.authenticate

    def counting(*args, **kwargs):
        with lock:
            checked.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(users_svc, "authenticate", counting)
    client = light["client"]
    csrf = csrf_of(client)

    def guess(n: int) -> int:
        return client.post(
            "/login", data={"username": "truongdai", "password": f"doan-sai-{n}", "csrf": csrf}
        ).status_code

    with ThreadPoolExecutor(max_workers=40) as pool:
        codes = list(pool.map(guess, range(40)))
    allowed = get_settings().login_attempts
    assert len(checked) <= allowed
    assert codes.count(429) >= 40 - allowed and codes.count(401) == len(checked)
    # the right password is refused too while the account is limited
    right = client.post("/login", data={"username": "truongdai", "password": PASSWORD, "csrf": csrf})
    assert right.status_code == 429


def _guess_in_process(url: str, results) -> None:  # runs in a child process
    engine = db.make_engine(url)
    limits = login_limit.LoginLimits(attempts=5, per_address=100, names_per_address=100, window_s=300)
    for _ in range(10):
        try:
            login_limit.begin(engine, limits, address="198.51.100.7", username="truongdai")
            results.put("checked")
        except TooManyAttemptsError:
            results.put("refused")


def test_the_limit_holds_across_processes(settings) -> None:
    """Four processes guessing at once share one count in the database."""
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=_guess_in_process, args=(settings.db_url, results)) for _ in range(4)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in range(40)]
    for p in procs:
        p.join(timeout=30)
    assert outcomes.count("checked") == 5 and outcomes.count("refused") == 35
