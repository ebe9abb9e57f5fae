#!/usr/bin/env bash
# Debian packages the tests need: Chromium with a CJK font for the browser tests, PostgreSQL 15 for the
# second provider run, redis-server for the two-node SignalR test, python3 for the scripts (free port, test
# totals), qpdf to check the contract PDFs, poppler-utils (pdftotext) to read printed certificates back, Node.js for ExcelJS, the second .xlsx reader (tests/readers, from
# its lock file), and the OpenAPI client check's tools (tests/clients: Redocly, openapi-typescript, tsc). Installs only
# what is missing; with --check it only lists what is missing (exit 1 if anything).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || need+=(fonts-wqy-microhei)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15 postgresql-contrib-15)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ "${1:-}" = "--check" ]; then
  [ -d "$(dirname "$0")/../tests/readers/node_modules/exceljs" ] || need+=("(npm ci --prefix tests/readers)")
  [ -d "$(dirname "$0")/../tests/clients/node_modules" ] || need+=("(npm ci --prefix tests/clients)")
  [ ${#need[@]} -eq 0 ] || { echo "${need[*]}"; exit 1; }
  exit 0
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
npm ci --prefix "$(dirname "$0")/../tests/readers" --no-audit --no-fund --loglevel=error
npm ci --prefix "$(dirname "$0")/../tests/clients" --no-audit --no-fund --loglevel=error
