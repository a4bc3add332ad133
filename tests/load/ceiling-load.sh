#!/usr/bin/env bash
# The API against its ceiling (tools/ClaimsApi.Ceiling, issue #12): publishes both in Release, starts both on
# 127.0.0.1 over the same database, picks random ids of each kind from it (a fixed seed), warms up, then drives
# each endpoint with wrk in alternating rounds (API, ceiling, API, ceiling …) and prints requests/s, p50 and p99 of
# each and the ratio API/ceiling. The ceiling serves the same bytes (tests/ClaimsApi.Tests/Ceiling), so the ratio
# is the share of what this stack can do that the API does. Traffic stays on loopback; the run is bounded in time.
#
#   tests/load/ceiling-load.sh [DATABASE] [seconds per round (default 5)] [rounds (default 2)] [connections (default 32)]
#
# DATABASE is a SQLite file (the seeds import off; migrations on, so a base made before the read model gets its empty
# tables, which the API's reads then fill), or with Database__Provider=Postgres exported an Npgsql connection string;
# empty or left out: a fresh SQLite base that the API seeds from seeds/ as it starts. API_SETTINGS (space-separated
# KEY=VALUE) go to the API's environment, e.g. API_SETTINGS=ReadModel__Enabled=false to render every read.
# Where taskset exists the servers run on core 0 and wrk on core 1 (one wrk thread), so neither takes the other's
# core; a PostgreSQL server is not pinned. Needs wrk (Debian: apt-get install -y wrk), curl and python3 (and psql
# for PostgreSQL). Ids: 1,000 of each kind of record an anonymous reader sees; for the lists, 200 entities that
# claims mention and 200 speakers, each list read at its first page and at a "deep" cursor (the page after one of
# its items, chosen at random). WARMUP_SECONDS (default 10) is each endpoint's warm-up on each server (every path
# once, in order, then again); LOAD_PORT
# (default 5191) the API's port, the ceiling's the next one. ONLY (e.g. ONLY=claims,entity-claims: names of the
# path files, the last field of each line of "endpoints" below) drives only those endpoints.
set -euo pipefail
cd "$(dirname "$0")/../.."

database=${1:-}
duration=${2:-5}
rounds=${3:-2}
connections=${4:-32}
warmup=${WARMUP_SECONDS:-10}
api_port=${LOAD_PORT:-5191}
ceiling_port=$((api_port + 1))
provider=${Database__Provider:-Sqlite}
work=$(mktemp -d)
api_pid=
ceiling_pid=
trap '[[ -n $api_pid ]] && kill -KILL "$api_pid" 2>/dev/null; [[ -n $ceiling_pid ]] && kill -KILL "$ceiling_pid" 2>/dev/null; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
if [[ $provider == Postgres ]]; then
  [[ -n $database ]] || { echo "with Database__Provider=Postgres, DATABASE is the connection string" >&2; exit 2; }
  command -v psql >/dev/null || { echo "psql is needed to pick ids from PostgreSQL (apt-get install -y postgresql-client)" >&2; exit 2; }
  connection_string=$database
  existing_base=(Seeds__ImportOnStartup=false)
elif [[ -n $database ]]; then
  [[ -f $database ]] || { echo "no database file at $database" >&2; exit 2; }
  connection_string="Data Source=$(realpath "$database")"
  existing_base=(Seeds__ImportOnStartup=false)
else
  connection_string="Data Source=$work/claims.db"
  existing_base=()
fi

# Server on core 0, load generator on core 1: the figures are the server's, not a share of a contended machine.
if command -v taskset >/dev/null && (( $(nproc) >= 2 )); then
  server=(taskset -c 0) client=(taskset -c 1) threads=1 pinning="servers on core 0, wrk on core 1"
else
  server=() client=() threads=2 pinning="not pinned (no taskset or one core)"
fi

dotnet publish src/ClaimsApi -c Release -o "$work/api" --nologo -v quiet >/dev/null
dotnet publish tools/ClaimsApi.Ceiling -c Release -o "$work/ceiling" --nologo -v quiet >/dev/null

wait_for() { # url, pid, log
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 0.5
  done
  cat "$3" >&2
  exit 1
}

# The servers; a server still busy with requests wrk gave up on is restarted (see settle below). The first start
# of a fresh SQLite base imports the seeds; the API's start has the seeds import off otherwise.
start_api() {
  env ASPNETCORE_URLS="http://127.0.0.1:$api_port" Logging__LogLevel__Default=Warning RateLimiting__Enabled=false \
    Database__Provider="$provider" Database__ConnectionString="$connection_string" Seeds__Path="$PWD/seeds" "${existing_base[@]}" ${API_SETTINGS:-} \
    "${server[@]}" dotnet "$work/api/ClaimsApi.dll" >>"$work/api.log" 2>&1 &
  api_pid=$!
  wait_for "http://127.0.0.1:$api_port/health/live" "$api_pid" "$work/api.log"
}

start_ceiling() {
  env ASPNETCORE_URLS="http://127.0.0.1:$ceiling_port" Logging__LogLevel__Default=Warning \
    Database__Provider="$provider" Database__ConnectionString="$connection_string" \
    "${server[@]}" dotnet "$work/ceiling/ClaimsApi.Ceiling.dll" >>"$work/ceiling.log" 2>&1 &
  ceiling_pid=$!
  wait_for "http://127.0.0.1:$ceiling_port/v1/claims/-" "$ceiling_pid" "$work/ceiling.log"
}

start_api
start_ceiling

# One file of request paths per endpoint, from ids picked at random with a fixed seed.
python3 - "$provider" "$connection_string" "$work" <<'PY'
import base64, json, random, subprocess, sys

provider, connection_string, work = sys.argv[1:4]
if provider == "Postgres":
    keys = {"host": "host", "server": "host", "port": "port", "database": "dbname", "username": "user",
            "user id": "user", "userid": "user", "password": "password"}
    parts = dict(p.split("=", 1) for p in connection_string.split(";") if "=" in p)
    conninfo = " ".join(f"{keys[k.strip().lower()]}='{v.strip()}'" for k, v in parts.items() if k.strip().lower() in keys)
    def rows(sql):
        out = subprocess.run(["psql", conninfo, "-AtX", "-F", "\t", "-c", sql], check=True, capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]
else:
    import sqlite3
    db = sqlite3.connect("file:" + connection_string.split("=", 1)[1] + "?mode=ro", uri=True)
    def rows(sql):
        return [[str(v) for v in row] for row in db.execute(sql)]

def visible(alias):  # what an anonymous reader sees of claims and statements
    return f"{alias}.deleted_at IS NULL AND {alias}.workflow = 'Published'"
rng = random.Random(42)
def sample(items, n):
    items = sorted(set(items))
    return rng.sample(items, min(n, len(items)))
def cursor(sort, key, id):  # the API's cursor: base64url of {"s":…,"k":…,"i":…}
    raw = json.dumps({"s": sort, "k": key, "i": id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
def write(name, paths):
    if not paths:
        sys.exit(f"no ids for {name}: is the database empty?")
    with open(f"{work}/{name}.paths", "w") as f:
        f.write("\n".join(paths) + "\n")

for table, where in [("claims", visible("t")), ("statements", visible("t")), ("entities", "t.deleted_at IS NULL"), ("articles", "t.deleted_at IS NULL")]:
    write(table, [f"/v1/{table}/{id}" for id in sample([r[0] for r in rows(f"SELECT t.id FROM {table} t WHERE {where}")], 1000)])

entities = sample([r[0] for r in rows(f"SELECT DISTINCT m.entity_id FROM claim_mentions m JOIN claims c ON c.id = m.claim_id WHERE {visible('c')}")], 200)
quoted = ",".join(f"'{e}'" for e in entities)
mentioned = {}
for entity, claim, claimed_on, kind in rows(
        "SELECT m.entity_id, c.id, c.claimed_on, c.kind FROM claim_mentions m JOIN claims c ON c.id = m.claim_id "
        f"WHERE m.entity_id IN ({quoted}) AND {visible('c')} ORDER BY m.entity_id, c.id"):
    mentioned.setdefault(entity, []).append((claimed_on, claim, kind))
factual = {e: [c for c in cs if c[2] == "Factual"] for e, cs in mentioned.items()}
write("claims-by-entity", [f"/v1/claims?entity={e}&kind=factual" for e in entities])
write("claims-by-entity-deep", [f"/v1/claims?entity={e}&kind=factual&cursor={cursor('-claimedOn', *rng.choice(cs)[:2])}"
                                for e, cs in factual.items() if cs])
write("entity-claims", [f"/v1/entities/{e}/claims" for e in entities])
write("entity-claims-deep", [f"/v1/entities/{e}/claims?cursor={cursor('-claimedOn', *rng.choice(cs)[:2])}" for e, cs in mentioned.items()])

speakers = sample([r[0] for r in rows(f"SELECT DISTINCT s.speaker_id FROM statements s WHERE {visible('s')}")], 200)
quoted = ",".join(f"'{s}'" for s in speakers)
spoken = {}
for speaker, statement in rows(f"SELECT s.speaker_id, s.id FROM statements s WHERE s.speaker_id IN ({quoted}) AND {visible('s')} ORDER BY s.speaker_id, s.id"):
    spoken.setdefault(speaker, []).append(statement)
write("statements-by-speaker", [f"/v1/statements?speaker={s}" for s in speakers])
write("statements-by-speaker-deep", [f"/v1/statements?speaker={s}&cursor={cursor('id', None, rng.choice(ids))}" for s, ids in spoken.items()])
PY

cat >"$work/paths.lua" <<'LUA'
-- Each request is a path picked at random (a fixed seed per thread) from the file given after --.
local paths = {}
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(42)
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
LUA

# The warm-up reads each path once, in order, then goes round again: every record is read (and, by the API, stored)
# before the rounds, however slow a first read is.
cat >"$work/walk.lua" <<'LUA'
local paths = {}
local next_path = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
end
function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
LUA

endpoints=(
  "GET /v1/claims/{id}|claims"
  "GET /v1/statements/{id}|statements"
  "GET /v1/entities/{id}|entities"
  "GET /v1/articles/{id}|articles"
  "/v1/claims?entity&kind=factual, first|claims-by-entity"
  "/v1/claims?entity&kind=factual, deep|claims-by-entity-deep"
  "/v1/statements?speaker, first|statements-by-speaker"
  "/v1/statements?speaker, deep|statements-by-speaker-deep"
  "/v1/entities/{id}/claims, first|entity-claims"
  "/v1/entities/{id}/claims, deep|entity-claims-deep"
)

# settle PID: waits until the server is idle (under 4% of a core over half a second), for at most 30 s. A server
# goes on with the requests wrk gave up on (a database statement is not stopped), and that work must not fall into
# the other server's round on the same core. Fails when the server is still busy.
settle() {
  local before after
  [[ -r /proc/$1/stat ]] || return 0
  before=$(awk '{ print $14 + $15 }' "/proc/$1/stat")
  for _ in $(seq 1 60); do
    sleep 0.5
    after=$(awk '{ print $14 + $15 }' "/proc/$1/stat")
    (( after - before <= 2 )) && return 0
    before=$after
  done
  return 1
}

# warm api|ceiling FILE SECONDS: reads every path of FILE once, in order (then again, until SECONDS are up).
warm() {
  local pid port
  if [[ $1 == api ]]; then pid=$api_pid port=$api_port; else pid=$ceiling_pid port=$ceiling_port; fi
  "${client[@]}" wrk -t1 -c"$connections" -d"${3}s" --timeout 10s -s "$work/walk.lua" "http://127.0.0.1:$port" -- "$work/$2.paths" >/dev/null
  settle "$pid" || true
}

# drive api|ceiling FILE SECONDS: prints "requests seconds p50_us p99_us non2xx socket_errors"; then lets the server
# settle, or restarts it (counted in $work/NAME.restarts) when it does not.
drive() {
  local pid port
  if [[ $1 == api ]]; then pid=$api_pid port=$api_port; else pid=$ceiling_pid port=$ceiling_port; fi
  "${client[@]}" wrk -t"$threads" -c"$connections" -d"${3}s" --timeout 10s -s "$work/paths.lua" "http://127.0.0.1:$port" -- "$work/$2.paths" |
    awk '$1 == "RESULT" { printf "%d %.3f %d %d %d %d\n", $2, $3 / 1e6, $4, $5, $6, $7 }'
  if ! settle "$pid"; then
    kill -KILL "$pid" # read-only work: nothing to finish cleanly
    wait "$pid" 2>/dev/null || true
    echo "$2" >>"$work/$1.restarts"
    if [[ $1 == api ]]; then start_api; else start_ceiling; fi
  fi
}

ms() { awk -v us="$1" 'BEGIN { printf (us < 10000 ? "%.2fms" : "%.0fms"), us / 1000 }'; }

total=$(( ${#endpoints[@]} * 2 * (warmup + rounds * duration) ))
echo "database: ${database:-fresh SQLite seeded from seeds/} ($provider); $(nproc) cores, $pinning"
echo "wrk: $connections connections, $threads thread(s), ${duration}s rounds, $rounds alternating rounds per server after ${warmup}s warm-up; about ${total}s of load; each server settles after its rounds"
printf '%-40s %12s %9s %9s %12s %9s %9s %8s %8s  %s\n' endpoint "API req/s" p50 p99 "ceiling r/s" p50 p99 "req/s" p99 "rounds (API | ceiling req/s); errors"
printf '%-40s %12s %9s %9s %12s %9s %9s %8s %8s\n' "" "" "" "" "" "" "" "API/ceil" "API/ceil"
for entry in "${endpoints[@]}"; do
  name=${entry%%|*}
  file=${entry#*|}
  [[ -z ${ONLY:-} || ,$ONLY, == *,$file,* ]] || continue
  warm api "$file" "$warmup"
  warm ceiling "$file" "$warmup"
  : >"$work/api.rounds"
  : >"$work/ceiling.rounds"
  for _ in $(seq 1 "$rounds"); do
    drive api "$file" "$duration" >>"$work/api.rounds"
    drive ceiling "$file" "$duration" >>"$work/ceiling.rounds"
  done
  # Over the rounds: requests/s = all requests / all seconds; p50 and p99 = the mean of the rounds'.
  read -r a_rps a_p50 a_p99 a_err a_each < <(awk '{ n += $1; s += $2; p50 += $3; p99 += $4; err += $5 + $6; each = each sprintf("%s%.0f", NR > 1 ? "/" : "", $1 / $2) }
    END { printf "%.1f %.0f %.0f %d %s\n", n / s, p50 / NR, p99 / NR, err, each }' "$work/api.rounds")
  read -r c_rps c_p50 c_p99 c_err c_each < <(awk '{ n += $1; s += $2; p50 += $3; p99 += $4; err += $5 + $6; each = each sprintf("%s%.0f", NR > 1 ? "/" : "", $1 / $2) }
    END { printf "%.1f %.0f %.0f %d %s\n", n / s, p50 / NR, p99 / NR, err, each }' "$work/ceiling.rounds")
  ratio=$(awk -v a="$a_rps" -v c="$c_rps" 'BEGIN { printf (c > 0 ? "%.1f%%" : "n/a"), 100 * a / c }')
  p99_ratio=$(awk -v a="$a_p99" -v c="$c_p99" 'BEGIN { printf (c > 0 && a > 0 ? "%.1fx" : "n/a"), a / c }')
  # A round that completes fewer requests than it has connections measures only the requests that finished
  # first (wrk leaves the rest out): its percentiles are marked *.
  a_lat="$(ms "$a_p50") $(ms "$a_p99")"
  if awk -v rps="$a_rps" -v d="$duration" -v c="$connections" 'BEGIN { exit !(rps * d < c) }'; then
    a_lat="$(ms "$a_p50")* $(ms "$a_p99")*" p99_ratio="n/a"
  fi
  [[ $a_rps == 0.0 ]] && a_lat="n/a n/a"
  errors=""
  (( a_err + c_err > 0 )) && errors="; errors: API $a_err, ceiling $c_err"
  restarts=$(cat "$work/api.restarts" "$work/ceiling.restarts" 2>/dev/null | grep -cx "$file" || true)
  (( restarts > 0 )) && errors="$errors; restarted $restarts time(s) (still busy 30 s after a round)"
  # shellcheck disable=SC2086
  printf '%-40s %12s %9s %9s %12s %9s %9s %8s %8s  %s\n' "$name" "$a_rps" $a_lat "$c_rps" "$(ms "$c_p50")" "$(ms "$c_p99")" \
    "$ratio" "$p99_ratio" "$a_each | $c_each$errors"
done

# Memory: the peak resident set of each server over the whole run (VmHWM; a restarted server counts from its restart).
peak() { awk '/^VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "n/a"; }
echo "peak working set (VmHWM): API $(peak "$api_pid"), ceiling $(peak "$ceiling_pid")"
