// Which runsc restores an image. runsc restores only images of its own version
// (gVisor runsc/boot/controller.go): a 2024 image read by the 2022 runsc fails with
// "header error: unexpected EOF", a 2022 image read by the 2024 runsc with "error
// decoding object ID 1 (cpuid.FeatureSet) … contains different fields". So the Desk
// restores with the binary whose version made the image, and refuses a mismatch before
// anything runs (RUNSC_MISMATCH), unless the person asks for it (allowVersionMismatch).
import type { ImageSummary, RestorePlan } from '../../../shared/images';
import type { Problem } from '../../../shared/jobs';
import type { RunscBinaryInfo } from '../../../shared/model';
import { exists } from '../dirs';
import type { Host } from '../host/host';
import type { Runtime } from '../services/runtime-service';

export interface RunscPickDeps {
  host: Host;
  /** The default runsc (the settings', else PATH's). */
  defaultRuntime: Runtime;
  /** Every binary on the host, one per version (RuntimeService.binaries). */
  binaries(): Promise<(RunscBinaryInfo & { runtime: Runtime })[]>;
  forPath(path: string): Promise<Runtime>;
}

export interface RunscPick {
  runtime: Runtime;
  problems: Problem[];
  warnings: string[];
  defaults: RestorePlan['defaults'];
}

export async function pickRestoreRunsc(
  deps: RunscPickDeps,
  request: { runsc?: string; allowVersionMismatch?: boolean },
  image: Pick<ImageSummary, 'runscVersion' | 'record'> | null,
): Promise<RunscPick> {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const defaults: RestorePlan['defaults'] = [];
  const made = image?.runscVersion ?? null;
  const allow = request.allowVersionMismatch === true;

  let runtime = deps.defaultRuntime;
  if (request.runsc) {
    runtime = await deps.forPath(request.runsc);
  } else if (made) {
    const binaries = (await deps.binaries()).filter((b) => b.runtime.client);
    // The record's own binary first, when it is still there and still that version.
    const recorded = image?.record?.runscPath;
    const match = binaries.find((b) => b.version === made && (b.path === recorded || b.alsoAt.includes(recorded ?? ''))) ?? binaries.find((b) => b.version === made);
    if (match && match.path !== deps.defaultRuntime.info.path) {
      runtime = match.runtime;
      defaults.push({ field: 'runsc', from: `the runsc version that made the image (${made}): ${match.path}` });
    } else if (!match && recorded && !(await exists(deps.host, recorded))) {
      warnings.push(`The runsc that made this image, ${recorded} (${made}), is gone. The binaries here: ${describe(binaries)}.`);
    }
  }
  if (!runtime.client) return { runtime, problems, warnings, defaults };

  const using = runtime.info.version;
  if (made && using && using !== made) {
    if (allow) {
      warnings.push(`Restoring a runsc ${made} image with runsc ${using} (${runtime.info.path}), as asked. runsc restores only images of its own version: expect "header error: unexpected EOF" or "… contains different fields".`);
    } else {
      const binaries = (await deps.binaries()).filter((b) => b.runtime.client);
      const match = binaries.find((b) => b.version === made);
      const fix = match
        ? `Restore with ${match.path} (runsc ${made}), which the Desk picks when no runsc is named.`
        : `No runsc ${made} is on this host (the binaries here: ${describe(binaries)}): install it, or add its path in Settings.`;
      problems.push({
        code: 'RUNSC_MISMATCH',
        field: request.runsc ? 'runsc' : 'imagePath',
        message: `This image was made by runsc ${made}; ${runtime.info.path} is runsc ${using}, and runsc restores only images of its own version. ${fix} To try anyway, choose "Restore with another runsc version anyway" (allowVersionMismatch in the API).`,
      });
    }
  }
  return { runtime, problems, warnings, defaults };
}

function describe(binaries: { path: string; version: string | null }[]): string {
  return binaries.length > 0 ? binaries.map((b) => `${b.path} (${b.version ?? 'unknown version'})`).join(', ') : 'none';
}
