#!/usr/bin/env bash
# A throwaway PostgreSQL 15 on 127.0.0.1 and a free port, data in a temp folder, removed on stop.
# Source it, then: pg_throwaway_start; ...; pg_throwaway_stop. Sets PG_CONNECTION.
# As root the server runs as the postgres account; as anyone else, as that user. It never touches another server.
PG_BIN=/usr/lib/postgresql/15/bin

_pg_as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_throwaway_start() {
  PG_DIR=$(mktemp -d /tmp/cobuild-pg.XXXXXX)
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PG_DIR"
  _pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" --locale=C.UTF-8 -E UTF8 -A trust -U postgres >/dev/null
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
  export PG_CONNECTION PG_DIR PG_PORT
  echo "PostgreSQL 15 on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

pg_throwaway_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
