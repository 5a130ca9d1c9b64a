#!/usr/bin/env bash
# Nightly backup: PostgreSQL custom-format dump + private uploads; keeps 14 days.
set -euo pipefail
BACKUP_DIR=${BACKUP_DIR:-/var/backups/thanthien}
DB=${BACKUP_DB_NAME:-thanthien}
MEDIA=${PRIVATE_MEDIA_ROOT:-/srv/thanthien/var/private}
stamp=$(date +%Y%m%d-%H%M)
mkdir -p "$BACKUP_DIR"
pg_dump -Fc -d "$DB" -f "$BACKUP_DIR/db-$stamp.dump"
tar -C "$(dirname "$MEDIA")" -czf "$BACKUP_DIR/private-$stamp.tar.gz" "$(basename "$MEDIA")"
find "$BACKUP_DIR" -type f -mtime +14 -delete
echo "backup written: $BACKUP_DIR/db-$stamp.dump"
