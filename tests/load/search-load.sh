#!/usr/bin/env bash
# Search latency at scale: publishes ClaimsApi in Release, starts it on 127.0.0.1 over a database made by the
# generate command (seeds import and migrations off, so the database is only read), and drives GET /v1/search
# with representative queries using wrk for a bounded time each. Traffic stays on loopback.
#
#   dotnet run -c Release --project tools/ClaimsApi.Synthetic -- generate --claims 1000000 --seed 42   # with Database__ConnectionString set
#   tests/load/search-load.sh DATABASE [seconds per query (default 10)] [connections (default 1)]
#
# DATABASE is the SQLite file; with Database__Provider=Postgres exported it is the Npgsql connection string.
# Needs wrk (Debian: apt-get install -y wrk) and curl. Prints one line per query: requests/s, latency
# percentiles, and the time and size of a first (cold) request. The queries assume the seed-42 base (they name
# its entities); any base answers them, with other figures.
set -euo pipefail
cd "$(dirname "$0")/../.."

database=${1:?usage: tests/load/search-load.sh DATABASE [seconds] [connections]}
duration=${2:-10}
connections=${3:-1}
threads=$(( connections < 2 ? 1 : 2 ))
port=${LOAD_PORT:-5182}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
# shellcheck source=generated-base.sh
source tests/load/generated-base.sh
base_connection_string "$database" >/dev/null
dotnet publish src/ClaimsApi -c Release -o "$work/app" --nologo -v quiet >/dev/null
start_reading "$base" "$database" "$work/app" "$work/app.log"
# Then until the search index is warm (/health/ready says Healthy; Degraded while it is built or warmed), or 5 minutes.
started=$(date +%s.%N)
for _ in $(seq 1 1500); do
  [[ $(curl -s "$base/health/ready") == Healthy ]] && break
  sleep 0.2
done
echo "search index warm $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s after the API answered; /health/ready: $(curl -s "$base/health/ready")"

# name|path. Percent-encoded where the query is not ASCII.
queries=(
  "rare name: Sunita Pham (3 claims)|/v1/search?q=Sunita%20Ph%E1%BA%A1m"
  "common word: prices|/v1/search?q=prices"
  "alias expanding to 5 names: Zelensky|/v1/search?q=Zelensky"
  "alias in Cyrillic: Zelenskyy in Ukrainian|/v1/search?q=%D0%97%D0%B5%D0%BB%D0%B5%D0%BD%D1%81%D1%8C%D0%BA%D0%B8%D0%B9"
  "sentence: 7 groups|/v1/search?q=Ukraine%20will%20ban%20imports%20of%20wheat%20from%20Poland%20before%20March"
  "filters: wheat type=claim kind=factual from|/v1/search?q=wheat&type=claim&kind=factual&from=2020-01-01"
  "facets: Krakow|/v1/search?q=Krak%C3%B3w&facets=true"
  "very common word: said|/v1/search?q=said"
  "most frequent entity: Ukraine (every claim of it)|/v1/search?q=Ukraine&type=claim"
  "two common words: said prices|/v1/search?q=said%20prices"
  "quoted two-word phrase: \"said prices\"|/v1/search?q=%22said%20prices%22"
  "nine-word sentence|/v1/search?q=The%20government%20said%20prices%20will%20rise%20again%20next%20year"
  "facets over a very common word: said|/v1/search?q=said&facets=true"
  "facets over the most frequent entity|/v1/search?q=Ukraine&type=claim&facets=true"
  "deep page: said, cursor after 1,000|DEEP"
  "match: a 40-word paragraph (POST /v1/claims/match)|POST /v1/claims/match|{\"text\":\"Officials said on Monday that Old Falice Bank AG exported 317,377 tonnes of wheat to Armenia last year, while the government warned that prices will rise because Ukraine plans to ban imports from Poland before March and traders face delays.\"}"
)

# Percentiles (nearest rank) of the seconds on standard input, as p50 p90 p99 max in ms.
percentiles() {
  sort -n | awk '{ v[NR] = $1 * 1000 } END {
    split("50 90 99", q, " ")
    for (i = 1; i <= 3; i++) { r = int((q[i] * NR + 99) / 100); printf "%.0fms ", v[r < 1 ? 1 : r] }
    printf "%.0fms\n", v[NR] }'
}

echo "wrk: ${duration}s per query, $connections connection(s), $threads thread(s), $(nproc) cores"
printf '%-44s %6s %9s %9s %9s %9s %8s %6s\n' query req/s p50 p90 p99 max cold items
for entry in "${queries[@]}"; do
  name=${entry%%|*}
  path=${entry#*|}
  method=GET body= script=()
  if [[ $path == "POST "* ]]; then
    # name|POST path|JSON body: wrk sends it through a script, curl with --data.
    body=${path#*|}
    path=${path%%|*}
    path=${path#POST }
    method=POST
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[%s]==]\n' "$body" >"$work/post.lua"
    script=(-s "$work/post.lua")
  fi
  [[ -n ${ONLY:-} && $name != *"$ONLY"* ]] && continue
  if [[ $path == DEEP ]]; then
    # The cursor of the 1,000th result of "said" (ten pages of 100 followed), then the next page of 20.
    path="/v1/search?q=said&limit=100"
    for _ in $(seq 1 10); do
      path=$(curl -fsS "$base$path" | python3 -c 'import json, sys, urllib.parse; n = json.load(sys.stdin)["next"]; print(urllib.parse.urlsplit(n).path + "?" + urllib.parse.urlsplit(n).query)')
    done
    path=${path/limit=100/limit=20}
  fi
  # The first request pays for cold pages and the alias cache; report it apart from the steady state.
  curl_body=()
  [[ $method == POST ]] && curl_body=(-H 'Content-Type: application/json' --data "$body")
  cold=$(curl -fsS -o "$work/body.json" -w '%{time_total}' "${curl_body[@]}" "$base$path") || { echo "$name: request failed" >&2; cat "$work/app.log" >&2; exit 1; }
  items=$({ grep -oE '"type":"|"claim":\{' "$work/body.json" || true; } | wc -l)
  wrk -t1 -c1 -d2s --timeout 60s "${script[@]}" "$base$path" >/dev/null
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 60s --latency "${script[@]}" "$base$path")
  done=$(awk '/requests in/ {print $1}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  if (( done >= 10 )); then
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p90=$(awk '$1 == "90%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    max=$(awk '$1 == "Latency" {print $4}' <<<"$out")
  else
    # Too slow for wrk to sample in the time given: time 5 requests one after another instead.
    samples=$(for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -w '%{time_total}\n' "${curl_body[@]}" "$base$path"; done)
    read -r p50 p90 p99 max < <(percentiles <<<"$samples")
    rps=$(awk '{ s += $1 } END { printf "%.2f", NR / s }' <<<"$samples")
    errors="(too slow for wrk: 5 sequential requests; $done in wrk's ${duration}s) $errors"
  fi
  printf '%-44s %6s %9s %9s %9s %9s %7.2fs %6s %s\n' "$name" "$rps" "$p50" "$p90" "$p99" "$max" "$cold" "$items" "$errors"
done
