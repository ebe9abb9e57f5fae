#!/usr/bin/env bash
# Compares one page between two builds one request at a time: the build in /tmp/old (git worktree add /tmp/old REV;
# dotnet build -c Release src/CoBuild.Web there) and this checkout, each with its own demo database.
# Usage: bash bench/wrk/ab-pages.sh /admin/personal-contracts
cd "$(dirname "$0")/../.."
dotnet build -c Release src/CoBuild.Web -v q -nologo >/dev/null
start() { # dir port
  local data=$(mktemp -d)
  (cd $1 && env ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=true DataDirectory="$data" "ConnectionStrings__Default=Data Source=$data/cobuild.db" Logging__LogLevel__Default=Warning dotnet src/CoBuild.Web/bin/Release/net10.0/CoBuild.Web.dll --urls http://127.0.0.1:$2 >$data/app.log 2>&1 &)
}
start /tmp/old 5401; start "$PWD" 5402
for p in 5401 5402; do for i in $(seq 1 240); do curl -fs http://127.0.0.1:$p/healthz >/dev/null 2>&1 && break; sleep 0.5; done; done
tok() { curl -fs -X POST "http://127.0.0.1:$1/api/v1/auth/token" -H 'content-type: application/json' -d '{"userName":"street.fushan","password":"Demo@2018"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'; }
t1=$(tok 5401); t2=$(tok 5402)
for i in $(seq 1 20); do curl -s -o /dev/null -H "authorization: Bearer $t1" http://127.0.0.1:5401$1; curl -s -o /dev/null -H "authorization: Bearer $t2" http://127.0.0.1:5402$1; done
: > /tmp/ab1; : > /tmp/ab2
for i in $(seq 1 100); do
  curl -s -o /dev/null -w "%{time_total}\n" -H "authorization: Bearer $t1" http://127.0.0.1:5401$1 >> /tmp/ab1
  curl -s -o /dev/null -w "%{time_total}\n" -H "authorization: Bearer $t2" http://127.0.0.1:5402$1 >> /tmp/ab2
done
python3 - <<'PY'
import statistics
for name,f in (("old interactive (a79b10c)","/tmp/ab1"),("new server-rendered","/tmp/ab2")):
    xs=sorted(float(x)*1000 for x in open(f))
    print(f"{name}: median {statistics.median(xs):.1f} ms, p90 {xs[89]:.1f} ms, min {xs[0]:.1f} ms")
PY
pkill -f "urls http://127.0.0.1:540" || true
