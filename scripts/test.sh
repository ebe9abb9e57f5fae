#!/usr/bin/env bash
# The one test command (README "Run the tests", and all .ci/run does): installs what the tests need when it is
# missing, starts a throwaway PostgreSQL 15, builds once, runs the integration tests on SQLite and on PostgreSQL
# and, meanwhile, the browser tests on PostgreSQL (docs/decisions.md, "Issue 14: tests"), writes trx files to
# TestResults/, prints where the time went and, as its last line, `N passed, N failed, N skipped`.
# Exit status non-zero on any failure.
#
#   COBUILD_TEST_PG=<connection string>  use that server instead of a throwaway one (it is never stopped)
#   COBUILD_BROWSER_DBS="Sqlite Postgres" browser tests on these providers (default: Postgres)
#   extra arguments go to every `dotnet test`, e.g. --filter "FullyQualifiedName~Auctions"
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! missing=$(bash scripts/install-test-deps.sh --check); then
  if [ "$(id -u)" -eq 0 ]; then
    bash scripts/install-test-deps.sh || { echo "0 passed, 1 failed, 0 skipped (installing the test dependencies failed)"; exit 1; }
  elif [[ "$missing" =~ ^(\(npm\ ci\ --prefix\ tests/[a-z]+\)\ ?)+$ ]]; then
    for dir in tests/readers tests/clients; do npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error || exit 1; done
  else
    echo "The tests need Debian packages that are missing: $missing"
    echo "Run as root once: sudo bash scripts/install-test-deps.sh (or run this script as root)."
    echo "0 passed, 1 failed, 0 skipped (missing test dependencies)"
    exit 1
  fi
fi

results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"

browser_pid=""
cleanup() {
  [ -z "$browser_pid" ] || kill "$browser_pid" 2>/dev/null || true
  [ -n "${COBUILD_TEST_PG_GIVEN:-}" ] || pg_throwaway_stop
}
if [ -n "${COBUILD_TEST_PG:-}" ]; then
  COBUILD_TEST_PG_GIVEN=1
  PG_CONNECTION="$COBUILD_TEST_PG"
else
  # shellcheck source=pg-throwaway.sh
  source scripts/pg-throwaway.sh
  pg_throwaway_start || { echo "0 passed, 1 failed, 0 skipped (PostgreSQL did not start)"; exit 1; }
fi
trap cleanup EXIT

status=0
started=$SECONDS
echo "== build =="
if ! dotnet build CoBuild.slnx -nologo -v q; then
  echo "0 passed, 1 failed, 0 skipped (the build failed)"
  exit 1
fi
echo "   built in $((SECONDS - started)) s"

run() { # provider project results-name [dotnet test args...]
  local provider=$1 project=$2 name=$3
  shift 3
  COBUILD_TEST_DB=$provider COBUILD_TEST_PG="$PG_CONNECTION" \
    dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results/$name" "$@"
}

# The browser tests wait on Chromium and Blazor circuits more than they compute: they run beside the integration tests.
browser_log="$results/browser.log"
(
  rc=0
  for provider in ${COBUILD_BROWSER_DBS:-Postgres}; do
    run "$provider" tests/CoBuild.BrowserTests "browser-${provider,,}" "$@" || rc=1
  done
  exit $rc
) >"$browser_log" 2>&1 &
browser_pid=$!

echo "== integration tests on SQLite (browser tests on ${COBUILD_BROWSER_DBS:-Postgres} meanwhile) =="
run Sqlite tests/CoBuild.Tests integration-sqlite "$@" || status=1
echo "== integration tests on PostgreSQL =="
run Postgres tests/CoBuild.Tests integration-postgres "$@" || status=1
echo "== browser tests on ${COBUILD_BROWSER_DBS:-Postgres} =="
wait "$browser_pid" || status=1
browser_pid=""
cat "$browser_log"
echo "   all tests done $((SECONDS - started)) s after the build started"

python3 scripts/trx-summary.py "$results" --top 12 || true
python3 scripts/trx-totals.py "$results" || status=1
exit $status
