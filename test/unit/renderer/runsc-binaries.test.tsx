// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunscBinaryInfo } from '../../../shared/model';
import { RuntimeView } from '../../../renderer/views/RuntimeView';
import { fakeDesk, overview } from './fake-desk';
import { renderWithStore } from './render';

afterEach(cleanup);

function binary(path: string, version: string | null, patch: Partial<RunscBinaryInfo> = {}): RunscBinaryInfo {
  return {
    path,
    sources: ['PATH'],
    alsoAt: [],
    version,
    isDefault: false,
    checkpointOptions: [
      { option: 'leaveRunning', flag: '--leave-running', supported: true, help: null },
      { option: 'compression', flag: '--compression', supported: version === '0.0~20240729.0', help: null },
    ],
    restoreOptions: { direct: version === '0.0~20240729.0', background: false },
    error: null,
    ...patch,
  };
}

async function shown(binaries: RunscBinaryInfo[]) {
  const desk = fakeDesk();
  desk.calls.getOverview.mockResolvedValue(overview({ runscBinaries: binaries }));
  const view = renderWithStore(<RuntimeView />, desk);
  await act(async () => {
    await view.store.getState().refreshOverview();
  });
  return within(screen.getByTestId('runsc-binaries')).queryAllByTestId('runsc-binary');
}

describe('runsc binaries on the Runtime page', () => {
  it('shows each version side by side: where found, checkpoint and restore options', async () => {
    const cards = await shown([
      binary('/usr/bin/runsc', '0.0~20221219.0', { isDefault: true, sources: ['settings', 'PATH'] }),
      binary('/opt/runsc-2024/runsc', '0.0~20240729.0', { sources: ['docker runtime runsc-2024'] }),
    ]);
    expect(cards.map((c) => c.getAttribute('data-version'))).toEqual(['0.0~20221219.0', '0.0~20240729.0']);
    expect(cards[0]!.textContent).toContain('default');
    expect(cards[0]!.textContent).toContain('settings, PATH');
    expect(cards[0]!.textContent).not.toContain('--compression');
    expect(cards[0]!.textContent).toContain('no --direct, no --background');
    expect(cards[1]!.textContent).toContain('docker runtime runsc-2024');
    expect(cards[1]!.textContent).toContain('--leave-running --compression');
    expect(within(cards[1]!).getByText('--direct')).toBeTruthy();
    expect(cards[1]!.textContent).not.toContain('default');
  });

  it('shows two binaries of one version once, the second under "also at"', async () => {
    const cards = await shown([
      binary('/usr/bin/runsc', '0.0~20221219.0', { sources: ['PATH'] }),
      binary('/usr/local/bin/runsc', '0.0~20221219.0', { sources: ['/usr/local/bin'], alsoAt: ['/opt/old/runsc'] }),
    ]);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.textContent).toContain('/usr/local/bin/runsc, /opt/old/runsc');
    expect(cards[0]!.textContent).toContain('PATH, /usr/local/bin');
  });

  it('lists a binary that cannot run with its error, and no options', async () => {
    const cards = await shown([
      binary('/usr/local/bin/runsc', null, { error: { code: 'RUNSC_MISSING', message: '/usr/local/bin/runsc: exec format error' } }),
    ]);
    expect(cards[0]!.textContent).toContain('exec format error');
    expect(cards[0]!.textContent).toContain('version unknown');
    expect(cards[0]!.textContent).not.toContain('--leave-running');
  });
});
