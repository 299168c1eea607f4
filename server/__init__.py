"""nianbao's language server (``nianbao lsp``): the same pipeline as the CLI, as LSP features.

Only this package imports pygls and lsprotocol; importing it costs about half a second, which
the CLI must never pay. Modules: `documents` (open drafts with LSP-conformant lines), `checker`
(coalesced linting off the event loop), `settings` (configuration files + editor settings),
`diagnostics`, `actions`, `hover`, `symbols` (findings → LSP), `app` (the wiring).
"""
