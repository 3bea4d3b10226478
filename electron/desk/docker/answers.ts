// Whether a host's Docker answers, for testHost: its version and runsc runtimes, or why
// not in docker's or ssh's words. Never throws: a host without Docker is still a host.
import { DeskError } from '../../../shared/errors';
import type { HostDocker } from '../../../shared/model';
import type { Engine } from './engine';
import { isRunscRuntime } from './runtimes';

const ANSWER_TIMEOUT_MS = 15_000;

export async function dockerAnswers(engine: Engine, timeoutMs = ANSWER_TIMEOUT_MS): Promise<HostDocker> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeskError('INTERNAL', `Docker did not answer at ${engine.socket} within ${timeoutMs / 1000} s.`, { dockerUnreachable: true })), timeoutMs);
  });
  try {
    const info = await Promise.race([engine.info(), late]);
    const runscRuntimes = Object.keys(info.runtimes).filter((name) => isRunscRuntime(info, name));
    return { answers: true, version: info.version, apiVersion: info.apiVersion, runscRuntimes, error: null };
  } catch (error) {
    return { answers: false, version: null, apiVersion: null, runscRuntimes: [], error: DeskError.from(error).toJSON() };
  } finally {
    clearTimeout(timer);
  }
}
