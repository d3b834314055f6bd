#!/usr/bin/env bash
# Starts a real container engine for the tests: podman's Docker-compatible API on a socket of ours,
# plus local base images built without any registry. Idempotent: a second run reuses what is there.
#
#   sudo scripts/engine/setup.sh [--minimal]
#     --minimal   only the busybox image (no debootstrap, no Node/Python/Go images)
#
# Progress goes to stderr; stdout gets `export` lines, so `eval "$(scripts/engine/setup.sh)"` works.
# Tests read the same values from $ENGINE_DIR/env (see test/support/engine.ts).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
. "$here/common.sh"
# shellcheck source=images.sh
. "$here/images.sh"

minimal=false
for arg in "$@"; do
  case "$arg" in
    --minimal) minimal=true ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$arg' (try --help)" ;;
  esac
done

[ "$(id -u)" = 0 ] || die "run as root (podman's rootful service, apt-get and debootstrap need it)"

started_at=$SECONDS
step() { log "$1 ($((SECONDS - started_at)) s)"; }

install_packages() {
  local wanted=(podman buildah runc uidmap busybox-static catatonit curl)
  $minimal || wanted+=(debootstrap)
  local missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    step "packages already installed"
    return
  fi
  step "installing ${missing[*]}"
  local apt_opts=(-o "DPkg::Lock::Timeout=$ENGINE_APT_LOCK_TIMEOUT_SECONDS" -q)
  apt-get "${apt_opts[@]}" update >&2
  DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}" >&2
}

write_configs() {
  mkdir -p "$ENGINE_DIR" "$ENGINE_DOCKER_CONFIG"
  # crun refuses this kernel's hybrid cgroups, and without CAP_SYS_RESOURCE the default ulimits fail.
  cat > "$ENGINE_CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  [ -f "$ENGINE_DOCKER_CONFIG/config.json" ] || printf '{}\n' > "$ENGINE_DOCKER_CONFIG/config.json"
}

start_service() {
  if engine_answers; then
    step "podman service already answers on $ENGINE_SOCKET"
    return
  fi
  if [ -f "$ENGINE_PID_FILE" ]; then
    local old
    old="$(cat "$ENGINE_PID_FILE")"
    # Only a process we started and that is still podman: a recycled pid must not be killed.
    if [ -n "$old" ] && [ "$(cat "/proc/$old/comm" 2>/dev/null)" = podman ]; then
      log "stopping an unresponsive podman service (pid $old)"
      kill "$old" 2>/dev/null || true
    fi
    rm -f "$ENGINE_PID_FILE"
  fi
  rm -f "$ENGINE_SOCKET"
  step "starting podman system service on $ENGINE_SOCKET"
  setsid podman system service --time=0 "unix://$ENGINE_SOCKET" >"$ENGINE_LOG_FILE" 2>&1 </dev/null &
  echo $! > "$ENGINE_PID_FILE"
  local pid=$! deadline=$((SECONDS + ENGINE_START_TIMEOUT_SECONDS))
  until engine_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$ENGINE_PID_FILE"
      die "podman system service exited; its log ($ENGINE_LOG_FILE):
$(tail -n 20 "$ENGINE_LOG_FILE")"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      # A service that never answered must not linger behind a failed setup.
      kill "$pid" 2>/dev/null || true
      rm -f "$ENGINE_PID_FILE" "$ENGINE_SOCKET"
      die "podman service did not answer within ${ENGINE_START_TIMEOUT_SECONDS} s (log: $ENGINE_LOG_FILE)"
    fi
    sleep 0.2
  done
  step "podman service answers"
}

# The address builds and containers reach this host at (buildah's host.containers.internal is the primary address).
host_address() {
  ip -4 route get 1.1.1.1 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "src") { print $(i + 1); exit } }'
}

# Serves each PyPI mirror folder on disk (a simple/ index beside its files/) read-only over HTTP on the host's
# address, one port each, so `pip install` in a build finds packages without reaching pypi.org. Sets PYPI_INDEX_URLS.
start_pypi_mirror() {
  PYPI_INDEX_URLS=""
  local dirs=() d
  for d in $PYPI_MIRROR_DIRS; do [ -d "$d/simple" ] && dirs+=("$d"); done
  if [ "${#dirs[@]}" -eq 0 ]; then
    step "no PyPI mirror on disk ($PYPI_MIRROR_DIRS): Python builds need pypi.org"
    return
  fi
  local addr port="$PYPI_MIRROR_FIRST_PORT"
  addr="$(host_address)"
  [ -n "$addr" ] || die "cannot find this host's address for the PyPI mirror"
  if [ -f "$PYPI_PID_FILE" ]; then
    while read -r pid; do
      [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = python3 ] && kill "$pid" 2>/dev/null || true
    done < "$PYPI_PID_FILE"
    rm -f "$PYPI_PID_FILE"
  fi
  for d in "${dirs[@]}"; do
    setsid python3 -m http.server "$port" --bind "$addr" --directory "$d" >"$ENGINE_DIR/pypi-$port.log" 2>&1 </dev/null &
    echo $! >> "$PYPI_PID_FILE"
    local deadline=$((SECONDS + 10))
    until curl --silent --fail --max-time 2 "http://$addr:$port/simple/" >/dev/null; do
      [ "$SECONDS" -lt "$deadline" ] || die "the PyPI mirror for $d did not answer on $addr:$port (log: $ENGINE_DIR/pypi-$port.log)"
      sleep 0.2
    done
    PYPI_INDEX_URLS="${PYPI_INDEX_URLS:+$PYPI_INDEX_URLS }http://$addr:$port/simple"
    port=$((port + 1))
  done
  step "PyPI mirror served: $PYPI_INDEX_URLS"
}

write_env_file() {
  local tmp="$ENGINE_ENV_FILE.partial"
  {
    echo "DOCKER_HOST=$DOCKER_HOST"
    echo "DOCKER_CONFIG=$DOCKER_CONFIG"
    echo "CONTAINERS_CONF=$CONTAINERS_CONF"
    echo "DOCKER_EXPERT_IMAGE_BUSYBOX=$IMAGE_BUSYBOX"
    [ -n "${PYPI_INDEX_URLS:-}" ] && echo "DOCKER_EXPERT_PYPI_INDEX=${PYPI_INDEX_URLS// /,}"
    if ! $minimal; then
      echo "DOCKER_EXPERT_IMAGE_DEBIAN=$IMAGE_DEBIAN"
      echo "DOCKER_EXPERT_IMAGE_NODE=$IMAGE_NODE"
      echo "DOCKER_EXPERT_IMAGE_NODE_BUILD=$IMAGE_NODE_BUILD"
      echo "DOCKER_EXPERT_IMAGE_PYTHON=$IMAGE_PYTHON"
      echo "DOCKER_EXPERT_IMAGE_GOLANG=$IMAGE_GOLANG"
    fi
  } > "$tmp"
  mv "$tmp" "$ENGINE_ENV_FILE"
}

install_packages
write_configs
engine_exports
# A stale env file must not tell the tests that an unfinished engine is ready.
rm -f "$ENGINE_ENV_FILE"
start_service
build_busybox_image
step "busybox image ready: $IMAGE_BUSYBOX"
if ! $minimal; then
  build_debian_image
  step "debian image ready: $IMAGE_DEBIAN"
  build_node_image
  step "node image ready: $IMAGE_NODE"
  build_node_build_image
  step "node build image ready: $IMAGE_NODE_BUILD"
  start_pypi_mirror
  build_python_image
  step "python image ready: $IMAGE_PYTHON"
  build_golang_image
  step "golang image ready: $IMAGE_GOLANG"
fi
write_env_file
step "engine ready; environment in $ENGINE_ENV_FILE"
sed 's/^/export /' "$ENGINE_ENV_FILE"
