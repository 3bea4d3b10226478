// What removing a container is called, by who manages it. runsc has no "stop" that can
// be undone: its `delete --force` kills and removes, so the button says so. Docker has a
// real stop. containerd's containers are never changed by the Desk.
import type { Container } from '../../shared/model';

export interface RemoveWords {
  label: string;
  title: string;
  confirmLabel: string;
  body: string;
}

export function removeWords(c: Pick<Container, 'id' | 'status' | 'manager'>): RemoveWords | null {
  if (c.manager === 'containerd') return null;
  if (c.manager === 'docker') {
    return {
      label: 'Stop',
      title: `Stop ${c.id}?`,
      confirmLabel: 'Stop container',
      body: 'Docker stops the container; it can be started again from Docker.',
    };
  }
  if (c.status === 'stopped') {
    return {
      label: 'Delete',
      title: `Delete ${c.id}?`,
      confirmLabel: 'Delete container',
      body: 'runsc delete removes what is left of the stopped container. Its checkpoint images stay, and can still be restored.',
    };
  }
  return {
    label: 'Kill and remove',
    title: `Kill and remove ${c.id}?`,
    confirmLabel: 'Kill and remove',
    body: 'runsc delete --force kills the sandbox and removes the container; it cannot be started again. Anything not checkpointed is lost.',
  };
}
