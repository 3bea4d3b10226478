// What the Desk knows about runsc's flags beyond what the installed binary says:
// which typed options map to which flag, and which runc/CRIU habits have no gVisor
// equivalent (the seed incident: those made runsc exit 128 with no explanation).

/** Checkpoint options with their own field, and the runsc flag each becomes. */
export const CHECKPOINT_OPTIONS = [
  { option: 'imagePath', flag: 'image-path' },
  { option: 'leaveRunning', flag: 'leave-running' },
  { option: 'workPath', flag: 'work-path' },
  { option: 'compression', flag: 'compression' },
  { option: 'direct', flag: 'direct' },
  { option: 'excludeCommittedZeroPages', flag: 'exclude-committed-zero-pages' },
  { option: 'cuda', flag: 'cuda-checkpoint-path' },
] as const;

export interface ForeignFlag {
  /** Why gVisor has no such option. */
  why: string;
  /** The gVisor flag or feature to use instead, when there is one. */
  instead?: string;
}

/** runc, CRIU and Podman checkpoint flags that runsc does not have. */
export const FOREIGN_CHECKPOINT_FLAGS: Record<string, ForeignFlag> = {
  'work-dir': { why: "gVisor's name for it is --work-path, which runsc accepts and ignores.", instead: '--work-path' },
  'tcp-established': {
    why: "CRIU's TCP repair; gVisor saves its netstack as a whole.",
    instead: 'current runsc: --net-disconnect-ok (on by default)',
  },
  'allow-open-tcp': { why: "CRIU's TCP repair; gVisor saves its netstack as a whole." },
  'tcp-skip-in-flight': { why: 'a CRIU TCP option; gVisor has no in-flight connection handling.' },
  'skip-in-flight': { why: 'a CRIU TCP option; gVisor has no in-flight connection handling.' },
  'link-remap': { why: 'CRIU remaps unlinked files; gVisor saves its own filesystem state.' },
  'ext-unix-sk': { why: "CRIU's external Unix sockets; gVisor's sockets live inside the sandbox." },
  'shell-job': { why: "CRIU's controlling-terminal handling; runsc has no such mode." },
  'file-locks': { why: 'gVisor saves file locks with the sandbox; there is no switch.' },
  'lazy-pages': { why: "CRIU's userfaultfd restore.", instead: 'restore --background (current runsc)' },
  'page-server': { why: "CRIU's remote page server; gVisor writes the image locally." },
  'pre-dump': { why: "CRIU's iterative pre-dump; gVisor has no incremental checkpoint." },
  'parent-path': { why: "CRIU's parent image for pre-dumps; gVisor has no incremental checkpoint." },
  'manage-cgroups-mode': { why: "CRIU's cgroup handling; gVisor's cgroups live in the sandbox." },
  'empty-ns': { why: "CRIU's namespace handling; gVisor's sandbox is one unit." },
  'auto-dedup': { why: "CRIU's image deduplication; gVisor has no such option." },
  export: { why: "Podman's tarball export; runsc writes an image folder.", instead: 'pick the image path' },
  compress: { why: "Podman's name for compression.", instead: '--compression (current runsc)' },
  'print-stats': { why: 'a Podman option; runsc prints no statistics.' },
  keep: { why: "Podman's keep-temporary-files option.", instead: 'the global flags --debug --debug-log=DIR/' },
  'pre-checkpoint': { why: "Podman's pre-dump; gVisor has no incremental checkpoint." },
};
