"""Plugin discovery, loading and isolation; the rule registry they feed.

Built-in rules (``nianbao.rules``) register through the same hooks as everyone else. External
plugins come from the entry-point group ``nianbao`` (the entry-point name is the plugin's code
prefix) or from ``local-plugins`` paths in the configuration. A plugin that fails to import or
whose hook raises is reported once and skipped; nothing else is affected.

Entry points are found by `nianbao.entrypoints`, without importing any plugin.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

from .entrypoints import discover_entry_points, local_stamp
from .errors import ConfigError
from .record import Record
from .ruledef import Rule
from .template import TemplateSet, TemplateVariants

# What plugin configuration defaults may set: the rule selection. Paths, exit status and inference
# stay the user's, so that excluding files or answering from the cache never needs plugins loaded.
PLUGIN_DEFAULT_KEYS = ("select", "ignore", "severity", "per-file-ignores")
BUILTIN_PREFIX = "NB"
PREFIX_PATTERN = re.compile(r"^[A-Z]{1,3}$")


class PluginInfo(Record):
    __slots__ = ("prefix", "name", "version", "source", "loaded", "error", "rules")
    prefix: str
    name: str
    version: str
    source: str  # builtin | entry-point | local
    loaded: bool
    error: str
    rules: tuple[str, ...]

    def __init__(
        self,
        prefix: str,
        name: str,
        version: str,
        source: str,
        loaded: bool = False,
        error: str = "",
        rules: tuple[str, ...] = (),
    ) -> None:
        self._init(prefix, name, version, source, loaded, error, rules)

    @property
    def origin(self) -> str:
        return "nianbao" if self.source == "builtin" else f"{self.name} {self.version}".strip()


class Registry(Record):
    __slots__ = ("rules", "templates", "defaults", "plugins", "problems")
    rules: dict[str, Rule]
    templates: TemplateSet
    defaults: dict[str, Any]
    plugins: list[PluginInfo]
    problems: list[str]  # each reported once by the caller

    def __init__(
        self,
        rules: dict[str, Rule] | None = None,
        templates: TemplateSet | None = None,
        defaults: dict[str, Any] | None = None,
        plugins: list[PluginInfo] | None = None,
        problems: list[str] | None = None,
    ) -> None:
        self._init(rules or {}, templates or TemplateSet(), defaults or {}, plugins or [], problems or [])


def _identity(obj: Any) -> Any:
    return obj


def _load_object(value: str) -> Any:
    module_name, _, attr = value.partition(":")
    obj: Any = importlib.import_module(module_name.strip())
    for part in attr.strip().split(".") if attr.strip() else ():
        obj = getattr(obj, part)
    return obj


def load_local_module(path: Path) -> ModuleType:
    """Import a Python file or package directory from the user's repository, without packaging."""
    target = path / "__init__.py" if path.is_dir() else path
    name = "nianbao_local_" + re.sub(r"\W", "_", str(path.resolve()))
    spec = importlib.util.spec_from_file_location(
        name, target, submodule_search_locations=[str(path)] if path.is_dir() else None
    )
    if spec is None or spec.loader is None:
        raise ImportError(f"无法加载 {path}")
    module = importlib.util.module_from_spec(spec)
    for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[loaded]  # a changed plugin is loaded afresh, its submodules too
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


# Registries by configuration. An entry holds the plugin objects it was built from, so the id()
# in its key cannot be reused by another object while the entry lives; local plugins are keyed by
# their files' stamp, so a changed file is loaded again. The oldest entries go first.
_CACHE: OrderedDict[tuple[Any, ...], tuple[Registry, tuple[Any, ...]]] = OrderedDict()
_CACHE_SIZE = 64


def build_registry(
    *,
    entry_points: bool = True,
    enabled: Sequence[str] | None = None,
    disabled: Sequence[str] = (),
    local: Sequence[Path] = (),
    extra: Sequence[tuple[str, Any]] = (),
) -> Registry:
    """The registry for one configuration: built-in rules plus the selected plugins.

    *enabled* limits external plugins to these prefixes; *disabled* removes prefixes; *local* are
    paths of local plugins; *extra* are (prefix, plugin object) pairs registered directly (tests,
    ``nianbao.testing``). Raises ConfigError when two plugins claim one prefix.
    """
    key = (
        entry_points,
        tuple(enabled) if enabled is not None else None,
        tuple(disabled),
        tuple(str(p) for p in local),
        local_stamp(local),
        tuple((p, id(o)) for p, o in extra),
    )
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key][0]
    registry = _build(entry_points, enabled, disabled, local, extra)
    _CACHE[key] = (registry, tuple(o for _, o in extra))
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return registry


def _build(
    entry_points: bool,
    enabled: Sequence[str] | None,
    disabled: Sequence[str],
    local: Sequence[Path],
    extra: Sequence[tuple[str, Any]],
) -> Registry:
    import pluggy

    from . import hookspec
    from . import rules as builtin

    pm = pluggy.PluginManager(hookspec.PROJECT)
    pm.add_hookspecs(hookspec)
    registry = Registry()
    candidates: list[tuple[PluginInfo, Callable[[], Any]]] = [
        (PluginInfo(BUILTIN_PREFIX, "nianbao", _own_version(), "builtin"), partial(_identity, builtin))
    ]
    if entry_points:
        for ref in discover_entry_points():
            if ref.name in disabled or (enabled is not None and ref.name not in enabled):
                continue
            info = PluginInfo(ref.name, ref.dist, ref.version, "entry-point")
            candidates.append((info, partial(_load_object, ref.value)))
    for path in local:
        candidates.append((PluginInfo("", str(path), "", "local"), partial(load_local_module, path)))
    for prefix, obj in extra:
        candidates.append((PluginInfo(prefix, getattr(obj, "__name__", prefix), "", "local"), partial(_identity, obj)))

    claimed: dict[str, PluginInfo] = {}
    variants: list[TemplateVariants] = []
    for info, load in candidates:
        registry.plugins.append(info)
        plugin: Any = None
        try:
            plugin = load()
            if info.source == "local" and not info.prefix:
                info.prefix = str(getattr(plugin, "PREFIX", "") or "")
            if info.prefix and info.prefix != BUILTIN_PREFIX and not PREFIX_PATTERN.match(info.prefix):
                raise ValueError(f"代码前缀“{info.prefix}”不合规：应为 1–3 个大写字母")
            if info.prefix in claimed:
                raise ConfigError(
                    f"插件 {info.origin} 与 {claimed[info.prefix].origin} 都声明了代码前缀 {info.prefix}；"
                    f"请用 disable-plugins 停用其中一个"
                )
            pm.register(plugin, name=info.prefix or info.name)
            found: list[Rule] = [r for batch in _call(pm, "nianbao_rules", plugin) for r in (batch or ())]
            across = [r for batch in _call(pm, "nianbao_year_rules", plugin) for r in (batch or ())]
            for r in across:
                if not isinstance(r, Rule) or r.compare is None:
                    raise ValueError(f"nianbao_year_rules 返回了不是跨年度规则（year_rule）的对象 {r!r}")
            found += across
            if not info.prefix:
                info.prefix = _common_prefix(found)
            for r in found:
                if not r.code.startswith(info.prefix):
                    raise ValueError(f"规则代码 {r.code} 不以插件前缀 {info.prefix} 开头")
                if r.code in registry.rules:
                    raise ValueError(f"规则代码 {r.code} 已被 {registry.rules[r.code].origin} 使用")
            new_variants = [v for v in _call(pm, "nianbao_template_variants", plugin) if v]
            new_defaults = [d for d in _call(pm, "nianbao_config_defaults", plugin) if d]
        except (ConfigError, KeyboardInterrupt):
            raise
        except BaseException as exc:  # an import error, a raising hook, SystemExit, a bad rule: skip this plugin only
            info.error = f"{type(exc).__name__}: {exc}"
            registry.problems.append(f"插件 {info.origin}（前缀 {info.prefix or '?'}）加载失败，已跳过：{info.error}")
            if plugin is not None and pm.is_registered(plugin):
                pm.unregister(plugin)
            continue
        claimed[info.prefix] = info
        info.loaded = True
        for defaults in new_defaults:
            for key in set(defaults) - set(PLUGIN_DEFAULT_KEYS):
                registry.problems.append(f"插件 {info.origin} 的默认配置中“{key}”只能由用户设置，已忽略")
        new_defaults = [{k: v for k, v in d.items() if k in PLUGIN_DEFAULT_KEYS} for d in new_defaults]
        info.rules = tuple(sorted(r.code for r in found))
        variants.extend(new_variants)
        for defaults in new_defaults:
            _merge(registry.defaults, dict(defaults))
        for r in found:
            registry.rules[r.code] = r if info.source == "builtin" else r.replace(origin=info.origin)
    registry.rules = dict(sorted(registry.rules.items()))
    registry.templates = TemplateSet.build(variants)
    return registry


def _call(pm: Any, hook: str, plugin: Any) -> list[Any]:
    """Call one plugin's implementation of *hook* (so a failure is attributed to that plugin)."""
    caller = getattr(pm.hook, hook)
    return [impl.function() for impl in caller.get_hookimpls() if impl.plugin is plugin]


def _common_prefix(rules: Sequence[Rule]) -> str:
    prefixes = {re.match(r"[A-Z]*", r.code).group() for r in rules}  # type: ignore[union-attr]
    if len(prefixes) != 1:
        raise ValueError("本地插件的规则代码前缀不一致；请在模块中设置 PREFIX")
    return prefixes.pop()


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, list) and isinstance(into.get(key), list):
            into[key] = into[key] + [v for v in value if v not in into[key]]
        else:
            into[key] = value


def _own_version() -> str:
    from . import __version__

    return __version__
