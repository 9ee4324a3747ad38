"""The loopback redirect listener: one callback with our state, nothing logged, clean shutdown."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest

from ctct_desktop.credentials.oauth.errors import OAuthError
from ctct_desktop.credentials.oauth.listener import Callback, RedirectListener, check_redirect_uri


def _client() -> httpx.Client:
    return httpx.Client(trust_env=False, timeout=5)


def test_server_flow_callback_is_received(redirect_uri: str, capfd: pytest.CaptureFixture[str]) -> None:
    with RedirectListener(redirect_uri, state="s1") as listener:
        assert listener.start() is None
        with _client() as client:
            page = client.get(redirect_uri, params={"code": "the-code", "username": "joe", "state": "s1"})
        assert page.status_code == 200 and "Signed in" in page.text
        assert page.headers["cache-control"] == "no-store"
        got = listener.wait(2)
    assert isinstance(got, Callback)
    assert got.get("code") == "the-code" and got.get("username") == "joe"
    captured = capfd.readouterr()
    assert "the-code" not in captured.out + captured.err  # request lines are never logged


def test_a_callback_with_another_state_is_refused_and_waiting_goes_on(redirect_uri: str) -> None:
    with RedirectListener(redirect_uri, state="mine") as listener:
        listener.start()
        with _client() as client:
            forged = client.get(redirect_uri, params={"code": "evil", "state": "theirs"})
            missing = client.get(redirect_uri, params={"code": "evil"})
            assert forged.status_code == 400 and missing.status_code == 400
            assert client.get(redirect_uri, params={"code": "good", "state": "mine"}).status_code == 200
            again = client.get(redirect_uri, params={"code": "late", "state": "mine"})
            assert again.status_code == 400  # one-shot
        got = listener.wait(2)
    assert isinstance(got, Callback) and got.get("code") == "good"
    assert listener.forged_seen


def test_fragment_mode_serves_the_hand_off_page_and_takes_the_post(redirect_uri: str) -> None:
    with RedirectListener(redirect_uri, state="st", fragment_mode=True) as listener:
        listener.start()
        with _client() as client:
            page = client.get(redirect_uri)
            assert page.status_code == 200 and "location.hash" in page.text and "fetch(" in page.text
            posted = client.post(redirect_uri, content="access_token=tok%2B1&token_type=Bearer&state=st",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
            assert posted.status_code == 200
        got = listener.wait(2)
    assert isinstance(got, Callback) and got.get("access_token") == "tok+1"


def test_other_paths_and_oversized_posts_are_refused(redirect_uri: str) -> None:
    with RedirectListener(redirect_uri, state="st", fragment_mode=True) as listener:
        listener.start()
        base = redirect_uri.rsplit("/", 2)[0]
        with _client() as client:
            assert client.get(base + "/favicon.ico").status_code == 404
            assert client.post(redirect_uri, content=b"a" * 70000).status_code == 413
        assert isinstance(listener.wait(0.2), OAuthError)


def test_timeout_and_cancel_are_structured_errors(redirect_uri: str) -> None:
    with RedirectListener(redirect_uri, state="st") as listener:
        listener.start()
        got = listener.wait(0.2)
        assert isinstance(got, OAuthError) and got.code == "timeout" and redirect_uri in got.message
        threading.Timer(0.1, listener.cancel).start()
        started = time.monotonic()
        cancelled = listener.wait(30)
        assert isinstance(cancelled, OAuthError) and cancelled.code == "cancelled"
        assert time.monotonic() - started < 5


def test_the_port_is_freed_after_close(redirect_uri: str) -> None:
    listener = RedirectListener(redirect_uri, state="st")
    assert listener.start() is None
    listener.close()
    listener.close()
    again = RedirectListener(redirect_uri, state="st")
    assert again.start() is None
    again.close()


def test_a_busy_port_is_explained(redirect_uri: str) -> None:
    port = int(redirect_uri.split(":")[2].split("/")[0])
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", port))
        blocker.listen()
        problem = RedirectListener(redirect_uri, state="st").start()
    assert problem is not None and problem.code == "port_in_use" and str(port) in problem.message


@pytest.mark.parametrize("uri", ["https://127.0.0.1:8765/cb", "http://example.com:8765/cb",
                                 "http://127.0.0.1/cb", "http://127.0.0.1:99999/cb", "not a url"])
def test_only_loopback_http_redirects_with_a_port_are_accepted(uri: str) -> None:
    problem = check_redirect_uri(uri)
    assert isinstance(problem, OAuthError) and problem.code == "invalid_redirect_uri"
    assert "http://127.0.0.1:8765/oauth/callback" in problem.message


def test_localhost_redirect_is_accepted() -> None:
    assert check_redirect_uri("http://localhost:8765/oauth/callback") == ("localhost", 8765, "/oauth/callback")


def test_a_second_sign_in_can_listen_right_after_the_first(redirect_uri: str) -> None:
    """Connections left in TIME_WAIT by the first callback must not block the next listener."""
    for attempt in range(3):
        with RedirectListener(redirect_uri, state=f"s{attempt}") as listener:
            assert listener.start() is None
            with _client() as client:
                assert client.get(redirect_uri, params={"code": "c", "state": f"s{attempt}"}).status_code == 200
            assert isinstance(listener.wait(2), Callback)
