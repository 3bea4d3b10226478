// The short POSIX sh scripts a remote host's file calls run, one ssh round trip each.
// Each runs as `sh -c SCRIPT sh ARGS…`: paths arrive as positional parameters, so they
// are data, never code. GNU coreutils (or busybox) `stat`, `tail`, `head` suffice.

/** Names an errno for the caller when the plain commands would be ambiguous. */
const FAIL = `fail() { printf 'desk-errno:%s\\n' "$1" >&2; exit 1; }\n`;

/** stat's format: mode (hex, with type bits), size, mtime (s.ms), uid, gid, device, inode. */
const STAT_FORMAT = `'%f %s %.3Y %u %g %d %i'`;

/** $1 path, $2 'follow' or not: the fields of STAT_FORMAT. */
export const STAT = `if [ "$2" = follow ]; then exec stat -L -c ${STAT_FORMAT} -- "$1"; fi
exec stat -c ${STAT_FORMAT} -- "$1"`;

/**
 * Every argument a path: per path, in order, "ok <as STAT> <x or ->\\0" (x: may be
 * executed, or a folder entered) or "err <stat's own words>\\0". One round trip for what
 * would be two per path (stat, then access). NUL ends a record: no path or message holds one.
 */
export const STAT_MANY = `for p in "$@"; do
  if s=$(stat -L -c ${STAT_FORMAT} -- "$p" 2>&1); then
    if [ -x "$p" ]; then x=x; else x=-; fi
    printf 'ok %s %s\\0' "$s" "$x"
  else
    printf 'err %s\\0' "$s"
  fi
done`;

/** $1 dir: "<kind letter>/<name>\\0" per entry, hidden ones included, . and .. not. */
export const READDIR = `${FAIL}cd -- "$1" 2>/dev/null || { [ -e "$1" ] || fail ENOENT; [ -d "$1" ] || fail ENOTDIR; fail EACCES; }
[ -r . ] || fail EACCES
for f in * .[!.]* ..?*; do
  if [ -L "$f" ]; then t=l; elif [ -f "$f" ]; then t=f; elif [ -d "$f" ]; then t=d; elif [ -e "$f" ]; then t=o; else continue; fi
  printf '%s/%s\\0' "$t" "$f"
done`;

/** $1 path, $2 offset, $3 length: those bytes. tail seeks on a regular file. */
export const READ_RANGE = `${FAIL}[ -d "$1" ] && fail EISDIR
exec 3<"$1" || exit 1
tail -c "+$(($2 + 1))" <&3 | head -c "$3"`;

/** $1 path, $2 temp suffix, $3 octal mode; stdin the content. */
export const WRITE_ATOMIC = `mkdir -p -- "$(dirname -- "$1")" || exit 1
tmp="$1.$2.tmp"
umask 077
if cat > "$tmp" && chmod "$3" "$tmp" && mv -f -- "$tmp" "$1"; then exit 0; fi
rm -f -- "$tmp"; exit 1`;

/** $1 path, $2 octal mode: prints the size, then appends stdin until it closes. */
export const APPEND = `umask 077
if [ ! -e "$1" ]; then (set -C; : > "$1") 2>/dev/null && chmod "$2" "$1"; fi
stat -c %s -- "$1" || exit 1
exec cat >> "$1"`;

/** $1 path, $2 'recursive' or not: like fs.rm / fs.rmdir (missing is ENOENT). */
export const REMOVE = `${FAIL}[ -e "$1" ] || [ -L "$1" ] || fail ENOENT
if [ "$2" = recursive ]; then exec rm -rf -- "$1"; fi
if [ -d "$1" ] && [ ! -L "$1" ]; then exec rmdir -- "$1"; fi
exec rm -f -- "$1"`;

/** $1 path: blocks available to this user, and the block size (statfs's bavail, bsize). */
export const FREE = `exec stat -f -c '%a %S' -- "$1"`;

/** $1 path: blocks available to this user, total blocks, and the block size. */
export const DISK = `exec stat -f -c '%a %b %S' -- "$1"`;

/** $1 path, $2 'write' or 'execute': exit 0 when allowed. */
export const ACCESS = `if [ "$2" = write ]; then [ -w "$1" ] && [ -x "$1" ]; else [ -x "$1" ]; fi`;

/**
 * The wrapper of every run: $1 the output file ('' for none), then the argv. Tells a
 * missing program apart (desk-spawn:ENOENT), prints its pid (the first stdout line) so a
 * cancel can kill it, then execs the program in its place, so that pid is the program.
 */
export const RUN = `out=$1; shift
case $1 in
  */*) if [ ! -e "$1" ]; then echo desk-spawn:ENOENT; exit 127; fi
       if [ -d "$1" ] || [ ! -x "$1" ]; then echo desk-spawn:EACCES; exit 126; fi ;;
  *) if ! command -v "$1" >/dev/null 2>&1; then echo desk-spawn:ENOENT; exit 127; fi ;;
esac
if [ -n "$out" ]; then
  umask 077
  # A job's folder is on the Desk's machine: the same path is made here for its output.
  mkdir -p -- "$(dirname -- "$out")" 2>/dev/null
  echo "desk-pid:$$ $(stat -c %s -- "$out" 2>/dev/null || echo 0)"
  exec "$@" >>"$out" 2>&1 </dev/null
fi
echo "desk-pid:$$ 0"
exec "$@" </dev/null`;

/**
 * The wrapper of a streamed run (runPipe): stdout is the program's bytes alone, so its
 * pid goes to stderr (the first line), for a cancel to kill it; then exec, as RUN does.
 */
export const PIPE = `echo "desk-pid:$$" >&2
exec "$@"`;
