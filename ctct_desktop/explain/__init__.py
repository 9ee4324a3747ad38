"""The explainer: every error response explained from the knowledge base and linked to its fix.

No Qt here; the response pane's card and the article viewer call this API. Names load lazily so
that `ctct-desktop --help` (which imports ``ctct_desktop.explain.command``) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ctct_desktop.explain.engine import explain, needs_explaining
    from ctct_desktop.explain.kb import KnowledgeBase, load_kb
    from ctct_desktop.explain.model import ActionRef, Article, Explanation, KbProblem
    from ctct_desktop.explain.render import article_markdown, index_markdown

_WHERE = {
    "explain": "engine", "needs_explaining": "engine", "KnowledgeBase": "kb", "load_kb": "kb",
    "ActionRef": "model", "Article": "model", "Explanation": "model", "KbProblem": "model",
    "article_markdown": "render", "index_markdown": "render",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'ctct_desktop.explain' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"ctct_desktop.explain.{module}"), name)
    globals()[name] = value
    return value
