// runsc 2022 matches ids by prefix: a free id must neither start another nor be started
// by one, and the search for one must end, also when no suffix can help.
import { describe, expect, it } from 'vitest';
import { freeId, noFreeIdMessage, prefixClash } from '../../../electron/desk/container-ids';

describe('freeId', () => {
  it('takes the first free candidate', () => {
    expect(freeId('sample', new Set(), 'sample-1')).toBe('sample-1');
    expect(freeId('sample', new Set(['sample-1']), 'sample-1')).toBe('sample-2');
    // "sample-1" is a prefix of sample-10…19: those clash, sample-2 does not.
    expect(freeId('sample', new Set(['sample-1', 'sample-2', 'sample-3']), 'sample-1')).toBe('sample-4');
  });

  it('returns null, at once, when an existing id starts every candidate', () => {
    // The e2e run that hung the server: "restored-e2e" made every "restored-e2e-a11y-N" clash.
    const taken = new Set(['e2e-a11y', 'restored-e2e']);
    expect(freeId('restored-e2e-a11y', taken)).toBeNull();
    expect(noFreeIdMessage('restored-e2e-a11y', taken)).toContain('"restored-e2e"');
    expect(freeId('sample', new Set(['s']), 'sample-1')).toBeNull();
    expect(freeId('sample', new Set(['sample-']), 'sample-1')).toBeNull();
  });

  it('still answers the first candidate when only later ones would clash', () => {
    expect(freeId('web', new Set(['web-']), 'web')).toBeNull();
    expect(freeId('restored-web', new Set(['other']))).toBe('restored-web');
    expect(prefixClash('restored-web-2', ['restored-web'])).toBe('restored-web');
  });
});
