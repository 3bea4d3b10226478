// The zod schema of every DeskApi request. The IPC handlers and the HTTP server both
// parse through `parseRequest`, so one gate decides what reaches the service.
import { z } from 'zod';
import { DeskError } from './errors';
import { DESK_METHODS, type DeskMethod } from './methods';
import { absolutePathProblem } from './paths';

export const CONTAINER_ID = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}$/;

export const containerId = z
  .string()
  .regex(CONTAINER_ID, 'must start with a letter or digit and hold only letters, digits, _ . + - (at most 128)');

export const absolutePath = z.string().superRefine((value, ctx) => {
  const problem = absolutePathProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const themeChoice = z.enum(['system', 'light', 'dark']);

/** A global flag as a person types it: `--name` or `--name=value`. */
export const flagArg = z
  .string()
  .regex(/^--?[A-Za-z0-9][A-Za-z0-9_.-]*(=[^\0]*)?$/, 'must look like --name or --name=value');

export const privilegeMode = z.enum(['none', 'sudo', 'pkexec']);

/** The Desk's name for a host: a word for menus and URLs, never a shell or ssh argument. */
export const hostName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and - (at most 63), starting with a letter or digit');

/** What a person types after `ssh`: an alias of their ssh config, or user@address. Never an option. */
export const sshTarget = z
  .string()
  .min(1, 'must name a host, as you would after "ssh"')
  .max(255, 'must be at most 255 characters')
  .superRefine((value, ctx) => {
    if (value.startsWith('-')) ctx.addIssue({ code: 'custom', message: 'must not begin with "-" (ssh would read it as an option)' });
    else if (/[\s\x00-\x1f\x7f]/.test(value)) ctx.addIssue({ code: 'custom', message: 'must hold no spaces or control characters' });
    else if (/['"`$;&|<>()\\]/.test(value)) ctx.addIssue({ code: 'custom', message: 'must hold no shell characters (\' " ` $ ; & | < > ( ) \\)' });
  });

export const jobId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a job id');

/** Which host a call runs on: `local` (this machine) when absent. */
export const onHost = { host: hostName.optional() };

export const checkpointRequest = z.strictObject({
  ...onHost,
  root: absolutePath,
  id: containerId,
  /** Default: <images dir>/<container id>/<UTC timestamp>. */
  imagePath: absolutePath.optional(),
  /** Docker roots only: the name Docker keeps the checkpoint under (default desk-<UTC timestamp>). */
  checkpointName: z
    .string()
    .max(128)
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'Docker allows only letters, digits, _ . - (starting with a letter or digit, two characters at least)')
    .optional(),
  workPath: absolutePath.optional(),
  leaveRunning: z.boolean().optional(),
  compression: z.enum(['none', 'flate-best-speed']).optional(),
  direct: z.boolean().optional(),
  excludeCommittedZeroPages: z.boolean().optional(),
  /** For the people who type flags; each one is checked against the probe. */
  extraFlags: z.array(flagArg).max(32).optional(),
  cuda: z
    .strictObject({
      policy: z.enum(['auto', 'best-effort', 'off']),
      pathInContainer: absolutePath.optional(),
      sequential: z.boolean().optional(),
    })
    .optional(),
  /** runsc writes --debug-log files into the job's folder (runsc-debug/). */
  debug: z.boolean().optional(),
  /** The failed job this one runs again. */
  rerunOf: jobId.optional(),
});

/** root, id and bundle default to the image record's. */
export const restoreRequest = z.strictObject({
  ...onHost,
  imagePath: absolutePath,
  root: absolutePath.optional(),
  id: containerId.optional(),
  bundle: absolutePath.optional(),
  direct: z.boolean().optional(),
  background: z.boolean().optional(),
  /** The runsc binary to restore with; by default the one whose version made the image. */
  runsc: absolutePath.optional(),
  /** Restore with a runsc of another version than the image's, for people who know better. */
  allowVersionMismatch: z.boolean().optional(),
  extraFlags: z.array(flagArg).max(32).optional(),
  /** runsc writes --debug-log files into the job's folder (runsc-debug/). */
  debug: z.boolean().optional(),
  /** The failed job this one runs again. */
  rerunOf: jobId.optional(),
});

/** Moves a running sandbox from one host to another: checkpoint, transfer, restore. */
export const migrateRequest = z.strictObject({
  host: hostName.optional(),
  root: absolutePath,
  id: containerId,
  toHost: hostName,
  /** Default: the same root path on the target. */
  toRoot: absolutePath.optional(),
  /** Default: the target's own images dir. */
  toImageDir: absolutePath.optional(),
  /** The source keeps running (a copy is started on the target). */
  leaveRunning: z.boolean().optional(),
  /** Remove the source container (and its image) once the target runs. */
  deleteSource: z.boolean().optional(),
  /** Restore even when the two runsc versions differ. */
  allowVersionMismatch: z.boolean().optional(),
});

/** A file the job kept: a name listJobFiles gave, relative to the job folder. */
export const jobFileName = z
  .string()
  .max(255)
  .regex(/^(runsc-debug\/)?[A-Za-z0-9][A-Za-z0-9_.%+-]*$/, 'must be a file name listJobFiles gave');

export const requestSchemas = {
  getOverview: z.strictObject({ ...onHost }),
  /** `allHosts`: every host's containers at once, an unreachable host named in `hosts`. */
  listContainers: z.strictObject({ ...onHost, root: absolutePath.optional(), allHosts: z.boolean().optional() }),
  getContainer: z.strictObject({ ...onHost, root: absolutePath, id: containerId }),
  startDemo: z.strictObject({ ...onHost, id: containerId.optional() }),
  stopContainer: z.strictObject({ ...onHost, root: absolutePath, id: containerId }),
  addRoot: z.strictObject({ ...onHost, path: absolutePath, globalFlags: z.array(flagArg).max(64).default([]), runsc: absolutePath.optional() }),
  removeRoot: z.strictObject({ ...onHost, path: absolutePath }),
  getSettings: z.strictObject({ ...onHost }),
  planCheckpoint: checkpointRequest,
  checkpoint: checkpointRequest,
  getJob: z.strictObject({ jobId }),
  getJobLog: z.strictObject({
    jobId,
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  }),
  listJobs: z.strictObject({
    status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted']).optional(),
    containerId: containerId.optional(),
    /** Only the jobs whose steps ran on this host (jobs themselves are all kept here). */
    host: hostName.optional(),
  }),
  cancelJob: z.strictObject({ jobId }),
  listJobFiles: z.strictObject({ jobId }),
  getJobFile: z.strictObject({
    jobId,
    name: jobFileName,
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  }),
  compareJobs: z.strictObject({ jobId, withJobId: jobId.optional() }),
  exportJobReport: z.strictObject({ jobId }),
  getJobReport: z.strictObject({ jobId }),
  listDirectory: z.strictObject({ ...onHost, path: absolutePath }),
  listImages: z.strictObject({ ...onHost }),
  inspectImage: z.strictObject({ ...onHost, path: absolutePath }),
  addImageDir: z.strictObject({ ...onHost, path: absolutePath }),
  removeImageDir: z.strictObject({ ...onHost, path: absolutePath }),
  planRestore: restoreRequest,
  restore: restoreRequest,
  deleteImage: z.strictObject({ ...onHost, path: absolutePath }),
  listHosts: z.strictObject({}),
  addHost: z.strictObject({
    name: hostName.refine((name) => name !== 'local', 'is this machine: choose another name'),
    target: sshTarget,
    /** Trust the host key testHost showed (its fingerprint): stored in your known_hosts. */
    acceptHostKey: z.boolean().optional(),
  }),
  removeHost: z.strictObject({ name: hostName }),
  testHost: z.strictObject({ name: hostName, acceptHostKey: z.boolean().optional() }),
  planMigrate: migrateRequest,
  migrate: migrateRequest,
  updateSettings: z.strictObject({
    ...onHost,
    sshConfigFile: absolutePath.nullable().optional(),
    runscPath: absolutePath.nullable().optional(),
    /** runsc binaries added beside the ones the Desk finds; each is probed before it is saved. */
    runscBinaries: z.array(absolutePath).max(16).optional(),
    cudaCheckpointPath: absolutePath.nullable().optional(),
    privilege: privilegeMode.optional(),
    theme: themeChoice.optional(),
  }),
} as const satisfies Record<DeskMethod, z.ZodType>;

export { DESK_METHODS, type DeskMethod };

/** What a caller may send (defaults still optional). */
export type RequestInput<M extends DeskMethod> = z.input<(typeof requestSchemas)[M]>;
/** What the service receives, after parsing. */
export type Request<M extends DeskMethod> = z.output<(typeof requestSchemas)[M]>;

export function isDeskMethod(name: string): name is DeskMethod {
  return Object.prototype.hasOwnProperty.call(requestSchemas, name);
}

/** Parses one call's argument, or throws INVALID_INPUT naming the first field at fault. */
export function parseRequest<M extends DeskMethod>(method: M, input: unknown): Request<M> {
  const result = requestSchemas[method].safeParse(input ?? {});
  if (result.success) return result.data as Request<M>;
  // A misspelt key explains a missing one ("imagepath" for "imagePath"): name it first.
  const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]!;
  let field = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    field = issue.keys.map((key) => [...issue.path.map(String), key].join('.')).join(', ');
    message = 'is not a field of this call';
  } else if (issue.code === 'invalid_type' && issue.path.length === 0) {
    field = '(body)';
    message = 'must be a JSON object';
  }
  throw new DeskError('INVALID_INPUT', `${method}: ${field || '(body)'} ${message}`, { field: field || '(body)' });
}
