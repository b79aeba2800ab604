"""Tell mypy that a class decorated ``@model`` is keyword-only, as orderpack makes it.

To a type checker, ``orderpack.model.classes.model`` is ``attrs.frozen`` (the module says so
under ``TYPE_CHECKING``), so any checker reads a model class's constructor, converters and
frozenness with no plugin. What a checker cannot see is that ``@model`` also makes every field
keyword-only. This plugin, for this project's own ``mypy``, hands a class decorated ``@model``
to mypy's attrs plugin as if it were decorated ``@attrs.frozen(kw_only=True)``, so that a call
by position is an error here as it is at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.nodes import ARG_NAMED, CallExpr, NameExpr
from mypy.plugin import Plugin
from mypy.plugins.attrs import attr_class_maker_callback

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy.plugin import ClassDefContext

FROZEN = "attrs.frozen"


def _as_frozen_keyword_only(ctx: ClassDefContext) -> bool:
    """Analyse the class as attrs' own ``@attrs.frozen(kw_only=True)`` would be analysed."""
    frozen = ctx.api.lookup_fully_qualified_or_none(FROZEN)
    callee = NameExpr("frozen")  # attrs' own, whose signature names kw_only
    callee.fullname = FROZEN
    callee.node = None if frozen is None else frozen.node
    true = NameExpr("True")
    true.fullname = "builtins.True"
    reason = CallExpr(callee, [true], [ARG_NAMED], ["kw_only"])
    return attr_class_maker_callback(
        ctx._replace(reason=reason), auto_attribs_default=None, frozen_default=True
    )


def _frozen(ctx: ClassDefContext) -> bool:
    """A class decorated ``@model`` as keyword-only; any other as mypy reads ``attrs.frozen``."""
    if isinstance(ctx.reason, NameExpr) and ctx.reason.name == "model":
        return _as_frozen_keyword_only(ctx)
    return attr_class_maker_callback(ctx, auto_attribs_default=None, frozen_default=True)


class ModelPlugin(Plugin):
    """Reads ``@model`` as ``@attrs.frozen(kw_only=True)``."""

    def get_class_decorator_hook_2(self, fullname: str) -> Callable[[ClassDefContext], bool] | None:
        """Make the class's attrs methods, keyword-only where the decorator is ``@model``."""
        return _frozen if fullname == FROZEN else None


def plugin(version: str) -> type[Plugin]:  # noqa: ARG001 - mypy's entry point takes the version
    """The plugin mypy loads."""
    return ModelPlugin
