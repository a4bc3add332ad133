#!/usr/bin/env bash
# Query plans and start-up at scale: starts ClaimsApi in Release on 127.0.0.1 over a database made by the generate
# command, as an operator would (migrations and the seeds import on), times process start → first served claim,
# then times single requests (warm, one connection) for detail reads and list pages of 20, each list also at a
# deep cursor (its `next` followed 50 times). Traffic stays on loopback.
#
#   tests/load/plans.sh DATABASE [APP_DIR]
#
# DATABASE is the SQLite file; with Database__Provider=Postgres exported it is the Npgsql connection string.
# APP_DIR is a published ClaimsApi (dotnet publish src/ClaimsApi -c Release -o DIR), to compare two builds over
# the same base; without it this tree is published. Each figure is the median of 5 requests (curl time_total)
# after one warm-up request. The paths assume the seed-42 base (they name its records); "russia" comes from seeds/.
set -euo pipefail
cd "$(dirname "$0")/../.."

database=${1:?usage: tests/load/plans.sh DATABASE [APP_DIR]}
app=${2:-}
port=${LOAD_PORT:-5185}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# shellcheck source=generated-base.sh
source tests/load/generated-base.sh
connection_string=$(base_connection_string "$database")

if [[ -z $app ]]; then
  app="$work/app"
  dotnet publish src/ClaimsApi -c Release -o "$app" --nologo -v quiet >/dev/null
fi

probe="$base/v1/claims/syn-claim-0000001"
started=$(date +%s%N)
ASPNETCORE_URLS="$base" \
Logging__LogLevel__Default=Warning \
Logging__LogLevel__ClaimsApi=Information \
RateLimiting__Enabled=false \
Seeds__Path="$PWD/seeds" \
Database__ConnectionString="$connection_string" \
  dotnet "$app/ClaimsApi.dll" >"$work/app.log" 2>&1 &
pid=$!

# From the moment the process starts: the first claim served, whatever start-up does before it listens.
until curl -fsS -o /dev/null --max-time 5 "$probe" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  sleep 0.01
done
served=$(date +%s%N)
# The process's CPU time (user + system, in clock ticks) so far: on a shared machine the wall time above mostly
# says how busy the other processes were; the CPU time says what start-up itself cost.
cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
printf 'start → first served claim: %.2f s (process CPU %s s)\n' "$(echo "($served - $started) / 1000000000" | bc -l)" "$cpu"
grep -E 'Seed|seed' "$work/app.log" | sed 's/^/  log: /' || true

# Median of 5 requests, in ms.
median() {
  for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -w '%{time_total}\n' "$1"; done |
    sort -n | awk 'NR == 3 { printf "%.1f", $1 * 1000 }'
}

# The URL of the page reached by following `next` $2 times from $1 (empty when the list ends before).
deep() {
  local url=$1
  for _ in $(seq 1 "$2"); do
    url=$(curl -fsS "$base$url" | jq -r '.next // empty')
    [[ -n $url ]] || return 0
  done
  echo "$url"
}

details=(
  "claim|/v1/claims/syn-claim-0500000"
  "statement|/v1/statements/syn-statement-01000252"
  "entity|/v1/entities/syn-state-00002"
  "article|/v1/articles/syn-article-0050000"
)
lists=(
  "claims?entity=russia (seeds, 3 claims)|/v1/claims?entity=russia&limit=20"
  "claims?entity=<Russia, 52,834 mentions>|/v1/claims?entity=syn-state-00002&limit=20"
  "claims?entity=<Russia>&kind=factual|/v1/claims?entity=syn-state-00002&kind=factual&limit=20"
  "claims?entity=<a rare person, 3>|/v1/claims?entity=syn-person-06482&limit=20"
  "claims?claimant=<a rare person, 2>|/v1/claims?claimant=syn-person-06482&limit=20"
  "claims?claimant=<Kyiv Post, 19,428>|/v1/claims?claimant=syn-publication-00001&limit=20"
  "statements?speaker=<Kyiv Post, 75,495>|/v1/statements?speaker=syn-publication-00001&limit=20"
  "entities/russia/claims (seeds)|/v1/entities/russia/claims?limit=20"
  "entities/<Russia>/claims|/v1/entities/syn-state-00002/claims?limit=20"
  "entities/<Ukraine>/claims?sort=claimedOn|/v1/entities/syn-state-00001/claims?limit=20&sort=claimedOn"
  "entities/<Ukraine>/claims?sort=id|/v1/entities/syn-state-00001/claims?limit=20&sort=id"
  "entities/<a rare person>/claims|/v1/entities/syn-person-06482/claims?limit=20"
  "claims (no filter)|/v1/claims?limit=20"
)

printf '%-44s %10s %10s\n' request "first/ms" "deep/ms"
for entry in "${details[@]}"; do
  name=${entry%%|*}
  path=${entry#*|}
  curl -fsS -o /dev/null "$base$path"
  printf '%-44s %10s %10s\n' "$name" "$(median "$base$path")" "-"
done
for entry in "${lists[@]}"; do
  name=${entry%%|*}
  path=${entry#*|}
  curl -fsS -o /dev/null "$base$path"
  first=$(median "$base$path")
  far=$(deep "$path" 50)
  if [[ -n $far ]]; then
    curl -fsS -o /dev/null "$base$far"
    far=$(median "$base$far")
  else
    far="(<51 pages)"
  fi
  printf '%-44s %10s %10s\n' "$name" "$first" "$far"
done
