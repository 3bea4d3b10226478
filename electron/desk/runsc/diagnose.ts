// Known runsc failures, recognised from its stderr. runsc exits 128 for nearly every
// failure, so the exit code says nothing; the line on stderr says everything.
import type { Diagnosis } from '../../../shared/errors';

interface Rule {
  pattern: RegExp;
  title: string;
  fix: string;
}

const RULES: Rule[] = [
  {
    pattern: /flag provided but not defined: -+(\S+)/,
    title: 'runsc does not know a flag it was given',
    fix: 'Remove the flag. Check the flags this runsc supports in the runtime panel; runc/CRIU flags have no gVisor equivalent.',
  },
  {
    pattern: /cannot checkpoint container "[^"]*" in state (\w+)/,
    title: 'The container is not running',
    fix: 'Only a running container can be checkpointed. Start it (or restore it) first.',
  },
  {
    // runsc 2024 on a container whose sandbox has exited: the control socket is gone.
    pattern: /checkpointing container "[^"]*": connecting to control server at PID \d+: connection refused/,
    title: 'The container is not running',
    fix: 'Its sandbox has exited, so there is nothing to checkpoint. Start it (or restore it) first.',
  },
  {
    pattern: /loading container: file does not exist/,
    title: 'No such container under this root',
    fix: 'The id is not in this --root. Refresh the container list; it may have been deleted, or live under another root.',
  },
  {
    pattern: /checkpoint\.img.*file exists/,
    title: 'The image folder already holds an image',
    fix: 'runsc never overwrites an image. Pick a new, empty image path.',
  },
  {
    pattern: /cannot run with network enabled in root network namespace/,
    title: 'Networking needs --network=none on this host',
    fix: "Add --network=none to the root's global flags profile, and use the same flags for run, checkpoint and restore.",
  },
  {
    pattern: /checkpoint not supported when using hostinet|type "hostinet\.Stack" is not known/,
    title: 'Host networking cannot be checkpointed by this runsc',
    fix: 'Start the container with --network=sandbox or --network=none.',
  },
  {
    pattern: /endpoint cannot be saved in connected state/,
    title: 'Open TCP connections cannot be saved',
    fix: 'Close the connections first; current runsc can drop them with --net-disconnect-ok.',
  },
  {
    pattern: /no host FD available for :host:0/,
    title: 'A live runsc exec session was saved',
    fix: 'End every `runsc exec` session in the container, then checkpoint again.',
  },
  {
    pattern: /inconsistent private memory files on restore/,
    title: 'The spec or overlay differs from the checkpoint',
    fix: 'Restore with the same bundle and the same global flags (notably --overlay2) that the container ran with.',
  },
  {
    pattern: /deleted and invalidated dentries can't be restored/,
    title: 'Deleted-but-open files cannot be restored with --overlay2=none',
    fix: 'Run the container with the default overlay.',
  },
  {
    pattern: /does not match across checkpoint restore for container/,
    title: 'The restore spec differs from the checkpointed one',
    fix: 'Restore with the same bundle, or pass --restore-spec-validation=warning on current runsc.',
  },
  {
    pattern: /runsc version does not match across checkpoint restore/,
    title: 'A different runsc made this image',
    fix: 'Restore with the same runsc build that made the checkpoint.',
  },
  {
    pattern: /urpc method "containerManager\.Restore" failed: EOF/,
    title: 'The sandbox crashed during restore',
    fix: "The real panic is in the sandbox's boot log: start the container with --debug --debug-log=DIR/ and read it.",
  },
  {
    pattern: /gofer is still running/,
    title: 'The old leave-running path left a gofer behind',
    fix: 'Delete the container with `runsc delete -force`, then restore it from the image.',
  },
  {
    pattern: /can't save with live nvproxy clients|nvproxy\.frontendFD is not saveable/,
    title: 'GPU state cannot be saved by this runsc',
    fix: 'Checkpoint the CUDA processes first (cuda-checkpoint), or use a current runsc.',
  },
  {
    // gVisor runsc/boot/restore.go: the image's driver version must equal this host's.
    pattern: /nvidia driver version changed during restore: was (\S+), now (\S+)/,
    title: 'The NVIDIA driver differs from the one the image was saved on',
    fix: 'runsc restores GPU state only on the same driver version: restore on a host with the driver the image records, or checkpoint again on this one.',
  },
  {
    // gVisor runsc/boot/restore.go: the restore ran, then the work after it (giving CUDA
    // processes their GPU back) failed, and runsc killed the sandbox.
    pattern: /post restore work failed/,
    title: 'The sandbox was restored, then killed: the work after restore failed',
    fix: "runsc kills the sandbox when a step after restore fails, most often cuda-checkpoint's toggle back to running (for example NCCL's host cuMem buffers). Read the sandbox's boot log for the step; the image is unchanged and can be restored again once the cause is fixed.",
  },
  {
    pattern: /Rootless mode not supported with "restore"/,
    title: 'Restore does not work with --rootless',
    fix: "Remove --rootless from the root's profile and raise privilege instead.",
  },
  {
    pattern: /image-path flag must be provided/,
    title: 'No image path was given',
    fix: 'Give an image path.',
  },
  {
    pattern: /cannot lock container metadata file: container already exists|container with id .* already exists/,
    title: 'A container with this id already exists in the root',
    fix: 'Pick another container id, or delete the old one first.',
  },
  {
    pattern: /creating control server socket for sandbox .*address already in use/,
    title: 'A sandbox with this id already runs under another root',
    fix: "A sandbox's control socket is named by its id, host-wide: pick an id that no other root uses.",
  },
  {
    pattern: /id "[^"]*" is ambiguous and could refer to multiple containers/,
    title: 'runsc cannot tell two container ids apart',
    fix: 'runsc matches ids by prefix: one id here is the start of another (like "web" and "web-2"). Delete or rename one of them.',
  },
  {
    pattern: /Error toggling CUDA in process ID \d+: "OS call failed or operation not supported on this OS"/,
    title: 'cuda-checkpoint could not reach the process',
    fix: 'Run cuda-checkpoint inside the sandbox (the Desk does, through runsc exec), as root; aimed at a sandboxed pid from the host it cannot work.',
  },
  {
    pattern: /Could not lock on process ID \d+/,
    title: 'cuda-checkpoint could not lock the process',
    fix: 'A CUDA call was still running; the process keeps running. Retry when it is idle, or give the lock a longer --timeout.',
  },
  {
    pattern: /Could not restore on process ID \d+/,
    title: 'cuda-checkpoint could not restore the GPU state',
    fix: 'Restore needs the same GPU type and count as the checkpoint; check the devices given to the container.',
  },
  {
    pattern: /Error getting process state for process ID \d+: "initialization error"/,
    title: 'cuda-checkpoint cannot see this process',
    fix: 'The process is not reachable from where cuda-checkpoint ran: for a sandbox it must run inside the container.',
  },
  {
    pattern: /Insufficient driver/,
    title: 'The NVIDIA driver is too old for cuda-checkpoint',
    fix: 'cuda-checkpoint needs driver R550 or newer.',
  },
  // Recorded from both Debian builds: test/fixtures/runsc-failures/index.json.
  {
    pattern: /read-only file system/,
    title: 'The image folder is on a read-only filesystem',
    fix: 'runsc creates the image folder itself. Pick an image path on a writable filesystem, or remount that one read-write (see `mount`).',
  },
  {
    pattern: /urpc method "containerManager\.Checkpoint" failed: EOF/,
    title: 'The sandbox died during the checkpoint',
    fix: 'The sandbox was killed (the OOM killer, a kill, a host shutdown) or crashed while it saved. The image folder may hold a partial image: delete it. Look in `dmesg` for the OOM killer; for a crash, start the container with --debug --debug-log=DIR/ and read the boot log.',
  },
  {
    pattern: /cannot execute in container "[^"]*" in state (\w+)/,
    title: 'The container is not running',
    fix: 'runsc exec needs a running container. Start or restore it first.',
  },
  {
    pattern: /loading sandbox: file does not exist/,
    title: 'No such container under this root',
    fix: 'The id is not in this --root. Refresh the container list; it may have been deleted, or live under another root.',
  },
  {
    pattern: /error opening spec file "[^"]*": open [^\n]*: no such file or directory/,
    title: 'The bundle has no config.json',
    fix: 'A bundle folder holds the OCI spec (config.json) next to its rootfs. Point the bundle at the container\'s bundle folder (runsc list shows it).',
  },
  {
    pattern: /restoring container "[^"]*": no such file or directory/,
    title: 'The bundle\'s rootfs lacks a file the checkpoint had open',
    fix: 'Restore with the bundle (the same rootfs) the container was checkpointed with: every file open at checkpoint time must exist at the same path.',
  },
  {
    pattern: /opening (restore|state) file "[^"]*checkpoint\.img" failed: [^\n]*no such file or directory/,
    title: 'The image folder holds no image',
    fix: 'There is no checkpoint.img under the image path. Pick the folder a checkpoint wrote (it holds checkpoint.img).',
  },
  {
    pattern: /cannot restore container "[^"]*" in state (running|stopped|paused)/,
    title: 'A container with this id already exists in the root',
    fix: 'Pick another container id, or delete the old one first.',
  },
  {
    pattern: /type "[^"]+" contains different fields: .* \(decode\) and .* \(encode\)/,
    title: 'A different runsc made this image',
    fix: 'The image\'s saved types differ from this runsc\'s: another runsc build made it. Restore with the runsc build that made the checkpoint (its version is in the image\'s job); images do not move between gVisor releases.',
  },
  {
    pattern: /header error: unexpected EOF|statefile error: unexpected EOF/,
    title: 'The image is cut short',
    fix: 'checkpoint.img ends early: the disk filled, the checkpoint was killed, or a copy stopped half way. Copy the image whole, or checkpoint again into a new folder.',
  },
  {
    pattern: /no space left on device/i,
    title: 'The disk is full',
    fix: 'Free space under the image path, or pick a folder on a larger disk.',
  },
  {
    pattern: /sudo: a (terminal|password) is required/,
    title: 'sudo asks for a password',
    fix: 'Allow runsc without a password (see the README\'s sudoers line), or run the Desk as root.',
  },
  {
    pattern: /permission denied/i,
    title: 'Permission denied',
    fix: 'runsc needs root for a root owned by root. Pick a privilege mode in Settings, or run the Desk as root.',
  },
];

export function diagnose(stderr: string): Diagnosis | undefined {
  for (const rule of RULES) {
    const match = rule.pattern.exec(stderr);
    if (!match) continue;
    const evidence = lineAround(stderr, match.index);
    return { title: rule.title, evidence, fix: rule.fix };
  }
  return undefined;
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? undefined : end).trim();
}
