"""Secret parameters are masked a slice at a time (so the history worker never holds the GIL for
long), with exactly the result of one pass over the whole text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ctct_desktop.core import redaction
from ctct_desktop.core.redaction import MASK, mask_params

_pieces = st.sampled_from(["api_key=abc", "code=1", "&", " ", "\n", '"', "'", "?access_token=t", "x", "=", "password=",
                           "{{api_key}}", ";", "#", "Code=Z9", "lorem "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=60).map("".join), st.integers(1, 40))
@example("a b&api_key=secret c", 3)
def test_slices_mask_exactly_as_one_pass(text: str, slice_chars: int) -> None:
    assert mask_params(text, slice_chars) == redaction._PARAM_RE.sub(redaction._mask_param, text)


def test_a_large_body_is_masked_in_slices_of_bounded_cost() -> None:
    body = ("lorem ipsum <a href='x?code=42'>dolor</a> " * 130_000)[:5_000_000]
    masked = mask_params(body)
    assert masked.count(f"code={MASK}") == body.count("code=42") > 100_000
    assert masked == redaction._PARAM_RE.sub(redaction._mask_param, body)


def test_history_never_runs_one_regex_pass_over_a_whole_large_body(monkeypatch) -> None:
    """The defect: one ``sub`` over the 5 MB history prefix held the GIL ~470 ms while a
    response arrived. Every pass now covers at most a slice (plus the run up to a safe cut)."""
    from ctct_desktop.store.history_prepare import bounded_body

    lengths: list[int] = []
    real = redaction._PARAM_RE

    class Recording:
        def sub(self, repl, text):  # type: ignore[no-untyped-def]
            lengths.append(len(text))
            return real.sub(repl, text)

    monkeypatch.setattr(redaction, "_PARAM_RE", Recording())
    body = b"lorem ipsum dolor sit code=1 amet " * 160_000  # 5.4 MB (a secret name: the regex must run)
    bounded_body(body, (), 5 << 20)
    assert lengths and max(lengths) <= redaction.SLICE_CHARS + 64
