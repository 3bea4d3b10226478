// The small rules behind the lifecycle UI: addresses, progress, names of removal, field
// labels, which failure ended a container, which warning needs a confirmation.
import { describe, expect, it } from 'vitest';
import { endedContainer } from '../../../renderer/lib/ended-container';
import { fieldLabel, personalMessage } from '../../../renderer/lib/field-names';
import { activeJobOn, jobProgress } from '../../../renderer/lib/job-progress';
import { predictsFailure } from '../../../renderer/lib/predicts-failure';
import { removeWords } from '../../../renderer/lib/remove-words';
import { currentRoute, parseRoute, routeHash } from '../../../renderer/lib/route';
import { formFromRequest } from '../../../renderer/state/checkpoint-request';
import { DESK_ROOT, IMAGES_DIR, container, imageSummary, job, listing } from './fake-desk';

describe('routes', () => {
  it('round-trip each view, a container (root with slashes), an image and a job', () => {
    const routes = [
      { view: 'containers', container: null },
      { view: 'containers', container: { root: DESK_ROOT, id: 'sample-1' } },
      { view: 'images', image: `${IMAGES_DIR}/sample-1/2026 01` },
      { view: 'images', image: null },
      { view: 'jobs', job: 'job-abc' },
      { view: 'jobs', job: null },
      { view: 'runtime' },
      { view: 'settings' },
    ] as const;
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeHash({ view: 'jobs', job: 'job-abc' })).toBe('#/jobs/job-abc');
    expect(routeHash({ view: 'containers', container: { root: '/r', id: 'a' } })).toBe('#/containers/%2Fr/a');
  });

  it('ignore what is not a route: a token, nothing, an unknown view, bad escapes', () => {
    for (const hash of ['', '#', '#token=abc', '#/nowhere', '#/jobs/%E0%A4%A']) expect(parseRoute(hash)).toBeNull();
  });

  it('say where the store is', () => {
    const base = { selected: { root: '/r', id: 'a' }, selectedImage: '/i', selectedJobId: 'j' };
    expect(routeHash(currentRoute({ ...base, view: 'containers' }))).toBe('#/containers/%2Fr/a');
    expect(routeHash(currentRoute({ ...base, view: 'jobs' }))).toBe('#/jobs/j');
    expect(routeHash(currentRoute({ ...base, view: 'settings' }))).toBe('#/settings');
  });
});

describe('job progress', () => {
  const step = (status: 'succeeded' | 'running') => ({ name: 's', title: 's', status, argv: null, startedAt: 1, endedAt: status === 'running' ? null : 2, exitCode: null, signal: null, stdoutLines: 0, stderrLines: 0 });
  it('is the share of the usual steps done, never 100 % while running', () => {
    expect(jobProgress(job('a')).label).toBe('checkpointing… 0 %');
    expect(jobProgress(job('a', { steps: [step('succeeded'), step('running')] })).label).toBe('checkpointing… 33 %');
    expect(jobProgress(job('a', { kind: 'restore', steps: [step('succeeded'), step('succeeded'), step('succeeded')] })).percent).toBe(75);
    expect(jobProgress(job('a', { kind: 'delete', steps: [step('succeeded')] })).percent).toBe(50);
  });
  it('belongs to the container it targets, while it runs', () => {
    const jobs = [job('a', { status: 'succeeded' }), job('b')];
    expect(activeJobOn(jobs, { root: DESK_ROOT, id: 'web-1' })?.id).toBe('b');
    expect(activeJobOn(jobs, { root: DESK_ROOT, id: 'web-2' })).toBeNull();
  });
});

describe('names that mean what they do', () => {
  it('runsc: Kill and remove a running one, Delete a stopped one; Docker: Stop; containerd: nothing', () => {
    expect(removeWords({ id: 'a', status: 'running', manager: 'runsc' })?.label).toBe('Kill and remove');
    expect(removeWords({ id: 'a', status: 'running', manager: 'runsc' })?.title).toBe('Kill and remove a?');
    expect(removeWords({ id: 'a', status: 'stopped', manager: 'runsc' })?.label).toBe('Delete');
    expect(removeWords({ id: 'a', status: 'running', manager: 'docker' })?.label).toBe('Stop');
    expect(removeWords({ id: 'a', status: 'running', manager: 'containerd' })).toBeNull();
  });
});

describe('field errors in the person’s words', () => {
  it('name the field as the form does', () => {
    expect(fieldLabel('globalFlags.1')).toBe('Global flag 2');
    expect(fieldLabel('extraFlags.0')).toBe('Extra flag 1');
    expect(fieldLabel('imagePath')).toBe('Image path');
    expect(fieldLabel('somethingElse')).toBe('somethingElse');
    expect(personalMessage({ message: 'globalFlags.1: --nope is not a global flag of runsc 1.', details: { field: 'globalFlags.1' } })).toBe('Global flag 2: --nope is not a global flag of runsc 1.');
    expect(personalMessage({ message: 'checkpoint: imagePath must be absolute', details: { field: 'imagePath' } })).toBe('Image path: must be absolute');
    expect(personalMessage({ message: 'plain words', details: {} })).toBe('plain words');
  });
});

describe('a failure that ended the container', () => {
  const failed = job('j', { status: 'failed', endedAt: 2, imagePath: `${IMAGES_DIR}/web-1/b`, createdDirs: [`${IMAGES_DIR}/web-1/b`] });
  const good = imageSummary(`${IMAGES_DIR}/web-1/a`, { createdAt: 1 });
  const partial = imageSummary(`${IMAGES_DIR}/web-1/b`, { createdAt: 2, state: 'partial' });
  it('is a plain checkpoint whose container is now stopped: its last good image, and the partial one', () => {
    const ended = endedContainer(failed, listing([container('web-1', { status: 'stopped', pid: null })]), [good, partial]);
    expect(ended).toEqual({ id: 'web-1', root: DESK_ROOT, lastGood: good, partial });
  });
  it('is nothing when the container still runs, or the job succeeded, or was a restore', () => {
    expect(endedContainer(failed, listing([container('web-1')]), [good])).toBeNull();
    expect(endedContainer({ ...failed, status: 'succeeded' }, listing([]), [good])).toBeNull();
    expect(endedContainer({ ...failed, kind: 'restore' }, listing([]), [good])).toBeNull();
  });
  it('"Try again" fills the same choices, with a fresh image folder', () => {
    const form = formFromRequest({ root: DESK_ROOT, id: 'web-1', imagePath: '/x', compression: 'none', direct: true, extraFlags: ['--a=1', '--b'] });
    expect(form).toMatchObject({ imagePath: '', compression: 'none', direct: true, leaveRunning: false, extraFlags: '--a=1 --b' });
  });
});

describe('warnings that predict failure', () => {
  it('are the space ones', () => {
    expect(predictsFailure('Only 0.1 MiB free under /x, and the container uses 3 MiB of memory; the image may not fit.')).toBe(true);
    expect(predictsFailure('This image was made by runsc 1; this runsc is 2.')).toBe(false);
  });
});
