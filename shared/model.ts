// The records the DeskApi returns. Plain data: they cross IPC and HTTP as JSON.
import type { DeskErrorShape } from './errors';
import type { CudaProcess, GpuOverview } from './gpu';

export type FlagType = 'bool' | 'string' | 'int' | 'uint' | 'float' | 'duration' | 'value';

/** One flag as runsc's own help describes it. */
export interface FlagSpec {
  name: string;
  type: FlagType;
  help: string;
  default?: string;
}

/** What the installed runsc can do, read from its own help output. */
export interface Capabilities {
  version: string;
  spec?: string;
  /** Flags that go before the subcommand (`runsc flags`). */
  global: FlagSpec[];
  /** Flags per subcommand (`runsc help <subcommand>`). */
  subcommands: Record<string, FlagSpec[]>;
}

export interface RunscInfo {
  /** The binary in use, or null when none was found. */
  path: string | null;
  /** Where the Desk looked, in order. */
  tried: string[];
  version: string | null;
  capabilities: Capabilities | null;
  error: DeskErrorShape | null;
}

/** One runsc binary on the host, as the Runtime page shows it beside the others. */
export interface RunscBinaryInfo {
  path: string;
  /** Where the Desk found it: 'settings' (the default), 'added', 'PATH', '/usr/local/bin', 'docker runtime runsc-2024', … */
  sources: string[];
  /** Other paths of the same version, shown once under this one. */
  alsoAt: string[];
  version: string | null;
  /** The default binary: the settings' runscPath, else the first runsc on PATH. */
  isDefault: boolean;
  checkpointOptions: OptionSupport[];
  /** Whether restore has --direct and --background. */
  restoreOptions: { direct: boolean; background: boolean };
  error: DeskErrorShape | null;
}

export type PrivilegeMode = 'none' | 'sudo' | 'pkexec';

export type RootSource = 'default' | 'docker' | 'containerd' | 'user-runtime' | 'desk' | 'user';

/**
 * Who owns a container's lifecycle: 'runsc' (the Desk drives runsc: its own root and
 * plain runsc roots), 'docker' (a Docker runtime root) or 'containerd' (containerd and
 * Kubernetes roots: listed, never changed by the Desk).
 */
export type ManagerKind = 'runsc' | 'docker' | 'containerd';

export interface RootInfo {
  /** The host it is on: 'local' for this machine. */
  host?: string;
  path: string;
  source: RootSource;
  /** Global flags passed before the subcommand on every runsc call for this root. */
  globalFlags: string[];
  profileSource: 'desk' | 'docker-daemon.json' | 'user' | 'none';
  /** Profile flags this runsc does not know; they are not passed. */
  profileProblems: string[];
  /** Whether the user added it (and may remove it). */
  removable: boolean;
  /** Who owns the lifecycle of the containers under this root. */
  manager: ManagerKind;
  /** The runsc binary this root's calls use: Docker's runtime path, the user's choice, or the default. */
  runsc?: string | null;
  containerCount: number | null;
  error: DeskErrorShape | null;
}

export type ContainerStatus = 'creating' | 'created' | 'running' | 'paused' | 'stopped' | (string & {});

export interface Container {
  /** The host it runs on: 'local' for this machine. */
  host?: string;
  root: string;
  id: string;
  status: ContainerStatus;
  /** null when stopped (runsc prints -1). */
  pid: number | null;
  bundle: string;
  /** RFC 3339; only runsc's text listing has it. */
  created: string | null;
  annotations: Record<string, string>;
  /** Its bundle asks for NVIDIA devices or GPU annotations, or its root profile has --nvproxy. */
  gpu: boolean;
  /** Who owns its lifecycle: checkpoint, restore and stop go through it. */
  manager: ManagerKind;
  /** What Docker knows of it, when Docker is its manager and answers. */
  docker?: DockerContainerInfo;
}

/** A Docker container of a runsc runtime, in Docker's words. */
export interface DockerContainerInfo {
  /** Without Docker's leading slash: `web`. */
  name: string;
  image: string;
  /** Docker's state: created, running, paused, restarting, removing, exited, dead. */
  state: string;
  /** `com.docker.compose.project`, when Compose started it. */
  composeProject: string | null;
  labels: Record<string, string>;
  /** The Docker runtime (`runsc`, `runsc-2024`…) and the runsc binary it names. */
  runtime: string;
  runscPath: string;
}

export interface RootListing {
  host?: string;
  root: string;
  count: number;
  error: DeskErrorShape | null;
  /** One line on how it was listed, e.g. why a Docker root shows no names. */
  notice?: string | null;
}

export interface ContainerList {
  containers: Container[];
  roots: RootListing[];
  /** When the listing finished, ms since the epoch. */
  at: number;
  /** The host listed; absent for a listing of all hosts. */
  host?: string;
  /** Each host of an all-hosts listing: an unreachable one carries ssh's words. */
  hosts?: HostReach[];
}

/** Whether a host answered, for the host column and the switcher. */
export interface HostReach {
  name: string;
  reachable: boolean;
  error: DeskErrorShape | null;
}

export interface ProcessInfo {
  uid: string;
  pid: number;
  ppid: number;
  stime: string;
  time: string;
  cmd: string;
}

export interface MemoryUse {
  usageBytes: number;
  limitBytes: number | null;
  pids: number | null;
  cpuNanos: number | null;
}

export interface MountSummary {
  destination: string;
  type: string;
  source: string;
}

/** The parts of a bundle's config.json a person checks before a checkpoint. */
export interface SpecSummary {
  args: string[];
  cwd: string;
  hostname: string | null;
  rootPath: string;
  rootReadonly: boolean;
  mounts: MountSummary[];
  /** The spec asks for NVIDIA devices or carries GPU annotations. */
  nvidia: boolean;
}

export interface ContainerDetails {
  container: Container;
  state: Record<string, unknown> | null;
  processes: ProcessInfo[] | null;
  processesError: DeskErrorShape | null;
  memory: MemoryUse | null;
  memoryError: DeskErrorShape | null;
  spec: SpecSummary | null;
  specError: DeskErrorShape | null;
  /** The CUDA processes inside, for a GPU container on a runsc with GPU support. */
  cuda: CudaProcess[] | null;
  cudaError: DeskErrorShape | null;
}

/** Whether a checkpoint option exists in the installed runsc, for the UI's runtime panel. */
export interface OptionSupport {
  option: string;
  flag: string;
  supported: boolean;
  help: string | null;
}

export interface Overview {
  /** The host this overview is of: 'local' for this machine. */
  host?: string;
  runsc: RunscInfo;
  /** Whether the service (the one that runs runsc) is root. */
  isRoot: boolean;
  privilege: PrivilegeMode;
  /**
   * The service is the privileged helper, started through `privilege` for a person who is
   * not root: runsc runs as root there, the window and its files are the person's.
   */
  helper?: boolean;
  dataDir: string;
  roots: RootInfo[];
  checkpointOptions: OptionSupport[];
  /** The known locations the Desk looked at for roots, found or not. */
  lookedAt: string[];
  gpu: GpuOverview;
  /** Every runsc binary the Desk found or was given, one per version. */
  runscBinaries?: RunscBinaryInfo[];
}

export interface Settings {
  runscPath: string | null;
  privilege: PrivilegeMode;
  /** `runsc`: the binary this root's containers run under; the default runsc when absent. */
  userRoots: { path: string; globalFlags: string[]; runsc?: string }[];
  /** runsc binaries added in Settings, beyond the ones the Desk finds. */
  runscBinaries?: string[];
  /** Profile overrides for discovered roots, by root path. */
  profiles: Record<string, string[]>;
  /** Folders scanned for images, beyond the Desk's own images dir. */
  imageDirs: string[];
  /** The host's cuda-checkpoint, when not on PATH. */
  cudaCheckpointPath: string | null;
  /** Remote hosts reached over SSH; this machine is always `local` and not listed here. */
  hosts?: HostConfig[];
  /** Passed to ssh as -F; null for ssh's own ~/.ssh/config (of the user the Desk runs as). */
  sshConfigFile?: string | null;
  /** The light/dark override of the window; 'system' follows the desktop's setting. */
  theme?: ThemeChoice;
  /** Each remote host's own settings, by host name: runsc, roots and image dirs are the host's. */
  hostSettings?: Record<string, HostSettings>;
}

/** What a remote host keeps of its own: unset fields are found on the host (runsc on its PATH). */
export interface HostSettings {
  runscPath?: string | null;
  privilege?: PrivilegeMode;
  userRoots?: { path: string; globalFlags: string[]; runsc?: string }[];
  runscBinaries?: string[];
  profiles?: Record<string, string[]>;
  imageDirs?: string[];
  cudaCheckpointPath?: string | null;
}

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** A remote host: the Desk's name for it, and what a person types after `ssh`. */
export interface HostConfig {
  name: string;
  target: string;
}

/** A host as listHosts shows it; `local` has no target. */
export interface HostInfo {
  name: string;
  target: string | null;
}

/** What testHost found on a host: enough to tell whether checkpoints can run there. */
export interface HostTest {
  name: string;
  target: string | null;
  reachable: boolean;
  /** Why it is not, in ssh's own words (details.stderr). */
  error: DeskErrorShape | null;
  uid: number | null;
  root: boolean | null;
  /** runsc on the host's PATH or in the usual places, and its version line. */
  runsc: { path: string; version: string | null } | null;
  /** The privilege mode that works there without a prompt: none as root, sudo when `sudo -n` may. */
  privilege: PrivilegeMode | null;
  /** The image folders there, and the space free where each is (or would be). */
  imageDirs: { path: string; exists: boolean; freeBytes: number | null }[];
  durationMs: number;
  /** A host key your known_hosts does not hold yet: accept it (acceptHostKey) once its fingerprint is checked. */
  hostKey?: HostKeyInfo | null;
  /** Whether Docker answers there (a remote host's through `docker system dial-stdio` over the same ssh). */
  docker?: HostDocker | null;
}

/** Docker on a host, as testHost found it. */
export interface HostDocker {
  answers: boolean;
  /** The daemon's version ("20.10.24+dfsg1") and API version, when it answers. */
  version: string | null;
  apiVersion: string | null;
  /** Its runtimes that are runsc: the ones whose containers the Desk lists. */
  runscRuntimes: string[];
  /** Why it does not answer, in docker's or ssh's own words (details.stderr). */
  error: DeskErrorShape | null;
}

export interface HostKeyInfo {
  /** 'unknown': not in known_hosts yet; 'changed': differs from the one stored (refused). */
  status: 'unknown' | 'changed';
  /** ssh-keygen -l's lines: bits, SHA256 fingerprint, host, type. */
  fingerprints: string[];
}
