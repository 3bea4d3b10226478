// What the plan decides for a GPU container, before anything runs.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../shared/jobs';
import type { Capabilities, Container } from '../../../shared/model';
import { planCuda, type CudaPlanDeps } from '../../../electron/desk/checkpoint/cuda-plan';
import { capsCurrent } from './caps';

const container = { id: 'gpu-1', bundle: '/b', status: 'running', pid: 4000 } as unknown as Container;
const deps = (gpu: boolean, usable = true): CudaPlanDeps => ({
  isGpuContainer: async () => gpu,
  binaryInContainer: async () => ({ usable, problem: usable ? null : 'cuda-checkpoint is not at /x inside the container.', help: null }),
});
/** The current stand-in's capabilities under another version and, for nvproxy, without the cuda flags. */
function caps(version: string, cudaFlags = true): Capabilities {
  const c = capsCurrent();
  c.version = version;
  c.global = [...c.global, ...(c.global.some((f) => f.name === 'nvproxy') ? [] : [{ name: 'nvproxy', type: 'bool', help: '' } as never])];
  if (!cudaFlags) c.subcommands.checkpoint = c.subcommands.checkpoint!.filter((f) => !f.name.startsWith('cuda-checkpoint'));
  return c;
}
const plan = async (d: CudaPlanDeps, c: Capabilities, policy: 'auto' | 'off' | 'best-effort' = 'auto') => {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const p = await planCuda(d, c, container, { policy }, problems, warnings);
  return { p, problems, warnings };
};

describe('planCuda', () => {
  it('saves a GPU container with --leave-running whatever was asked; a CPU container as asked', async () => {
    expect((await plan(deps(true), caps('release-20260817.0'))).p).toMatchObject({ mode: 'gvisor', forceLeaveRunning: true });
    expect((await plan(deps(false), caps('release-20260817.0'))).p).toMatchObject({ mode: 'skip', forceLeaveRunning: false });
  });

  it('cannot force it where runsc does not resume in place (before 2024-04), and says the container is at risk', async () => {
    const { p, warnings } = await plan(deps(true), caps('release-20231201.0', false), 'best-effort');
    expect(p.forceLeaveRunning).toBe(false);
    expect(warnings.join(' ')).toContain('the container is lost');
  });

  it('off scans first (read-only) instead of saving blind', async () => {
    const { p, problems } = await plan(deps(true), caps('release-20260817.0'), 'off');
    expect(p).toMatchObject({ mode: 'skip', scanFirst: true, notCaptured: 'CUDA was off' });
    expect(problems).toEqual([]);
  });

  it('refuses Desk-driven mode under auto, explaining why, and allows it as experimental under best-effort', async () => {
    const auto = await plan(deps(true), caps('release-20260511.0', false));
    expect(auto.problems).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_OPTION', field: 'cuda' })]);
    expect(auto.problems[0]!.message).toMatch(/experimental.*#12144.*#10478.*#12600.*SIGSEGV/s);
    const best = await plan(deps(true), caps('release-20260511.0', false), 'best-effort');
    expect(best.p.mode).toBe('desk');
    expect(best.warnings.join(' ')).toContain('Experimental');
  });

  it('warns that gVisor-driven saves on 20260608–20260622 predate nvproxy save (release-20260706.0)', async () => {
    expect((await plan(deps(true), caps('release-20260615.0'))).warnings.join(' ')).toContain('release-20260706.0');
    expect((await plan(deps(true), caps('release-20260817.0'))).warnings.join(' ')).not.toContain('cannot save GPU state yet');
  });

  it('best-effort without a usable binary scans first and records why', async () => {
    const { p } = await plan(deps(true, false), caps('release-20260817.0'), 'best-effort');
    expect(p).toMatchObject({ mode: 'skip', scanFirst: true });
    expect(p.notCaptured).toContain('cannot run');
  });
});
