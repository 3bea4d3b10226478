// @vitest-environment happy-dom
// Settings: runsc binaries added beyond the ones the Desk finds (issue 12).
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeskError } from '../../../shared/errors';
import type { Settings } from '../../../shared/model';
import type { DeskShell } from '../../../shared/shell-api';
import { SettingsView } from '../../../renderer/views/SettingsView';
import { fakeDesk, overview, settings } from './fake-desk';
import { renderWithStore } from './render';

const g = globalThis as { deskShell?: DeskShell };
afterEach(() => {
  cleanup();
  delete g.deskShell;
});

async function loaded(desk = fakeDesk(), saved: Settings = settings) {
  desk.calls.getSettings.mockResolvedValue(saved);
  desk.calls.getOverview.mockResolvedValue(
    overview({
      runscBinaries: [
        { path: '/usr/bin/runsc', sources: ['PATH'], alsoAt: [], version: '0.0~20221219.0', isDefault: true, checkpointOptions: [], restoreOptions: { direct: false, background: false }, error: null },
        { path: '/opt/runsc-2024/runsc', sources: ['added'], alsoAt: ['/srv/copy/runsc'], version: '0.0~20240729.0', isDefault: false, checkpointOptions: [], restoreOptions: { direct: true, background: false }, error: null },
      ],
    }),
  );
  const view = renderWithStore(<SettingsView />, desk);
  await act(async () => {
    await view.store.getState().refreshOverview();
  });
  await screen.findByTestId('runsc-binaries-form');
  return view;
}

const form = () => within(screen.getByTestId('runsc-binaries-form'));

describe('Settings: more runsc binaries', () => {
  it('adds a binary by path, keeping the ones added before', async () => {
    const desk = fakeDesk();
    await loaded(desk, { ...settings, runscBinaries: ['/opt/runsc-2024/runsc'] });
    fireEvent.change(screen.getByLabelText('Add runsc binary'), { target: { value: ' /srv/runsc-new/runsc ' } });
    await act(async () => {
      fireEvent.click(form().getByRole('button', { name: 'Add' }));
    });
    expect(desk.calls.updateSettings).toHaveBeenCalledWith({ runscBinaries: ['/opt/runsc-2024/runsc', '/srv/runsc-new/runsc'] });
    expect((screen.getByLabelText('Add runsc binary') as HTMLInputElement).value).toBe('');
  });

  it('lists the added ones with their version, and removes one', async () => {
    const desk = fakeDesk();
    await loaded(desk, { ...settings, runscBinaries: ['/opt/runsc-2024/runsc', '/srv/copy/runsc'] });
    const items = form().getAllByTestId('added-runsc');
    expect(items[0]!.textContent).toContain('runsc 0.0~20240729.0');
    expect(items[1]!.textContent).toContain('the same as /opt/runsc-2024/runsc');
    await act(async () => {
      fireEvent.click(form().getByRole('button', { name: 'Remove /srv/copy/runsc' }));
    });
    expect(desk.calls.updateSettings).toHaveBeenCalledWith({ runscBinaries: ['/opt/runsc-2024/runsc'] });
  });

  it('shows runsc’s own words at the field when the path is refused, and only there', async () => {
    const desk = fakeDesk();
    desk.calls.updateSettings.mockRejectedValue(
      new DeskError('INVALID_INPUT', '/bin/true is not a runsc the Desk can use: it did not answer as runsc. It printed: usage: true', { field: 'runscBinaries.0' }),
    );
    await loaded(desk);
    fireEvent.change(screen.getByLabelText('Add runsc binary'), { target: { value: '/bin/true' } });
    await act(async () => {
      fireEvent.click(form().getByRole('button', { name: 'Add' }));
    });
    const field = screen.getByLabelText('Add runsc binary');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toContain('It printed: usage: true');
    // The path stays, to be corrected; the runsc path form above does not repeat the refusal.
    expect((field as HTMLInputElement).value).toBe('/bin/true');
    expect(screen.getAllByText(/It printed: usage: true/)).toHaveLength(1);
  });

  it('says a path is already added without asking the Desk', async () => {
    const desk = fakeDesk();
    await loaded(desk, { ...settings, runscBinaries: ['/opt/runsc-2024/runsc'] });
    fireEvent.change(screen.getByLabelText('Add runsc binary'), { target: { value: '/opt/runsc-2024/runsc' } });
    await act(async () => {
      fireEvent.click(form().getByRole('button', { name: 'Add' }));
    });
    expect(desk.calls.updateSettings).not.toHaveBeenCalled();
    expect(form().getByRole('alert').textContent).toContain('already added');
  });

  it('browses for the folder that holds runsc (the desktop picker) and names its runsc', async () => {
    const pickFolder = vi.fn(async () => '/opt/gvisor');
    g.deskShell = { pickFolder, reveal: vi.fn(), notify: vi.fn(), onMenu: vi.fn(() => () => {}) } as never;
    await loaded();
    await act(async () => {
      fireEvent.click(form().getByRole('button', { name: 'Browse for the folder that holds runsc' }));
    });
    await waitFor(() => expect((screen.getByLabelText('Add runsc binary') as HTMLInputElement).value).toBe('/opt/gvisor/runsc'));
    expect(pickFolder).toHaveBeenCalledWith({ purpose: 'runsc-dir', defaultPath: '/usr/local/bin' });
  });
});
