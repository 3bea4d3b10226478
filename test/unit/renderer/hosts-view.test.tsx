// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigratePlan } from '../../../shared/jobs';
import type { HostTest } from '../../../shared/model';
import { ContainersView } from '../../../renderer/views/ContainersView';
import { HostsSection } from '../../../renderer/views/hosts/HostsSection';
import { container, fakeDesk, job, listing } from './fake-desk';
import { renderWithStore } from './render';

afterEach(cleanup);

const flush = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

const reached = (patch: Partial<HostTest> = {}): HostTest => ({
  name: 'gpu-a',
  target: 'gpu-a',
  reachable: true,
  error: null,
  uid: 0,
  root: true,
  runsc: { path: '/usr/bin/runsc', version: 'release-20240807.0' },
  privilege: 'none',
  imageDirs: [{ path: '/root/.local/share/checkpoint-desk/images', exists: false, freeBytes: 5 * 2 ** 30 }],
  durationMs: 42,
  ...patch,
});

describe('HostsSection', () => {
  it('adds a host by its ssh name and shows what the test found', async () => {
    const desk = fakeDesk();
    desk.calls.listHosts.mockResolvedValue([{ name: 'local', target: null }]);
    desk.calls.addHost.mockResolvedValue([{ name: 'local', target: null }, { name: 'gpu-a', target: 'gpu-a' }]);
    desk.calls.testHost.mockResolvedValue(reached());
    renderWithStore(<HostsSection />, desk);
    await flush();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'gpu-a' } });
    fireEvent.change(screen.getByLabelText('ssh target'), { target: { value: 'gpu-a' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add and test' })));
    await flush();
    expect(desk.calls.addHost).toHaveBeenCalledWith({ name: 'gpu-a', target: 'gpu-a' });
    expect(desk.calls.testHost).toHaveBeenCalledWith({ name: 'gpu-a' });
    expect(screen.getByText('/usr/bin/runsc (release-20240807.0)')).toBeTruthy();
    expect(screen.getByText(/5\.0 GiB free/)).toBeTruthy();
  });

  it("shows whether the host's Docker answers: its version and runsc runtimes, or why not in docker's words", async () => {
    const desk = fakeDesk();
    desk.calls.listHosts.mockResolvedValue([{ name: 'local', target: null }, { name: 'gpu-a', target: 'gpu-a' }]);
    desk.calls.testHost.mockResolvedValueOnce(reached({ docker: { answers: true, version: '20.10.24+dfsg1', apiVersion: '1.41', runscRuntimes: ['runsc', 'runsc-2024'], error: null } }));
    const refused = 'Docker on "gpu-a" refused the connection: permission denied while trying to connect to the Docker daemon socket';
    desk.calls.testHost.mockResolvedValueOnce(
      reached({ docker: { answers: false, version: null, apiVersion: null, runscRuntimes: [], error: { code: 'FORBIDDEN', message: refused } } }),
    );
    renderWithStore(<HostsSection />, desk);
    await flush();
    const row = screen.getByText('gpu-a', { selector: 'strong' }).closest('li')!;
    await act(async () => fireEvent.click(within(row as HTMLElement).getByRole('button', { name: 'Test' })));
    expect(screen.getByTestId('host-docker').textContent).toBe('20.10.24+dfsg1 · runsc runtimes: runsc, runsc-2024');
    await act(async () => fireEvent.click(within(row as HTMLElement).getByRole('button', { name: 'Test' })));
    expect(screen.getByTestId('host-docker').textContent).toBe(`does not answer: ${refused}`);
    // Docker not answering is not the host failing: runsc and the image folders are still shown.
    expect(screen.getByText('/usr/bin/runsc (release-20240807.0)')).toBeTruthy();
  });

  it('shows an unknown host key by its fingerprint, and accepts it only on a click', async () => {
    const desk = fakeDesk();
    desk.calls.listHosts.mockResolvedValue([{ name: 'local', target: null }, { name: 'gpu-a', target: 'gpu-a' }]);
    desk.calls.testHost.mockResolvedValueOnce(
      reached({
        reachable: false,
        runsc: null,
        error: { code: 'FORBIDDEN', message: 'Host "gpu-a" (gpu-a): its host key could not be verified', details: { reason: 'host-key' } },
        hostKey: { status: 'unknown', fingerprints: ['256 SHA256:abcdef 10.0.0.5 (ED25519)'] },
      }),
    );
    desk.calls.testHost.mockResolvedValueOnce(reached());
    renderWithStore(<HostsSection />, desk);
    await flush();
    const row = screen.getByText('gpu-a', { selector: 'strong' }).closest('li')!;
    await act(async () => fireEvent.click(within(row as HTMLElement).getByRole('button', { name: 'Test' })));
    expect(screen.getByText('256 SHA256:abcdef 10.0.0.5 (ED25519)')).toBeTruthy();
    expect(desk.calls.testHost).toHaveBeenCalledTimes(1);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Accept this key and connect' })));
    expect(desk.calls.testHost).toHaveBeenLastCalledWith({ name: 'gpu-a', acceptHostKey: true });
    expect(screen.getByText('/usr/bin/runsc (release-20240807.0)')).toBeTruthy();
  });
});

describe('Containers of several hosts', () => {
  it('switches to all hosts (a host column, an unreachable host in ssh words), and migrates with a progress bar', async () => {
    const desk = fakeDesk();
    desk.calls.listHosts.mockResolvedValue([
      { name: 'local', target: null },
      { name: 'gpu-a', target: 'gpu-a' },
      { name: 'gpu-b', target: 'gpu-b' },
    ]);
    const sample = container('sample-1', { host: 'gpu-a', root: '/root/.local/share/checkpoint-desk/root' });
    desk.calls.listContainers.mockImplementation(async (request: unknown) =>
      (request as { allHosts?: boolean } | undefined)?.allHosts
        ? {
            ...listing([sample]),
            hosts: [
              { name: 'local', reachable: true, error: null },
              { name: 'gpu-a', reachable: true, error: null },
              { name: 'gpu-b', reachable: false, error: { code: 'INTERNAL', message: 'Host "gpu-b" (gpu-b) is unreachable: connect to host 10.0.0.6 port 22: Connection refused.' } },
            ],
          }
        : listing([]),
    );
    const plan: MigratePlan = {
      problems: [],
      warnings: [],
      source: { host: 'gpu-a', root: sample.root, id: 'sample-1', bundle: '/b', runscVersion: 'v1', imagePath: '/a/images/sample-1/t' },
      target: { host: 'local', root: sample.root, id: 'sample-1', runscVersion: 'v1', imagePath: '/l/images/sample-1/t', freeBytes: 1e9 },
      estimatedBytes: 1e6,
    };
    desk.calls.planMigrate.mockResolvedValue(plan);
    desk.calls.migrate.mockResolvedValue({ jobId: 'job-9' });
    desk.calls.getJob.mockResolvedValue(job('job-9', { kind: 'migrate', title: 'Migrate sample-1 from gpu-a to local', status: 'running' }));
    renderWithStore(<ContainersView />, desk);
    await flush();
    await act(async () => fireEvent.change(screen.getByLabelText('Host'), { target: { value: '*' } }));
    await flush();
    expect(desk.calls.listContainers).toHaveBeenLastCalledWith({ allHosts: true });
    expect(screen.getByRole('columnheader', { name: 'Host' })).toBeTruthy();
    expect(screen.getByText(/is unreachable: .*Connection refused/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Migrate…' })));
    await flush();
    expect(desk.calls.planMigrate).toHaveBeenCalledWith(expect.objectContaining({ host: 'gpu-a', id: 'sample-1', toHost: 'local' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Migrate' })));
    await flush();
    expect(desk.calls.migrate).toHaveBeenCalledWith(expect.objectContaining({ host: 'gpu-a', root: sample.root, id: 'sample-1', toHost: 'local' }));
    act(() =>
      desk.emit(
        'job:update',
        job('job-9', { kind: 'migrate', status: 'running', transfer: { from: 'gpu-a', to: 'local', bytes: 2 ** 20, totalBytes: 2 ** 21, bytesPerSecond: 2 ** 20, files: 1 } }),
      ),
    );
    const bar = screen.getAllByRole('progressbar')[0] as HTMLProgressElement;
    expect(bar.value).toBe(2 ** 20);
    expect(bar.max).toBe(2 ** 21);
    expect(screen.getByText(/1\.0 MiB of 2\.0 MiB · 1\.0 MiB\/s/)).toBeTruthy();
    // Between two servers, through this machine: with ssh's words for why not directly.
    act(() =>
      desk.emit(
        'job:update',
        job('job-9', {
          kind: 'migrate',
          status: 'running',
          transfer: { from: 'gpu-a', to: 'gpu-b', bytes: 2 ** 20, totalBytes: 2 ** 21, bytesPerSecond: 2 ** 20, files: 1, route: 'through-desk', routeWhy: '"gpu-a" cannot log in to "gpu-b" (root@10.0.0.6:22): Permission denied (publickey).' },
        }),
      ),
    );
    expect(screen.getByText('Through this machine: "gpu-a" cannot log in to "gpu-b" (root@10.0.0.6:22): Permission denied (publickey).')).toBeTruthy();
  });
});
