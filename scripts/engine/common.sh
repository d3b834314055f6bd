# Shared settings for the engine scripts: sourced, never run.
# Every path and limit can be overridden from the environment.

ENGINE_DIR="${DOCKER_EXPERT_ENGINE_DIR:-/tmp/docker-expert-engine}"
ENGINE_CACHE_DIR="${DOCKER_EXPERT_ENGINE_CACHE:-/var/cache/docker-expert}"
ENGINE_SOCKET="$ENGINE_DIR/podman.sock"
ENGINE_ENV_FILE="$ENGINE_DIR/env"
ENGINE_PID_FILE="$ENGINE_DIR/service.pid"
ENGINE_LOG_FILE="$ENGINE_DIR/service.log"
ENGINE_CONTAINERS_CONF="$ENGINE_DIR/containers.conf"
ENGINE_DOCKER_CONFIG="$ENGINE_DIR/docker-config"

# How long to wait for `podman system service` to answer on its socket.
ENGINE_START_TIMEOUT_SECONDS="${DOCKER_EXPERT_ENGINE_START_TIMEOUT:-30}"
# How long apt may wait for another apt/dpkg holding the lock.
ENGINE_APT_LOCK_TIMEOUT_SECONDS="${DOCKER_EXPERT_APT_LOCK_TIMEOUT:-300}"

DEBIAN_SUITE="${DOCKER_EXPERT_DEBIAN_SUITE:-bookworm}"

IMAGE_BUSYBOX="localhost/busybox:local"
IMAGE_DEBIAN="localhost/debian:${DEBIAN_SUITE}-minbase"
HOST_NODE="${DOCKER_EXPERT_HOST_NODE:-$(command -v node || true)}"
HOST_NODE_MAJOR="$( [ -n "$HOST_NODE" ] && "$HOST_NODE" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)"
IMAGE_NODE="localhost/node:${HOST_NODE_MAJOR}-local"
IMAGE_NODE_BUILD="localhost/node:${HOST_NODE_MAJOR}-local-build"
# The yarn classic release the official node images ship.
YARN_CLASSIC_VERSION="1.22.22"
# Debian bookworm ships Python 3.11 and Go 1.19.
IMAGE_PYTHON="localhost/python:3.11-local"
GO_DEBIAN_VERSION="1.19"
IMAGE_GOLANG="localhost/golang:${GO_DEBIAN_VERSION}-local"

# A local PyPI mirror on disk (a `simple/` index beside `files/`), served to builds over HTTP when present.
PYPI_MIRROR_DIRS="${DOCKER_EXPERT_PYPI_MIRRORS:-/opt/pypi /opt/pypi-more}"
PYPI_MIRROR_FIRST_PORT="${DOCKER_EXPERT_PYPI_PORT:-3141}"
PYPI_PID_FILE="$ENGINE_DIR/pypi-mirror.pids"
# The host's CA bundle (with any TLS-inspecting proxy's CA): the local images trust what the host trusts.
HOST_CA_BUNDLE="${DOCKER_EXPERT_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"

# Images we build carry this label: its value says what they were built from, so a change rebuilds them.
IMAGE_SOURCE_LABEL="org.docker-expert.source"

log() { printf '[engine] %s\n' "$*" >&2; }
die() { printf '[engine] error: %s\n' "$*" >&2; exit 1; }

# The same environment the tests get, for podman itself and for the docker CLI.
engine_exports() {
  export CONTAINERS_CONF="$ENGINE_CONTAINERS_CONF"
  export DOCKER_HOST="unix://$ENGINE_SOCKET"
  export DOCKER_CONFIG="$ENGINE_DOCKER_CONFIG"
}

engine_answers() {
  curl --silent --fail --max-time 2 --unix-socket "$ENGINE_SOCKET" http://d/_ping >/dev/null 2>&1
}
