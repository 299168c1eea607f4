"""Driving the real `nianbao lsp` process over stdio JSON-RPC with pytest-lsp's client."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import attrs
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import make_test_lsp_client

from nianbao.source import LineIndex

SERVER = [sys.executable, "-m", "nianbao", "lsp"]


def capabilities(spec: str) -> types.ClientCapabilities:
    """Real clients' capabilities; "vscode-pull" is VS Code as of today (pulls, asks for refresh)."""
    if spec != "vscode-pull":
        return client_capabilities(spec)
    caps = client_capabilities("visual-studio-code")
    assert caps.text_document is not None and caps.workspace is not None
    td = attrs.evolve(
        caps.text_document,
        diagnostic=types.DiagnosticClientCapabilities(dynamic_registration=True, related_document_support=False),
    )
    ws = attrs.evolve(caps.workspace, diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True))
    return attrs.evolve(caps, text_document=td, workspace=ws)


class Session:
    def __init__(self, client: LanguageClient, caps: types.ClientCapabilities, encoding: str) -> None:
        self.client = client
        self.caps = caps
        self.encoding = encoding
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}
        self.published: list[tuple[str, int | None]] = []

    @property
    def pulls(self) -> bool:
        return bool(self.caps.text_document and self.caps.text_document.diagnostic)

    def open(self, path: Path, text: str, language: str = "plaintext") -> str:
        uri = from_fs_path(str(path)) or str(path)
        self.texts[uri] = text
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text))
        )
        return uri

    def position(self, uri: str, offset: int) -> types.Position:
        line, col = LineIndex(self.texts[uri]).units_position(offset, self.encoding)
        return types.Position(line, col)

    def offset(self, uri: str, position: types.Position) -> int:
        return LineIndex(self.texts[uri]).offset_from_units(position.line, position.character, self.encoding)

    def change(self, uri: str, start: int, end: int, new_text: str) -> None:
        """An incremental edit, expressed in the negotiated position encoding."""
        rng = types.Range(self.position(uri, start), self.position(uri, end))
        text = self.texts[uri]
        self.texts[uri] = text[:start] + new_text + text[end:]
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                [types.TextDocumentContentChangePartial(range=rng, text=new_text)],
            )
        )

    def apply(self, uri: str, edits: Sequence[types.TextEdit]) -> None:
        """Apply a WorkspaceEdit's edits the way an editor does, as one incremental change each."""
        spans = sorted(
            ((self.offset(uri, e.range.start), self.offset(uri, e.range.end), e.new_text) for e in edits), reverse=True
        )
        for start, end, new_text in spans:
            self.change(uri, start, end, new_text)

    async def diagnostics(self, uri: str, timeout: float = 20) -> list[types.Diagnostic]:
        """The diagnostics for the document's current version (pulled, or waited for)."""
        if self.pulls:
            report = await self.client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri))
            )
            assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)  # no previous result id was sent
            return list(report.items)
        version = self.versions[uri]
        deadline = asyncio.get_running_loop().time() + timeout
        while (uri, version) not in self.published:
            remaining = deadline - asyncio.get_running_loop().time()
            assert remaining > 0, f"no diagnostics for version {version}"
            await asyncio.wait_for(
                self.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), remaining
            )
        return list(self.client.diagnostics[uri])

    async def actions(
        self, uri: str, diags: list[types.Diagnostic], only: list[str] | None = None, rng: types.Range | None = None
    ) -> list[types.CodeAction]:
        rng = rng or (diags[0].range if diags else types.Range(types.Position(0, 0), types.Position(0, 0)))
        result = await self.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri),
                range=rng,
                context=types.CodeActionContext(diagnostics=diags, only=only),
            )
        )
        actions = []
        for a in result or []:
            if isinstance(a, types.Command) and a.command.startswith("{"):
                # lsprotocol's client-side hook reads any action with a "command" key as a Command
                # (and stringifies the nested object); editors tell the two apart by whether
                # "command" is a string. Undo the mis-parse.
                actions.append(types.CodeAction(title=a.title, command=types.Command(**ast.literal_eval(a.command))))
            elif isinstance(a, types.CodeAction):
                actions.append(a)
        return actions


def raw_exchange(messages: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Send raw JSON-RPC messages (possibly malformed) one by one; a request waits for its response."""
    import json
    import subprocess

    proc = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None
    responses: dict[int, dict[str, Any]] = {}
    try:
        for message in messages:
            body = json.dumps(message).encode()
            proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            proc.stdin.flush()
            while "id" in message and message["id"] not in responses:
                length = 0
                while (line := proc.stdout.readline()) not in (b"\r\n", b""):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                assert length, "the server closed its output"
                reply = json.loads(proc.stdout.read(length))
                if "id" in reply and "method" not in reply:
                    responses[reply["id"]] = reply
    finally:
        proc.kill()
        proc.wait()
    return responses


@contextlib.asynccontextmanager
async def session(
    spec: str = "visual-studio-code",
    root: Path | None = None,
    options: dict[str, Any] | None = None,
    configuration: dict[str, Any] | None = None,
    command: list[str] | None = None,
    **process: Any,
) -> AsyncIterator[Session]:
    """A session with the server; *process* goes to the subprocess (``cwd``, ``env``)."""
    client = make_test_lsp_client()
    if configuration is not None:
        client.set_configuration(configuration)
    caps = capabilities(spec)
    published: list[tuple[str, int | None]] = []

    features = client.protocol.fm.features
    store = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def on_publish(*args: Any) -> None:  # remember every publish's version, then store as usual
        params: types.PublishDiagnosticsParams = args[-1]
        published.append((params.uri, params.version))
        store(*args)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_publish

    await client.start_io(*(command or SERVER), **process)
    root_uri = from_fs_path(str(root)) if root else None
    result = await client.initialize_session(
        types.InitializeParams(
            capabilities=caps,
            root_uri=root_uri,
            initialization_options=options,
            workspace_folders=[types.WorkspaceFolder(uri=root_uri, name="ws")] if root_uri else None,
        )
    )
    negotiated = result.capabilities.position_encoding or "utf-16"
    encoding = negotiated.value if isinstance(negotiated, types.PositionEncodingKind) else str(negotiated)
    s = Session(client, caps, encoding)
    s.published = published
    try:
        yield s
    finally:
        await client.shutdown_session()
        await client.stop()
