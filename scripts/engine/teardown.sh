#!/usr/bin/env bash
# Stops the podman service that setup.sh started (only that process, by its recorded pid).
# Images and the rootfs cache stay, so the next setup.sh is quick.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
. "$here/common.sh"

rm -f "$ENGINE_ENV_FILE"
if [ -f "$ENGINE_PID_FILE" ]; then
  pid="$(cat "$ENGINE_PID_FILE")"
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = podman ]; then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    log "stopped podman service (pid $pid)"
  fi
  rm -f "$ENGINE_PID_FILE"
fi
rm -f "$ENGINE_SOCKET"
if [ -f "$PYPI_PID_FILE" ]; then
  while read -r pid; do
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = python3 ] && kill "$pid" 2>/dev/null && log "stopped the PyPI mirror (pid $pid)"
  done < "$PYPI_PID_FILE"
  rm -f "$PYPI_PID_FILE"
fi
