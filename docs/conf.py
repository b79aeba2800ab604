"""Sphinx configuration for orderpack's documentation (MyST Markdown, furo)."""

from importlib.metadata import version as _version

project = "orderpack"
author = "The orderpack authors"
copyright = "2026, the orderpack authors"  # noqa: A001 - Sphinx's own name
release = _version("orderpack")

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = "orderpack"
html_static_path = ["_static"]
html_css_files = ["orderpack.css"]
