// A Docker call inside a job step: the step shows the call (as runsc steps show their
// argv), the log shows the call and Docker's answer, and a failure fails the job in
// Docker's own words (which carry runsc's stderr when runsc failed under it).
import type { JobStep } from '../../../shared/jobs';
import { DeskError } from '../../../shared/errors';
import { JobFailure, type JobContext } from '../jobs/runner';
import { describeCall, type DockerCall } from './engine';

/** How a Docker call appears as a step's command: the API call, in the Engine API's words. */
export function callArgv(call: DockerCall): string[] {
  return ['docker-engine-api', call.method, call.path, ...(call.body ? [JSON.stringify(call.body)] : [])];
}

export async function traced<T>(ctx: JobContext, step: JobStep, call: DockerCall, work: () => Promise<T>, answer?: (value: T) => string): Promise<T> {
  step.argv = callArgv(call);
  ctx.say(`$ ${describeCall(call)}`);
  const started = Date.now();
  try {
    const value = await work();
    step.exitCode = 0;
    ctx.say(`Docker answered OK in ${Date.now() - started} ms${answer ? `: ${answer(value)}` : '.'}`);
    return value;
  } catch (error) {
    const failure = DeskError.from(error);
    step.exitCode = 1;
    ctx.say(`Docker answered: ${failure.details?.stderr ?? failure.message}`);
    throw new JobFailure(failure);
  }
}
