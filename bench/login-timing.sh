#!/usr/bin/env bash
# Login timing: median time of POST /api/v1/auth/token for an unknown user name and for a real one with a wrong
# password (alternating, N each). The login limits are raised for the run so that every attempt reaches the check.
# Usage: bash bench/login-timing.sh [N] [Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-40}
config=${2:-Release}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/cobuild-login.XXXXXX)
base="http://127.0.0.1:$port"

[ "$config" = Release ] && dotnet build -c Release src/CoBuild.Web -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=true DataDirectory="$data" ConnectionStrings__Default="Data Source=$data/cobuild.db" \
  RateLimits__Login__FailuresPerAddress=1000000 RateLimits__Login__FailuresBeforeDelay=1000000 \
  Logging__LogLevel__Default=Warning dotnet "src/CoBuild.Web/bin/$config/net10.0/CoBuild.Web.dll" --urls "$base" >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 900); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

attempt() { curl -s -m 120 -o /dev/null -w '%{time_total}\n' -X POST "$base/api/v1/auth/token" -H 'content-type: application/json' -d "$1"; }
for i in $(seq 1 5); do attempt '{"userName":"street.fushan","password":"warm-up"}' >/dev/null; done
for i in $(seq 1 "$n"); do
  echo "unknown $(attempt "{\"userName\":\"nobody.$RANDOM$i\",\"password\":\"Demo@2018x\"}")"
  echo "wrong $(attempt "{\"userName\":\"unit.fushan.$(printf %02d $(( i % 80 + 1 )))\",\"password\":\"Demo@2018x\"}")"
done | python3 -c '
import sys, statistics
t = {}
for line in sys.stdin:
    k, v = line.split(); t.setdefault(k, []).append(float(v) * 1000)
for k, v in t.items():
    print(f"{k:8} n={len(v)} median {statistics.median(v):.1f} ms  p10 {sorted(v)[len(v)//10]:.1f}  p90 {sorted(v)[len(v)*9//10]:.1f}")
'
