// The target's end of a transfer, whichever way the stream comes to it.
import { GROW_PIPE } from './pipe-size';
import { BLOCKING_FACTOR } from './progress';

/**
 * $1 the folder (made, and empty): the tar stream on stdin unpacked into it. GNU tar reads
 * the source's 64 KiB records whole (-B: a pipe hands them over in pieces); another tar
 * reads as it always does.
 */
export const TAR_IN = `umask 077
mkdir -p -- "$1" || exit 1
cd -- "$1" || exit 1
${GROW_PIPE}
if tar --version 2>/dev/null | grep -q 'GNU tar'; then
  exec tar -b ${BLOCKING_FACTOR} -B -xf - --no-same-owner
fi
exec tar -xf - --no-same-owner`;
