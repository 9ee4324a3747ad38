"""Redaction skips the slices that cannot hold a secret parameter (their regexes cost 130-200 ms
of GIL over the 5 MB history keeps of a large body), with exactly the result of running them."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ctct_desktop.core import redaction
from ctct_desktop.core.redaction import MASK, redact_text

_pieces = st.sampled_from(["api_key=abc", "code=1", "&", " ", "\n", '"', "'", "?access_token=t", "x", "=", "password=",
                           "{{api_key}}", "CODE=Z9", "lorem ", "\u0131d_token=v", "\u0130d_token=w", "paſſword=p",
                           "\u212aey", '"api_key": "s"', '"Client_Secret" : "t"', '"code":', ":", "é", "ß"])


def _unfiltered(text: str) -> str:
    text = redaction._PARAM_RE.sub(redaction._mask_param, text)
    return redaction._JSON_RE.sub(
        lambda m: m.group(0) if redaction._keeps(m.group("value")) else f'{m.group("key")}"{MASK}"', text)


@settings(max_examples=400, deadline=None)
@given(st.lists(_pieces, max_size=60).map("".join))
@example("x \u0131d_token=secret")
@example('{"api_key":"s"}')
def test_the_prefilter_never_changes_the_result(text: str) -> None:
    assert redact_text(text) == _unfiltered(text)


def test_a_needle_cut_by_a_slice_boundary_is_still_seen() -> None:
    for at in range(redaction.SLICE_CHARS - 12, redaction.SLICE_CHARS + 2):
        text = "x" * at + " api_key=secret " + "y" * 100
        assert MASK in redact_text(text), at


def test_a_large_body_without_secret_names_runs_no_regex(monkeypatch) -> None:
    calls: list[int] = []

    class Recording:
        def __init__(self, real):  # type: ignore[no-untyped-def]
            self.real = real

        def sub(self, repl, text):  # type: ignore[no-untyped-def]
            calls.append(len(text))
            return self.real.sub(repl, text)

    monkeypatch.setattr(redaction, "_PARAM_RE", Recording(redaction._PARAM_RE))
    monkeypatch.setattr(redaction, "_JSON_RE", Recording(redaction._JSON_RE))
    body = ('{"id": 1, "email": "a@example.com", "name": "contact"}, ' * 100_000)[:5_000_000]
    assert redact_text(body) == body and calls == []
    assert MASK in redact_text(body + ' "password": "hunter2"') and calls


def test_every_secret_name_holds_a_marker_so_the_quick_check_is_used() -> None:
    """A slice without any marker is skipped; a new secret name without one would switch the
    quick check off for every text (still correct, slower): add a marker with the name."""
    assert redaction._MARKED
    for name in sorted(redaction.SECRET_PARAMS):
        assert any(marker in name for marker in redaction._MARKERS), name


def test_a_secret_far_into_a_long_text_is_masked_past_slices_without_markers() -> None:
    text = "lorem ipsum, " * 40_000 + "&API_KEY=abc123 and " + '{"Refresh_Token": "xyz"}'
    masked = redact_text(text)
    assert "abc123" not in masked and "xyz" not in masked
    assert masked.count(MASK) == 2
