// The shipped sudoers line and polkit action name exactly the built helper.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sudoersLine } from '../../../electron/helper/launch';

const REPO = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(REPO, path), 'utf8');

describe('packaging', () => {
  it('the sudoers template is one rule, the same shape the Desk tells a person to add', () => {
    const rules = read('packaging/sudoers/checkpoint-desk').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(rules).toEqual([sudoersLine('/opt/checkpoint-desk/dist/electron/desk-helper.cjs', 'USER')]);
  });

  it('the polkit action runs only the helper, and asks once per session (auth_admin_keep)', () => {
    const policy = read('packaging/polkit/org.checkpointdesk.helper.policy');
    expect(policy).toMatch(/<action id="org\.checkpointdesk\.helper">/);
    expect(policy).toMatch(/<annotate key="org\.freedesktop\.policykit\.exec\.path">\/[^<]*\/desk-helper\.cjs<\/annotate>/);
    for (const key of ['allow_any', 'allow_inactive', 'allow_active']) expect(policy).toContain(`<${key}>auth_admin_keep</${key}>`);
  });
});
