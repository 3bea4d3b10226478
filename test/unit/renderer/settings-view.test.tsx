// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../../shared/errors';
import { SettingsView } from '../../../renderer/views/SettingsView';
import { fakeDesk, overview, root, settings } from './fake-desk';
import { renderWithStore } from './render';

afterEach(cleanup);

async function loaded(desk = fakeDesk()) {
  const view = renderWithStore(<SettingsView />, desk);
  await act(async () => {
    await view.store.getState().refreshOverview();
  });
  return view;
}

describe('SettingsView', () => {
  it('adds a root with its flags split on spaces', async () => {
    const desk = fakeDesk();
    await loaded(desk);
    fireEvent.change(screen.getByLabelText('Root path'), { target: { value: '/tmp/runsc-root' } });
    fireEvent.change(screen.getByLabelText('Global flags'), { target: { value: ' --platform=systrap   --debug ' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Add root' }));
    });
    expect(desk.calls.addRoot).toHaveBeenCalledWith({
      path: '/tmp/runsc-root',
      globalFlags: ['--platform=systrap', '--debug'],
    });
    expect((screen.getByLabelText('Root path') as HTMLInputElement).value).toBe('');
  });

  it('shows the API’s validation error next to the field it names', async () => {
    const desk = fakeDesk();
    desk.calls.addRoot.mockRejectedValue(
      new DeskError('INVALID_INPUT', 'addRoot: globalFlags.0 must look like --name or --name=value', {
        field: 'globalFlags.0',
      }),
    );
    await loaded(desk);
    fireEvent.change(screen.getByLabelText('Root path'), { target: { value: '/tmp/r' } });
    fireEvent.change(screen.getByLabelText('Global flags'), { target: { value: 'debug' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Add root' }));
    });
    const flags = screen.getByLabelText('Global flags');
    expect(flags.getAttribute('aria-invalid')).toBe('true');
    const message = document.getElementById(flags.getAttribute('aria-describedby')!);
    expect(message?.textContent).toContain('must look like --name');
    expect(screen.getByLabelText('Root path').getAttribute('aria-invalid')).toBe('false');
  });

  it('lists the roots and removes only the removable ones', async () => {
    const desk = fakeDesk();
    desk.calls.getOverview.mockResolvedValue(
      overview({ roots: [root('/run/runsc', { source: 'default' }), root('/tmp/mine', { source: 'user', removable: true })] }),
    );
    await loaded(desk);
    expect(screen.queryByRole('button', { name: 'Remove root /run/runsc' })).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Remove root /tmp/mine' }));
    });
    expect(desk.calls.removeRoot).toHaveBeenCalledWith({ path: '/tmp/mine' });
  });

  it('saves the runsc path and privilege mode', async () => {
    const desk = fakeDesk();
    await loaded(desk);
    const path = await screen.findByLabelText('runsc path');
    fireEvent.change(path, { target: { value: '/opt/gvisor/runsc' } });
    fireEvent.change(screen.getByLabelText('Privilege'), { target: { value: 'sudo' } });
    await act(async () => {
      fireEvent.click(within(screen.getByRole('form', { name: 'runsc' })).getByRole('button', { name: 'Save' }));
    });
    expect(desk.calls.updateSettings).toHaveBeenCalledWith({ runscPath: '/opt/gvisor/runsc', privilege: 'sudo' });
  });

  it('saves the cuda-checkpoint path, null when cleared, and shows a refusal at the field', async () => {
    const desk = fakeDesk();
    desk.calls.getSettings.mockResolvedValue({ ...settings, cudaCheckpointPath: '/opt/nvidia/cuda-checkpoint' });
    await loaded(desk);
    const form = await screen.findByRole('form', { name: 'cuda-checkpoint' });
    const path = within(form).getByLabelText('cuda-checkpoint path') as HTMLInputElement;
    expect(path.value).toBe('/opt/nvidia/cuda-checkpoint');
    fireEvent.change(path, { target: { value: '  ' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    });
    expect(desk.calls.updateSettings).toHaveBeenLastCalledWith({ cudaCheckpointPath: null });

    desk.calls.updateSettings.mockRejectedValueOnce(
      new DeskError('INVALID_INPUT', 'cudaCheckpointPath must be an absolute path', { field: 'cudaCheckpointPath' }),
    );
    fireEvent.change(path, { target: { value: 'cuda-checkpoint' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    });
    expect(path.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('alert').textContent).toContain('must be an absolute path');
    expect(within(screen.getByRole('form', { name: 'runsc' })).queryByRole('alert')).toBeNull();
  });
});
