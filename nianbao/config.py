"""Configuration: ``nianbao.toml`` or ``[tool.nianbao]`` in ``pyproject.toml``, nearest wins.

Keys (all optional)::

    select = ["NB"]               # codes or prefixes to enable (default: every rule)
    ignore = ["NB903"]            # codes or prefixes to disable; the more specific selector wins
    fail-on = "warning"           # lowest severity that makes `nianbao check` exit 1
    exclude = ["archive/**"]      # paths skipped when walking directories
    report-year = 2023            # what the linter infers, for drafts where inference cannot work
    template = "2021"
    agency = "莱州市柞村镇人民政府"
    province = "山东"             # whose provincial rules apply (plugins decide from the agency otherwise)
    previous = "2022/柞村镇.docx"   # last year's report (cross-year rules), relative to this file; must exist
    copied-prose-threshold = 0.5  # NB605: share of section 五 copied from last year that is reported
    plugins = ["SD"]              # only these external plugins (by prefix); default: all installed
    disable-plugins = ["XY"]
    local-plugins = ["tools/our_rules.py"]
    rule-timeout = 10             # seconds each rule may run on one draft before it becomes NB001; 0: no limit
    max-file-size = 10            # MB; a larger draft is not checked but gets one NB002; 0: no limit

    [severity]                    # per-rule severity: error | warning | info
    NB206 = "error"

    [per-file-ignores]
    "old/*.txt" = ["NB5"]

    [[overrides]]                 # per-file settings (the keys from report-year to copied-prose-threshold)
    files = ["2019/*.txt"]
    report-year = 2019

Invalid configuration raises ConfigError naming the file and the key (exit status 2). Codes are
read case-insensitively; one that matches no rule is an error too, raised by the resolver once the
rules are known (`Config.selectors` lists them).
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from .errors import ConfigError, why
from .lazyre import lazy
from .record import Record
from .ruledef import SEVERITIES
from .selectors import DEFAULT_MAX_FILE_SIZE, DEFAULT_SECONDS

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from typing import Any

CONFIG_FILE = "nianbao.toml"
INFERENCE_KEYS = ("report-year", "template", "agency", "province")
# Per-file settings: inference overrides and the cross-year settings (top level or [[overrides]]).
PER_FILE_KEYS = (*INFERENCE_KEYS, "previous", "copied-prose-threshold")
_LIST_KEYS = ("select", "ignore", "exclude", "plugins", "disable-plugins", "local-plugins")
_LIMIT_KEYS = ("rule-timeout", "max-file-size")
_KNOWN = (
    set(_LIST_KEYS) | set(PER_FILE_KEYS) | set(_LIMIT_KEYS) | {"severity", "per-file-ignores", "overrides", "fail-on"}
)


class Config(Record):
    """One configuration file's settings (all defaults: no file), as `load_config` reads them."""

    __slots__ = (
        "path",
        "select",
        "ignore",
        "severity",
        "per_file_ignores",
        "exclude",
        "fail_on",
        "inference",
        "overrides",
        "plugins",
        "disable_plugins",
        "local_plugins",
        "rule_timeout",
        "max_file_size",
    )
    path: Path | None  # the file it came from (None: defaults)
    select: list[str] | None
    ignore: list[str]
    severity: dict[str, str]
    per_file_ignores: dict[str, list[str]]
    exclude: list[str]
    fail_on: str
    inference: dict[str, Any]
    overrides: list[tuple[list[str], dict[str, Any]]]
    plugins: list[str] | None
    disable_plugins: list[str]
    local_plugins: list[Path]
    rule_timeout: float | None  # None: no limit
    max_file_size: int | None  # bytes; None: no limit

    def __init__(self, path: Path | None = None) -> None:
        self._init(path, None, [], {}, {}, [], "warning", {}, [], None, [], [], DEFAULT_SECONDS, DEFAULT_MAX_FILE_SIZE)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def relative(self, file: Path) -> str:
        try:
            return file.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return file.as_posix()

    def is_excluded(self, file: Path) -> bool:
        return bool(self.exclude) and _matches_any(self.relative(file), self.exclude)

    def ignores_for(self, file: Path) -> list[str]:
        if not self.per_file_ignores:  # the common case; spares resolving the path per draft
            return []
        rel = self.relative(file)
        return [
            code for pattern, codes in self.per_file_ignores.items() if _matches_any(rel, [pattern]) for code in codes
        ]

    def selectors(self) -> Iterator[tuple[str, str]]:
        """Every rule code or prefix this configuration names, as (key, code): the key says where,
        e.g. ``ignore`` or ``per-file-ignores."old/*.txt"``. ``severity`` keys are full codes."""
        for code in self.select or ():
            yield "select", code
        for code in self.ignore:
            yield "ignore", code
        for pattern, codes in self.per_file_ignores.items():
            for code in codes:
                yield f'per-file-ignores."{pattern}"', code
        for code in self.severity:
            yield "severity", code

    def inference_for(self, file: Path) -> dict[str, Any]:
        result = dict(self.inference)
        if not self.overrides:
            return result
        rel = self.relative(file)
        for patterns, values in self.overrides:
            if _matches_any(rel, patterns):
                result.update(values)
        return result


def _matches_any(rel: str, patterns: list[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern + "/*"):
            return True
        if "/" not in pattern and fnmatch.fnmatchcase(name, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:]):
            return True
    return False


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8-sig"))  # Notepad saves UTF-8 with a BOM
    except OSError as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{why(exc)}") from exc
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise ConfigError(f"配置文件 {path} 第 {line} 行不是 UTF-8 编码（TOML 文件应保存为 UTF-8）") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {path} {_toml_problem(str(exc))}") from exc


# tomllib's messages (without their position) in Chinese; others are shown as they are.
_TOML_PROBLEMS = {
    "Invalid value": '取值无效（文字要加引号，列表写成 ["NB1", "NB2"]）',
    "Invalid statement": "无法识别的语句",
    "Unclosed array": "列表缺少“]”",
    "Unclosed inline table": "内联表缺少“}”",
    "Unterminated string": "字符串缺少结束的引号",
    "Illegal character '\\n'": "字符串缺少结束的引号",
    "Expected '=' after a key in a key/value pair": "键后面缺少“=”",
    "Expected newline or end of document after a statement": "一项设置之后多出了内容（每项设置单独一行）",
    "Cannot overwrite a value": "同一个键设置了两次",
    "Invalid initial character for a key part": "键名以不能用的字符开头（含空格或中文的键名要加引号）",
    "Expected ']' at the end of a table declaration": "表头缺少“]”",
    "Expected ']]' at the end of an array declaration": "表数组的表头缺少“]]”",
}
_TOML_AT = lazy(r"^(?P<what>.*?) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$", re.S)


def _toml_problem(message: str) -> str:
    """Where a TOML syntax error is and what it is, in Chinese, from tomllib's *message* (which
    ends "(at line 3, column 9)" or "(at end of document)")."""
    m = _TOML_AT.match(message)
    if m is None:
        return f"不是合法的 TOML：{message}"
    what = m["what"]
    if m["line"] is None:  # tomllib got to the end still inside a list, table or string
        known = _TOML_PROBLEMS.get(what) if what != "Invalid value" else None
        return f"到末尾仍不完整，不是合法的 TOML：{known or '可能缺少“]”、“}”或引号'}"
    problem = _TOML_PROBLEMS.get(what, f"语法错误（{what}）")
    return f"第 {m['line']} 行第 {m['column']} 列不是合法的 TOML：{problem}"


def _shown(value: Any) -> str:
    """A configured value as messages quote it after Chinese text: text in Chinese quotes, the rest
    as TOML writes it, after a space (as Chinese text sets Latin letters and digits apart)."""
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, bool):
        return " true" if value else " false"
    if isinstance(value, (list, dict)):  # TOML's arrays and inline tables read like JSON's
        import json

        return " " + json.dumps(value, ensure_ascii=False)
    return f" {value}"


def read_config_mapping(path: Path) -> dict[str, Any]:
    """The raw settings of one configuration file (the [tool.nianbao] table of a pyproject.toml)."""
    data = _load_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("nianbao", {})
    return data


def load_config(path: Path, defaults: Mapping[str, Any] | None = None) -> Config:
    """Read and validate one configuration file (nianbao.toml or pyproject.toml)."""
    return config_from_mapping(read_config_mapping(path), path, defaults)


def config_from_mapping(
    data: Mapping[str, Any], path: Path | None, defaults: Mapping[str, Any] | None = None
) -> Config:
    where = str(path) if path else "配置"
    merged: dict[str, Any] = dict(defaults or {})
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    for key in merged:
        if key not in _KNOWN:
            raise ConfigError(f"{where}：未知的配置项“{key}”（可用：{'、'.join(sorted(_KNOWN))}）")
    config = Config(path=path)
    for key in _LIST_KEYS:
        if key in merged:
            value = merged[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}：配置项“{key}”应为字符串列表")
    if "select" in merged:
        config.select = _codes(merged["select"])
    config.ignore = _codes(merged.get("ignore", []))
    config.exclude = list(merged.get("exclude", []))
    if "plugins" in merged:
        config.plugins = list(merged["plugins"])
    config.disable_plugins = list(merged.get("disable-plugins", []))
    base = path.parent if path else Path.cwd()
    config.local_plugins = [(base / p) for p in merged.get("local-plugins", [])]
    for p in config.local_plugins:
        if not p.exists():
            raise ConfigError(f"{where}：local-plugins 中的路径不存在：{p}")
    fail_on = merged.get("fail-on", "warning")
    if fail_on not in SEVERITIES:
        raise ConfigError(f"{where}：配置项“fail-on”应为 {' / '.join(SEVERITIES)} 之一，而不是{_shown(fail_on)}")
    config.fail_on = fail_on
    for key in _LIMIT_KEYS:
        value = merged.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < float("inf"):
            raise ConfigError(f"{where}：配置项“{key}”应为不小于 0 的数字（0 表示不限），而不是{_shown(value)}")
    if "rule-timeout" in merged:
        config.rule_timeout = float(merged["rule-timeout"]) or None
    if "max-file-size" in merged:
        config.max_file_size = int(merged["max-file-size"] * 2**20) or None
    severity = merged.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}：配置项“severity”应为表（代码 = 严重程度）")
    for code, level in severity.items():
        if level not in SEVERITIES:
            raise ConfigError(f"{where}：severity.{code} 应为 {' / '.join(SEVERITIES)} 之一，而不是{_shown(level)}")
    config.severity = {code.strip().upper(): level for code, level in severity.items()}
    pfi = merged.get("per-file-ignores", {})
    if not isinstance(pfi, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in pfi.values()
    ):
        raise ConfigError(f"{where}：配置项“per-file-ignores”应为表（路径模式 = 代码列表）")
    config.per_file_ignores = {k: _codes(v) for k, v in pfi.items()}
    config.inference = _inference(merged, where, "", path)
    overrides = merged.get("overrides", [])
    if not isinstance(overrides, list) or not all(isinstance(o, dict) for o in overrides):
        raise ConfigError(f"{where}：配置项“overrides”应为表数组（[[overrides]]）")
    for i, entry in enumerate(overrides):
        files = entry.get("files")
        if not isinstance(files, list) or not files or not all(isinstance(f, str) for f in files):
            raise ConfigError(f"{where}：overrides[{i}].files 应为非空的路径模式列表")
        unknown = set(entry) - {"files", *PER_FILE_KEYS}
        if unknown:
            raise ConfigError(f"{where}：overrides[{i}] 中有未知的配置项“{sorted(unknown)[0]}”")
        config.overrides.append((list(files), _inference(entry, where, f"overrides[{i}].", path)))
    return config


def _codes(values: list[str]) -> list[str]:
    """Rule codes as the command line takes them: case and surrounding spaces do not matter."""
    return [v.strip().upper() for v in values]


def _inference(data: Mapping[str, Any], where: str, prefix: str, path: Path | None) -> dict[str, Any]:
    """The per-file settings in *data* (the top level or one [[overrides]] entry), validated;
    ``previous`` made absolute against the configuration file's folder."""
    result: dict[str, Any] = {}
    if "report-year" in data:
        year = data["report-year"]
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
            raise ConfigError(f"{where}：{prefix}report-year 应为年份整数（如 2023），而不是{_shown(year)}")
        result["report-year"] = year
    if "template" in data:
        from .template import TEMPLATES  # the template data is not needed to start a cached run

        template = str(data["template"])
        if template not in TEMPLATES:
            raise ConfigError(
                f"{where}：{prefix}template 应为 {' / '.join(TEMPLATES)} 之一，而不是{_shown(data['template'])}"
            )
        result["template"] = template
    if "agency" in data:
        agency = data["agency"]
        if not isinstance(agency, str) or not agency.strip():
            raise ConfigError(f"{where}：{prefix}agency 应为机关名称字符串")
        result["agency"] = agency.strip()
    if "province" in data:
        province = data["province"]
        if not isinstance(province, str) or not province.strip():
            raise ConfigError(f"{where}：{prefix}province 应为省级行政区名称字符串（如“山东”）")
        result["province"] = province.strip()
    if "previous" in data:
        previous = data["previous"]
        if not isinstance(previous, str) or not previous.strip():
            raise ConfigError(f"{where}：{prefix}previous 应为上年报告的路径（相对于配置文件所在目录）")
        named = (path.parent if path else Path.cwd()) / previous.strip()
        if not named.is_file():  # a typo would silently turn the cross-year rules off
            missing = "不存在" if not named.exists() else "不是文件"
            raise ConfigError(f"{where}：{prefix}previous 指定的{_shown(previous)}{missing}（{named}）")
        result["previous"] = str(named)
    if "copied-prose-threshold" in data:
        share = data["copied-prose-threshold"]
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
            raise ConfigError(
                f"{where}：{prefix}copied-prose-threshold 应为 0 到 1 之间的比例（如 0.5），而不是{_shown(share)}"
            )
        result["copied-prose-threshold"] = float(share)
    return result


def find_config_file(directory: Path, cache: dict[Path, Path | None] | None = None) -> Path | None:
    """The nearest nianbao.toml, or pyproject.toml with [tool.nianbao], at or above *directory*.

    *cache* remembers answers per directory for one run (the CLI walks many files per folder),
    under the directory as given too, so a repeated question costs no path resolution.
    """
    if cache is not None and directory in cache:
        return cache[directory]
    given = directory
    directory = directory.resolve()
    chain = [given]
    result = None
    for d in (directory, *directory.parents):
        if cache is not None and d in cache:
            result = cache[d]
            break
        chain.append(d)
        candidate = d / CONFIG_FILE
        if candidate.is_file():
            result = candidate
            break
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            result = pyproject
            break
    if cache is not None:
        for d in chain:
            cache[d] = result
    return result


def _has_tool_section(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            return any(line.strip().startswith("[tool.nianbao") for line in fh)
    except OSError:
        return False


_TABLE_HEADER = re.compile(r"^\s*\[")
_IGNORE_LINE = lazy(r"^(?P<head>\s*ignore\s*=\s*\[)(?P<items>[^\]\n]*)(?P<tail>\]\s*(?:#.*)?)$", re.M)


def ignore_code_edit(text: str, code: str, pyproject: bool = False) -> tuple[int, int, str]:
    """The (start, end, new_text) edit adding *code* to ``ignore`` in a configuration file's text.

    Works on nianbao.toml (top-level keys) and pyproject.toml (the [tool.nianbao] table); an existing
    single-line ``ignore = [...]`` is extended, otherwise a new ``ignore`` line is added.
    """
    start, end = 0, len(text)
    if pyproject:
        m = re.search(r"^\s*\[tool\.nianbao\]\s*$", text, re.M)
        if m is None:
            sep = "" if not text or text.endswith("\n") else "\n"
            addition = f'{sep}\n[tool.nianbao]\nignore = ["{code}"]\n'
            return len(text), len(text), addition
        start = m.end() + 1 if m.end() < len(text) else m.end()
    for line in re.finditer(r"^.*$", text[start:], re.M):
        if _TABLE_HEADER.match(line.group()):
            end = start + line.start()
            break
    m = _IGNORE_LINE.search(text, start, end)
    if m:
        items = m.group("items").strip().rstrip(",")
        if re.search(rf"[\"']{re.escape(code)}[\"']", items):
            return m.start(), m.start(), ""
        joined = f'{items}, "{code}"' if items else f'"{code}"'
        return m.start("items"), m.end("items"), joined
    return start, start, f'ignore = ["{code}"]\n'
