#!/usr/bin/env bash
# The API contract, checked from outside: starts the app (Kestrel on loopback, SQLite demo district in a temporary
# folder), lints /openapi/v1.json with Redocly's recommended rules (0 errors required), generates a TypeScript client
# with openapi-typescript, compiles it with tsc --strict and runs it against the server: login, list, download, upload.
# Exits non-zero on any failure. Tool versions come from package-lock.json (npm ci).
# COBUILD_WEB_DLL: the built app (default: src/CoBuild.Web/bin/Debug/net10.0/CoBuild.Web.dll, built when missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
for tool in node npm curl python3 dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { echo "check.sh: $tool is not installed (scripts/install-test-deps.sh installs it)" >&2; exit 1; }
done
[ -x "$here/node_modules/.bin/redocly" ] || npm ci --prefix "$here" --no-audit --no-fund --loglevel=error

dll=${COBUILD_WEB_DLL:-$root/src/CoBuild.Web/bin/Debug/net10.0/CoBuild.Web.dll}
[ -f "$dll" ] || dotnet build "$root/src/CoBuild.Web" -c Debug -v q -nologo
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$url" DataDirectory="$work" ConnectionStrings__Default="Data Source=$work/cobuild.db" \
  Database__Provider=Sqlite Demo__Enabled=true OpenApi__Public=true Logging__LogLevel__Default=Warning \
  dotnet "$dll" >"$work/app.log" 2>&1 &
server=$!
for _ in $(seq 240); do
  curl -sf "$url/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "check.sh: the app exited:" >&2; cat "$work/app.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "$url/openapi/v1.json" -o "$work/openapi.json" || { echo "check.sh: no /openapi/v1.json at $url" >&2; cat "$work/app.log" >&2; exit 1; }

cd "$here"
echo "== redocly lint (recommended)"
node_modules/.bin/redocly lint "$work/openapi.json" --config redocly.yaml --format=summary 2>&1 | grep -v -e '^ *║' -e '^ *╔' -e '^ *╚' -e '^$' || { echo "check.sh: redocly lint found errors" >&2; exit 1; }

echo "== openapi-typescript"
rm -rf generated out
node_modules/.bin/openapi-typescript "$work/openapi.json" -o generated/api.d.ts
if grep -q -e 'number | string' -e 'string | number' generated/api.d.ts; then echo "check.sh: a number is typed number | string" >&2; exit 1; fi

echo "== tsc --strict"
node_modules/.bin/tsc -p tsconfig.json --strict

echo "== client against $url"
node out/client.js "$url"
