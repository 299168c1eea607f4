// The VS Code side of nianbao: find and start `nianbao lsp`, and give it the drafts.
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from "vscode-languageclient/node";
import { markdownOutline } from "./outline";
import { documentSelector, isDraft } from "./selector";
import { canImportNianbao, resolveServer, ServerCommand } from "./server";
import { findingsTooltip } from "./status";

// nianbao's README, "Set up" (the repository named in package.json): it is not on a package index.
const INSTALL_URL = "https://example.invalid/nianbao#set-up";
const FIX_ALL = "source.fixAll.nianbao";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: vscode.StatusBarItem;
let configDirs: string[] = [];
let extensionPath = "";

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel("nianbao", { log: true });
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.command = "nianbao.showOutput";
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand("nianbao.restart", () => restart()),
    vscode.commands.registerCommand("nianbao.fixAll", () => fixAllInActiveEditor()),
    vscode.commands.registerCommand("nianbao.showOutput", () => output.show(true)),
    vscode.languages.onDidChangeDiagnostics(() => updateStatus()),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    vscode.workspace.onWillSaveTextDocument((event) => {
      if (settings().get<boolean>("fixAllOnSave") && isDraftDocument(event.document)) {
        event.waitUntil(fixAllEdits(event.document));
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (["nianbao.path", "nianbao.args", "nianbao.include"].some((key) => event.affectsConfiguration(key))) {
        void restart();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
  );
  const watcher = vscode.workspace.createFileSystemWatcher("**/nianbao.toml", false, true, false);
  watcher.onDidCreate(() => void restart());
  watcher.onDidDelete(() => void restart());
  context.subscriptions.push(watcher, { dispose: () => void client?.stop() });
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration("nianbao");
}

function isDraftDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === "file" && isDraft(document.uri.fsPath, settings().get<string[]>("include") ?? [], configDirs);
}

async function pythonInterpreter(): Promise<string | undefined> {
  const python = vscode.extensions.getExtension("ms-python.python");
  if (!python) return undefined;
  try {
    const api = python.isActive ? python.exports : await python.activate();
    const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
    const env = api?.environments?.getActiveEnvironmentPath?.(resource);
    if (env?.path) return env.path as string;
    const details = api?.settings?.getExecutionDetails?.(resource);
    return details?.execCommand?.[0];
  } catch (error) {
    output.appendLine(`Python extension not usable: ${error}`);
    return undefined;
  }
}

async function findServer(): Promise<ServerCommand | undefined> {
  const interpreter = await pythonInterpreter();
  return resolveServer({
    extensionPath,
    configuredPath: settings().get<string>("path") ?? "",
    extraArgs: settings().get<string[]>("args") ?? [],
    trusted: vscode.workspace.isTrusted,
    interpreter,
    interpreterHasNianbao: interpreter ? await canImportNianbao(interpreter, extensionPath) : false,
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === "file").map((f) => f.uri.fsPath),
    envPath: process.env.PATH ?? "",
    home: os.homedir(),
    pipxBinDir: process.env.PIPX_BIN_DIR,
    platform: process.platform,
  });
}

async function start(): Promise<void> {
  setStatus("$(sync~spin) nianbao", vscode.l10n.t("Starting the nianbao server…"));
  const found = await vscode.workspace.findFiles("**/nianbao.toml", "**/node_modules/**", 200);
  configDirs = found.map((uri) => path.dirname(uri.fsPath));
  const server = await findServer();
  if (!server) {
    setStatus("$(error) nianbao", vscode.l10n.t("nianbao is not installed"));
    const install = vscode.l10n.t("How to install");
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t(
        "nianbao was not found. Install it from its repository with pipx (pipx install git+URL) or into the selected Python environment, or set nianbao.path.",
      ),
      install,
    );
    if (choice === install) void vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
    return;
  }
  output.appendLine(`Starting ${server.command} ${server.args.join(" ")} (found: ${server.source}; in ${server.cwd})`);
  if (!vscode.workspace.isTrusted && settings().get<string>("path")) {
    output.appendLine("Workspace is not trusted: nianbao.path is ignored and local plugins are not loaded.");
  }
  const serverOptions: ServerOptions = { command: server.command, args: server.args, options: { cwd: server.cwd } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(settings().get<string[]>("include") ?? [], configDirs),
    outputChannel: output,
    synchronize: { configurationSection: "nianbao" },
    initializationOptions: {
      trusted: vscode.workspace.isTrusted,
      settings: { select: settings().get("select"), ignore: settings().get("ignore") },
    },
    middleware: {
      // VS Code outlines Markdown headings itself: add only what its outline lacks.
      provideDocumentSymbols: async (document, token, next) => {
        const symbols = await next(document, token);
        if (document.languageId !== "markdown" || !symbols || !symbols.length || !("children" in symbols[0])) {
          return symbols;
        }
        const lineText = (line: number) => (line < document.lineCount ? document.lineAt(line).text : undefined);
        return markdownOutline(symbols as vscode.DocumentSymbol[], lineText);
      },
    },
  };
  client = new LanguageClient("nianbao", "nianbao", serverOptions, clientOptions);
  client.onDidChangeState((event) => {
    if (event.newState === State.Running) updateStatus();
    else if (event.newState === State.Stopped) setStatus("$(circle-slash) nianbao", vscode.l10n.t("The nianbao server is stopped"));
  });
  try {
    await client.start();
  } catch (error) {
    setStatus("$(error) nianbao", String(error));
    void vscode.window.showErrorMessage(vscode.l10n.t("The nianbao server failed to start: {0}", String(error)));
  }
}

async function restart(): Promise<void> {
  const old = client;
  client = undefined;
  await old?.stop();
  await start();
}

function setStatus(text: string, tooltip: string): void {
  status.text = text;
  status.tooltip = tooltip;
  status.show();
}

function updateStatus(): void {
  if (!client || client.state !== State.Running) return;
  let count = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    count += diagnostics.filter((d) => d.source === "nianbao").length;
  }
  setStatus(count ? `$(warning) nianbao ${count}` : "$(check) nianbao", findingsTooltip(count, vscode.l10n.t));
}

async function fixAllEdits(document: vscode.TextDocument): Promise<vscode.TextEdit[]> {
  const range = new vscode.Range(0, 0, document.lineCount, 0);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    "vscode.executeCodeActionProvider", document.uri, range, FIX_ALL,
  );
  const action = actions?.find((a) => a.kind?.value === FIX_ALL);
  return action?.edit?.get(document.uri) ?? [];
}

async function fixAllInActiveEditor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isDraftDocument(editor.document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Open a draft to fix."));
    return;
  }
  const edits = await fixAllEdits(editor.document);
  if (!edits.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t("Nothing to fix safely."));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(editor.document.uri, edits);
  await vscode.workspace.applyEdit(edit);
}
