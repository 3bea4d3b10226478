#!/usr/bin/env bash
# GPU probe for issue 18: run by a person on a bare GPU machine (no internet needed),
# as root, within 5 minutes. It records what the real driver, cuda-checkpoint and runsc
# do, so the stand-ins (test/support/cuda-checkpoint.mjs, runsc-current.mjs) can be
# corrected from it and its output committed as fixtures (test/fixtures/gpu-probe/).
#   OUT=/tmp/probe bash scripts/gpu-probe.sh
# Every finding goes to $OUT/<name>.txt and is echoed; nothing here fails the script.
set -u
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
T() { timeout "${1}" "${@:2}"; }
rec() { # rec NAME CMD...: stdout+stderr and the exit code
  local name=$1; shift
  { echo "\$ $*"; T 60 "$@" 2>&1; echo "exit=$?"; } > "$OUT/$name.txt"
  echo "== $name"; cat "$OUT/$name.txt"
}
PY=$(command -v python3 || true)
CC=$(command -v cuda-checkpoint || ls /usr/bin/cuda-checkpoint /usr/local/bin/cuda-checkpoint 2>/dev/null | head -1)

# 1. nvidia-smi facts (the query the Desk records in an image, and the rest).
rec smi-query nvidia-smi --query-gpu=driver_version,name,memory.total,compute_cap --format=csv,noheader
rec smi-full nvidia-smi -q
rec smi-version nvidia-smi --version

# 2. cuda-checkpoint: help layout and exit codes on bad input.
if [ -n "$CC" ]; then
  rec cc-help "$CC" --help
  rec cc-noargs "$CC"
  rec cc-bad-flag "$CC" --no-such-flag
  rec cc-no-pid "$CC" --toggle --pid 999999
  rec cc-not-cuda "$CC" --get-state --pid $$
else
  echo "no cuda-checkpoint binary" > "$OUT/cc-missing.txt"
fi

# 3. A tiny CUDA process through ctypes: allocate 64 MiB (or $PROBE_MIB), fill, wait.
cat > "$OUT/cuda_proc.py" <<'EOF'
import ctypes, os, sys, time
mib = int(sys.argv[1]); ctl = sys.argv[2]
cu = ctypes.CDLL('libcuda.so.1')
def ok(r, what):
    if r != 0: print(f'{what} -> CUresult {r}', flush=True); sys.exit(2)
ok(cu.cuInit(0), 'cuInit')
dev = ctypes.c_int(); ok(cu.cuDeviceGet(ctypes.byref(dev), 0), 'cuDeviceGet')
ctx = ctypes.c_void_p(); ok(cu.cuCtxCreate_v2(ctypes.byref(ctx), 0, dev), 'cuCtxCreate')
n = mib << 20; ptr = ctypes.c_uint64()
ok(cu.cuMemAlloc_v2(ctypes.byref(ptr), ctypes.c_size_t(n)), 'cuMemAlloc')
ok(cu.cuMemsetD8_v2(ptr, ctypes.c_ubyte(0x5a), ctypes.c_size_t(n)), 'cuMemsetD8')
ok(cu.cuCtxSynchronize(), 'sync')
threads = [open(f'/proc/self/task/{t}/comm').read().strip() for t in os.listdir('/proc/self/task')]
print('threads', threads, flush=True)
open(ctl + '.ready', 'w').write(str(os.getpid()))
while not os.path.exists(ctl + '.verify'): time.sleep(0.1)
buf = (ctypes.c_ubyte * 4096)()
ok(cu.cuMemcpyDtoH_v2(buf, ptr, ctypes.c_size_t(4096)), 'cuMemcpyDtoH')
print('bytes ok' if all(b == 0x5a for b in buf) else 'bytes CHANGED', flush=True)
EOF
# The driver API's own checkpoint calls, for a machine with the driver but no binary.
cat > "$OUT/cu_checkpoint.py" <<'EOF'
import ctypes, sys
cu = ctypes.CDLL('libcuda.so.1'); pid = int(sys.argv[2]); op = sys.argv[1]
class LockArgs(ctypes.Structure):  # CUcheckpointLockArgs: timeoutMs, reserved0, reserved1[7]
    _fields_ = [('timeoutMs', ctypes.c_uint), ('reserved0', ctypes.c_uint), ('reserved1', ctypes.c_uint64 * 7)]
if op == 'state':
    s = ctypes.c_int(); r = cu.cuCheckpointProcessGetState(pid, ctypes.byref(s)); print('CUresult', r, 'state', s.value)
elif op == 'lock':
    a = LockArgs(int(sys.argv[3]) if len(sys.argv) > 3 else 0); print('CUresult', cu.cuCheckpointProcessLock(pid, ctypes.byref(a)))
else:
    fn = {'checkpoint': 'cuCheckpointProcessCheckpoint', 'restore': 'cuCheckpointProcessRestore', 'unlock': 'cuCheckpointProcessUnlock'}[op]
    print('CUresult', getattr(cu, fn)(pid, None))
EOF
ccall() { # ccall OP PID [TIMEOUT_MS]: through the binary when there is one, else ctypes
  local op=$1 pid=$2
  if [ -n "$CC" ]; then
    case $op in
      state) "$CC" --get-state --pid "$pid" ;;
      toggle) "$CC" --toggle --pid "$pid" ;;
      lock) "$CC" --action lock --pid "$pid" ${3:+--timeout "$3"} ;;
      *) "$CC" --action "$op" --pid "$pid" ;;
    esac
  else
    case $op in toggle) echo "toggle: via lock+checkpoint or restore+unlock" ;; *) "$PY" "$OUT/cu_checkpoint.py" "$op" "$pid" ${3:-} ;; esac
  fi
}
run_proc() { # run_proc MIB NAME: starts one CUDA process, sets PID (empty if it died)
  rm -f "$OUT/$2".*; "$PY" "$OUT/cuda_proc.py" "$1" "$OUT/$2" > "$OUT/$2-proc.txt" 2>&1 &
  local child=$!
  for _ in $(seq 150); do [ -f "$OUT/$2.ready" ] && break; kill -0 "$child" 2>/dev/null || break; sleep 0.2; done
  PID=$(cat "$OUT/$2.ready" 2>/dev/null || true)
}
# Only ever the one pid we started: never an empty one (kill "" / kill 0 hits the group).
finish_proc() { touch "$OUT/$1.verify"; sleep 2; [ -n "$PID" ] && kill "$PID" 2>/dev/null; cat "$OUT/$1-proc.txt"; }

if [ -n "$PY" ] && ! "$PY" -c 'import ctypes; ctypes.CDLL("libcuda.so.1")' 2>/dev/null; then
  echo "libcuda.so.1 cannot be loaded: no CUDA process can be made here" > "$OUT/cuda-missing.txt"; cat "$OUT/cuda-missing.txt"; PY=
fi
if [ -n "$PY" ]; then
  run_proc 64 small
  {
    echo "pid=$PID"; ls /proc/$PID/task | while read -r t; do cat /proc/$PID/task/$t/comm; done
    for step in state toggle state toggle state; do echo "-- $step"; T 60 bash -c "$(declare -f ccall); CC='$CC' PY='$PY' OUT='$OUT'; ccall $step $PID"; echo "exit=$?"; done
    echo "-- lock with timeout 5000 ms, then unlock"
    T 60 bash -c "$(declare -f ccall); CC='$CC' PY='$PY' OUT='$OUT'; ccall lock $PID 5000; echo exit=\$?; ccall state $PID; ccall unlock $PID; echo exit=\$?"
    echo "-- non-root toggle (nobody)"
    [ -n "$CC" ] && T 30 su -s /bin/sh nobody -c "$CC --get-state --pid $PID"; echo "exit=$?"
    finish_proc small
  } > "$OUT/cuda-small.txt" 2>&1
  echo "== cuda-small"; cat "$OUT/cuda-small.txt"

  # NVML only: what nvidia-smi, DCGM or pynvml hold.
  "$PY" -c 'import ctypes,time; n=ctypes.CDLL("libnvidia-ml.so.1"); print("nvmlInit",n.nvmlInit_v2(),flush=True); time.sleep(20)' > "$OUT/nvml-proc.txt" 2>&1 &
  NPID=$!; sleep 2  # $! is the python we started, never empty here
  { echo "pid=$NPID"; ls /proc/$NPID/task | while read -r t; do cat /proc/$NPID/task/$t/comm; done
    ls -l /proc/$NPID/fd 2>/dev/null | grep nvidia
    T 30 bash -c "$(declare -f ccall); CC='$CC' PY='$PY' OUT='$OUT'; ccall state $NPID"; echo "exit=$?"
    T 30 bash -c "$(declare -f ccall); CC='$CC' PY='$PY' OUT='$OUT'; ccall toggle $NPID"; echo "exit=$?"; } > "$OUT/nvml-only.txt" 2>&1
  kill "$NPID" 2>/dev/null; echo "== nvml-only"; cat "$OUT/nvml-only.txt"

  # Toggle speed on a large allocation ($PROBE_MIB, default 8 GiB).
  run_proc "${PROBE_MIB:-8192}" large
  { echo "pid=$PID mib=${PROBE_MIB:-8192}"
    for step in toggle toggle; do s=$(date +%s.%N); T 240 bash -c "$(declare -f ccall); CC='$CC' PY='$PY' OUT='$OUT'; ccall $step $PID"; echo "exit=$? seconds=$(echo "$(date +%s.%N) - $s" | bc)"; done
    finish_proc large; } > "$OUT/toggle-speed.txt" 2>&1
  echo "== toggle-speed"; cat "$OUT/toggle-speed.txt"
fi

# 4. runsc, if there: version and nvproxy support.
if command -v runsc >/dev/null; then
  rec runsc-version runsc --version
  rec runsc-help-checkpoint runsc help checkpoint
  rec runsc-nvproxy-flags sh -c 'runsc flags 2>&1 | grep -iE "nvproxy|cuda" || runsc --help 2>&1 | grep -iE "nvproxy|cuda"'
  rec runsc-nvproxy-versions runsc nvproxy list-supported-drivers
fi
echo "findings in $OUT"
