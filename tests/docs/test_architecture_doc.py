"""The docs that travel with a clone stay true to the tree: every path and module they name exists,
the layers they describe are the import-linter contracts, and the README links to them, not outside.

Which backticked words count as paths: in docs/architecture.md every word with a slash (commands are
split into words; URLs, ``~``/``$`` paths and ``<placeholders>`` are not paths of the tree); in
docs/packaging.md, which also names build outputs and install targets, the words that start in one of
the repository's own folders. A word ``ctct_desktop.x.y`` must be a module, or a name defined in one.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = ROOT / "docs" / "architecture.md"
PACKAGING = ROOT / "docs" / "packaging.md"
REPO_FOLDERS = ("ctct_desktop/", "packaging/", "resources/", "scripts/", "tests/", "docs/", "benchmarks/", ".ci/")
_SPAN = re.compile(r"`([^`\n]+)`")
_DOTTED = re.compile(r"ctct_desktop(?:\.\w+)+")


def backticked_words(text: str) -> list[str]:
    words = []
    for span in _SPAN.findall(text):
        words += [word.strip("\"'(),;:") for word in span.split()]
    return [word for word in words if word]


def is_tree_path(word: str) -> bool:
    return "/" in word and not word.startswith(("/", "~", "$", "-")) and "://" not in word \
        and not any(ch in word for ch in "<>{}*")


def dotted_name_exists(dotted: str) -> bool:
    """``ctct_desktop.send.running`` (a module) or ``ctct_desktop.send.plan`` (a name in one)."""
    parts = dotted.split(".")
    path, rest = ROOT / parts[0], parts[1:]
    while rest and ((path / rest[0]).is_dir() or (path / f"{rest[0]}.py").is_file()):
        path = path / rest[0] if (path / rest[0]).is_dir() else path / f"{rest[0]}.py"
        rest = rest[1:]
    if not rest:
        return True
    if len(rest) > 1:
        return False
    source = (path / "__init__.py" if path.is_dir() else path).read_text(encoding="utf-8")
    name = re.escape(rest[0])
    return re.search(rf"^(?:def|class) {name}\b|^{name}\s*[:=]|^\s+\"{name}\",?$|import .*\b{name}\b", source,
                     re.M) is not None


def test_every_path_the_architecture_page_names_exists() -> None:
    paths = [word for word in backticked_words(ARCHITECTURE.read_text(encoding="utf-8")) if is_tree_path(word)]
    assert len(paths) > 50  # the page is about the tree: a parser that found nothing would pass vacuously
    missing = sorted({path for path in paths if not (ROOT / path.rstrip("/")).exists()})
    assert not missing, f"docs/architecture.md names paths that do not exist: {missing}"


def test_every_repository_path_the_packaging_page_names_exists() -> None:
    words = backticked_words(PACKAGING.read_text(encoding="utf-8"))
    paths = [word.replace("\\", "/") for word in words if word.replace("\\", "/").startswith(REPO_FOLDERS)]
    assert len(paths) > 10
    missing = sorted({path for path in paths if not (ROOT / path.rstrip("/")).exists()})
    assert not missing, f"docs/packaging.md names paths that do not exist: {missing}"


@pytest.mark.parametrize("page", [ARCHITECTURE, PACKAGING], ids=lambda p: p.name)
def test_every_module_and_name_the_pages_give_exists(page: Path) -> None:
    dotted = {word for word in backticked_words(page.read_text(encoding="utf-8")) if _DOTTED.fullmatch(word)}
    wrong = sorted(name for name in dotted if not dotted_name_exists(name))
    assert not wrong, f"{page.name} names modules or names that do not exist: {wrong}"


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {contract["name"]: contract for contract in config["tool"]["importlinter"]["contracts"]}


def test_the_layer_table_is_the_layers_contract_top_to_bottom() -> None:
    layers = next(c for c in _contracts().values() if c["type"] == "layers")
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert f"**\"{layers['name']}\"**" in text
    rows = re.findall(r"^\| (\d+) \| (.+?) \| [^|]+ \|$", text, re.M)
    documented = [sorted(_SPAN.findall(packages)) for _number, packages in rows]
    declared = [sorted(name.strip() for name in layer.split("|")) for layer in layers["layers"]]  # type: ignore[union-attr]
    assert documented == declared
    assert [int(number) for number, _packages in rows] == list(range(1, len(declared) + 1))


def test_the_forbidden_contract_is_named_with_every_package_it_covers() -> None:
    forbidden = next(c for c in _contracts().values() if c["type"] == "forbidden")
    text = ARCHITECTURE.read_text(encoding="utf-8")
    paragraph = text[text.index(f"**\"{forbidden['name']}\"**"):]
    paragraph = paragraph[:paragraph.index("\n\n")]
    named = set(_SPAN.findall(paragraph))
    listed = {*forbidden["source_modules"], *forbidden["forbidden_modules"]}  # type: ignore[misc]
    assert listed <= named, f"not named: {sorted(listed - named)}"
    for ignored in forbidden["ignore_imports"]:  # type: ignore[union-attr]
        source, target = (part.strip() for part in ignored.split("->"))
        assert f"`{source}` may import `{target}`" in paragraph


def test_the_readme_sends_contributors_to_docs_in_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme
    for page in ("docs/architecture.md", "docs/ctct-api-reference.md", "docs/packaging.md"):
        assert f"]({page})" in readme, f"the README does not link {page}"
        assert (ROOT / page).is_file()
    linked = re.findall(r"\]\(([^)#\s]+)\)", readme)
    missing = [target for target in linked if "://" not in target and not (ROOT / target).exists()]
    assert not missing, f"the README links files that do not exist: {missing}"


def test_the_files_that_name_docs_packaging_find_it() -> None:
    for source in (ROOT / "packaging" / "ctct-desktop.spec", ROOT / "pyproject.toml",
                   ROOT / "ctct_desktop" / "cli" / "desktop_entry.py"):
        assert "docs/packaging.md" in source.read_text(encoding="utf-8")
    assert PACKAGING.is_file()


def test_the_api_reference_says_first_what_cites_it() -> None:
    first = (ROOT / "docs" / "ctct-api-reference.md").read_text(encoding="utf-8").splitlines()[0]
    assert "rule ids" in first and "error ids" in first
