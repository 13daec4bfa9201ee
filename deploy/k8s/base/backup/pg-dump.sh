#!/usr/bin/env bash
# One logical backup of the Sipas database: pg_dump custom format (compressed, restorable table by table with
# pg_restore) into $BACKUP_DIR, verified by listing its table of contents, then dumps older than $KEEP_DAYS days
# are removed. Connection: SIPAS_DATABASE_URL (a postgres:// URL, as the app uses) or the libpq PG* variables.
# Used by the Kubernetes CronJob (k8s/base/backup-cronjob.yaml) and the compose `backup` service.
set -euo pipefail
BACKUP_DIR="${BACKUP_DIR:-/backups}"
KEEP_DAYS="${KEEP_DAYS:-14}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/sipas-$stamp.dump"
args=(--format=custom --compress=6 --no-owner --no-privileges --file="$target.partial")
if [ -n "${SIPAS_DATABASE_URL:-}" ]; then args+=(--dbname="$SIPAS_DATABASE_URL"); fi
mkdir -p "$BACKUP_DIR"
pg_dump "${args[@]}"
pg_restore --list "$target.partial" > /dev/null   # a dump that cannot be read is no backup
mv "$target.partial" "$target"
sha256sum "$target" > "$target.sha256"
find "$BACKUP_DIR" -maxdepth 1 -name 'sipas-*.dump*' -mtime +"$KEEP_DAYS" -print -delete
echo "backup: $target ($(du -h "$target" | cut -f1))"
