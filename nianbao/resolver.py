"""Configuration and rule registry for each draft: shared by the CLI and the language server.

For a draft path it finds the nearest configuration, loads it once, builds the registry that
configuration asks for (plugins, local plugins, plugin defaults) once, and turns both into the
`Selection` the engine runs with. Plugin load problems are reported once through a callback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, config_from_mapping, find_config_file, load_config, read_config_mapping
from .engine import Selection
from .entrypoints import local_stamp
from .errors import UsageError

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
        selectors = (self.config_file(file), (*(select or ()), "|", *(ignore or ()), "|", *extra_ignore))
        if selectors not in self._checked:
            for option, codes in (("select", select), ("ignore", ignore), ("ignore", extra_ignore)):
                for code in codes or ():
                    if code != "ALL" and not any(r.startswith(code) for r in registry.rules):
                        raise UsageError(f"{option} 中的 “{code}” 不对应任何规则（nianbao rules 可列出全部规则）")
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
