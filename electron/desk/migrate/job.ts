// The migration job: checkpoint on the source, stream the image to the target, restore
// it there detached until runsc says it runs, then (if asked) remove the source. Every
// step runs on its host; the job, its log and its record stay on this machine.
//
// A failure (or a cancel) at any step leaves the source as it was: a half-copied target
// image is removed, a target container that did not come up is deleted, and a source
// the checkpoint stopped is restored in place from its own image.
import { DeskError } from '../../../shared/errors';
import type { JobContext } from '../jobs/runner';
import type { HostServices } from '../services/host-services';
import type { MigratePlanDetail } from './plan';
import type { TransferProgress } from '../../../shared/jobs';
import type { Route } from './route';
import { transferFolder } from './transfer';

/**
 * A context a cancel does not reach: its own signal, and runsc calls a cancel does not
 * stop. Undoing runs in one; so does the source's checkpoint, since a runsc checkpoint
 * killed midway can leave the sandbox stopped with a partial image: a cancel then waits
 * for the checkpoint, and the source is restored where it was.
 */
function shielded(ctx: JobContext): JobContext {
  return {
    ...ctx,
    signal: new AbortController().signal,
    runsc: (step, call) => ctx.runsc(step, { ...call, uninterruptible: true }),
  };
}

export function migrateWork(source: HostServices, target: HostServices, plan: MigratePlanDetail) {
  const { request } = plan;
  const src = plan.source;
  const dst = plan.target;
  return async (ctx: JobContext): Promise<void> => {
    let checkpointed = false;
    let targetImageMade = false;
    let targetRestoreStarted = false;
    try {
      ctx.say(`Migrate ${src.id} from "${src.host}" (${src.root}) to "${dst.host}" (${dst.root}).`);
      for (const warning of plan.warnings) ctx.warn(warning);

      const checkpoint = await source.checkpoint.prepare({
        host: src.host,
        root: src.root,
        id: src.id,
        imagePath: src.imagePath,
        ...(request.leaveRunning ? { leaveRunning: true } : {}),
      });
      const onCancel = () => ctx.say('Cancel asked: the checkpoint finishes first, then the source is restored where it was.');
      ctx.signal.addEventListener('abort', onCancel, { once: true });
      try {
        await checkpoint.work(shielded(ctx));
      } finally {
        ctx.signal.removeEventListener('abort', onCancel);
      }
      checkpointed = true;
      if (ctx.signal.aborted) throw cancelled();

      await ctx.step('transfer', `Copy ${src.imagePath} from "${src.host}" to ${dst.imagePath} on "${dst.host}"`, async () => {
        // The image is made here; the room was checked before the checkpoint, against its estimate.
        targetImageMade = true;
        let way: Pick<TransferProgress, 'route' | 'routeWhy'> = {};
        const result = await transferFolder({
          from: source.host,
          fromDir: src.imagePath,
          to: target.host,
          toDir: dst.imagePath,
          signal: ctx.signal,
          onRoute: (route) => {
            way = route.kind === 'direct' ? { route: 'direct', routeWhy: null } : { route: 'through-desk', routeWhy: route.why };
            ctx.say(routeText(route, src.host, dst.host));
          },
          onProgress: (p) => ctx.update({ transfer: { from: src.host, to: dst.host, ...p, ...way } }),
        });
        ctx.update({ transfer: { from: src.host, to: dst.host, bytes: result.bytes, totalBytes: result.bytes, bytesPerSecond: (result.bytes * 1000) / Math.max(1, result.streamMs), files: result.files.length, ...way } });
        ctx.say(`Copied ${result.files.length} files, ${result.bytes} bytes, ${result.route === 'direct' ? `streamed directly ${src.host} → ${dst.host}` : 'through this machine'}, in ${(result.durationMs / 1000).toFixed(1)} s; each file's sha256 matched on "${dst.host}".`);
      });
      if (ctx.signal.aborted) throw cancelled();

      // Moving for good, the stopped source is only its image now: it goes before the
      // target starts. A stopped sandbox keeps resources named by its id (its cgroup, until
      // `runsc delete`); where both ends share a kernel (two roots on one machine) the
      // target's sandbox would join that cgroup, and deleting the source afterwards fails
      // with "removing cgroup path … context deadline exceeded". A failure from here on
      // still restores the source from its image (restore needs no stopped container).
      if (request.deleteSource && !request.leaveRunning) {
        await ctx.step('delete-source', `Remove the stopped ${src.id} from "${src.host}" (its image stays until ${dst.id} runs)`, async () => {
          await source.containers.stopContainer({ root: src.root, id: src.id });
        });
      }
      const restore = await target.restore.prepare({
        host: dst.host,
        imagePath: dst.imagePath,
        root: dst.root,
        id: dst.id,
        ...(src.bundle ? { bundle: src.bundle } : {}),
        ...(request.allowVersionMismatch ? { allowVersionMismatch: true } : {}),
      });
      targetRestoreStarted = true;
      await restore.work(ctx);
      if (ctx.signal.aborted) throw cancelled();
      ctx.update({ imagePath: dst.imagePath });

      if (request.deleteSource) {
        await ctx.step('delete-source', `Remove ${request.leaveRunning ? `${src.id} and ` : ''}its image from "${src.host}"`, async () => {
          if (request.leaveRunning) await source.containers.stopContainer({ root: src.root, id: src.id });
          await source.host.remove(src.imagePath, { recursive: true });
        });
      }
      ctx.note(`${dst.id} runs on "${dst.host}" in ${dst.root}.`);
    } catch (error) {
      await undo(shielded(ctx), { checkpointed, targetImageMade, targetRestoreStarted });
      throw error;
    }
  };

  async function sourceRuns(): Promise<boolean> {
    try {
      const list = await source.containers.listContainers({ root: src.root });
      return list.containers.some((c) => c.id === src.id && c.status === 'running');
    } catch {
      return false;
    }
  }

  async function undo(ctx: JobContext, done: { checkpointed: boolean; targetImageMade: boolean; targetRestoreStarted: boolean }): Promise<void> {
    const attempt = async (what: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        ctx.warn(`${what} failed: ${DeskError.from(error).message}`);
      }
    };
    if (done.targetRestoreStarted) {
      await attempt(`Deleting ${dst.id} on "${dst.host}"`, async () => {
        const list = await target.containers.listContainers({ root: dst.root });
        if (list.containers.some((c) => c.id === dst.id)) {
          await target.containers.stopContainer({ root: dst.root, id: dst.id });
          ctx.say(`Deleted ${dst.id} on "${dst.host}": it did not come up.`);
        }
      });
    }
    if (done.targetImageMade) {
      await attempt(`Removing ${dst.imagePath} on "${dst.host}"`, async () => {
        await target.host.remove(dst.imagePath, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
        ctx.say(`Removed the copy ${dst.imagePath} on "${dst.host}".`);
      });
    }
    // The checkpoint stopped the source: it runs again, from its own image, where it was.
    // (A checkpoint that failed may have stopped it too: restore refuses a partial image.)
    if (plan.sourceRunning && !request.leaveRunning && (done.checkpointed || !(await sourceRuns()))) {
      await attempt(`Restoring ${src.id} in place on "${src.host}"`, async () => {
        ctx.say(`Restoring ${src.id} in place on "${src.host}", from ${src.imagePath}.`);
        const restore = await source.restore.prepare({
          host: src.host,
          imagePath: src.imagePath,
          root: src.root,
          id: src.id,
          ...(src.bundle ? { bundle: src.bundle } : {}),
        });
        await restore.work(ctx);
      });
    }
  }
}

/** The job's line on the way the image goes. */
function routeText(route: Route, from: string, to: string): string {
  if (route.kind === 'direct') return `Streaming directly ${from} → ${to}: "${from}" logs in to "${to}" with its own ssh.`;
  if (route.why) return `Streaming through this machine: ${route.why.replace(/\.$/, '')}.`;
  return `Streaming ${from} → ${to} over this machine's ssh.`;
}

function cancelled(): DeskError {
  return new DeskError('INTERNAL', 'The migration was cancelled.', { cancelled: true });
}
