#!/bin/bash
# Records the real stderr of runsc failures into test/fixtures/runsc-failures/, one file
# per case and runsc build: <case>.<version>.stderr, kept as runsc wrote it (temp paths,
# pids and ids of the recording included). The index (index.json, next to the fixtures)
# is kept by hand: each entry's "how" is the commands below, expectedCause is what
# shared/runsc-stderr.ts must take from it, and diagnosisTitle/fix (or proposedRule) what
# a person reading that stderr needs. After re-recording a case, update its
# expectedCause: test/unit/desk/runsc-stderr.test.ts compares them. A re-run reproduces
# every cause, up to those paths, pids and ids.
#
# Usage (as root, with busybox-static):
#   test/support/record-runsc-failures.sh [OUT_DIR] [CASE...]
# OUT_DIR defaults to test/fixtures/runsc-failures. With no CASE, records every case.
# RUNSC_2022 / RUNSC_2024 name the two builds (Debian's 0.0~20221219.0 and the
# backported 0.0~20240729.0 by default).
#
# Stdio: `run --detach` and `restore --detach` hand their own stdio to the sandbox, so
# they always write to a file, read stdin from /dev/null, run under `timeout`, and are
# waited for by pid (a pipe would never close). Every sandbox, mount, background process
# and temp folder this script makes is removed on exit, failure included (trap), by its
# id, mount point or pid.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../fixtures/runsc-failures}
shift || true
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

RUNSC_2022=${RUNSC_2022:-/usr/bin/runsc}
RUNSC_2024=${RUNSC_2024:-/opt/runsc-20240729/usr/bin/runsc}
BUSYBOX=${BUSYBOX:-/bin/busybox}

[ "$(id -u)" = 0 ] || { echo "runsc sandboxes need root" >&2; exit 2; }
[ -x "$BUSYBOX" ] || { echo "no busybox at $BUSYBOX" >&2; exit 2; }

WORK=$(mktemp -d /tmp/record-runsc-failures.XXXXXX)
# Ids name host-wide control sockets: a prefix of this run's pid keeps them apart.
PREFIX="rf$$"
MOUNTS=()
PIDS=()

cleanup() {
  local pid mnt id bin root
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
  for bin in "$RUNSC_2022" "$RUNSC_2024"; do
    for root in "$WORK"/root-*; do
      [ -d "$root" ] || continue
      for id in $("$bin" --root="$root" list -quiet 2>/dev/null); do
        timeout 20 "$bin" --root="$root" delete -force "$id" </dev/null >/dev/null 2>&1
      done
    done
  done
  # A sandbox whose metadata a failed restore removed (2022, restore-existing-id) is no
  # longer listed: kill what still runs under this run's roots, by pid.
  for pid in $(pgrep -f -- "--root=$WORK/root-"); do kill -9 "$pid" 2>/dev/null; done
  for mnt in "${MOUNTS[@]}"; do umount -l "$mnt" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

version_of() { "$1" --version | sed -n 's/^runsc version 0\.0~\([0-9]*\)\..*/\1/p'; }
V2022=$(version_of "$RUNSC_2022")
V2024=$(version_of "$RUNSC_2024")
bin_of() { if [ "$1" = "$V2022" ]; then echo "$RUNSC_2022"; else echo "$RUNSC_2024"; fi; }
root_of() { mkdir -p "$WORK/root-$1"; echo "$WORK/root-$1"; }

# A busybox bundle. $2: the container's shell command (a counter by default).
bundle() {
  local dir=$1 cmd=${2:-'i=0; while true; do i=$((i+1)); echo $i > /tmp/counter; sleep 1; done'}
  mkdir -p "$dir/rootfs/bin" "$dir/rootfs/tmp"
  cp "$BUSYBOX" "$dir/rootfs/bin/busybox"
  cat >"$dir/config.json" <<EOF
{"ociVersion":"1.0.0",
 "process":{"user":{"uid":0,"gid":0},"args":["/bin/busybox","sh","-c","$cmd"],"env":["PATH=/bin"],"cwd":"/"},
 "root":{"path":"rootfs","readonly":true},
 "mounts":[{"destination":"/proc","type":"proc","source":"proc"},{"destination":"/tmp","type":"tmpfs","source":"tmpfs"}],
 "linux":{"namespaces":[{"type":"pid"},{"type":"network"},{"type":"ipc"},{"type":"uts"},{"type":"mount"}]}}
EOF
  echo "$dir"
}

# Starts a detached sandbox: <version> <id> <bundle> [global flags...]
start() {
  local v=$1 id=$2 b=$3; shift 3
  local flags=("$@")
  [ ${#flags[@]} -eq 0 ] && flags=(--network=none)
  timeout 60 "$(bin_of "$v")" --root="$(root_of "$v")" "${flags[@]}" run -detach -bundle="$b" "$id" \
    </dev/null >"$WORK/$id.run.out" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  wait "$pid" || { echo "could not start $id:" >&2; cat "$WORK/$id.run.out" >&2; return 1; }
}

# Runs a runsc call that is expected to fail and saves its stderr: <case> <version> <runsc args...>
# Non-detached calls: stdout is dropped, stderr is the fixture.
record() {
  local name=$1 v=$2; shift 2
  local file="$OUT/$name.$v.stderr"
  # Through a pipe, as the Desk reads it: `--debug-log=/dev/stderr` reopens the pipe,
  # where a reopened file would start writing over it from offset 0.
  timeout 120 "$(bin_of "$v")" "$@" </dev/null 2>&1 >/dev/null | cat >"$file"
  report "$name" "$v" "${PIPESTATUS[0]}" "$file"
}

# Like record, for detached calls: stdout and stderr share one file (see the top).
record_detached() {
  local name=$1 v=$2; shift 2
  local file="$OUT/$name.$v.stderr"
  # Appended, as the Desk opens the job's output file (O_APPEND): the sandbox writes there too.
  : >"$file"
  timeout 120 "$(bin_of "$v")" "$@" </dev/null >>"$file" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  wait "$pid"
  report "$name" "$v" "$?" "$file"
}

report() {
  local name=$1 v=$2 rc=$3 file=$4
  if [ "$rc" = 0 ]; then
    echo "!! $name.$v did not fail (exit 0); fixture removed" >&2
    rm -f "$file"
    return
  fi
  printf '%-45s exit %-3s %s\n' "$name.$v" "$rc" "$(grep -v '^$' "$file" | head -1 | cut -c1-120)"
}

# Waits until a container's counter ticked, so a checkpoint sees a running process.
settle() { sleep 2; }

# --- The cases ---------------------------------------------------------------------

# An image made by one build, restored by the other.
case_restore_other_version() {
  local from to name
  for from in "$V2022" "$V2024"; do
    to=$([ "$from" = "$V2022" ] && echo "$V2024" || echo "$V2022")
    local b id img
    b=$(bundle "$WORK/b-ver-$from")
    id="$PREFIX-ver-$from"
    img="$WORK/img-ver-$from"
    start "$from" "$id" "$b" || return
    settle
    timeout 120 "$(bin_of "$from")" --root="$(root_of "$from")" --network=none checkpoint -image-path="$img" "$id" </dev/null >/dev/null 2>&1 ||
      { echo "checkpoint with $from failed" >&2; return; }
    record_detached "restore-image-from-$from" "$to" --root="$(root_of "$to")" --network=none restore -detach -bundle="$b" -image-path="$img" "$id-r"
  done
}

# Restore with global flags that differ from the checkpoint's: the image was made with
# --network=none, the restore uses the default (sandbox) networking.
case_restore_network_differs() {
  local v b id img
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-net-$v")
    id="$PREFIX-net-$v"
    img="$WORK/img-net-$v"
    start "$v" "$id" "$b" || return
    settle
    timeout 120 "$(bin_of "$v")" --root="$(root_of "$v")" --network=none checkpoint -image-path="$img" "$id" </dev/null >/dev/null 2>&1 ||
      { echo "checkpoint with $v failed" >&2; return; }
    record_detached restore-network-differs "$v" --root="$(root_of "$v")" restore -detach -bundle="$b" -image-path="$img" "$id-r"
    # And the same image, restored with a different rootfs in the bundle.
    local other
    other=$(bundle "$WORK/b-net-other-$v" 'echo other; sleep 1000')
    rm "$other/rootfs/bin/busybox"
    mkdir -p "$other/rootfs/sbin" && cp "$BUSYBOX" "$other/rootfs/sbin/busybox"
    sed -i 's#/bin/busybox#/sbin/busybox#' "$other/config.json"
    record_detached restore-different-rootfs "$v" --root="$(root_of "$v")" --network=none restore -detach -bundle="$other" -image-path="$img" "$id-r2"
  done
}

# A bundle folder without config.json, for run and for restore.
case_bundle_without_config() {
  local v
  for v in "$V2022" "$V2024"; do
    mkdir -p "$WORK/empty-bundle-$v" "$WORK/img-none-$v"
    record_detached run-bundle-without-config "$v" --root="$(root_of "$v")" --network=none run -detach -bundle="$WORK/empty-bundle-$v" "$PREFIX-nocfg-$v"
    record_detached restore-bundle-without-config "$v" --root="$(root_of "$v")" --network=none restore -detach -bundle="$WORK/empty-bundle-$v" -image-path="$WORK/img-none-$v" "$PREFIX-nocfg-r-$v"
  done
}

# Restore from a folder that holds no image at all.
case_restore_empty_image_folder() {
  local v b
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-noimg-$v")
    mkdir -p "$WORK/img-empty-$v"
    record_detached restore-empty-image-folder "$v" --root="$(root_of "$v")" --network=none restore -detach -bundle="$b" -image-path="$WORK/img-empty-$v" "$PREFIX-noimg-$v"
  done
}

# A checkpoint.img that is not an image (truncated copy of a real one).
case_restore_truncated_image() {
  local v b id img
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-trunc-$v")
    id="$PREFIX-trunc-$v"
    img="$WORK/img-trunc-$v"
    start "$v" "$id" "$b" || return
    settle
    timeout 120 "$(bin_of "$v")" --root="$(root_of "$v")" --network=none checkpoint -image-path="$img" "$id" </dev/null >/dev/null 2>&1 ||
      { echo "checkpoint with $v failed" >&2; return; }
    truncate -s 4096 "$img/checkpoint.img"
    record_detached restore-truncated-image "$v" --root="$(root_of "$v")" --network=none restore -detach -bundle="$b" -image-path="$img" "$id-r"
  done
}

# The container's process already exited.
case_checkpoint_stopped() {
  local v b id
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-stop-$v" 'exit 0')
    id="$PREFIX-stop-$v"
    start "$v" "$id" "$b" || return
    sleep 2
    record checkpoint-stopped "$v" --root="$(root_of "$v")" --network=none checkpoint -image-path="$WORK/img-stop-$v" "$id"
  done
}

# The image folder already holds an image: two containers, one folder.
case_image_exists() {
  local v b img
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-exists-$v")
    img="$WORK/img-exists-$v"
    start "$v" "$PREFIX-ex1-$v" "$b" || return
    start "$v" "$PREFIX-ex2-$v" "$b" || return
    settle
    timeout 120 "$(bin_of "$v")" --root="$(root_of "$v")" --network=none checkpoint -image-path="$img" "$PREFIX-ex1-$v" </dev/null >/dev/null 2>&1 ||
      { echo "checkpoint with $v failed" >&2; return; }
    record checkpoint-image-exists "$v" --root="$(root_of "$v")" --network=none checkpoint -image-path="$img" "$PREFIX-ex2-$v"
  done
}

# The disk under the image folder is full: a 64 KiB tmpfs.
case_disk_full() {
  local v b id mnt
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-full-$v")
    id="$PREFIX-full-$v"
    mnt="$WORK/full-$v"
    mkdir -p "$mnt"
    mount -t tmpfs -o size=64k tmpfs "$mnt" && MOUNTS+=("$mnt") || return
    start "$v" "$id" "$b" || return
    settle
    record checkpoint-disk-full "$v" --root="$(root_of "$v")" --network=none checkpoint -image-path="$mnt/image" "$id"
  done
}

# The image folder is not writable. Root ignores file modes, so: a read-only tmpfs.
case_image_folder_read_only() {
  local v b id mnt
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-ro-$v")
    id="$PREFIX-ro-$v"
    mnt="$WORK/ro-$v"
    mkdir -p "$mnt"
    mount -t tmpfs -o ro,size=1m tmpfs "$mnt" && MOUNTS+=("$mnt") || return
    start "$v" "$id" "$b" || return
    settle
    record checkpoint-image-folder-read-only "$v" --root="$(root_of "$v")" --network=none checkpoint -image-path="$mnt/image" "$id"
  done
}

# The sandbox is killed (SIGKILL) while it saves. The container fills 256 MiB of its
# /tmp first, so the save takes long enough to be interrupted.
case_killed_mid_checkpoint() {
  local v b id spid cpid
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-kill-$v" 'dd if=/dev/urandom of=/tmp/fill bs=1M count=256 2>/dev/null; echo filled > /tmp/done; sleep 100000')
    id="$PREFIX-kill-$v"
    start "$v" "$id" "$b" || return
    sleep 8
    spid=$("$(bin_of "$v")" --root="$(root_of "$v")" state "$id" | sed -n 's/^ *"pid": \([0-9]*\).*/\1/p')
    [ -n "$spid" ] || { echo "no sandbox pid for $id" >&2; return; }
    local file="$OUT/checkpoint-sandbox-killed.$v.stderr"
    timeout 120 "$(bin_of "$v")" --root="$(root_of "$v")" --network=none checkpoint -image-path="$WORK/img-kill-$v" "$id" </dev/null >/dev/null 2>"$file" &
    cpid=$!
    PIDS+=("$cpid")
    sleep "${KILL_AFTER:-0.5}"
    # The sandbox process is the parent of the container's init as runsc sees it.
    local sandbox
    sandbox=$(ps -o ppid= -p "$spid" | tr -d ' ')
    kill -9 "$spid" "$sandbox" 2>/dev/null
    wait "$cpid"
    report checkpoint-sandbox-killed "$v" "$?" "$file"
  done
}

# `runsc exec` into a container that is gone: never there, and deleted.
case_exec_gone() {
  local v b id
  for v in "$V2022" "$V2024"; do
    record exec-unknown-container "$v" --root="$(root_of "$v")" --network=none exec "$PREFIX-never-$v" /bin/busybox true
    b=$(bundle "$WORK/b-exec-$v" 'exit 0')
    id="$PREFIX-exec-$v"
    start "$v" "$id" "$b" || return
    sleep 2
    record exec-stopped-container "$v" --root="$(root_of "$v")" --network=none exec "$id" /bin/busybox true
  done
}

# Restoring under an id that already exists in the root.
case_restore_existing_id() {
  local v b id img
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-dup-$v")
    id="$PREFIX-dupa-$v"
    img="$WORK/img-dup-$v"
    start "$v" "$id" "$b" || return
    start "$v" "$PREFIX-dupb-$v" "$b" || return
    settle
    timeout 120 "$(bin_of "$v")" --root="$(root_of "$v")" --network=none checkpoint -image-path="$img" "$id" </dev/null >/dev/null 2>&1 ||
      { echo "checkpoint with $v failed" >&2; return; }
    record_detached restore-existing-id "$v" --root="$(root_of "$v")" --network=none restore -detach -bundle="$b" -image-path="$img" "$PREFIX-dupb-$v"
  done
}

# One id is the start of another: runsc matches ids by prefix.
case_ambiguous_id() {
  local v b id
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-amb-$v")
    id="$PREFIX-amb-$v"
    start "$v" "$id" "$b" || return
    start "$v" "$id-2" "$b" || return
    settle
    record checkpoint-ambiguous-id "$v" --root="$(root_of "$v")" --network=none checkpoint -image-path="$WORK/img-amb-$v" "$id"
  done
}

# With --debug (and no --debug-log) runsc logs to stderr: the cause sits among log lines.
case_debug_on_stderr() {
  local v b id img
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-dbg-$v" 'exit 0')
    id="$PREFIX-dbg-$v"
    start "$v" "$id" "$b" || return
    sleep 2
    record checkpoint-stopped-debug "$v" --root="$(root_of "$v")" --network=none --debug --debug-log=/dev/stderr checkpoint -image-path="$WORK/img-dbg-$v" "$id"
  done
  # The cross-version restore, with the boot's panic among the log lines.
  b=$(bundle "$WORK/b-dbgver")
  id="$PREFIX-dbgver"
  img="$WORK/img-dbgver"
  start "$V2024" "$id" "$b" || return
  settle
  timeout 120 "$RUNSC_2024" --root="$(root_of "$V2024")" --network=none checkpoint -image-path="$img" "$id" </dev/null >/dev/null 2>&1 ||
    { echo "checkpoint with $V2024 failed" >&2; return; }
  record_detached "restore-image-from-$V2024-debug" "$V2022" --root="$(root_of "$V2022")" --network=none --debug --debug-log=/dev/stderr restore -detach -bundle="$b" -image-path="$img" "$PREFIX-dbgver-r"
}

# A CRIU flag runsc does not have.
case_unknown_flag() {
  local v
  for v in "$V2022" "$V2024"; do
    record checkpoint-unknown-flag "$v" --root="$(root_of "$v")" checkpoint -tcp-established -image-path="$WORK/img-flag-$v" "$PREFIX-flag-$v"
  done
}

# A container that runs without --network=none on this host.
case_run_network_enabled() {
  local v b
  for v in "$V2022" "$V2024"; do
    b=$(bundle "$WORK/b-runnet-$v")
    record_detached run-network-enabled "$v" --root="$(root_of "$v")" run -detach -bundle="$b" "$PREFIX-runnet-$v"
  done
}

ALL=(restore_other_version restore_network_differs bundle_without_config restore_empty_image_folder
  restore_truncated_image checkpoint_stopped image_exists disk_full image_folder_read_only
  killed_mid_checkpoint exec_gone restore_existing_id ambiguous_id unknown_flag run_network_enabled debug_on_stderr)
CASES=("$@")
[ ${#CASES[@]} -eq 0 ] && CASES=("${ALL[@]}")
echo "recording into $OUT with $RUNSC_2022 ($V2022) and $RUNSC_2024 ($V2024)"
for c in "${CASES[@]}"; do
  "case_$c"
done
