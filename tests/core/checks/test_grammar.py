"""The one-line forms of assertions, captures and repeats: what reads, and what is said about what does not."""

from __future__ import annotations

import pytest

from ctct_desktop.core.checks import (
    CheckSyntaxError,
    Op,
    Subject,
    parse_assertion,
    parse_capture,
    parse_repeat,
)


@pytest.mark.parametrize(("text", "subject", "op", "argument", "operand", "negated"), [
    ("status == 201", Subject.STATUS, Op.EQ, "", ("201",), False),
    ("status in [200, 201]", Subject.STATUS, Op.IN, "", ("200", "201"), False),
    ("status is 2xx", Subject.STATUS, Op.IS, "", ("2xx",), False),
    ("status != 500", Subject.STATUS, Op.NE, "", ("500",), False),
    ('header Content-Type matches "atom"', Subject.HEADER, Op.MATCHES, "Content-Type", ("atom",), False),
    ("header Location exists", Subject.HEADER, Op.EXISTS, "Location", (), False),
    ("header Retry-After not exists", Subject.HEADER, Op.EXISTS, "Retry-After", (), True),
    ('body contains "<entry"', Subject.BODY, Op.CONTAINS, "", ("<entry",), False),
    ('body not contains "error"', Subject.BODY, Op.CONTAINS, "", ("error",), True),
    ('xpath "//atom:entry/atom:id" exists', Subject.XPATH, Op.EXISTS, "//atom:entry/atom:id", (), False),
    ('jsonpath "$.results[0].id" == "1"', Subject.JSONPATH, Op.EQ, "$.results[0].id", ("1",), False),
    ("time < 500 ms", Subject.TIME, Op.LT, "", ("500",), False),
    ("time <= 2 s", Subject.TIME, Op.LE, "", ("2000",), False),
    ("time < 500", Subject.TIME, Op.LT, "", ("500",), False),
    (r'body matches "id=\"\d+\""', Subject.BODY, Op.MATCHES, "", (r'id="\d+"',), False),
])
def test_assertions_read(text: str, subject: Subject, op: Op, argument: str, operand: tuple[str, ...],
                         negated: bool) -> None:
    parsed = parse_assertion(text)
    assert (parsed.subject, parsed.op, parsed.argument, parsed.operand, parsed.negated) == \
        (subject, op, argument, operand, negated)
    assert parsed.text == text


@pytest.mark.parametrize(("text", "words", "column"), [
    ("status = 201", "use == to compare", 8),
    ("status == abc", "a status code such as 201", 11),
    ("status is 2x", "a status class such as 2xx", 11),
    ("status in [200, 201", "a ] closing the list is missing", 20),
    ("status in 200", "a list such as [200, 201]", 11),
    ("code == 201", "expected status, time, header NAME", 1),
    ("header == 1", "expected a header name", 8),
    ('xpath //a exists', "the xpath expression in double quotes", 7),
    ('body contains "open', "not closed", 15),
    ('body matches "("', "not a valid regular expression", 14),
    ("time == 5 ms", "time cannot use '=='", 6),
    ("status == 201 extra", "unexpected extra after the assertion", 15),
    ("body is 2xx", "body cannot use 'is'", 6),
    ("", "empty", 1),
    ('header X < "a"', "header cannot use '<'", 10),
    ('xpath "//a" < "b"', "< compares numbers", 15),
])
def test_bad_assertions_say_what_and_where(text: str, words: str, column: int) -> None:
    with pytest.raises(CheckSyntaxError) as caught:
        parse_assertion(text)
    assert words in caught.value.message
    assert caught.value.column == column


def test_captures_read() -> None:
    location = parse_capture(r'activity_id = header Location regex "activities/(\d+)"')
    assert (location.name, location.subject, location.argument, location.regex) == \
        ("activity_id", Subject.HEADER, "Location", r"activities/(\d+)")
    entry = parse_capture('contact_id = xpath "/atom:entry/atom:id"')
    assert (entry.subject, entry.argument, entry.regex) == (Subject.XPATH, "/atom:entry/atom:id", None)
    link = parse_capture("""next = xpath "//atom:link[@rel='next']/@href\"""")
    assert link.argument == "//atom:link[@rel='next']/@href"
    body = parse_capture(r'token = regex "token=(\w+)"')
    assert (body.subject, body.regex) == (Subject.BODY, r"token=(\w+)")


@pytest.mark.parametrize(("text", "words"), [
    ("1x = status", "is not a variable name"),
    ("x == status", "expected = after the variable name"),
    ("x = time", "time cannot be captured"),
    ('x = header Location regex "("', "not a valid regular expression"),
    ("x = header Location again", "unexpected again after the capture"),
    ("x =", "what to check"),
])
def test_bad_captures_are_refused(text: str, words: str) -> None:
    with pytest.raises(CheckSyntaxError, match=words):
        parse_capture(text)


def test_repeat_reads() -> None:
    repeat = parse_repeat('until xpath "//ctct:Status" == "COMPLETE" at most 20 times every 0.5 s')
    assert (repeat.times, repeat.every_s) == (20, 0.5)
    assert repeat.until.text == 'xpath "//ctct:Status" == "COMPLETE"'
    assert repeat.until.operand == ("COMPLETE",)
    assert parse_repeat("until status == 200 at most 3 times every 250 ms").every_s == 0.25


@pytest.mark.parametrize(("text", "words"), [
    ("status == 200 at most 3 times every 1 s", "starts with 'until'"),
    ("until status == 200", "at most N times every T s"),
    ("until status == 200 at most 0 times every 1 s", "from 1 to 1000"),
    ("until status == 200 at most 3 times every x s", "number of seconds"),
    ("until status == 200 at most 3 times every 1 h", "unit is s or ms"),
    ("until status = 200 at most 3 times every 1 s", "use =="),
])
def test_bad_repeats_are_refused(text: str, words: str) -> None:
    with pytest.raises(CheckSyntaxError, match=words):
        parse_repeat(text)
