#!/usr/bin/env bash
# The auction load test: CoBuild (Release, SQLite, demo) pinned to one core, the load client to the other.
# Usage: bash bench/auction-load.sh [bidders] [seconds] [rate] [client: raw|signalr] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
bidders=${1:-1000}; secs=${2:-20}; rate=${3:-40}; client=${4:-raw}; runs=${5:-1}
server_core=${SERVER_CORE:-1}; client_core=${CLIENT_CORE:-0}
repo=$PWD; data=$(mktemp -d /tmp/cobuild-load.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet build -c Release src/CoBuild.Web -v q -nologo >/dev/null
dotnet build -c Release bench/CoBuild.Load -v q -nologo >/dev/null
(cd "$data" && ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=true DataDirectory="$data" \
  ConnectionStrings__Default="Data Source=$data/cobuild.db" Logging__LogLevel__Default=Warning \
  exec taskset -c "$server_core" dotnet "$repo/src/CoBuild.Web/bin/Release/net10.0/CoBuild.Web.dll" --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; server on core $server_core, client on core $client_core; load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
load=bench/CoBuild.Load/bin/Release/net10.0/CoBuild.Load.dll
taskset -c "$client_core" dotnet "$load" auction --base "http://127.0.0.1:$port" --bidders 50 --seconds 5 --client "$client" >/dev/null # warm-up
for _ in $(seq 1 "$runs"); do
  taskset -c "$client_core" dotnet "$load" auction --base "http://127.0.0.1:$port" --bidders "$bidders" --seconds "$secs" --rate "$rate" \
    --client "$client" --pid "$server" 2>/dev/null
done
