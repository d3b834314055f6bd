#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests, from Debian's packages: a cluster in a folder of ours, run by
# a non-root user, listening on loopback only with trust authentication (nothing but this machine can connect).
# Idempotent: a second run reuses a cluster that answers.
#
#   scripts/postgres/setup.sh            (as root: installs the packages when missing, runs the cluster as
#                                         the system user docker-expert-pg; as anyone else: as that user)
#
# stdout gets one `export DOCKER_EXPERT_TEST_DATABASE_URL=...` line (so `eval "$(scripts/postgres/setup.sh)"` works);
# the same KEY=VALUE goes to $PG_DIR/env, which the tests read (test/support/postgres.ts). Progress goes to stderr.
#   DOCKER_EXPERT_PG_DIR    the cluster's folder (default /tmp/docker-expert-postgres)
#   DOCKER_EXPERT_PG_PORT   its port on 127.0.0.1 (default 54329)
set -euo pipefail

PG_DIR="${DOCKER_EXPERT_PG_DIR:-/tmp/docker-expert-postgres}"
PG_PORT="${DOCKER_EXPERT_PG_PORT:-54329}"
PG_USER=docker-expert-pg
PG_DB=docker_expert_test
DATA="$PG_DIR/data"
LOG="$PG_DIR/server.log"

log() { printf 'postgres setup: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

find_bin() {
  local d
  d="$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

if ! bin="$(find_bin)"; then
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed; run this as root once (apt-get install postgresql)"
  log "installing postgresql from Debian's packages"
  apt-get -o DPkg::Lock::Timeout=300 -q update >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q install -y --no-install-recommends postgresql >&2
  bin="$(find_bin)" || die "postgresql installed, but no /usr/lib/postgresql/*/bin/initdb"
fi

# initdb and postgres refuse to run as root.
run_as() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  if ! id "$PG_USER" >/dev/null 2>&1; then
    # A group left without its user (an /etc/passwd rewritten under us) is joined, not a reason to fail.
    group=(); getent group "$PG_USER" >/dev/null 2>&1 && group=(-g "$PG_USER")
    useradd --system "${group[@]}" --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER"
  fi
  run_as() { setpriv --reuid="$PG_USER" --regid="$(id -g "$PG_USER")" --clear-groups -- "$@"; }
fi

answers() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres -U postgres -t 2; }

mkdir -p "$PG_DIR"
[ "$(id -u)" = 0 ] && chown "$PG_USER" "$PG_DIR"
chmod 700 "$PG_DIR"
run_as test -w "$PG_DIR" || die "the cluster's user cannot write $PG_DIR (is a folder above it closed to that user?)"

if answers; then
  log "a server already answers on 127.0.0.1:$PG_PORT"
else
  if [ ! -s "$DATA/PG_VERSION" ]; then
    log "initdb in $DATA ($bin)"
    rm -rf "$DATA"
    # trust on loopback only: pg_hba gets local, 127.0.0.1/32 and ::1/128 lines, and the server listens on 127.0.0.1.
    run_as "$bin/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C -A trust --no-sync >"$PG_DIR/initdb.log" 2>&1 \
      || die "initdb failed: $(tail -n 5 "$PG_DIR/initdb.log")"
    cat >> "$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
max_connections = 300
# A test cluster: speed over durability (a machine crash loses it anyway).
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  fi
  log "starting the cluster on 127.0.0.1:$PG_PORT"
  run_as "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >&2 || die "pg_ctl start failed: $(tail -n 20 "$LOG")"
  answers || die "the server started but does not answer on 127.0.0.1:$PG_PORT"
fi

if ! "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -q 1; then
  "$bin/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $PG_DB" >&2
fi

url="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB"
printf 'DOCKER_EXPERT_TEST_DATABASE_URL=%s\nDOCKER_EXPERT_PG_BIN=%s\nDOCKER_EXPERT_PG_DATA=%s\n' "$url" "$bin" "$DATA" > "$PG_DIR/env.tmp"
mv "$PG_DIR/env.tmp" "$PG_DIR/env"
chmod 644 "$PG_DIR/env"
echo "export DOCKER_EXPERT_TEST_DATABASE_URL=$url"
