"""Configuration and rule registry for each draft: shared by the CLI and the language server.

For a draft path it finds the nearest configuration, loads it once, builds the registry that
configuration asks for (plugins, local plugins, plugin defaults) once, and turns both into the
`Selection` the engine runs with. Plugin load problems are reported once through a callback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from .config import Config, config_from_mapping, find_config_file, load_config, read_config_mapping
from .entrypoints import local_stamp
from .errors import ConfigError, UsageError
from .selectors import Selection, hint, letters, matches_any

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:  # plugins (and pluggy) load on the first cache miss, not at start-up
    from .plugins import Registry


class Resolver:
    def __init__(
        self,
        explicit_config: Path | None = None,
        report: Callable[[str], None] = lambda message: None,
        allow_local_plugins: bool = True,
        watch_local_plugins: bool = False,
    ) -> None:
        """*watch_local_plugins*: notice when a local plugin's files change and load it again
        (the language server, which lives longer than an edit; a stat per file and lint)."""
        if explicit_config is not None and not explicit_config.is_file():
            raise UsageError(f"配置文件不存在：{explicit_config}")
        self.explicit = explicit_config
        self.report = report
        self.allow_local_plugins = allow_local_plugins
        self._found: dict[Path, Path | None] = {}  # directory → its configuration file
        self._checked: set[tuple[Path | None, tuple[str, ...]]] = set()  # selectors known to be valid
        self._checked_files: set[Path] = set()  # configuration files whose codes were checked
        self._base: dict[Path | None, Config] = {}
        self._configs: dict[Path | None, Config] = {}
        self._registries: dict[Path | None, Registry] = {}
        self._stamps: dict[Path | None, str] = {}  # local plugins' files when their registry was built
        self.watch_local_plugins = watch_local_plugins
        self._reported: set[str] = set()

    def forget(self) -> None:
        """Drop everything loaded (a configuration file changed)."""
        self._found.clear()
        self._checked.clear()
        self._checked_files.clear()
        self._base.clear()
        self._configs.clear()
        self._registries.clear()
        self._stamps.clear()

    def config_file(self, file: Path | None) -> Path | None:
        if self.explicit is not None:
            return self.explicit
        return find_config_file(file.parent if file is not None else Path.cwd(), self._found)

    def base_config(self, file: Path | None) -> Config:
        """The user's own configuration, without plugin defaults (needs no plugin loaded)."""
        path = self.config_file(file)
        if path not in self._base:
            self._base[path] = load_config(path) if path else Config()
        return self._base[path]

    def config(self, file: Path | None) -> Config:
        """The configuration in force: plugin defaults (rule selection only) under the user's own."""
        path = self.config_file(file)
        if path not in self._configs:
            config = self.base_config(file)
            registry = self._registry(path, config)
            if registry.defaults:
                config = config_from_mapping(read_config_mapping(path) if path else {}, path, registry.defaults)
            self._configs[path] = config
        return self._configs[path]

    def registry(self, file: Path | None) -> Registry:
        config = self.config(file)
        path = self.config_file(file)
        if (
            self.watch_local_plugins
            and config.local_plugins
            and self._stamps.get(path) != local_stamp(config.local_plugins)
        ):
            self._configs.pop(path, None)  # a local plugin's file changed: load it again
            self._registries.pop(path, None)
            self._checked = {checked for checked in self._checked if checked[0] != path}
            config = self.config(file)
        return self._registries[path]

    def _registry(self, path: Path | None, config: Config) -> Registry:
        if path not in self._registries:
            local = config.local_plugins
            if local and not self.allow_local_plugins:
                self._once(f"工作区不受信任，未加载本地插件：{', '.join(str(p) for p in local)}")
                local = []
            from .plugins import build_registry

            self._stamps[path] = local_stamp(config.local_plugins)
            registry = build_registry(enabled=config.plugins, disabled=config.disable_plugins, local=local)
            for problem in registry.problems:
                self._once(problem)
            self._registries[path] = registry
        return self._registries[path]

    def _check_config(self, path: Path | None, registry: Registry) -> None:
        """Every code the user's configuration file names must select a rule: a typo would silently
        turn checks off. Codes of a plugin that is named or installed but not loaded only warn, and
        so does a plugin in ``plugins`` that is not installed."""
        if path is None or path in self._checked_files:
            return
        config = self._base[path]
        if config.plugins:
            from .entrypoints import discover_entry_points

            installed = sorted({ref.name for ref in discover_entry_points()})
            listed = f"已安装的插件：{'、'.join(installed)}" if installed else "没有安装任何插件"
            for name in config.plugins:
                if name not in installed:
                    self._once(f"{path}：plugins 中的“{name}”没有安装，此项暂不生效（{listed}）")
        for key, code in config.selectors():
            exact = key == "severity"
            if (code in registry.rules) if exact else matches_any(code, registry.rules):
                continue
            why = _absent_plugin(code, config, registry)
            if why is None:
                what = "不是规则代码" if exact else "不对应任何规则"
                raise ConfigError(f"{path}：{key} 中的“{code}”{what}{self._hint(code, registry, not exact)}")
            if why:
                self._once(f"{path}：{key} 中的“{code}”{why}，此项暂不生效")
        self._checked_files.add(path)

    @staticmethod
    def _hint(code: str, registry: Registry, prefixes: bool = True) -> str:
        return hint(code, list(registry.rules), prefixes=prefixes)

    def _once(self, message: str) -> None:
        if message not in self._reported:
            self._reported.add(message)
            self.report(message)

    def selection(
        self,
        file: Path | None,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        extra_ignore: Sequence[str] = (),
        severity: dict[str, str] | None = None,
    ) -> Selection:
        """The selection for *file*: *select*/*ignore* replace the configuration's, *extra_ignore*
        adds to it, *severity* overrides per rule. Unknown selectors are a UsageError."""
        config = self.config(file)
        registry = self.registry(file)
        path = self.config_file(file)
        selectors = (path, (*(select or ()), "|", *(ignore or ()), "|", *extra_ignore, "|", *(severity or ())))
        if selectors not in self._checked:
            for option, codes in (("select", select), ("ignore", ignore), ("ignore", extra_ignore)):
                for code in codes or ():
                    if not matches_any(code, registry.rules):
                        raise UsageError(f"{option} 中的“{code}”不对应任何规则{self._hint(code, registry)}")
            for code in severity or ():
                if code not in registry.rules:
                    raise UsageError(f"severity 中的“{code}”不是规则代码{self._hint(code, registry, False)}")
            self._check_config(path, registry)
            self._checked.add(selectors)
        base_ignore = list(ignore) if ignore is not None else list(config.ignore)
        per_file = config.ignores_for(file) if file is not None else []
        return Selection(
            select=list(select) if select is not None else config.select,
            ignore=[*base_ignore, *extra_ignore, *per_file],
            severity={**config.severity, **(severity or {})},
            inference=config.inference_for(file) if file is not None else dict(config.inference),
            rule_timeout=config.rule_timeout,
            max_file_size=config.max_file_size,
        )


def _absent_plugin(code: str, config: Config, registry: Registry) -> str | None:
    """For a code that no loaded rule matches: why, when it belongs to a plugin that is not loaded
    ("" when that plugin is switched off on purpose); None when no plugin can claim it (a typo)."""
    from .entrypoints import discover_entry_points
    from .plugins import BUILTIN_PREFIX

    prefix = letters(code)
    if not prefix or prefix == BUILTIN_PREFIX:
        return None
    installed = any(ref.name == prefix for ref in discover_entry_points())
    if prefix in config.disable_plugins or (installed and config.plugins is not None and prefix not in config.plugins):
        return ""
    if installed:
        return f"属于插件 {prefix}，该插件未能加载"  # its load failure is reported on its own
    if config.plugins is not None and prefix in config.plugins:
        return f"属于插件 {prefix}，该插件没有安装"
    local_unknown = any(info.source == "local" and not info.loaded for info in registry.plugins)
    if local_unknown or (config.local_plugins and not any(info.source == "local" for info in registry.plugins)):
        return "可能属于未加载的本地插件，无法核对"
    return None
