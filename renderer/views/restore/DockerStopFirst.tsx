import type { RestorePlan } from '../../../shared/images';
import type { Problem } from '../../../shared/jobs';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Spinner } from '../../components/Spinner';
import { useDesk } from '../../store-context';

/** Docker's refusal of a container that still runs (docker-plan.ts says "<name> is running; …"). */
const STILL_RUNS = / is (running|paused|restarting);/;

/** The plan's refusal that stopping the container would answer, or null. */
export function stillRunsProblem(problems: Problem[]): Problem | null {
  return problems.find((p) => p.field === 'id' && STILL_RUNS.test(p.message)) ?? null;
}

/**
 * Docker restores a checkpoint only into its own container, stopped. When it still runs,
 * one click stops it (through Docker: docker stop), and the plan is asked again.
 */
export function DockerStopFirst({ plan, name }: { plan: RestorePlan; name: string }) {
  const stopContainer = useDesk((s) => s.stopContainer);
  const planAgain = useDesk((s) => s.planRestoreNow);
  const busy = useDesk((s) => s.pending.stopContainer === true);
  const error = useDesk((s) => s.actionErrors.stopContainer);
  const target = { root: plan.resolved.root, id: plan.resolved.id };
  return (
    <div className="stop-first" data-testid="docker-stop-first">
      <button
        type="button"
        className="button"
        disabled={busy}
        aria-busy={busy}
        onClick={() => void stopContainer(target).then((ok) => (ok ? planAgain() : undefined))}
      >
        {busy && <Spinner />}
        Stop it first
      </button>
      <span className="small muted"> Stops {name} through Docker (docker stop), then plans the restore again.</span>
      {error && <ErrorBlock error={error} />}
    </div>
  );
}
