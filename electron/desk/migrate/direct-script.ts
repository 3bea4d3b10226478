// The source's end of a direct transfer: its tar piped into its own ssh to the target,
// as one POSIX sh script run over the Desk's session to the source.
//
// Stopping it. The Desk's cancel kills the script's pid (SshHost.runPipe), but a killed
// sh leaves its children running, and a Desk that dies or loses the link kills nothing.
// So the script stops its pipeline itself when (a) it gets TERM, HUP or INT, or (b) its
// session's stdin ends: the Desk writes nothing to it and holds it open while it wants the
// stream, so its end means the Desk's ssh is gone or gave up. The inner ssh goes first:
// its connection closing is the target tar's end of input, so the target stops too.
//
// Telling the ends apart. tar and ssh are joined by a fifo, not `|`, so the script has
// each one's pid (to stop it) and exit status (POSIX sh has no pipefail). The inner ssh's
// stderr, which holds the target tar's words, is kept in a file and printed at the end
// with each line marked, after one line with both statuses; the source tar's stderr (its
// progress lines) streams as it comes.

/** Marks a line of the inner ssh's stderr (its own words, or the target tar's). */
export const TARGET_MARK = 'desk-target: ';
/** The last line: `desk-direct tar=<status> ssh=<status>`. */
export const STATUS_LINE = /^desk-direct tar=(\d+) ssh=(\d+)\s*$/m;

/** $1 the folder, $2 the tar script that packs it (TAR_OUT), then the inner ssh's argv with the target's command line last. */
export const DIRECT = `dir=$1; out=$2; shift 2
tar=; ssh=; watch=
tmp=$(mktemp -d) || exit 1
trap 'rm -rf -- "$tmp"' EXIT
trap 'kill -TERM $ssh $tar $watch 2>/dev/null; exit 143' TERM HUP INT
mkfifo -- "$tmp/stream" || exit 1
exec 3<&0 </dev/null
sh -c "$out" sh "$dir" >"$tmp/stream" 3<&- &
tar=$!
"$@" <"$tmp/stream" >"$tmp/target" 2>&1 3<&- &
ssh=$!
(while read -r _; do :; done; kill -TERM $ssh $tar $$ 2>/dev/null) <&3 >/dev/null 2>&1 &
watch=$!
exec 3<&-
wait $tar; t=$?
wait $ssh; s=$?
kill $watch 2>/dev/null
sed 's/^/${TARGET_MARK}/' "$tmp/target" >&2
echo "desk-direct tar=$t ssh=$s" >&2
[ "$t" = 0 ] && [ "$s" = 0 ]`;
