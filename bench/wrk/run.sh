#!/usr/bin/env bash
# Starts CoBuild (Release, SQLite, demo data) on 127.0.0.1, then loads the org-tree API, the community
# members API and the community page with wrk (or, with "menus", the three lists, search and orders).
# With "auction": the hall state of the demo ceremony (what every screen's Join reads), its results page and a live page.
# With "contracts": the contract and personal-contract lists (API and back-office pages) and the project pages.
# With "signedin": the signed-in reads and pages of issue 14 (list APIs, the workbench and back-office pages).
# With "desk": issue 15's living room: the desk's intake POST (desk.jishan), its board and the street's board and command room.
# Every run first loads bench/CoBuild.Raw (one minimal-API JSON endpoint, Release) started beside CoBuild, and prints
# each target's req/s as a share of it ("x raw"), so figures from a busy machine still compare.
# PIN=1 runs both servers on core 0 and wrk on core 1 (taskset), which steadies figures when others load the machine.
# Usage: bash bench/wrk/run.sh [connections] [seconds] [foundation|menus|auction|contracts|signedin|desk] [only targets whose path contains this]
set -euo pipefail
cd "$(dirname "$0")/../.."
conns=${1:-32}
secs=${2:-20}
group=${3:-foundation}
only=${4:-}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/cobuild-bench.XXXXXX)
base="http://127.0.0.1:$port"

rawport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
server=(); client=()
if [ "${PIN:-0}" = 1 ]; then server=(taskset -c 0); client=(taskset -c 1); fi

dotnet build -c Release src/CoBuild.Web -v q -nologo >/dev/null
dotnet build -c Release bench/CoBuild.Raw -v q -nologo >/dev/null
# The per-user write limit (60 at once, 600 a minute) would answer most of one account's load with 429s: raised here,
# so the intake POST measures the handler and the database, not the limiter.
ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=true DataDirectory="$data" ConnectionStrings__Default="Data Source=$data/cobuild.db" \
  RateLimits__Writes__Burst=1000000 RateLimits__Writes__PerMinute=100000000 \
  Logging__LogLevel__Default=Warning "${server[@]}" dotnet src/CoBuild.Web/bin/Release/net10.0/CoBuild.Web.dll --urls "$base" >"$data/app.log" 2>&1 &
app=$!
"${server[@]}" dotnet bench/CoBuild.Raw/bin/Release/net10.0/CoBuild.Raw.dll --urls "http://127.0.0.1:$rawport" >"$data/raw.log" 2>&1 &
raw=$!
trap 'kill $app $raw 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$rawport/json" >/dev/null 2>&1 && break; sleep 0.5; done

token=$(curl -fs -X POST "$base/api/v1/auth/token" -H 'content-type: application/json' \
  -d '{"userName":"street.fushan","password":"Demo@2018"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
jishan=$(curl -fs "$base/api/v1/org-units?level=Community" | python3 -c 'import json,sys; print([c["id"] for c in json.load(sys.stdin) if c["name"]=="蕺山社区"][0])')

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c$conns -d${secs}s; pinned: ${PIN:-0}"
# "anon" targets go without a token; "auth" ones carry street.fushan's bearer token. Since issue 14 both may come from
# the read caches (ReadCaching: 5 s, never past a write), so repeated loads measure the cached path.
fushan=$(curl -fs "$base/api/v1/org-units?level=Street" | python3 -c 'import json,sys; print([c["id"] for c in json.load(sys.stdin) if c["name"]=="府山街道"][0])')
yl="%E5%85%BB%E8%80%81" # 养老
desk=$(curl -fs -X POST "$base/api/v1/auth/token" -H 'content-type: application/json' \
  -d '{"userName":"desk.jishan","password":"Demo@2018"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
intake="{\"communityId\":$jishan,\"categoryCode\":\"facility-repair\",\"description\":\"楼道灯不亮\",\"residentName\":\"张阿姨\",\"phone\":\"13800001234\",\"fields\":{\"facility\":[\"light\"]}}"
if [ "$group" = desk ]; then
  targets=("post /api/v1/requests" "desk /admin/service-desk" "desk /api/v1/service-desk/board" "auth /admin/service-desk?node=$fushan"
           "auth /admin/command-room" "desk /api/v1/requests?pageSize=50")
elif [ "$group" = signedin ]; then
  targets=("anon /api/v1/stats/overview" "auth /api/v1/org-units/tree" "auth /api/v1/needs?street=$fushan&status=open&pageSize=50"
           "auth /api/v1/org-contracts?pageSize=50" "auth /admin" "auth /admin/org/$jishan" "auth /admin/menus" "auth /admin/contracts" "auth /m/needs")
elif [ "$group" = contracts ]; then
  rain=$(curl -fs "$base/api/v1/projects?q=%E9%9B%A8%E6%B1%A1%E5%88%86%E6%B5%81%E6%94%B9%E9%80%A0%E5%B7%A5%E7%A8%8B" | python3 -c 'import json,sys; print([p["id"] for p in json.load(sys.stdin)["items"] if p["title"]=="蕺山社区雨污分流改造工程"][0])')
  targets=("auth /api/v1/org-contracts?pageSize=50" "auth /admin/contracts" "auth /api/v1/personal-contracts?pageSize=50" "auth /admin/personal-contracts"
           "auth /api/v1/projects?street=$fushan&pageSize=50" "anon /streets/$fushan/projects" "auth /streets/$fushan/projects" "auth /projects/$rain"
           "auth /api/v1/org-contracts/export" "auth /api/v1/personal-contracts/export?year=2026")
elif [ "$group" = auction ]; then
  auction=$(curl -fs "$base/api/v1/auctions?street=$fushan" | python3 -c 'import json,sys; print([a["id"] for a in json.load(sys.stdin) if a["title"]=="府山街道共建项目拍卖会"][0])')
  targets=("anon /api/v1/auctions/$auction" "auth /api/v1/auctions/$auction" "anon /auctions/$auction" "anon /live/$auction/screen")
elif [ "$group" = menus ]; then
  targets=("anon /api/v1/needs?q=$yl" "auth /api/v1/needs?q=$yl" "auth /api/v1/needs?street=$fushan&status=open&pageSize=50"
           "auth /api/v1/resources?street=$fushan&pageSize=50" "auth /api/v1/orders?pageSize=50" "auth /m/needs?q=$yl" "auth /admin/menus")
else
  targets=("anon /api/v1/org-units/tree" "auth /api/v1/org-units/tree" "anon /communities/$jishan" "auth /communities/$jishan"
           "auth /api/v1/org-units/$jishan/members?pageSize=50" "auth /admin/org/$jishan")
fi
# One line per target: wrk's JSON (report.lua) plus its share of the raw endpoint's req/s from this run.
measure() { # who url
  local tok="" body=""
  case "$1" in auth) tok="$token" ;; desk) tok="$desk" ;; post) tok="$desk"; body="$intake" ;; esac
  COBUILD_TOKEN="$tok" COBUILD_BODY="$body" "${client[@]}" wrk -t2 -c"$conns" -d3s -s bench/wrk/report.lua "$2" >/dev/null   # warm-up
  COBUILD_TOKEN="$tok" COBUILD_BODY="$body" "${client[@]}" wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s bench/wrk/report.lua "$2" | tail -n 1
}
rawline=$(measure anon "http://127.0.0.1:$rawport/json")
rawrps=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["rps"])' "$rawline")
echo "raw $rawline"
for target in "${targets[@]}"; do
  read -r who path <<<"$target"
  [[ "$path" == *"$only"* ]] || continue
  line=$(measure "$who" "$base$path")
  printf '%s %s\n' "$who" "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["xRaw"]=round(d["rps"]/float(sys.argv[2]),4); print(json.dumps(d,ensure_ascii=False))' "$line" "$rawrps")"
done
