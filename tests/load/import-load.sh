#!/usr/bin/env bash
# Throughput of the bulk import into SQLite through the command (docs/performance.md#bulk-import):
#   1. publishes ClaimsApi in Release (ReadyToRun, as deployed) and writes a synthetic import file of CLAIMS claims
#      with their entities, articles and statements (tests/load/import-ndjson.py: one statement a claim, ten claims an
#      article, a review every tenth claim);
#   2. makes a fresh database with the app's `migrate` (migrations and seeds, not timed);
#   3. runs `import FILE --batch BATCH` on it, timed: wall and CPU seconds of the process, and the import's own
#      seconds and claims/s as its summary prints them (the process's start, about a second, is not in those);
#   4. runs the same import again: every line is there already, so it writes nothing;
#   5. the floor: the same rows copied by SQLite alone (INSERT … SELECT from the imported database into a fresh one,
#      one transaction, every table the import wrote, indexes and all): what writing these rows costs without the app.
#
#   tests/load/import-load.sh [claims (default 200000)] [batch (default 1000)]
#
# Needs python3 and sqlite3. Everything lives in a temporary directory, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
claims=${1:-200000}
batch=${2:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed (apt-get install -y sqlite3)" >&2; exit 2; }
dotnet publish src/ClaimsApi -c Release -o "$work/app" --nologo -v quiet >/dev/null
python3 tests/load/import-ndjson.py "$claims" --reviews > "$work/import.ndjson"
echo "file: $(wc -l < "$work/import.ndjson") lines, $(du -m "$work/import.ndjson" | cut -f1) MB, $claims claims"

export Seeds__Path="$repo/seeds" Logging__LogLevel__Default=Warning
run() { # database, then arguments of the app; prints its summary and "wall/user/sys"
  (cd "$work/app" && Database__ConnectionString="Data Source=$1" /usr/bin/time -f "process: %e s wall, %U s user, %S s sys, %M KB max RSS" \
    dotnet ClaimsApi.dll "${@:2}" 2>&1 >&3 | grep -E '^process:' >&2) 3>&1
}

run "$work/claims.db" migrate >/dev/null
cp "$work/claims.db" "$work/empty.db"
echo "-- import, batch $batch"
run "$work/claims.db" import "$work/import.ndjson" --batch "$batch"
echo "-- the same file again"
run "$work/claims.db" import "$work/import.ndjson" --batch "$batch"

echo "-- the floor: SQLite copying the same rows into a fresh database"
tables="entities entity_aliases articles article_paragraphs statements claims claim_evidence claim_mentions claim_reviews history entity_claims search_index search_index_rows"
{
  echo "ATTACH '$work/claims.db' AS imported; BEGIN;"
  for t in $tables; do
    case $t in
      history) echo "INSERT INTO main.history (resource_type, resource_id, revision, action, actor, at, changes, before, after) SELECT resource_type, resource_id, revision, action, actor, at, changes, before, after FROM imported.history WHERE actor = 'import' ORDER BY id;" ;;
      search_index) echo "INSERT INTO main.search_index (rowid, kind, ref_id, title, body) SELECT rowid, kind, ref_id, title, body FROM imported.search_index WHERE rowid NOT IN (SELECT rowid FROM main.search_index);" ;;
      *) echo "INSERT OR IGNORE INTO main.$t SELECT * FROM imported.$t;" ;;
    esac
  done
  echo "COMMIT;"
} > "$work/floor.sql"
/usr/bin/time -f "floor: %e s wall, %U s user, %S s sys" sqlite3 "$work/empty.db" < "$work/floor.sql"
