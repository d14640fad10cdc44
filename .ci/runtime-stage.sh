#!/usr/bin/env bash
# Runs outside Docker what the Dockerfile's runtime stage runs: a production-only
# install of the built package, then `node dist/cli/main.js serve`, checked
# through /readyz, /search, /widget.js, the demo page and POST /mcp, and stopped with SIGTERM (exit 0 expected).
set -euo pipefail
cd "$(dirname "$0")/.."
archive="$(cd ../shared/archive/blog-posts && pwd)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp package.json package-lock.json "$stage/"
cp -r dist data "$stage/"
rm -rf "$stage/data/archive"
(cd "$stage" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
test ! -e "$stage/node_modules/typescript" || { echo "runtime stage: dev dependencies were installed"; exit 1; }

log="$stage/serve.log"
(cd "$stage" && NODE_ENV=production HOST=127.0.0.1 PORT=0 ARCHIVE_DIR="$archive" exec node dist/cli/main.js serve) >"$log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -nE 's/.*"msg":"ready: serving .* on (http:[^"]+)".*/\1/p' "$log" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "runtime stage: the server exited"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$log"; echo "runtime stage: not ready in 10 s"; exit 1; }
node -e "
const base = process.argv[1];
const ready = await fetch(base + '/readyz').then((r) => r.json());
const hit = await fetch(base + '/search?q=tail+calls&limit=1').then((r) => r.json());
if (ready.status !== 'ready' || ready.issues !== 5) throw new Error('readyz: ' + JSON.stringify(ready));
if (hit.hits[0].id !== '5-the-cost-of-bpf-tail-calls') throw new Error('search: ' + JSON.stringify(hit.hits[0]));
const widget = await fetch(base + '/widget.js');
if (!widget.ok || !(await widget.text()).includes('ebpf-updates-search')) throw new Error('widget.js: ' + widget.status);
const demo = await fetch(base + '/');
if (!demo.ok || !(await demo.text()).includes('<ebpf-updates-search')) throw new Error('demo page: ' + demo.status);
// MCP over Streamable HTTP: the SDK is a production dependency.
const mcp = await fetch(base + '/mcp', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) }).then((r) => r.json());
if (!mcp.result || !mcp.result.tools.some((tool) => tool.name === 'search_archive')) throw new Error('mcp: ' + JSON.stringify(mcp));
console.log('runtime stage: ready with ' + ready.items + ' items at ' + base);
" "$url"
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[ "$status" -eq 0 ] || { cat "$log"; echo "runtime stage: exit $status after SIGTERM"; exit 1; }
echo "runtime stage: stopped cleanly on SIGTERM"
