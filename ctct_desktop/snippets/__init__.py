"""Answer with working code: a request as a runnable snippet in the customer's language.

No Qt. Secrets never appear: each snippet reads its credentials from environment variables named
in its opening comment, and prints the status code on its first line, then the body.
"""

from ctct_desktop.snippets.plan import SnippetError, SnippetPlan, plan_snippet
from ctct_desktop.snippets.registry import LANGUAGE_IDS, LANGUAGES, Language, language, snippet

__all__ = ["LANGUAGES", "LANGUAGE_IDS", "Language", "SnippetError", "SnippetPlan", "language",
           "plan_snippet", "snippet"]
