"""The language server's wiring: LSP messages in, the shared lint pipeline, LSP results out."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Generator
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidRequest
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path

from nianbao import __version__
from nianbao.engine import INTERNAL_ERROR
from nianbao.forms import DRAFT_SUFFIXES

from .actions import FIX_ALL_KIND, SHOW_DOCS, code_actions, config_target, wants_fix_all
from .checker import Checked, Checker
from .diagnostics import diagnostics
from .documents import Documents
from .hover import hover
from .settings import EditorSettings, Settings
from .stdio import log_to_stderr, serve_stdio
from .symbols import document_symbols

logger = logging.getLogger(__name__)

CONFIG_GLOBS = ("**/nianbao.toml", "**/pyproject.toml")
CONFIG_NAMES = ("nianbao.toml", "pyproject.toml")
# Reports on disk: an open draft is compared with last year's (see years.py).
REPORT_GLOBS = tuple(f"**/*{suffix}" for suffix in DRAFT_SUFFIXES)


class AnsweredError(Exception):
    """A malformed request that has already been answered with its JSON-RPC error."""


class NianbaoProtocol(LanguageServerProtocol):
    """pygls' protocol without its own copy of open documents (see documents.py for why), with
    JSON-RPC error responses for requests whose params do not parse (pygls only shows a message,
    leaving the client waiting for a response forever), and quiet about late cancellations."""

    _initialize_seen = False

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
                raise AnsweredError(f"{data['method']}: {exc.message}") from exc
            raise

    def _handle_request(self, msg_id: Any, method_name: str, params: Any) -> None:
        # A second initialize would re-read the options (and, with trusted: true, load local
        # plugins) mid-session; the LSP specification allows initialize once.
        if method_name == types.INITIALIZE:
            if self._initialize_seen:
                error = JsonRpcInvalidRequest("服务器已经初始化：initialize 只能发送一次")
                self._send_response(msg_id, error=error.to_response_error())
                logger.warning("拒绝了第二个 initialize 请求")
                return
            self._initialize_seen = True
        super()._handle_request(msg_id, method_name, params)

    def _handle_cancel_notification(self, msg_id: Any) -> None:
        # A cancel for a request already answered is normal (the client cancels what it no longer
        # needs, often just after the answer left). pygls logs it as a warning on stderr, which VS
        # Code shows as "[error]": a user reads it as a crash. Cancel quietly.
        if msg_id in self._request_futures:
            super()._handle_cancel_notification(msg_id)

    def _user(self, method: str, params: Any) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams) -> Generator[Any, Any, None]:
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)


class NianbaoServer(LanguageServer):
    def report_server_error(self, error: Exception, source: Any) -> None:
        if isinstance(error, AnsweredError):  # the client got its error response; nothing to show
            self.window_log_message(types.LogMessageParams(types.MessageType.Warning, f"nianbao：无效的请求 {error}"))
            return
        super().report_server_error(error, source)

    def __init__(self) -> None:
        super().__init__(
            "nianbao",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=NianbaoProtocol,
        )
        self.documents = Documents()
        self.settings = Settings(self.report)
        self.checker = Checker(self.documents, lambda doc: self.settings.lint(doc), self.publish)
        self.push = True  # clients that cannot pull get diagnostics pushed (never both: VS Code shows them twice)
        self.roots: list[Path] = []
        self.generation = 0  # bumped when configuration changes, so pulled results are re-sent
        self.loop: asyncio.AbstractEventLoop | None = None

    # --- messages to the user ------------------------------------------------------------------

    def report(self, message: str) -> None:
        """A problem the user should see once (plugin failed, bad configuration); any thread."""
        params = types.ShowMessageParams(types.MessageType.Warning, f"nianbao：{message}")
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.window_show_message, params)

    def publish(self, checked: Checked) -> None:
        for f in checked.findings:
            if f.code == INTERNAL_ERROR:
                self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"nianbao：{f.message}"))
        if self.push:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(checked.uri, diagnostics(checked), version=checked.version)
            )

    def refresh(self) -> None:
        """Configuration changed: check everything again and tell pulling clients to ask again."""
        self.generation += 1
        self.checker.invalidate()
        caps = self.client_capabilities.workspace
        if not self.push and caps and caps.diagnostics and caps.diagnostics.refresh_support:
            self.workspace_diagnostic_refresh(None)

    async def fetch_editor_settings(self) -> None:
        caps = self.client_capabilities.workspace
        if not (caps and caps.configuration):
            return
        try:
            result = await self.workspace_configuration_async(
                types.ConfigurationParams(items=[types.ConfigurationItem(section="nianbao")])
            )
        except Exception as exc:  # a client that announces but fails configuration requests
            self.window_log_message(
                types.LogMessageParams(types.MessageType.Warning, f"nianbao：读取编辑器设置失败：{exc}")
            )
            return
        self.settings.editor = EditorSettings.parse(result[0] if result else None, self.report)


def create_server() -> NianbaoServer:
    server = NianbaoServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: NianbaoServer, params: types.InitializeParams) -> None:
        ls.loop = asyncio.get_running_loop()
        encoding = ls.workspace.position_encoding or types.PositionEncodingKind.Utf16
        ls.documents.encoding = str(encoding.value if isinstance(encoding, types.PositionEncodingKind) else encoding)
        text_caps = params.capabilities.text_document
        ls.push = not (text_caps and text_caps.diagnostic)
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        ls.settings = Settings(ls.report, trusted=options.get("trusted") is True)
        ls.settings.editor = EditorSettings.parse(options.get("settings"), ls.report)
        folders = [f.uri for f in params.workspace_folders or []] or ([params.root_uri] if params.root_uri else [])
        ls.roots = [Path(p) for p in (to_fs_path(uri) for uri in folders) if p]
        ls.settings.reports.roots = ls.roots

    @server.feature(types.INITIALIZED)
    async def initialized(ls: NianbaoServer, params: types.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watch = caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration
        if watch:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in CONFIG_GLOBS + REPORT_GLOBS]
            )
            try:
                await ls.client_register_capability_async(
                    types.RegistrationParams(
                        registrations=[
                            types.Registration(
                                id="nianbao-watched-files",
                                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                register_options=options,
                            )
                        ]
                    )
                )
            except Exception as exc:  # the client announced dynamic registration but refused it
                ls.window_log_message(
                    types.LogMessageParams(types.MessageType.Warning, f"nianbao：无法监视配置文件的变化：{exc}")
                )
        await ls.fetch_editor_settings()
        if ls.settings.editor.select or ls.settings.editor.ignore or ls.settings.editor.severity:
            ls.refresh()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NianbaoServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.documents.open(params.text_document)
        ls.checker.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NianbaoServer, params: types.DidChangeTextDocumentParams) -> None:
        if ls.documents.change(params) is not None:
            ls.checker.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NianbaoServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.documents.close(uri)
        ls.checker.forget(uri)
        if ls.push:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: NianbaoServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [Path(p) for p in (to_fs_path(change.uri) for change in params.changes) if p]
        if any(p.name in CONFIG_NAMES for p in paths) or len(paths) < len(params.changes):
            ls.settings.reload()
        else:  # reports changed on disk: open drafts may have been compared with them
            ls.settings.reports.changed(paths)
        ls.refresh()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def configuration(ls: NianbaoServer, params: types.DidChangeConfigurationParams) -> None:
        caps = ls.client_capabilities.workspace
        if caps and caps.configuration:
            await ls.fetch_editor_settings()
        elif isinstance(params.settings, dict):
            ls.settings.editor = EditorSettings.parse(params.settings.get("nianbao"), ls.report)
        ls.settings.reload()
        ls.refresh()

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(identifier="nianbao", inter_file_dependencies=False, workspace_diagnostics=False),
    )
    async def pull(ls: NianbaoServer, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
        checked = await ls.checker.current(params.text_document.uri)
        if checked is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        result_id = f"{checked.version}.{ls.generation}"
        if params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=diagnostics(checked), result_id=result_id)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=False
        ),
    )
    async def code_action(ls: NianbaoServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        doc = ls.documents.get(params.text_document.uri)
        checked = await ls.checker.current(params.text_document.uri)
        if doc is None or checked is None:
            return None
        fixed = await ls.checker.in_worker(ls.settings.fix_all, doc, checked) if wants_fix_all(params) else None
        target = config_target(doc.path, ls.settings.resolver.config_file(doc.path) if doc.path else None, ls.roots)
        edit_caps = ls.client_capabilities.workspace.workspace_edit if ls.client_capabilities.workspace else None
        can_create = bool(
            edit_caps
            and edit_caps.resource_operations
            and types.ResourceOperationKind.Create in edit_caps.resource_operations
        )
        return code_actions(params, checked, fixed, target, can_create)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: NianbaoServer, params: types.HoverParams) -> types.Hover | None:
        checked = await ls.checker.current(params.text_document.uri)
        if checked is None:
            return None
        offset = checked.index.offset_from_units(params.position.line, params.position.character, checked.encoding)
        return hover(checked, offset)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    async def symbols(ls: NianbaoServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        checked = await ls.checker.current(params.text_document.uri)
        return document_symbols(checked) if checked else []

    @server.command(SHOW_DOCS)
    async def show_docs(ls: NianbaoServer, *args: Any) -> None:
        code = str(args[0]).upper() if args else ""
        rule = next(
            (r for doc in ls.documents.all() for r in [ls.settings.resolver.registry(doc.path).rules.get(code)] if r),
            None,
        ) or ls.settings.resolver.registry(None).rules.get(code)
        if rule is None:
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"nianbao：未知的规则代码 {code}"))
            return
        text = f"# {rule.code} {rule.name}\n\n{rule.summary}（来自 {rule.origin}）\n\n{rule.doc}\n"
        window = ls.client_capabilities.window
        if window and window.show_document and window.show_document.support:
            folder = Path(tempfile.gettempdir()) / "nianbao-docs"
            folder.mkdir(exist_ok=True)
            path = folder / f"{rule.code}.md"
            path.write_text(text, encoding="utf-8")
            uri = from_fs_path(str(path))
            if uri:
                await ls.window_show_document_async(types.ShowDocumentParams(uri=uri, take_focus=True))
                return
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Info, text))

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: NianbaoServer, *args: Any) -> None:
        ls.checker.shutdown()

    return server


def serve(tcp: str | None = None) -> None:
    log_to_stderr()
    server = create_server()
    if tcp:
        host, _, port = tcp.rpartition(":")
        server.start_tcp(host or "127.0.0.1", int(port))
    else:
        serve_stdio(server)
