"""The folders are the layers: imports point down, and a package's private names stay inside it.

docs/architecture.md draws the picture these tests hold the code to.
"""

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).parents[1] / "src"

LAYERS = ("errors", "model", "packing", "tracking", "planning", "contract", "entry points")
"""From the bottom up: a module may import from its own layer and the layers below it."""


def _layer(module: str) -> str:
    """The layer of a dotted module name of orderpack's."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "entry points"  # orderpack itself, the command line, batches, strategies, ...


def _package(module: str) -> str:
    """The package that owns a module: a subpackage (a layer, the command line), or orderpack."""
    parts = module.split(".")
    inside = len(parts) > 2 or (SOURCE / "orderpack" / parts[-1] / "__init__.py").exists()
    return ".".join(parts[:2]) if len(parts) > 1 and inside else "orderpack"


def _modules() -> dict[str, Path]:
    """Every module of orderpack by its dotted name."""
    found = {}
    for path in sorted((SOURCE / "orderpack").rglob("*.py")):
        parts = path.relative_to(SOURCE).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(path: Path) -> list[tuple[str, str, int]]:
    """Each name *path* imports from orderpack: its module, the name, and the line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("orderpack"):
            for alias in node.names:  # a module imported by name is that module's import
                submodule = f"{node.module}.{alias.name}"
                is_module = (SOURCE / submodule.replace(".", "/")).with_suffix(".py").exists() or (
                    SOURCE / submodule.replace(".", "/") / "__init__.py"
                ).exists()
                found.append(
                    (submodule, "", node.lineno)
                    if is_module
                    else (node.module or "", alias.name, node.lineno)
                )
        elif isinstance(node, ast.Import):
            found += [
                (alias.name, "", node.lineno)
                for alias in node.names
                if alias.name.startswith("orderpack")
            ]
    return found


MODULES = _modules()


def test_the_layers_hold_every_module() -> None:
    """Each module belongs to one layer; the layer packages are where the design puts them."""
    assert {_layer(name) for name in MODULES} == set(LAYERS)
    assert {
        name for name in MODULES if name.count(".") == 1 and _layer(name) != "entry points"
    } == {f"orderpack.{layer}" for layer in LAYERS[:-1]}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_down(name: str) -> None:
    """Model <- packing <- tracking <- planning <- contract <- the entry points."""
    upward = [
        f"line {line}: {module}"
        for module, _, line in _imports(MODULES[name])
        if LAYERS.index(_layer(module)) > LAYERS.index(_layer(name))
    ]
    assert upward == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_crosses_a_package(name: str) -> None:
    """A name or module starting with ``_`` is imported only inside the package that owns it."""
    crossing = [
        f"line {line}: {imported or module} from {module}"
        for module, imported, line in _imports(MODULES[name])
        for target in [f"{module}.{imported}" if imported else module]
        if any(part.startswith("_") and part != "__version__" for part in target.split(".")[1:])
        and _package(module) != _package(name)
    ]
    assert crossing == []


def test_generated_code_is_compiled_in_one_place() -> None:
    """Only orderpack.model.generated calls exec or compile: one home for generated code."""
    calling = sorted(
        {
            name
            for name, path in MODULES.items()
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"exec", "eval", "compile"}
        }
    )

    assert calling == ["orderpack.model.generated"]
