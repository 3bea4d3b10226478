// The target's end of a transfer, whichever way the stream comes to it.

/** $1 the folder (made, and empty): the tar stream on stdin unpacked into it. */
export const TAR_IN = 'umask 077\nmkdir -p -- "$1" || exit 1\ncd -- "$1" || exit 1\nexec tar -xf - --no-same-owner';
