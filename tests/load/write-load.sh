#!/usr/bin/env bash
# Load test of the curation (write) API over loopback, at N concurrent connections, on SQLite:
#   POST /v1/claims             every request creates a draft claim (validation, anchoring, history entry, derived
#                               rows, read-model invalidation, in one transaction), on a random article and evidence
#                               statement of the base (an article holds at most 2,000 claims and a statement is
#                               evidence for at most 500, so a fixed pair would soon be refused);
#   PUT /v1/claims/{id}         with If-Match: one claim per connection (created first), replaced again and again;
#                               wrk runs one thread per connection, so each thread's Lua state tracks its own claim's
#                               ETag from each answer (a lost ETag would show as 412s in the errors column).
# It publishes ClaimsApi in Release, copies the base (default: a 20,000-claim synthetic base it generates with
# tools/ClaimsApi.Synthetic), makes a curator key with the app's `keys` command, starts the app pinned to the first
# core and wrk pinned to the second (taskset), warms up, then reports req/s, p50, p90, p99 and errors for each.
# With AGAINST=<git revision> it builds that revision too (in a temporary worktree), runs the same on its own copy
# of the base, the two builds alternating ROUNDS times (default 1), and prints the ratio of each figure (this / that).
#
#   [AGAINST=rev] [ROUNDS=n] tests/load/write-load.sh [sqlite file (default: generated)] [seconds (default 10)] [connections (default 8)]
#
# Needs wrk, taskset, curl and python3. Traffic stays on loopback. The base given is copied, never written to.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

base_db=${1:-}
duration=${2:-10}
connections=${3:-8}
rounds=${ROUNDS:-1}
port=${LOAD_PORT:-5182}
url="http://127.0.0.1:$port"
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ -d "$work/against" ] && git -C "$repo" worktree remove --force "$work/against" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
pin_app= pin_wrk=
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then pin_app="taskset -c 0" pin_wrk="taskset -c 1"; fi

if [ -z "$base_db" ]; then
  base_db="$work/base.db"
  Database__ConnectionString="Data Source=$base_db" dotnet run -c Release --project tools/ClaimsApi.Synthetic -- generate --claims 20000 --seed 42 >/dev/null
fi

builds=(this)
dotnet publish src/ClaimsApi -c Release -o "$work/this" --nologo -v quiet >/dev/null
if [ -n "${AGAINST:-}" ]; then
  git worktree add --detach "$work/against" "$AGAINST" >/dev/null 2>&1
  dotnet publish "$work/against/src/ClaimsApi" -c Release -o "$work/that" --nologo -v quiet >/dev/null
  builds+=(that)
fi

# wrk's latency ("812.00us", "12.3ms", "1.2s") in milliseconds.
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }
summary() { # name, wrk output → one line: req/s p50 p90 p99 errors
  local out=$2 errors
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | sed -E 's/^ +//; s/Non-2xx or 3xx responses/non-2xx/' | tr '\n' ' ' || true)
  echo "$1 $(awk '/Requests\/sec/ {print $2}' <<<"$out") $(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")") $(ms "$(awk '$1 == "90%" {print $2}' <<<"$out")") $(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")") ${errors:-0}"
}

run() { # build, round → lines "build op req/s p50 p90 p99 errors" in $work/results
  local build=$1 db="$work/$1-$2.db" key
  cp "$base_db" "$db"
  export Logging__LogLevel__Default=Warning RateLimiting__Enabled=false Database__ConnectionString="Data Source=$db" Seeds__Path="$repo/seeds"
  key=$(dotnet "$work/$build/ClaimsApi.dll" keys create --name "load" --role curator 2>/dev/null)
  ASPNETCORE_URLS="$url" $pin_app dotnet "$work/$build/ClaimsApi.dll" >"$work/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -fsS "$url/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fsS "$url/health/ready" >/dev/null || { cat "$work/app.log" >&2; exit 1; }

  # Pairs of (article, statement of it) and entities to write with, from the base.
  python3 - "$db" "$work/pairs.lua" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
pairs = db.execute("SELECT article_id, id FROM statements WHERE deleted_at IS NULL ORDER BY id LIMIT 4000").fetchall()
entities = [r[0] for r in db.execute("SELECT id FROM entities WHERE deleted_at IS NULL ORDER BY id LIMIT 200")]
with open(sys.argv[2], "w") as f:
    f.write("targets = {" + ",".join('{"%s","%s"}' % p for p in pairs) + "}\n")
    f.write("entities = {" + ",".join('"%s"' % e for e in entities) + "}\n")
PY
  cat >"$work/common.lua" <<LUA
dofile("$work/pairs.lua")
headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $key"}
function claim(text)
  local p = targets[math.random(#targets)]
  return string.format('{"text":"%s","claimant":"%s","kind":"factual","article":"%s","evidence":[{"statement":"%s"}]}', text, entities[math.random(#entities)], p[1], p[2])
end
LUA
  cat >"$work/create.lua" <<LUA
dofile("$work/common.lua")
local n, tag = 0, nil
request = function()
  if tag == nil then math.randomseed(os.time() + math.floor(os.clock() * 1e6)); tag = math.random(1, 1e9) end
  n = n + 1
  return wrk.format("POST", "/v1/claims", headers, claim(string.format("Load test claim %d of run %d.", n, tag)))
end
LUA
  # One claim per connection for the PUTs: created here, each wrk thread (one connection each) takes one by number.
  python3 - "$url" "$key" "$db" "$connections" "$2" >"$work/put-claims" <<'PY'
import json, sqlite3, sys, urllib.request
url, key, db, n, round_ = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
article, statement = sqlite3.connect(db).execute("SELECT article_id, id FROM statements ORDER BY id LIMIT 1").fetchone()
claimant = sqlite3.connect(db).execute("SELECT id FROM entities ORDER BY id LIMIT 1").fetchone()[0]
for i in range(n):
    body = {"text": f"Replaced claim {i} of round {round_}.", "claimant": claimant, "kind": "factual", "article": article, "evidence": [{"statement": statement}]}
    request = urllib.request.Request(url + "/v1/claims", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as r:
        print(r.headers["Location"], r.headers["ETag"])
PY
  cat >"$work/put.lua" <<LUA
dofile("$work/common.lua")
local claims, next_thread = {}, 1
for line in io.lines("$work/put-claims") do local path, etag = line:match("(%S+) (%S+)"); claims[#claims + 1] = {path, etag} end
setup = function(thread)
  thread:set("path", claims[next_thread][1]); thread:set("etag", claims[next_thread][2]); next_thread = next_thread + 1
end
local n = 0
request = function()
  n = n + 1
  local body = claim(string.format("Replaced claim, revision %d.", n))
  local h = {["Content-Type"] = "application/json", ["Authorization"] = headers["Authorization"], ["If-Match"] = etag}
  return wrk.format("PUT", path, h, body)
end
response = function(status, headers, body)
  if status == 200 then etag = headers["ETag"] or headers["etag"] end
end
LUA
  $pin_wrk wrk -t2 -c"$connections" -d3s -s "$work/create.lua" "$url" >/dev/null # warm-up
  summary "$build POST" "$($pin_wrk wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$work/create.lua" "$url")" >>"$work/results"
  summary "$build PUT" "$($pin_wrk wrk -t"$connections" -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$work/put.lua" "$url")" >>"$work/results"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

echo "base: $base_db; wrk ${duration}s at $connections connections; $(nproc) cores${pin_app:+ (app on core 0, wrk on core 1)}${AGAINST:+; against $AGAINST ($(git rev-parse --short "$AGAINST"))}"
: >"$work/results"
for round in $(seq 1 "$rounds"); do
  for build in "${builds[@]}"; do run "$build" "$round"; done
done

python3 - "$work/results" <<'PY'
import sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    build, op, rps, p50, p90, p99, *errors = line.split()
    rows[(build, op)].append((float(rps), float(p50), float(p90), float(p99), " ".join(errors)))
def mean(values): return sum(values) / len(values)
print(f"{'build':<6} {'operation':<34} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8}  errors")
names = {"POST": "POST /v1/claims", "PUT": "PUT /v1/claims/{id} (If-Match)"}
for (build, op), runs in rows.items():
    cols = [mean([r[i] for r in runs]) for i in range(4)]
    print(f"{build:<6} {names[op]:<34} {cols[0]:>8.0f} {cols[1]:>8.2f} {cols[2]:>8.2f} {cols[3]:>8.2f}  {'; '.join(r[4] for r in runs)}")
for op in ("POST", "PUT"):
    if ("that", op) in rows:
        a = [mean([r[i] for r in rows[("this", op)]]) for i in range(4)]
        b = [mean([r[i] for r in rows[("that", op)]]) for i in range(4)]
        print(f"{'ratio':<6} {names[op]:<34} {a[0]/b[0]:>8.2f} {a[1]/b[1]:>8.2f} {a[2]/b[2]:>8.2f} {a[3]/b[3]:>8.2f}  (this / against)")
PY
