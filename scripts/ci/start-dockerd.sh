#!/usr/bin/env bash
# Starts Debian's dockerd for the Docker tests, with runsc runtimes and no networking of
# its own (no iptables, no bridge: this machine has neither), and waits for `docker info`.
# Idempotent: a dockerd that already answers is left alone. Prints "started" when it
# started one (its pid is in $DESK_DOCKERD_PID, default /run/desk-dockerd.pid), else "running".
#
# Runtimes: `runsc` is the system's runsc (0.0~20221219.0 on Debian bookworm) and
# `runsc-2024` the backport unpacked by install-runsc-current.sh, when present.
# `"experimental": true` is what `docker checkpoint` needs.
set -euo pipefail

DOCKER=${DOCKER:-/usr/bin/docker}   # /usr/local/bin/docker may be a newer client than the daemon
DOCKERD=${DOCKERD:-/usr/sbin/dockerd}
CONFIG=${DESK_DOCKERD_CONFIG:-/etc/docker/daemon.json}
LOG=${DESK_DOCKERD_LOG:-/var/log/desk-dockerd.log}
PIDFILE=${DESK_DOCKERD_PID:-/run/desk-dockerd.pid}
WAIT_S=${DESK_DOCKERD_WAIT_S:-60}
RUNSC_2022=${RUNSC_2022:-/usr/bin/runsc}
RUNSC_2024=${RUNSC_2024:-/opt/runsc-20240729/usr/bin/runsc}

answers() { timeout 10 "$DOCKER" info >/dev/null 2>&1; }

if answers; then
  echo running
  exit 0
fi

[ -x "$DOCKERD" ] || { echo "start-dockerd: $DOCKERD is missing; install docker.io" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "start-dockerd: dockerd runs as root; run this as root" >&2; exit 1; }

runtimes="\"runsc\": { \"path\": \"$RUNSC_2022\", \"runtimeArgs\": [\"--network=none\"] }"
if [ -x "$RUNSC_2024" ]; then
  runtimes="$runtimes, \"runsc-2024\": { \"path\": \"$RUNSC_2024\", \"runtimeArgs\": [\"--network=none\"] }"
fi
wanted=$(printf '{\n  "iptables": false,\n  "bridge": "none",\n  "experimental": true,\n  "runtimes": { %s }\n}\n' "$runtimes")

if [ -e "$CONFIG" ] && [ "$(cat "$CONFIG")" != "$wanted" ]; then
  # A person's own daemon.json is theirs: only a fresh CI machine gets it replaced.
  if [ "${CI:-}" != true ]; then
    echo "start-dockerd: $CONFIG exists and differs from what the tests need; not replacing it outside CI (CI=true)." >&2
    echo "It needs: $wanted" >&2
    exit 1
  fi
fi
mkdir -p "$(dirname "$CONFIG")"
[ -e "$CONFIG" ] && [ "$(cat "$CONFIG")" = "$wanted" ] || printf '%s' "$wanted" > "$CONFIG"

# </dev/null and setsid: dockerd must not hold the caller's terminal or pipes open.
setsid "$DOCKERD" --config-file "$CONFIG" --pidfile "$PIDFILE.dockerd" </dev/null >>"$LOG" 2>&1 &
echo $! > "$PIDFILE"

for _ in $(seq 1 "$WAIT_S"); do
  if answers; then
    echo started
    exit 0
  fi
  if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "start-dockerd: dockerd exited; the end of $LOG:" >&2
    tail -n 30 "$LOG" >&2
    exit 1
  fi
  sleep 1
done
echo "start-dockerd: docker info did not answer within ${WAIT_S}s; the end of $LOG:" >&2
tail -n 30 "$LOG" >&2
exit 1
