// The headless shell as a person starts it: its one line, its binding, its warning.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = join(__dirname, '..', '..');

function serve(args: string[]): Promise<{ out: string; err: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'electron', 'serve.ts'), '--data-dir', mkdtempSync(join(tmpdir(), 'desk-serve-')), ...args], { cwd: REPO });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out} ${err}`)), 30_000);
    child.stdout.on('data', () => {
      if (out.includes('Checkpoint Desk: http')) {
        clearTimeout(timer);
        resolve({ out, err, stop: () => child.kill('SIGTERM') });
      }
    });
  });
}

describe('npm run serve', () => {
  it('binds 127.0.0.1 by default and prints one URL with a random token', async () => {
    const s = await serve(['--port', '0']);
    try {
      expect(s.out).toMatch(/^Checkpoint Desk: http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}\n$/);
      expect(s.err).not.toContain('warning');
    } finally {
      s.stop();
    }
  });

  it('binding beyond loopback needs --host, and warns', async () => {
    const s = await serve(['--port', '0', '--host', '0.0.0.0', '--token', 'tok-1234567890']);
    try {
      expect(s.out).toContain('http://0.0.0.0:');
      expect(s.err).toContain('warning: listening on 0.0.0.0, beyond this machine');
    } finally {
      s.stop();
    }
  });
});
