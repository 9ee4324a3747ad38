"""The languages, in menu order, each a module with LANG, TITLE, FILE_NAME and render(plan)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ctct_desktop.core.models import RequestModel
from ctct_desktop.snippets import csharp, curl_bash, curl_windows, java, javascript, php, python_httpx, python_requests
from ctct_desktop.snippets.plan import SnippetError, SnippetPlan, plan_snippet


@dataclass(frozen=True)
class Language:
    lang: str  # the id: --lang and the menu's data
    title: str
    file_name: str  # what to save it as to run it (java needs Main.java)
    render: Callable[[SnippetPlan], str]


LANGUAGES: tuple[Language, ...] = tuple(
    Language(m.LANG, m.TITLE, m.FILE_NAME, m.render)
    for m in (curl_bash, curl_windows, php, python_httpx, python_requests, java, csharp, javascript))
BY_ID: dict[str, Language] = {language.lang: language for language in LANGUAGES}
LANGUAGE_IDS: tuple[str, ...] = tuple(BY_ID)


def language(lang: str) -> Language:
    try:
        return BY_ID[lang]
    except KeyError:
        raise SnippetError(f"Unknown language '{lang}': choose one of {', '.join(LANGUAGE_IDS)}.") from None


def snippet(request: RequestModel, lang: str, values: Mapping[str, str] | None = None,
            secrets: Iterable[str] = ()) -> str:
    """``request`` as runnable code in ``lang``; ``values``: non-secret variables to resolve with;
    ``secrets``: values to mask besides the request's own auth secrets."""
    return language(lang).render(plan_snippet(request, values, secrets))
