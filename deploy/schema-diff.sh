#!/usr/bin/env bash
# Proof that two sets of EF migrations build the same schema: the migrations of a git ref (default: main) and those
# of this working tree are each applied to an empty database of one throwaway PostgreSQL, and
# `pg_dump --schema-only` of the two databases is compared. Used when migrations are folded into one (issue 15);
# the rows of __ef_migrations_history differ by construction and a schema-only dump has no rows.
#   deploy/schema-diff.sh [REF]        exit 0 and "schema-diff: identical" when the dumps are the same, else the diff
# Environment: SCHEMA_DIFF_KEEP=1 keeps the work folder (both dumps, the old tree, the PostgreSQL log).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
REF="${1:-main}"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
git rev-parse --verify -q "$REF^{commit}" >/dev/null || { echo "schema-diff: no such git ref: $REF" >&2; exit 2; }

# ---------- PostgreSQL (as api/Sipas.Data/Local/LocalPostgres.cs and deploy/scale-out/run.sh do it) ----------
pg_bin() {
  if [ -n "${SIPAS_PG_BIN:-}" ]; then echo "$SIPAS_PG_BIN/$1"; return; fi
  command -v "$1" 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -r | head -n1
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

WORK="$(mktemp -d /tmp/sipas-schema-diff.XXXXXX)"
chmod 755 "$WORK"
PG_DIR="$WORK/pg"
mkdir -p "$PG_DIR/socket"
[ "$(id -u)" = 0 ] && chown -R postgres: "$PG_DIR"
cleanup() {
  set +e
  [ -d "$PG_DIR/data" ] && as_pg "$(pg_bin pg_ctl)" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
  if [ -n "${SCHEMA_DIFF_KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

PG_PORT="$(free_port)"
say "PostgreSQL: initdb and start on 127.0.0.1:$PG_PORT"
as_pg "$(pg_bin initdb)" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
as_pg "$(pg_bin pg_ctl)" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR/socket -c fsync=off -c log_parameter_max_length=0 -c log_parameter_max_length_on_error=0" start >/dev/null
SERVER="postgres://postgres@127.0.0.1:$PG_PORT"

# migrate TREE DATABASE: the tree's own dotnet-ef (dotnet-tools.json) applies its migrations to a new database.
migrate() {
  local tree="$1" database="$2"
  psql "$SERVER/postgres" -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE $database" >/dev/null
  (cd "$tree" && dotnet tool restore >/dev/null && dotnet restore api/Sipas.Data >/dev/null &&
   SIPAS_DATABASE_URL="$SERVER/$database" dotnet ef database update \
     --project api/Sipas.Data --startup-project api/Sipas.Data > "$WORK/$database.log" 2>&1) \
    || { cat "$WORK/$database.log" >&2; exit 1; }
  psql "$SERVER/$database" -qAt -c "SELECT string_agg(migration_id, ' ' ORDER BY migration_id) FROM sipas.__ef_migrations_history" >&2
  pg_dump --schema-only --no-owner --no-privileges "$SERVER/$database" \
    | grep -v -e '^-- Dumped from database version' -e '^-- Dumped by pg_dump version' -e '^\\restrict ' -e '^\\unrestrict ' > "$WORK/$database.sql"
}

say "the migrations of $REF ($(git rev-parse --short "$REF")) into database old_schema"
mkdir -p "$WORK/old"
git archive "$REF" Directory.Build.props Directory.Packages.props dotnet-tools.json api/Sipas.Data analytics/Sipas.Analytics \
  | tar -x -C "$WORK/old"
migrate "$WORK/old" old_schema
say "the migrations of this working tree into database new_schema"
migrate "$ROOT" new_schema

say "pg_dump --schema-only: old_schema against new_schema"
if diff -u --label "old_schema ($REF)" --label "new_schema (working tree)" "$WORK/old_schema.sql" "$WORK/new_schema.sql"; then
  echo "schema-diff: identical ($(grep -c . "$WORK/new_schema.sql") lines of schema; $(grep -c '^CREATE TABLE' "$WORK/new_schema.sql") tables, $(grep -c '^CREATE .*INDEX' "$WORK/new_schema.sql") indexes, $(grep -c '^CREATE FUNCTION' "$WORK/new_schema.sql") functions, $(grep -c '^CREATE TRIGGER' "$WORK/new_schema.sql") triggers)"
else
  echo "schema-diff: DIFFERENT (above: lines only in $REF's schema start with -, only in the working tree's with +)"
  exit 1
fi
