"""Code actions: quick fixes, fix-all, suppressions, configuration, documentation.

Every action is a plain WorkspaceEdit or a server-side command, so any editor can apply it without
client code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.uris import from_fs_path

from nianbao.config import CONFIG_FILE, ignore_code_edit
from nianbao.fixes import select_fixes
from nianbao.results import FileResult
from nianbao.ruledef import SAFE
from nianbao.source import LineIndex, Source

from .checker import Checked
from .diagnostics import SOURCE, fix_edits, range_json
from .documents import lsp_range

FIX_ALL_KIND = "source.fixAll.nianbao"
SHOW_DOCS = "nianbao.showDocumentation"


def _wanted(only: list[str] | None, kind: str) -> bool:
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


def _only(params: types.CodeActionParams) -> list[str] | None:
    return [str(k) for k in params.context.only] if params.context.only else None


def wants_fix_all(params: types.CodeActionParams) -> bool:
    """Whether the client asks for (or does not exclude) the fix-all action, which costs lints."""
    return _wanted(_only(params), FIX_ALL_KIND)


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def _range(data: dict[str, Any]) -> types.Range:
    s, e = data["start"], data["end"]
    return types.Range(types.Position(s["line"], s["character"]), types.Position(e["line"], e["character"]))


def code_actions(
    params: types.CodeActionParams,
    checked: Checked,
    fixed: FileResult | None,
    config_target: Path | None,
    can_create_files: bool,
) -> list[types.CodeAction]:
    uri = checked.uri
    only = _only(params)
    actions: list[types.CodeAction] = []
    newline = Source.from_text(checked.text).newline
    seen_codes: set[str] = set()
    for diag in params.context.diagnostics:
        if diag.source != SOURCE:
            continue
        code = str(diag.code)
        fix = diag.data.get("fix") if isinstance(diag.data, dict) else _fix_from_result(diag, checked, newline)
        if fix and _wanted(only, types.CodeActionKind.QuickFix):
            edits = [types.TextEdit(_range(e["range"]), e["newText"]) for e in fix["edits"]]
            actions.append(
                types.CodeAction(
                    title=f"{code}：{fix['description']}"
                    + ("" if fix["applicability"] == SAFE else "（建议，请复核）"),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=fix["applicability"] == SAFE,
                    edit=_edit(uri, edits),
                )
            )
        if code in seen_codes or not _wanted(only, types.CodeActionKind.QuickFix):
            continue
        seen_codes.add(code)
        same = [f.fix for f in checked.findings if f.code == code and f.fix]
        if len(same) > 1:
            chosen = select_fixes(same)
            edits = [e for fx in chosen for e in fix_edits(fx, checked.index, checked.encoding, newline)]
            actions.append(
                types.CodeAction(
                    title=f"修复本文件中所有 {code}（{len(chosen)} 处）",
                    kind=types.CodeActionKind.QuickFix,
                    edit=_edit(uri, edits),
                )
            )
        actions.extend(_suppressions(code, diag, checked, config_target, can_create_files))
        actions.append(
            types.CodeAction(
                title=f"查看 {code} 的说明",
                kind=types.CodeActionKind.QuickFix,
                command=types.Command(title=f"查看 {code} 的说明", command=SHOW_DOCS, arguments=[code]),
            )
        )
    if fixed is not None and _wanted(only, FIX_ALL_KIND):
        actions.append(_fix_all(checked, fixed))
    return actions


def _fix_from_result(diag: types.Diagnostic, checked: Checked, newline: str) -> dict[str, Any] | None:
    """The fix of the finding a diagnostic came from, for clients that do not send ``data`` back."""
    for f in checked.findings:
        if (
            f.code == str(diag.code)
            and f.fix
            and lsp_range(checked.index, checked.encoding, f.start, f.end) == diag.range
        ):
            return {
                "applicability": f.fix.applicability,
                "description": f.fix.description,
                "edits": [
                    {"range": range_json(e.range), "newText": e.new_text}
                    for e in fix_edits(f.fix, checked.index, checked.encoding, newline)
                ],
            }
    return None


def _suppressions(
    code: str, diag: types.Diagnostic, checked: Checked, config_target: Path | None, can_create_files: bool
) -> list[types.CodeAction]:
    index = checked.index
    line = min(diag.range.start.line, index.line_count - 1)
    _, line_end = index.line_bounds(line)
    at_end = lsp_range(index, checked.encoding, line_end, line_end)
    comment = f"<!-- nianbao-disable-line {code} -->"
    newline = Source.from_text(checked.text).newline
    out = [
        types.CodeAction(
            title=f"在本行禁用 {code}",
            kind=types.CodeActionKind.QuickFix,
            edit=_edit(checked.uri, [types.TextEdit(at_end, comment)]),
        ),
        types.CodeAction(
            title=f"在本文件禁用 {code}",
            kind=types.CodeActionKind.QuickFix,
            edit=_edit(
                checked.uri,
                [
                    types.TextEdit(
                        lsp_range(index, checked.encoding, 0, 0), f"<!-- nianbao-disable-file {code} -->{newline}"
                    )
                ],
            ),
        ),
    ]
    if config_target is not None:
        edit = _config_edit(config_target, code, can_create_files)
        if edit is not None:
            out.append(
                types.CodeAction(
                    title=f"在 {config_target.name} 中忽略 {code}", kind=types.CodeActionKind.QuickFix, edit=edit
                )
            )
    return out


def _config_edit(target: Path, code: str, can_create_files: bool) -> types.WorkspaceEdit | None:
    uri = from_fs_path(str(target))
    if uri is None:
        return None
    if target.is_file():
        text = target.read_text(encoding="utf-8")
        start, end, new_text = ignore_code_edit(text, code, pyproject=target.name == "pyproject.toml")
        if not new_text:
            return None  # already ignored there
        index = LineIndex(text)
        return _edit(uri, [types.TextEdit(lsp_range(index, "utf-16", start, end), new_text)])
    if not can_create_files:
        return None
    return types.WorkspaceEdit(
        document_changes=[
            types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)),
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
                edits=[
                    types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 0)), f'ignore = ["{code}"]\n')
                ],
            ),
        ]
    )


def _fix_all(checked: Checked, fixed: FileResult) -> types.CodeAction:
    """All safe fixes (*fixed*: `Settings.fix_all`'s result for *checked*) as one minimal edit."""
    assert fixed.source is not None
    old, new = checked.text, fixed.source.text
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    edit = types.TextEdit(
        lsp_range(checked.index, checked.encoding, head, len(old) - tail), new[head : len(new) - tail]
    )
    return types.CodeAction(
        title=f"nianbao：修复全部可安全修复的问题（{fixed.fixed} 处）",
        kind=FIX_ALL_KIND,
        edit=_edit(checked.uri, [edit]),
    )


def config_target(path: Path | None, found: Path | None, roots: list[Path]) -> Path | None:
    """Where "ignore in nianbao.toml" writes: the configuration in use, or a new nianbao.toml at the
    workspace root that contains the draft (or next to it)."""
    if found is not None:
        return found
    if path is None:
        return None
    for root in roots:
        if root in path.parents:
            return root / CONFIG_FILE
    return path.parent / CONFIG_FILE
