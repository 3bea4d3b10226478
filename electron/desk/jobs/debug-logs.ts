// Debug logs on demand: `--debug --debug-log=<job folder>/runsc-debug/`, the folder made
// and checked first. runsc exits 128 when it cannot open its debug log, so a folder it
// could not write must never be what fails a job: the job runs without debug, warned once.
import { join } from 'node:path';
import { DeskError } from '../../../shared/errors';
import type { JobStep, Problem } from '../../../shared/jobs';
import type { Capabilities } from '../../../shared/model';
import { debugFlags, type RootContext } from '../runsc/argv';
import type { RunscClient } from '../runsc/client';
import type { RunscResult } from '../runsc/spawn';
import type { JobContext } from './runner';

/** The folder, inside the job's, where runsc writes one file per command. */
export const DEBUG_DIR = 'runsc-debug';

/** runsc's words (both builds) when --debug-log cannot be opened. */
const CANNOT_OPEN = /error opening debug log file/;

const warned = new WeakSet<object>();

function warnOnce(ctx: JobContext, text: string): void {
  if (warned.has(ctx.job)) return;
  warned.add(ctx.job);
  ctx.warn(text);
}

/**
 * The root context with debugLog set, when the person asked for debug logs and the
 * folder can be written; else the plain one (and one warning saying why).
 */
export async function debugContext(ctx: JobContext, client: RunscClient, root: RootContext, wanted: boolean | undefined): Promise<RootContext> {
  if (!wanted) return root;
  const folder = join(ctx.folder, DEBUG_DIR);
  const without = (why: string): RootContext => {
    warnOnce(ctx, `No debug logs: ${why} The job runs without --debug.`);
    ctx.update({ debugLogDir: null });
    return root;
  };
  if (client.host.name !== ctx.folderHost.name) {
    return without(`runsc runs on ${client.host.name}, and the job folder ${ctx.folder} is on ${ctx.folderHost.name}.`);
  }
  try {
    debugFlags(client.caps, folder);
  } catch (error) {
    return without(DeskError.from(error).message);
  }
  try {
    await ctx.folderHost.mkdir(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    return without(`${folder} could not be created (${(error as Error).message}).`);
  }
  if (!(await ctx.folderHost.access(folder, 'write'))) return without(`${folder} is not writable.`);
  ctx.update({ debugLogDir: folder });
  ctx.say(`runsc writes debug logs to ${folder}/ (one file per command).`);
  return { ...root, debugLog: folder };
}

/**
 * Runs one runsc call with the debug context, and once more without it when runsc
 * could not open its debug log: that exit is about the folder, not about the job.
 */
export async function runscWithDebug(
  ctx: JobContext,
  step: JobStep,
  root: RootContext,
  call: (root: RootContext) => Parameters<JobContext['runsc']>[1],
): Promise<RunscResult> {
  const result = await ctx.runsc(step, call(root));
  if (!root.debugLog || result.exitCode === 0 || !CANNOT_OPEN.test(result.stderr) || ctx.signal.aborted) return result;
  warnOnce(ctx, `runsc could not write its debug logs to ${root.debugLog}/: ${firstLine(result.stderr)} The step ran again without --debug.`);
  ctx.update({ debugLogDir: null });
  const { debugLog: _dropped, ...plain } = root;
  return ctx.runsc(step, call(plain));
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => CANNOT_OPEN.test(l)) ?? '';
  return line.replace(/^.*FATAL ERROR: /, '').trim();
}

/** What the plan's preview shows for the folder: the job's own folder exists only once it starts. */
export const PLANNED_DEBUG_LOG = '<job folder>/runsc-debug';

/** A request for debug logs this runsc cannot honour: refused in the plan, naming the field. */
export function debugProblem(caps: Capabilities, wanted: boolean | undefined): Problem | null {
  if (!wanted) return null;
  try {
    debugFlags(caps, PLANNED_DEBUG_LOG);
    return null;
  } catch (error) {
    return { code: 'UNSUPPORTED_OPTION', field: 'debug', message: DeskError.from(error).message };
  }
}

/** The root context the plan previews with: the debug flags the job will add, on a placeholder folder. */
export function plannedContext(ctx: RootContext, wanted: boolean | undefined, problem: Problem | null): RootContext {
  return wanted && !problem ? { ...ctx, debugLog: PLANNED_DEBUG_LOG } : ctx;
}
