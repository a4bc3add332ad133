# shellcheck shell=bash disable=SC2034
# Shared helpers for these check scripts. Source it; do not run it.
#
# Environment knobs (all optional):
#   CHECKS_TOOLS   where tools are installed     (default /tmp/claimsapi-contract-tools)
#   CHECKS_OUT     where reports/screenshots go  (default $CHECKS_TOOLS/out)
#   OPENAPI_PATH   path of the OpenAPI document  (default: first of /openapi/v1.json,
#                  /swagger/v1/swagger.json, /openapi.json that answers 200 with JSON)
#   CHECKS_OFFLINE=1  never install anything; fail if a tool is missing
#
# Nothing here writes outside $CHECKS_TOOLS / $CHECKS_OUT, and nothing talks to any
# host but the API base URL (plus the package registries during installs).

set -o pipefail

CHECKS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CHECKS_TOOLS="${CHECKS_TOOLS:-/tmp/claimsapi-contract-tools}"
CHECKS_OUT="${CHECKS_OUT:-$CHECKS_TOOLS/out}"
export CHECKS_TOOLS CHECKS_OUT
NODE_TOOLS="$CHECKS_TOOLS/node"
NODE_BIN="$NODE_TOOLS/node_modules/.bin"   # used by the scripts that source this file
KIOTA_VERSION="${KIOTA_VERSION:-1.38.0}"
KIOTA_DIR="$CHECKS_TOOLS/dotnet-tools"

# Keep every tool quiet and off the network (telemetry / update checks).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export KIOTA_TELEMETRY__OPTOUT=true KIOTA_UPDATE__DISABLED=true
export NO_UPDATE_NOTIFIER=1 NPM_CONFIG_UPDATE_NOTIFIER=false SCARF_ANALYTICS=false DO_NOT_TRACK=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Keep package caches under $CHECKS_TOOLS too (override by exporting them beforehand).
export npm_config_cache="${npm_config_cache:-$CHECKS_TOOLS/npm-cache}"
export NUGET_PACKAGES="${NUGET_PACKAGES:-$CHECKS_TOOLS/nuget-packages}"

log()  { printf '[%s] %s\n' "${CHECK_NAME:-checks}" "$*" >&2; }
die()  { log "ERROR: $*"; [ -n "${CHECK_NAME:-}" ] && echo "${CHECK_NAME}: ERROR $*"; exit 2; }

# usage_base_url "$@"  -> sets BASE_URL (no trailing slash) or exits 2
usage_base_url() {
  if [ $# -lt 1 ] || [ -z "$1" ] || [[ "$1" == -h* ]]; then
    echo "usage: $(basename "$0") http://127.0.0.1:PORT [extra args]" >&2
    exit 2
  fi
  BASE_URL="${1%/}"
  case "$BASE_URL" in
    http://127.*|http://localhost*|http://\[::1\]*|https://127.*|https://localhost*) ;;
    *) [ "${CHECKS_ALLOW_REMOTE:-0}" = 1 ] || die "refusing non-loopback base URL $BASE_URL (set CHECKS_ALLOW_REMOTE=1 to override)";;
  esac
}

# work_dir NAME -> creates and echoes a fresh $CHECKS_OUT/NAME
work_dir() {
  local d="$CHECKS_OUT/$1"
  rm -rf "$d" && mkdir -p "$d" && echo "$d"
}

# fetch_doc BASE_URL DEST  -> downloads the OpenAPI document, echoes the path used
fetch_doc() {
  local base="$1" dest="$2" p
  local candidates=("${OPENAPI_PATH:-}" /openapi/v1.json /swagger/v1/swagger.json /openapi.json)
  for p in "${candidates[@]}"; do
    [ -z "$p" ] && continue
    if curl -fsS --max-time 15 -H 'Accept: application/json' -o "$dest" "$base$p" 2>/dev/null \
       && node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if(!(d.openapi||d.swagger)) process.exit(1)' "$dest" 2>/dev/null; then
      echo "$p"; return 0
    fi
  done
  return 1
}

# ensure_node_tools -> npm ci the pinned package.json/package-lock.json into $NODE_TOOLS
ensure_node_tools() {
  local stamp
  stamp="$NODE_TOOLS/.installed-$(cat "$CHECKS_DIR/package.json" "$CHECKS_DIR/package-lock.json" | sha256sum | cut -c1-16)"
  [ -f "$stamp" ] && return 0
  [ "${CHECKS_OFFLINE:-0}" = 1 ] && die "npm tools missing in $NODE_TOOLS and CHECKS_OFFLINE=1"
  log "installing pinned npm tools into $NODE_TOOLS (npm ci, ~15-60 s)"
  mkdir -p "$NODE_TOOLS"
  cp "$CHECKS_DIR/package.json" "$CHECKS_DIR/package-lock.json" "$NODE_TOOLS/"
  # --ignore-scripts: nothing here needs an install script, and it skips analytics postinstalls.
  ( cd "$NODE_TOOLS" && timeout 600 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error ) >&2 \
    || die "npm ci failed in $NODE_TOOLS"
  rm -f "$NODE_TOOLS"/.installed-* && touch "$stamp"
}

# ensure_kiota -> dotnet tool install Microsoft.OpenApi.Kiota into $KIOTA_DIR
ensure_kiota() {
  if [ -x "$KIOTA_DIR/kiota" ] && "$KIOTA_DIR/kiota" --version 2>/dev/null | grep -q "^$KIOTA_VERSION"; then return 0; fi
  [ "${CHECKS_OFFLINE:-0}" = 1 ] && die "kiota missing in $KIOTA_DIR and CHECKS_OFFLINE=1"
  log "installing Microsoft.OpenApi.Kiota $KIOTA_VERSION into $KIOTA_DIR"
  timeout 600 dotnet tool install Microsoft.OpenApi.Kiota --version "$KIOTA_VERSION" --tool-path "$KIOTA_DIR" >&2 \
    || timeout 600 dotnet tool update Microsoft.OpenApi.Kiota --version "$KIOTA_VERSION" --tool-path "$KIOTA_DIR" >&2 \
    || die "kiota install failed"
}

# ensure_chromium -> Debian chromium at /usr/bin/chromium (needs root for apt-get), at the pinned version. Debian's
# security archive keeps only the newest build of a package, so when the pinned one is gone the newest is installed,
# with a warning naming both (then move the pin: the checks were last run on the pinned one).
CHROMIUM_DEBIAN_VERSION="${CHROMIUM_DEBIAN_VERSION:-156.0.8078.114-1~deb12u1}"
ensure_chromium() {
  local exe="${CHROMIUM_PATH:-/usr/bin/chromium}" want=()
  [ -x "$exe" ] && return 0
  [ "${CHECKS_OFFLINE:-0}" = 1 ] && die "$exe missing and CHECKS_OFFLINE=1"
  log "installing Debian chromium $CHROMIUM_DEBIAN_VERSION (apt-get, ~30-90 s)"
  timeout 600 apt-get update -qq >&2 || die "apt-get update failed (run as root)"
  if apt-cache madison chromium | grep -qF " $CHROMIUM_DEBIAN_VERSION "; then
    want=("chromium=$CHROMIUM_DEBIAN_VERSION" "chromium-common=$CHROMIUM_DEBIAN_VERSION")
  else
    log "WARNING: chromium $CHROMIUM_DEBIAN_VERSION is no longer in the archive; installing $(apt-cache policy chromium | sed -n 's/ *Candidate: //p') (move CHROMIUM_DEBIAN_VERSION in tests/contract/common.sh)"
    want=(chromium)
  fi
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "${want[@]}" >&2 \
    || die "apt-get install chromium failed (run as root; is another apt-get holding the lock?)"
}

# free_port -> prints a free TCP port on 127.0.0.1
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# wait_http URL SECONDS -> 0 once URL answers anything over HTTP
wait_http() {
  local url="$1" secs="${2:-30}" i
  for ((i = 0; i < secs * 4; i++)); do
    curl -s -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.25
  done
  return 1
}

# stop_pid PID -> TERM, then KILL after 5 s; only ever the PID we started
stop_pid() {
  local pid="$1" i
  [ -z "$pid" ] && return 0
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
}
