import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlags, parseVersion } from '../../../electron/desk/runsc/help-parser';

const HELP_DIR = join(__dirname, '../../fixtures/runsc-2022-help');
const help = (name: string) => readFileSync(join(HELP_DIR, `${name}.txt`), 'utf8');
const names = (text: string) => parseFlags(text).map((f) => f.name);

describe('parseFlags on the real 2022 help texts', () => {
  it('reads checkpoint: image-path, leave-running, work-path and nothing else', () => {
    expect(parseFlags(help('checkpoint'))).toEqual([
      { name: 'image-path', type: 'string', help: 'directory path to saved container image' },
      { name: 'leave-running', type: 'bool', help: 'restart the container after checkpointing' },
      { name: 'work-path', type: 'string', help: 'ignored' },
    ]);
  });

  it('reads restore flags, without current-upstream ones', () => {
    const flags = names(help('restore'));
    expect(flags).toEqual([
      'bundle', 'console-socket', 'detach', 'image-path', 'no-subreaper', 'pid-file', 'user-log', 'work-path',
    ]);
    expect(flags).not.toContain('direct');
    expect(flags).not.toContain('background');
  });

  it('reads list, whose first flag shares the usage line, with its default', () => {
    const [format, ...rest] = parseFlags(help('list'));
    expect(format).toEqual({ name: 'format', type: 'string', help: "output format: 'text' (default) or 'json'", default: 'text' });
    expect(rest.map((f) => f.name)).toEqual(['quiet', 'sandbox']);
  });

  it('reads exec flags after its long prose usage', () => {
    expect(names(help('exec'))).toEqual([
      'additional-gids', 'cap', 'console-socket', 'cwd', 'detach', 'env', 'internal-pid-file', 'pid-file', 'process', 'user',
    ]);
    expect(parseFlags(help('exec')).find((f) => f.name === 'cap')?.type).toBe('value');
  });

  it('reads events, ps and delete', () => {
    expect(parseFlags(help('events'))).toEqual([
      { name: 'interval', type: 'int', help: 'set the stats collection interval, in seconds', default: '5' },
      { name: 'stats', type: 'bool', help: "display the container's stats then exit" },
    ]);
    expect(names(help('ps'))).toEqual(['format']);
    expect(names(help('delete'))).toEqual(['force']);
  });

  it('reads the global flags, with types and defaults', () => {
    const flags = parseFlags(help('flags'));
    const byName = new Map(flags.map((f) => [f.name, f]));
    expect(flags.length).toBeGreaterThan(60);
    expect(byName.get('network')).toMatchObject({ type: 'value' });
    expect(byName.get('root')).toMatchObject({ type: 'string' });
    expect(byName.get('debug')).toMatchObject({ type: 'bool' });
    expect(byName.get('platform')).toMatchObject({ type: 'string', default: 'ptrace' });
    expect(byName.get('panic-signal')).toMatchObject({ type: 'int', default: '-1' });
    expect(byName.get('debug-log')?.help).toContain('%TIMESTAMP%');
    expect(byName.has('nvproxy')).toBe(false);
  });

  it('finds nothing in text without flags', () => {
    expect(parseFlags(help('pause'))).toEqual([]);
    expect(parseFlags('')).toEqual([]);
  });
});

describe('parseVersion', () => {
  it('reads the 2022 version output', () => {
    expect(parseVersion(help('version'))).toEqual({ version: '0.0~20221219.0', spec: '1.0.2-dev' });
  });
  it('refuses text that is not runsc', () => {
    expect(parseVersion('busybox v1.35')).toBeNull();
  });
});
