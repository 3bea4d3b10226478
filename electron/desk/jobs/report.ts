// exportJobReport: one .tar.gz a gVisor maintainer can read without asking back: the
// job, its log, runsc's debug logs, `runsc --version` and `runsc flags` of the binary
// the job ran, `uname -a`, the spec summary and the Desk's version, all redacted. Files
// are staged (as text, through the Host) and packed by the system's GNU tar, also
// through the Host: the Host writes text only, and tar is the archiver every Linux has.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DeskError } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs';
import type { Host } from '../host/host';
import { readSpecSummary } from '../spec-summary';
import { DEBUG_DIR } from './debug-logs';
import { listJobFiles, REPORT_SUFFIX } from './job-files';
import type { JobLog } from './job-log';
import { Redactor, specEnvSecrets } from './redact';

const PAGE = 10_000;
const READ_CHUNK = 1024 * 1024;
const TOOL_TIMEOUT_MS = 20_000;

export interface ReportInput {
  /** Where the job folder lives. */
  host: Host;
  folder: string;
  job: Job;
  log: JobLog;
  deskVersion: string;
}

export function reportName(job: Job): string {
  return `${job.id}${REPORT_SUFFIX}`;
}

export async function writeJobReport(input: ReportInput): Promise<{ path: string; bytes: number }> {
  const { host, folder, job } = input;
  const bundle = job.facts?.bundle ?? (typeof job.options.bundle === 'string' ? job.options.bundle : null);
  const redact = new Redactor(await specEnvSecrets(host, bundle));
  const staging = join(folder, `.report-${randomBytes(4).toString('hex')}`);
  const top = `${job.id}-report`;
  const dir = join(staging, top);
  const out = join(folder, reportName(job));
  try {
    await host.mkdir(join(dir, DEBUG_DIR), { recursive: true, mode: 0o700 });
    const write = (name: string, text: string) => host.writeFileAtomic(join(dir, name), text.endsWith('\n') ? text : `${text}\n`);
    await write('job.json', JSON.stringify(redact.json(job), null, 2));
    await writeLog(input, redact, join(dir, 'log.txt'));
    const debugLogs = (await listJobFiles(host, folder)).filter((f) => f.kind === 'debug-log');
    for (const file of debugLogs) await copyRedacted(host, join(folder, file.name), join(dir, file.name), redact);
    const runsc = job.facts?.runscPath ?? null;
    const local = !job.facts || job.facts.host === host.name;
    const tool = async (argv: string[]) => (local ? redact.text(await output(host, argv)) : `Not asked: the job ran on ${job.facts?.host}.`);
    await write('runsc-version.txt', runsc ? await tool([runsc, '--version']) : 'This job recorded no runsc binary.');
    await write('runsc-flags.txt', runsc ? await tool([runsc, 'flags']) : 'This job recorded no runsc binary.');
    await write('uname.txt', await tool(['uname', '-a']));
    await write('spec-summary.json', await specSummary(host, bundle, redact));
    await write('desk-version.txt', `Checkpoint Desk ${input.deskVersion}`);
    await write('README.txt', readme(job, debugLogs.length, input.deskVersion));
    const tar = await host.run({ argv: ['tar', '-czf', out, '-C', staging, top], timeoutMs: 5 * 60_000 });
    if (tar.exitCode !== 0) {
      throw new DeskError('INTERNAL', `tar could not write ${out}: ${(tar.spawnError ?? tar.stderr).trim() || `exit ${tar.exitCode}`}`, { argv: tar.argv });
    }
  } finally {
    await host.remove(staging, { recursive: true }).catch(() => {});
  }
  return { path: out, bytes: (await host.stat(out)).size };
}

async function writeLog(input: ReportInput, redact: Redactor, to: string): Promise<void> {
  const file = await input.host.openAppend(to, 0o600);
  try {
    for (let offset = 0; ; ) {
      const page = await input.log.read(offset, PAGE);
      if (page.lines.length === 0) break;
      file.write(page.lines.map((l) => `${new Date(l.t).toISOString()} ${l.stream.padEnd(6)} ${redact.text(l.text)}\n`).join(''));
      offset = page.next;
      if (offset >= page.total) break;
    }
  } finally {
    await file.close();
  }
}

/** A text file, line by line through the redactor, a chunk at a time. */
async function copyRedacted(host: Host, from: string, to: string, redact: Redactor): Promise<void> {
  const file = await host.openAppend(to, 0o600);
  try {
    // Cut at newline bytes, so a character split across two reads is decoded whole.
    let carry: Buffer = Buffer.alloc(0);
    for (let offset = 0; ; ) {
      const chunk = await host.readRange(from, offset, READ_CHUNK);
      if (chunk.length === 0) break;
      offset += chunk.length;
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const cut = bytes.lastIndexOf(10);
      carry = cut === -1 ? bytes : bytes.subarray(cut + 1);
      if (cut !== -1) file.write(`${bytes.toString('utf8', 0, cut).split('\n').map((l) => redact.text(l)).join('\n')}\n`);
      if (chunk.length < READ_CHUNK) break;
    }
    if (carry.length > 0) file.write(`${redact.text(carry.toString('utf8'))}\n`);
  } finally {
    await file.close();
  }
}

async function output(host: Host, argv: string[]): Promise<string> {
  const r = await host.run({ argv, timeoutMs: TOOL_TIMEOUT_MS });
  if (r.spawnError) return `$ ${argv.join(' ')}\nCould not run: ${r.spawnError}`;
  // runsc flags prints to stderr on some builds: keep both, in order of use.
  return `$ ${argv.join(' ')}\n${r.stdout}${r.stderr ? `${r.stdout ? '\n' : ''}${r.stderr}` : ''}${r.exitCode === 0 ? '' : `\n(exit ${r.exitCode})`}`;
}

async function specSummary(host: Host, bundle: string | null, redact: Redactor): Promise<string> {
  if (!bundle) return JSON.stringify({ error: 'This job names no bundle.' }, null, 2);
  try {
    return JSON.stringify(redact.json({ bundle, ...(await readSpecSummary(host, bundle)) }), null, 2);
  } catch (error) {
    return JSON.stringify({ bundle, error: `Could not read ${join(bundle, 'config.json')} now: ${(error as Error).message}` }, null, 2);
  }
}

function readme(job: Job, debugLogs: number, deskVersion: string): string {
  const steps = job.steps.filter((s) => s.argv).map((s) => `  ${s.title}: exit ${s.exitCode ?? s.signal ?? '?'}\n    $ ${s.argv!.join(' ')}`);
  return [
    `${job.title}: ${job.status}, from Checkpoint Desk ${deskVersion}.`,
    job.error ? `Error: ${job.error.message}` : '',
    job.diagnosis ? `Diagnosis: ${job.diagnosis.title}. ${job.diagnosis.fix}` : '',
    job.facts ? `runsc: ${job.facts.runscPath} (${job.facts.runscVersion}) on ${job.facts.host}; root global flags: ${job.facts.globalFlags.join(' ') || '(none)'}` : '',
    '',
    'Commands:',
    ...steps,
    '',
    'Files:',
    '  job.json           the job as the Desk keeps it (redacted)',
    '  log.txt            its log: the Desk\'s lines, runsc\'s stdout and stderr',
    `  ${DEBUG_DIR}/       runsc's --debug-log files (${debugLogs === 0 ? 'none: run the job again with debug logs' : debugLogs})`,
    '  runsc-version.txt  runsc --version of the binary the job ran',
    '  runsc-flags.txt    runsc flags of that binary',
    '  uname.txt          uname -a',
    '  spec-summary.json  the bundle\'s spec, summarised',
    '  desk-version.txt   the Desk\'s version',
    '',
    'Environment values, tokens and the spec\'s process.env are redacted.',
  ].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n');
}
