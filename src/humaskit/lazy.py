"""Names of a package found on first use: one lookup for the packages that load lazily.

``humaskit.teaching`` and ``humaskit.plots`` offer every public name of their step modules
flat (``hk.teaching.check_mix``, ``hk.plots.plot_pyramid``); ``humaskit.report`` and
``humaskit.files`` load their modules when first asked. Each of them sets its module-level
``__getattr__`` with :func:`module_getattr`, so ``import humaskit`` stays fast and the lookup
is written once.

Layer: core (imports nothing of the package).

Examples
--------
>>> import types
>>> getattr_ = module_getattr("json", ("decoder",))
>>> getattr_("JSONDecoder").__name__
'JSONDecoder'
>>> isinstance(getattr_("decoder"), types.ModuleType)
True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

__all__ = ["module_getattr"]


def _submodule(package: str, name: str) -> ModuleType | None:
    """``package.name`` imported, or None when there is no such module."""
    try:
        return importlib.import_module(f".{name}", package)
    except ModuleNotFoundError as exc:
        if exc.name == f"{package}.{name}":
            return None
        raise


def module_getattr(package: str, modules: tuple[str, ...] | None = None) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that loads what is asked on first use.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    modules : tuple of str, optional
        Modules searched in order: a name is the module itself or a name in its ``__all__``
        (the first module that lists it wins). ``None``: any submodule, by its own name only.

    Returns
    -------
    callable
        ``__getattr__(name)``; it raises :class:`AttributeError` for private and unknown names.

    Examples
    --------
    >>> getattr_ = module_getattr("json")
    >>> getattr_("decoder").__name__
    'json.decoder'
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'json' has no attribute 'nothing'
    """

    def __getattr__(name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if modules is None:
            module = _submodule(package, name)
            if module is not None:
                return module
        for mod in modules or ():
            module = _submodule(package, mod)
            if module is None:
                continue
            if mod == name:
                return module
            if name in getattr(module, "__all__", ()):
                return getattr(module, name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
