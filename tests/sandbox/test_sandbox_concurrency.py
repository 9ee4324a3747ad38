"""Eight clients at once with a mixed workload: no 500s, and emails stay unique."""

from __future__ import annotations

import threading
from collections import Counter

from tests.sandbox.sandbox_helpers import ATOM_HEADERS, LIST_URI, all_pages, client_for, contact_xml, list_xml, parse, text

THREADS = 8
ROUNDS = 12
SHARED_EMAILS = [f"race{n}@example.com" for n in range(10)]


def _workload(sandbox, worker: int, statuses: list[int], created: Counter[str], lock: threading.Lock) -> None:  # type: ignore[no-untyped-def]
    with client_for(sandbox) as client:
        for round_no in range(ROUNDS):
            email = SHARED_EMAILS[(worker + round_no) % len(SHARED_EMAILS)]
            responses = [
                client.post("/contacts", content=contact_xml(email, [1 + round_no % 3]), headers=ATOM_HEADERS),
                client.get("/contacts", params={"email": email}),
                client.get("/contacts" if round_no % 2 else "/lists/1/members"),
                client.post("/lists", content=list_xml(f"Race list {round_no % 4}"), headers=ATOM_HEADERS),
                client.put(f"/contacts/{1 + worker}", content=contact_xml(
                    _email_of(client, 1 + worker), [1 + (worker + round_no) % 4], contact_id=1 + worker),
                    headers=ATOM_HEADERS),
                client.get("/campaigns"),
                client.post("/activities", data={"activityType": "SV_ADD", "lists": LIST_URI.format(2),
                                                 "data": f"Email Address\nbulk{worker}.{round_no}@example.com\n{email}"}),
            ]
            with lock:
                statuses.extend(r.status_code for r in responses)
                if responses[0].status_code == 201:
                    created[email] += 1


def _email_of(client, contact_id: int) -> str:  # type: ignore[no-untyped-def]
    return text(parse(client.get(f"/contacts/{contact_id}")), "a:content/c:Contact/c:EmailAddress") or ""


def test_mixed_workload_from_eight_threads(sandbox) -> None:
    statuses: list[int] = []
    created: Counter[str] = Counter()
    lock = threading.Lock()
    threads = [threading.Thread(target=_workload, args=(sandbox, n, statuses, created, lock)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(statuses) == THREADS * ROUNDS * 7
    assert not [s for s in statuses if s >= 500], Counter(statuses)
    assert set(statuses) <= {200, 201, 204, 409}, Counter(statuses)
    assert all(count == 1 for count in created.values()) and set(created) <= set(SHARED_EMAILS)
    with client_for(sandbox) as client:
        everyone = all_pages(client, "/contacts")
    emails = Counter(text(e, "a:content/c:Contact/c:EmailAddress") for e in everyone)
    assert emails.most_common(1)[0][1] == 1
    for email in SHARED_EMAILS:
        assert emails[email] == 1
