// The layering rules of DESIGN.md are lint rules; these prove each zone refuses what it
// must, and lets through what it may, so a rule that silently stops matching fails here.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(__dirname, '../../..') });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import zones', () => {
  it.each([
    ['shared/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['shared/x.ts', "import { app } from 'electron';"],
    ['shared/x.ts', "import { createDesk } from '../electron/desk/index';"],
    ['shared/x.ts', "import { App } from '../renderer/main';"],
    ['renderer/views/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['renderer/views/x.tsx', "import { dispatch } from '../../electron/desk/dispatch';"],
    ['renderer/views/x.tsx', "import { join } from 'node:path';"],
    ['electron/desk/x.ts', "import { app } from 'electron';"],
    ['electron/desk/images/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['electron/desk/runsc/x.ts', "import { execa } from 'execa';"],
    ['electron/desk/host/local-host.ts', "import { app } from 'electron';"],
    ['electron/desk/host/ssh/x.ts', "import { app } from 'electron';"],
    ['electron/desk/host/other-host.ts', "import { spawn } from 'node:child_process';"],
  ])('%s refuses %s', async (file, code) => {
    expect(await restricted(file, code)).toHaveLength(1);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';"],
    ['renderer/views/x.tsx', "import type { DeskApi } from '../../shared/api';"],
    ['electron/desk/x.ts', "import { join } from 'node:path';"],
    ['electron/desk/host/local-host.ts', "import { execa } from 'execa';\nimport { stat } from 'node:fs/promises';"],
    ['electron/desk/host/ssh-host.ts', "import { lstat } from 'node:fs/promises';"],
    ['electron/desk/host/ssh/x.ts', "import { spawn } from 'node:child_process';"],
    ['electron/main.ts', "import { app } from 'electron';"],
  ])('%s allows %s', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
