// @vitest-environment happy-dom
// A Docker root in Containers (issue 11): names first, Compose projects grouped, the
// badge, and the one line saying why names are missing when Docker does not answer.
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Container } from '../../../shared/model';
import { composeGroups } from '../../../renderer/views/containers/compose-groups';
import { ContainersView } from '../../../renderer/views/ContainersView';
import { DOCKER_ROOT, container, fakeDesk, listing } from './fake-desk';
import { renderWithStore } from './render';

afterEach(cleanup);

const dockerContainer = (id: string, name: string, composeProject: string | null = null): Container =>
  container(id.padEnd(64, '0'), {
    root: DOCKER_ROOT,
    manager: 'docker',
    docker: { name, image: 'busybox:local', state: 'running', composeProject, labels: {}, runtime: 'runsc', runscPath: '/usr/bin/runsc' },
  });

async function loaded(containers: Container[], notice?: string) {
  const desk = fakeDesk();
  const list = listing(containers);
  if (notice) list.roots[0]!.notice = notice;
  desk.calls.listContainers.mockResolvedValue(list);
  const view = renderWithStore(<ContainersView />, desk);
  await act(async () => {
    await Promise.all([view.store.getState().refreshOverview(), view.store.getState().refreshContainers()]);
  });
  return within(screen.getAllByTestId('root-section').find((s) => s.getAttribute('data-root') === DOCKER_ROOT)!);
}

describe('composeGroups', () => {
  it('puts the containers outside any project first, then each project, each by name', () => {
    const groups = composeGroups([
      dockerContainer('a1', 'zeta'),
      dockerContainer('b1', 'web', 'shop'),
      dockerContainer('c1', 'alpha'),
      dockerContainer('d1', 'db', 'shop'),
      dockerContainer('e1', 'api', 'blog'),
    ]);
    expect(groups.map((g) => [g.project, g.containers.map((c) => c.docker!.name)])).toEqual([
      [null, ['alpha', 'zeta']],
      ['blog', ['api']],
      ['shop', ['db', 'web']],
    ]);
  });

  it('keeps runsc’s order where no container has a Docker name', () => {
    const groups = composeGroups([container('z'), container('a')]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.containers.map((c) => c.id)).toEqual(['z', 'a']);
  });
});

describe('a Docker root in Containers', () => {
  it('shows names first, grouped by Compose project under a heading, with the Docker badge', async () => {
    const section = await loaded([dockerContainer('b1', 'web', 'shop'), dockerContainer('a1', 'solo'), dockerContainer('d1', 'db', 'shop')]);
    expect(section.getByRole('columnheader', { name: 'Name' })).toBeTruthy();
    const names = section.getAllByTestId('container-row').map((r) => r.querySelector('.docker-name')?.textContent);
    expect(names).toEqual(['solo', 'db', 'web']);
    const project = section.getByTestId('compose-project');
    expect(project.getAttribute('data-project')).toBe('shop');
    expect(within(project).getByRole('rowheader').textContent).toContain('Compose project shop · 2 containers');
    expect(within(project).getAllByTestId('container-row')).toHaveLength(2);
    // The root says it is Docker's; each of its containers carries the badge.
    expect(section.getAllByText('Docker').length).toBe(4);
    expect(section.queryByTestId('root-notice')).toBeNull();
  });

  it('says in one line why Docker’s names are missing', async () => {
    const notice = 'Docker does not answer at /var/run/docker.sock (permission denied). Listed by runsc instead: no Docker names, and read-only.';
    const section = await loaded([container('abc', { root: DOCKER_ROOT })], notice);
    expect(section.getByTestId('root-notice').textContent).toBe(notice);
    expect(section.getByRole('columnheader', { name: 'ID' })).toBeTruthy();
    expect(section.queryByTestId('compose-project')).toBeNull();
  });
});
