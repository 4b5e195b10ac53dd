"""Dependencies point one way, checked on every import statement (module level or inside a function):

the core (``cpsplatform``) knows no domain app; ``marketplace`` knows only the core; ``events`` may use the
marketplace; ``search`` indexes the marketplace and events; ``matching`` uses search, the marketplace, and plugs its
ranking into events. Where an app must react to another that it may not import, the other sends a signal or offers
a hook (``marketplace.signals``, ``events.matchmaking.set_default_source``) wired in an ``AppConfig.ready()``.

An import spelled as a string counts too: ``import_module("marketplace.x")``, ``import_string(...)``,
``__import__(...)``, ``include(...)`` and any string that names a module of a package (``"events.signals"``,
``"search.receivers:connect"``), as settings-like registries do. The one exception is the root URLconf, which mounts
every app's URLs: it is the project's composition, as ``INSTALLED_APPS`` is, not code of the core.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ALLOWED = {
    "cpsplatform": set(),
    "marketplace": {"cpsplatform"},
    "events": {"cpsplatform", "marketplace"},
    "search": {"cpsplatform", "marketplace", "events"},
    "matching": {"cpsplatform", "marketplace", "events", "search"},
}

#: Files that wire the apps together and so may name them (path relative to the repository root).
COMPOSITION = {"cpsplatform/urls.py"}
#: Functions whose first argument is a module path given as a string.
STRING_IMPORTERS = {"import_module", "import_string", "__import__", "include"}
#: A dotted module path (optionally ``module:attribute``) of one of the packages checked here.
MODULE_PATH = re.compile(rf"^({'|'.join(ALLOWED)})(\.[A-Za-z_]\w*)+(:[A-Za-z_][\w.]*)?$")


def _package_of(dotted: str) -> str:
    return re.split(r"[.:]", dotted, maxsplit=1)[0]


def imported_packages(path: Path) -> set[tuple[str, int]]:
    """(top-level package, line) of every absolute import in the file, including imports spelled as strings."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update((alias.name.split(".")[0], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in STRING_IMPORTERS and isinstance(node.args[0].value, str):
                found.add((_package_of(node.args[0].value), node.lineno))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and MODULE_PATH.match(node.value):
            found.add((_package_of(node.value), node.lineno))
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_it_may_know(package):
    forbidden = set(ALLOWED) - ALLOWED[package] - {package}
    violations = [
        f"{path.relative_to(ROOT)}:{line} imports {imported}"
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in COMPOSITION
        for imported, line in sorted(imported_packages(path))
        if imported in forbidden
    ]
    assert violations == []


def test_the_checker_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from search.indexes import get_client\n    import matching.engine\n")
    assert imported_packages(module) == {("search", 2), ("matching", 3)}


def test_the_checker_sees_imports_spelled_as_strings(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "from importlib import import_module\n"
        "from django.utils.module_loading import import_string\n"
        "def f():\n"
        "    import_module('marketplace.signals')\n"
        "    import_string('events.services.organising.do_create_event')\n"
        "RECEIVERS = ['search.receivers:connect']\n"
    )
    assert {("marketplace", 4), ("events", 5), ("search", 6)} <= imported_packages(module)


def test_the_checker_leaves_words_that_are_not_module_paths(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("LABEL = 'search'\nACTION = 'Search the marketplace.'\n")
    assert imported_packages(module) == set()


PROJECT_PACKAGES = ("cpsplatform", "marketplace", "events", "search", "matching", "scripts", "bench", "tests")


def imported_modules(path: Path) -> set[str]:
    """Full dotted names of every absolute import in the file (``from a.b import c`` gives ``a.b``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_the_declared_elasticsearch_dsl_is_the_one_the_code_imports():
    """``pyproject.toml`` declares ``elasticsearch-dsl``: the code imports it as ``elasticsearch_dsl``, never the
    copy bundled in the client (``elasticsearch.dsl``), so the declared dependency is the one in use."""
    declared = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"elasticsearch-dsl>=' in declared
    bundled = []
    importers = set()
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            modules = imported_modules(path)
            bundled += [
                f"{path.relative_to(ROOT)} imports {m}" for m in modules if m.startswith("elasticsearch.dsl")
            ]
            if any(m.split(".")[0] == "elasticsearch_dsl" for m in modules):
                importers.add(path.relative_to(ROOT).as_posix())
    assert bundled == []
    assert {"search/queries.py", "search/documents.py", "search/discussions_index.py"} <= importers
