#!/usr/bin/env bash
# Crash safety as a test (docs/reliability.md#crash-safety). Builds ClaimsApi once, then for each round starts it on
# 127.0.0.1, kills it with SIGKILL at a random moment of one of these phases, and restarts it:
#   first-start  a new SQLite file: killed while creating it, migrating or importing the seeds
#   upgrade      a file at an older migration (`migrate --to`): killed while applying the pending migrations
#   seed-import  the long-lived file with a seed changed: killed while the import reconciles it
#   writes       the long-lived file under a writer loop (POST, PUT with If-Match, workflow moves; admin key from
#                `keys create`): killed in the middle of writes; every write answered 2xx is recorded
#   indexing     a synthetic base (--index-claims, made once with tools/ClaimsApi.Synthetic) with its search index in
#                the default folder beside it: the server killed while writers publish, edit, retract and delete
#                claims whose texts each carry a word of their own (the index applying them, its 5 s commits), then
#                `search rebuild` killed at a random moment of the time a full rebuild takes; the restarted server
#                must find every published claim by its current word with GET /v1/search, and none by an old word or
#                after a retraction or deletion (claims with a request in flight at the kill left out), each search
#                answered within --search-timeout of ready; then `search rebuild` run again must complete
# After each kill: PRAGMA integrity_check and foreign_key_check (python3's sqlite3), then a restart that must be
# ready (/health/ready) within --ready-timeout; on the long-lived file, every write acknowledged so far (all rounds)
# is then read back through the API with its history entry. Any failure ends the run saying which round, phase and
# moment.
#
#   tests/crash/crash-test.sh [--rounds N (default 15)] [--seed N] [--app DIR (a built ClaimsApi; default: build one)]
#                             [--synthetic DIR (a built tools/ClaimsApi.Synthetic, for indexing; default: build one)]
#                             [--ready-timeout SECONDS (default 60)] [--threads N (writers, default 4)]
#                             [--index-claims N (default 5000)] [--search-timeout SECONDS (default 10)]
#                             [--phases LIST (default first-start,upgrade,seed-import,writes,indexing; in turn)] [--keep]
#
# Needs dotnet, curl and python3. Traffic stays on 127.0.0.1. Exit 0 when every round passed.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

rounds=15 seed=$RANDOM$RANDOM app= synthetic= ready_timeout=60 threads=4 keep= index_claims=5000 search_timeout=10
phase_list=first-start,upgrade,seed-import,writes,indexing
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --app) app=$(cd "$2" && pwd); shift 2 ;;
    --synthetic) synthetic=$(cd "$2" && pwd); shift 2 ;;
    --index-claims) index_claims=$2; shift 2 ;;
    --search-timeout) search_timeout=$2; shift 2 ;;
    --ready-timeout) ready_timeout=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --phases) phase_list=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown argument: $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
RANDOM=$seed

# How many migrations a fully migrated file has: those of the app (a kill after the last one is past them all).
all_migrations=$(find src/ClaimsApi/Persistence/Migrations/Sqlite -maxdepth 1 -name '2*.cs' ! -name '*.Designer.cs' | wc -l)
work=$(mktemp -d)
pid= rebuilding=
lib="$repo/tests/crash/crashlib.py"
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  [ -n "$rebuilding" ] && kill -9 "$rebuilding" 2>/dev/null
  if [ -n "$keep" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT # so that the cleanup runs when a time limit stops the script

fail() {
  echo "CRASH TEST FAILED: $1" >&2
  if [ -f "$work/app.log" ]; then
    echo "--- last lines of the app's log ($work/app.log):" >&2
    tail -n 25 "$work/app.log" >&2
  fi
  keep=1
  exit 1
}

if [ -z "$app" ]; then
  echo "::: building ClaimsApi (Release)"
  dotnet build src/ClaimsApi -c Release -o "$work/app" --nologo -v quiet >/dev/null || fail "the build failed"
  app="$work/app"
fi
[ -f "$app/ClaimsApi.dll" ] || fail "no ClaimsApi.dll in $app"

port=$(python3 "$lib" port)
base="http://127.0.0.1:$port"
export ASPNETCORE_ENVIRONMENT=Production DOTNET_gcServer=0 Logging__LogLevel__Default=Warning
older=ImmutableUnaccent # the migration before CurationWrites, whose table rebuild was once left half-applied

# Runs a ClaimsApi command on database $1 with seeds $2, from the app's folder (its appsettings.json).
claimsapi() {
  local db=$1 seeds=$2
  shift 2
  (cd "$app" && Database__ConnectionString="Data Source=$db" Seeds__Path="$seeds" exec dotnet ClaimsApi.dll "$@")
}

# Starts the server on database $1 with seeds $2; $pid is the dotnet process itself (the subshell execs it).
start() {
  (cd "$app" && Database__ConnectionString="Data Source=$1" Seeds__Path="$2" exec dotnet ClaimsApi.dll --urls "$base") >>"$work/app.log" 2>&1 &
  pid=$!
}

now_ms() { date +%s%3N; }

# Waits until /health/ready answers 200; prints the milliseconds it took.
wait_ready() {
  local started deadline
  started=$(now_ms)
  deadline=$((started + ready_timeout * 1000))
  until curl -fsS -o /dev/null "$base/health/ready" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$(now_ms)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
  echo $(($(now_ms) - started))
}

stop() {
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
  fi
}

sigkill() {
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
}

seeds="$work/seeds"
cp -r seeds "$seeds"
live="$work/live.db"
acks="$work/acks.jsonl"
: >"$acks"

echo "::: crash test: $rounds rounds, seed $seed, app $app, port $port"
# The long-lived database, and an admin key made by the app's own command (the key is its only standard output).
key=$(claimsapi "$live" "$seeds" keys create --name "crash-$seed" --role admin 2>>"$work/app.log") || fail "keys create failed"

IFS=, read -r -a phases <<<"$phase_list"
for phase in "${phases[@]}"; do
  case $phase in first-start | upgrade | seed-import | writes | indexing) ;; *) echo "unknown phase: $phase" >&2; exit 2 ;; esac
done

# How long a first start takes to be ready (on a new file; `keys create` above warmed the caches): the window in
# which start-up kills land.
if [[ ",$phase_list," =~ ,(first-start|upgrade|seed-import), ]]; then
  start "$work/calibrate.db" "$seeds"
  window=$(wait_ready) || fail "the app did not become ready within ${ready_timeout}s on a first start"
  stop
  window=$((window + window / 5))
  echo "first start ready in about $((window * 5 / 6)) ms; start-up kills land in [0, $window] ms"
fi

# The indexing phase's base: a synthetic one (made once), big enough that a full `search rebuild` takes seconds; its
# index is in the default folder beside it, as a server keeps it. Its own admin key; its writes logged in $index_log.
index_db="$work/index.db" index_log="$work/index-writes.jsonl"
if [[ ",$phase_list," == *,indexing,* ]]; then
  if [ -z "$synthetic" ]; then
    echo "::: building tools/ClaimsApi.Synthetic (Release)"
    dotnet build tools/ClaimsApi.Synthetic -c Release -o "$work/synthetic" --nologo -v quiet >/dev/null || fail "the build of the synthetic-data tool failed"
    synthetic="$work/synthetic"
  fi
  [ -f "$synthetic/ClaimsApi.Synthetic.dll" ] || fail "no ClaimsApi.Synthetic.dll in $synthetic"
  (cd "$synthetic" && Database__ConnectionString="Data Source=$index_db" exec dotnet ClaimsApi.Synthetic.dll generate --claims "$index_claims" --seed 42) \
    >>"$work/app.log" 2>&1 || fail "generating the synthetic base for the indexing phase failed"
  index_key=$(claimsapi "$index_db" "$seeds" keys create --name "crash-index-$seed" --role admin 2>>"$work/app.log") || fail "keys create on the indexing base failed"
  : >"$index_log"
  # How long a full rebuild takes, from its first line to its commit (in a folder of its own, so that the first round's
  # server builds its index itself): the window in which the kills of `search rebuild` land.
  (Search__IndexPath="$work/calibrate.search-index" claimsapi "$index_db" "$seeds" search rebuild) >"$work/rebuild.err" 2>&1 ||
    fail "search rebuild failed on the indexing base: $(tail -n 3 "$work/rebuild.err")"
  cat "$work/rebuild.err" >>"$work/app.log"
  rebuild_window=$(sed -nE 's/^Search index rebuilt in .* documents in ([0-9]+)\.([0-9]) s.*/\1\200/p' "$work/rebuild.err" | sed 's/^0*//')
  [ -n "$rebuild_window" ] || fail "search rebuild did not say how long it took: $(tail -n 3 "$work/rebuild.err")"
  rm -rf "$work/calibrate.search-index"
  echo "indexing base: $index_claims synthetic claims, rebuilt in about $rebuild_window ms; kills of search rebuild land in [0, $((rebuild_window + rebuild_window / 5))] ms after its first line"
  rebuild_window=$((rebuild_window + rebuild_window / 5))
fi

# The Lucene commits in the indexing base's folder (segments_N): a new one is a rebuild that committed.
commits() { ls "$index_db.search-index" 2>/dev/null | grep '^segments_' | tr '\n' ' ' || true; }

sleep_ms() { sleep "$(($1 / 1000)).$(printf '%03d' $(($1 % 1000)))"; }

# One round of the indexing phase: the server killed mid-indexing, then `search rebuild` killed, then the checks.
# Prints its report line; sets $moment.
index_round() {
  local round=$1 lines delay rdelay rebuilt ready verified again started
  echo "--- round $round/$rounds: indexing" >>"$work/app.log"
  start "$index_db" "$seeds"
  wait_ready >/dev/null || fail "round $round (indexing): the app did not become ready before the writes"
  lines=$(wc -l <"$index_log")
  python3 "$lib" index-write "$base" "$index_key" "$index_log" "$seed-$round" "$threads" >"$work/writer.out" 2>&1 &
  writer=$!
  for _ in $(seq 1 200); do
    [ "$(wc -l <"$index_log")" -gt "$lines" ] && break
    sleep 0.05
  done
  # 2 to 7 s into the writes (a claim takes three requests to be published, each a commit): the follower applies
  # each change within milliseconds and commits every 5 s, so a kill finds applied changes not yet committed, sometimes
  # just after a commit, and in the first round perhaps still building the index at start.
  delay=$((2000 + RANDOM % 5000))
  sleep_ms "$delay"
  sigkill
  wait "$writer" || fail "round $round (indexing): the writer saw an unexpected answer: $(cat "$work/writer.out")"
  check=$(python3 "$lib" integrity "$index_db") || fail "round $round (indexing, server killed at ${delay} ms): $check"

  # `search rebuild` (the server stopped, as the command asks), killed at a random moment of a rebuild's duration
  # counted from its first line (said once the database is open, before the first document); what it reached is read
  # from the folder: a new commit, or none (the old one, or none at all if the first round's server had not finished
  # building).
  before=$(commits)
  # As start() runs the server, so that $! is the dotnet process itself (the subshell execs it) and the kill reaches it.
  (cd "$app" && Database__ConnectionString="Data Source=$index_db" Seeds__Path="$seeds" exec dotnet ClaimsApi.dll search rebuild) >"$work/rebuild.err" 2>&1 &
  rebuilding=$!
  for _ in $(seq 1 $((ready_timeout * 50))); do
    grep -q "Rebuilding the search index" "$work/rebuild.err" && break
    kill -0 "$rebuilding" 2>/dev/null || break
    sleep 0.02
  done
  grep -q "Rebuilding the search index" "$work/rebuild.err" || fail "round $round (indexing): search rebuild did not start: $(tail -n 3 "$work/rebuild.err")"
  rdelay=$((RANDOM % (rebuild_window + 1)))
  sleep_ms "$rdelay"
  kill -9 "$rebuilding" 2>/dev/null || true
  wait "$rebuilding" 2>/dev/null || true
  rebuilding=
  cat "$work/rebuild.err" >>"$work/app.log"
  if [ "$(commits)" != "$before" ]; then moment="after the rebuild committed"; else moment="mid-rebuild"; fi
  check=$(python3 "$lib" integrity "$index_db") || fail "round $round (indexing, rebuild killed at ${rdelay} ms, $moment): $check"

  start "$index_db" "$seeds"
  ready=$(wait_ready) || fail "round $round (indexing, rebuild killed at ${rdelay} ms, $moment): the restarted app was not ready within ${ready_timeout}s"
  verified=$(python3 "$lib" index-verify "$base" "$index_key" "$index_log" "$search_timeout") ||
    fail "round $round (indexing, server killed ${delay} ms into the writes, rebuild killed at ${rdelay} ms, $moment): $verified"
  # The index folder was free again after each kill: the server did not move to the next free folder (.2).
  [ ! -e "$index_db.search-index.2" ] || fail "round $round (indexing): the restarted server found its index folder held and used $index_db.search-index.2"
  stop

  started=$(now_ms)
  (claimsapi "$index_db" "$seeds" search rebuild) >"$work/rebuild.err" 2>&1 ||
    { cat "$work/rebuild.err" >>"$work/app.log"; fail "round $round (indexing): search rebuild, run again after the killed one, failed: $(tail -n 3 "$work/rebuild.err")"; }
  again=$(($(now_ms) - started))
  cat "$work/rebuild.err" >>"$work/app.log"
  grep -q "Search index rebuilt" "$work/rebuild.err" || fail "round $round (indexing): search rebuild, run again, did not say it rebuilt the index"
  printf 'round %3d  indexing    killed %5d ms into writes, rebuild killed at %5d ms, %-27s ready again in %5d ms  %s; rebuilt again in %d ms\n' \
    "$round" "$delay" "$rdelay" "$moment" "$ready" "${verified##*$'\n'}" "$again"
  [ "$ready" -gt "$slowest" ] && slowest=$ready
  return 0
}
declare -A kills=() moments=()
imports() { python3 "$lib" state "$1" | sed -E 's/.*seed_imports=([0-9]+).*/\1/'; }
slowest=0 writes_before=0 imports_before=$(imports "$live")
for round in $(seq 1 "$rounds"); do
  phase=${phases[$(((round - 1) % ${#phases[@]}))]}
  if [ "$phase" = indexing ]; then
    index_round "$round"
    moments[$moment]=$((${moments[$moment]:-0} + 1))
    kills[$phase]=$((${kills[$phase]:-0} + 1))
    continue
  fi
  db=$live
  case $phase in
    first-start)
      db="$work/round-$round.db"
      ;;
    upgrade)
      db="$work/round-$round.db"
      claimsapi "$db" "$seeds" migrate --to "$older" >>"$work/app.log" 2>&1 || fail "round $round: migrate --to $older failed"
      ;;
    seed-import)
      # One seeded claim's text changes, so the next start reconciles (updates) it.
      sed -i -E "s/^(    text: The size, composition and losses of the North Korean military contingent were not disclosed\.).*/\1 (revised in round $round)/" "$seeds"/*.yaml
      grep -q "revised in round $round" "$seeds"/*.yaml || fail "round $round: could not change the seeds"
      ;;
  esac

  echo "--- round $round/$rounds: $phase" >>"$work/app.log"
  start "$db" "$seeds"
  if [ "$phase" = writes ]; then
    wait_ready >/dev/null || fail "round $round: the app did not become ready before the writes"
    python3 "$lib" write "$base" "$key" "$acks" "$seed-$round" "$threads" >"$work/writer.out" 2>&1 &
    writer=$!
    # The kill comes at a random moment once writes are flowing (the first acknowledged one).
    for _ in $(seq 1 200); do
      [ "$(wc -l <"$acks")" -gt "$writes_before" ] && break
      sleep 0.05
    done
    delay=$((RANDOM % 2500))
  else
    delay=$((RANDOM % (window + 1)))
  fi
  sleep_ms "$delay"
  sigkill
  if [ "$phase" = writes ]; then
    wait "$writer" || fail "round $round: the writer saw an unexpected answer: $(cat "$work/writer.out")"
  fi

  at_kill=$(python3 "$lib" state "$db" 2>/dev/null || echo "no database yet")
  # What the kill interrupted, from what had committed: the migrations, the seed import, or nothing (ready).
  case $phase in
    writes) moment="mid-writes" ;;
    seed-import) [[ $at_kill == *"seed_imports=$imports_before "* ]] && moment="before the import committed" || moment="after the import" ;;
    *) if [[ $at_kill != *"migrations=$all_migrations "* ]]; then moment="before the migrations committed"
       elif [[ $at_kill == *seed_imports=0* ]]; then moment="before the import committed"
       else moment="after the import"; fi ;;
  esac
  moments[$moment]=$((${moments[$moment]:-0} + 1))
  if [ -f "$db" ]; then
    check=$(python3 "$lib" integrity "$db") || fail "round $round ($phase, killed at ${delay} ms; $at_kill): $check"
  fi

  start "$db" "$seeds"
  ready=$(wait_ready) || fail "round $round ($phase, killed at ${delay} ms; $at_kill): the restarted app was not ready within ${ready_timeout}s"
  [ "$ready" -gt "$slowest" ] && slowest=$ready

  python3 "$lib" integrity "$db" >/dev/null || fail "round $round ($phase): integrity check after the restart"
  if [ "$phase" = first-start ] || [ "$phase" = upgrade ]; then
    claims=$(curl -fsS "$base/v1/claims?limit=100" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["items"]))')
    [ "$claims" = 12 ] || fail "round $round ($phase): $claims published claims after the restart, 12 expected"
  fi
  if [ "$phase" = seed-import ]; then
    curl -fsS "$base/v1/claims/contingent-details-not-disclosed" | grep -q "revised in round $round" ||
      fail "round $round (seed-import): the changed seed was not imported after the restart"
  fi
  if [ "$db" = "$live" ]; then
    verified=$(python3 "$lib" verify "$base" "$key" "$acks") || fail "round $round ($phase, killed at ${delay} ms): $verified"
  fi
  stop

  writes=$(wc -l <"$acks")
  kills[$phase]=$((${kills[$phase]:-0} + 1))
  printf 'round %3d  %-11s killed at %5d ms, %-31s (%s)  ready again in %5d ms  %s\n' \
    "$round" "$phase" "$delay" "$moment" "$at_kill" "$ready" "$([ "$phase" = writes ] && echo "+$((writes - writes_before)) acknowledged writes" || true)"
  writes_before=$writes
  imports_before=$(imports "$live")
done

# A writer that never gets an answer it understands acknowledges nothing, and then there is nothing to verify.
if [ "${kills[writes]:-0}" -gt 0 ] && [ "$(wc -l <"$acks")" -eq 0 ]; then
  fail "no write was acknowledged in ${kills[writes]} writes rounds: the writer could not read the answers ($(cat "$work/writer.out"))"
fi

# The last indexing round's completed rebuild, checked by search too (each round's restart checks the one before).
searchable=
if [ "${kills[indexing]:-0}" -gt 0 ]; then
  [ "$(wc -l <"$index_log")" -gt 0 ] || fail "no claim was written in ${kills[indexing]} indexing rounds ($(cat "$work/writer.out"))"
  start "$index_db" "$seeds"
  wait_ready >/dev/null || fail "the app was not ready on the rebuilt index"
  verified=$(python3 "$lib" index-verify "$base" "$index_key" "$index_log" "$search_timeout") || fail "after the last rebuild: $verified"
  stop
  searchable=", on the indexing base ${verified##*$'\n'}"
fi

for moment in "before the migrations committed" "before the import committed" "after the import" mid-writes \
  mid-rebuild "after the rebuild committed"; do
  echo "killed $moment: ${moments[$moment]:-0}"
done
echo "crash test passed: $rounds rounds (first-start ${kills[first-start]:-0}, upgrade ${kills[upgrade]:-0}, seed-import ${kills[seed-import]:-0}, writes ${kills[writes]:-0}, indexing ${kills[indexing]:-0}), $(wc -l <"$acks") acknowledged writes all present with their history${searchable}, slowest restart to ready ${slowest} ms, integrity ok after every kill (seed $seed)"
