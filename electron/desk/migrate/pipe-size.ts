// Why the stream's pipes are made bigger. ssh moves a channel's data through Linux's
// default 64 KiB pipe in small writes, and each one wakes the process at the other end:
// measured between two test hosts here, `ssh B cat file > /dev/null` ran at ~350 MB/s,
// `ssh B cat file | cat > /dev/null` at ~170, and the same through a 1 MiB pipe at
// ~330. So each end of a transfer grows the pipe it shares with ssh (the source tar's
// output, the target tar's input) to 1 MiB: F_SETPIPE_SZ, fcntl 1031 on every Linux
// architecture, up to /proc/sys/fs/pipe-max-size (1 MiB by default) for anyone.
//
// POSIX sh cannot call fcntl, so perl does where there is one (Debian's perl-base is
// essential, on every Debian and Ubuntu server), else python3. Neither is required: where
// neither is present, the fd is not a pipe, or the size is refused, the pipe keeps its
// size and the stream is only slower.

/** 1 MiB: the most an unprivileged process may ask for by default. */
const PIPE_BYTES = 1 << 20;

/** sh: grows the pipe on stdin; `${GROW_PIPE} <&1` grows the one on stdout. Never fails. */
export const GROW_PIPE = `{ perl -e 'fcntl(STDIN, 1031, ${PIPE_BYTES})' || python3 -c 'import fcntl; fcntl.fcntl(0, 1031, ${PIPE_BYTES})' || :; } 2>/dev/null`;
