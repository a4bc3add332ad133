#!/usr/bin/env bash
# What ?propose=true costs an article's creation: publishes ClaimsApi in Release, starts it on 127.0.0.1 over a fresh
# SQLite database with the seeds, and posts the same article N times with and N times without propose=true, the two
# interleaved (each under a new id), for the seed article and for an article of about a megabyte of news sentences
# with quotes. Prints per article: the median and the slowest time of each, the ratio of the medians, and how many
# statements and claims one proposal stored. Traffic stays on loopback.
#
#   tests/load/propose.sh [N]        (N defaults to 15; the megabyte article is posted max(3, N/5) times each way)
#
# PROPOSE_APP=DIR runs a build published there (dotnet publish src/ClaimsApi -c Release -o DIR) instead.
set -euo pipefail
cd "$(dirname "$0")/../.."

n=${1:-15}
big_n=$(( n / 5 > 3 ? n / 5 : 3 ))
port=${LOAD_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

app=${PROPOSE_APP:-$work/app}
[[ -n ${PROPOSE_APP:-} ]] || dotnet publish src/ClaimsApi -c Release -o "$app" --nologo -v quiet >/dev/null
export Database__ConnectionString="Data Source=$work/claims.db" Seeds__Path="$PWD/seeds"
key=$(dotnet "$app/ClaimsApi.dll" keys create --name load --role curator 2>/dev/null | tail -1)
ASPNETCORE_URLS=$base Logging__LogLevel__Default=Warning dotnet "$app/ClaimsApi.dll" >"$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -sf "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done

cp "seeds/$(ls seeds | grep '\.txt$' | head -1)" "$work/seed.txt"
python3 - "$work/big.txt" <<'PY'
import sys
sentences = ('"We will rebuild the bridge by June," the mayor said. According to the police, three people were arrested '
             'on Monday. The ministry denied that the bridge had been closed for safety reasons.')
paragraph = '\n\n' + ' '.join([sentences] * 4)  # fewer paragraphs than an article may have (5,000)
text = " date 2025-01-01 Lead.\n\nTitle"
while len(text.encode()) + len(paragraph.encode()) < 1024 * 1024 - 64:
    text += paragraph
open(sys.argv[1], "w").write(text)
PY

post() { # file propose id -> seconds
  curl -s -o "$work/last.json" -w '%{time_total}' -X POST "$base/v1/articles?id=$3&propose=$2" \
    -H "Authorization: Bearer $key" -H 'Content-Type: text/plain' --data-binary "@$1"
}

measure() { # name file runs
  local name=$1 file=$2 runs=$3 with=() without=()
  for i in $(seq 1 "$runs"); do
    without+=("$(post "$file" false "$name-plain-$i")")
    with+=("$(post "$file" true "$name-propose-$i")")
  done
  local counts
  counts=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["statements"]), "statements,", len(d["claims"]), "claims") if "statements" in d else sys.exit("the last creation failed: " + json.dumps(d)[:400])' "$work/last.json")
  python3 - "$name" "$(wc -c <"$file")" "$counts" "${without[*]}" "${with[*]}" <<'PY'
import statistics, sys
name, size, counts, without, with_ = sys.argv[1], int(sys.argv[2]), sys.argv[3], [float(x) for x in sys.argv[4].split()], [float(x) for x in sys.argv[5].split()]
m0, m1 = statistics.median(without), statistics.median(with_)
print(f"{name} ({size:,} bytes, {len(without)} runs each): without propose median {m0:.3f} s (max {max(without):.3f}), "
      f"with propose median {m1:.3f} s (max {max(with_):.3f}); ratio {m1 / m0:.1f}x; one proposal stored {counts}")
PY
}

measure seed "$work/seed.txt" "$n"
measure megabyte "$work/big.txt" "$big_n"
