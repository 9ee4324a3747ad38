"""Load the knowledge base: one TOML file per article under resources/kb/.

A broken file is reported (path and reason) and skipped; the others load. The result is cached
per folder, because the response pane asks for it on every error.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ctct_desktop.explain.model import Article, KbProblem
from ctct_desktop.explain.schema import ArticleError, parse_article

MAX_ARTICLE_BYTES = 256 * 1024
_TOKEN = re.compile(r"[\w.%+-]+")


@dataclass(frozen=True)
class KnowledgeBase:
    articles: tuple[Article, ...]
    problems: tuple[KbProblem, ...]
    folder: Path | None = None

    def get(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def search(self, text: str) -> list[Article]:
        """Articles containing every word of ``text`` (id, title, status, cause, fix), best first."""
        tokens = [t.lower() for t in _TOKEN.findall(text or "")]
        if not tokens:
            return list(self.articles)
        scored: list[tuple[float, str, Article]] = []
        for article in self.articles:
            head = f"{article.id} {article.title} {' '.join(map(str, article.statuses))}".lower()
            rest = " ".join((article.summary, article.cause, *article.fix, *article.related_rules,
                             *(k for m in article.matchers for k in m.error_key + m.failure))).lower()
            if all(t in head or t in rest for t in tokens):
                score = sum(3.0 if t in head else 1.0 for t in tokens)
                scored.append((-score, article.id, article))
        return [a for _s, _i, a in sorted(scored, key=lambda x: (x[0], x[1]))]


def default_kb_folder() -> Path:
    from ctct_desktop.resources import resource_path

    return resource_path("kb")


def _read_one(path: Path, action_names: set[str]) -> Article:
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(f"the file is {size} bytes; articles are limited to {MAX_ARTICLE_BYTES}")
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ArticleError(f"the file is not UTF-8: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ArticleError(f"not valid TOML: {exc}") from None
    return parse_article(data, path, action_names)


def _dangling_links(articles: list[Article]) -> list[KbProblem]:
    known = {a.id for a in articles}
    problems = []
    for article in articles:
        missing = [r for r in article.related if r not in known]
        if missing and article.path is not None:
            problems.append(KbProblem(article.path, f"'related' names unknown article(s) {missing}"))
    return problems


def read_kb(folder: Path) -> KnowledgeBase:
    """Read every ``*.toml`` in ``folder`` (not cached). Never raises for bad files."""
    from ctct_desktop.explain.actions import available_actions

    action_names = set(available_actions())
    articles: list[Article] = []
    problems: list[KbProblem] = []
    if not folder.is_dir():
        return KnowledgeBase((), (KbProblem(folder, "the knowledge-base folder does not exist"),), folder)
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            article = _read_one(path, action_names)
        except (ArticleError, OSError) as exc:
            problems.append(KbProblem(path, str(exc)))
            continue
        except Exception as exc:  # a structure no check anticipated must not sink the whole KB
            problems.append(KbProblem(path, f"unexpected structure: {type(exc).__name__}: {exc}"))
            continue
        if article.id in seen:
            problems.append(KbProblem(path, f"duplicate id '{article.id}' (also in {seen[article.id].name})"))
            continue
        seen[article.id] = path
        articles.append(article)
    problems.extend(_dangling_links(articles))
    return KnowledgeBase(tuple(articles), tuple(problems), folder)


@lru_cache(maxsize=8)
def _cached(folder: str) -> KnowledgeBase:
    return read_kb(Path(folder))


def load_kb(path: Path | None = None) -> KnowledgeBase:
    """The knowledge base in ``path`` (default: the shipped resources/kb), cached per folder."""
    folder = path if path is not None else default_kb_folder()
    return _cached(str(Path(folder).resolve()))


load_kb.cache_clear = _cached.cache_clear  # type: ignore[attr-defined]
