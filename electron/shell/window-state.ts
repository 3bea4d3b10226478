// The window's size and position, remembered across launches in a small JSON file in
// userData. A saved place is used only when it is still on a display: monitors come
// and go, and a window restored off-screen cannot be reached.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 560 } as const;
/** How much of the title bar must be on a display for the place to count. */
const VISIBLE = { width: 120, height: 40 };

const stateFile = z.object({
  bounds: z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() }),
  maximized: z.boolean().default(false),
});

export const windowStatePath = (userData: string): string => join(userData, WINDOW_STATE_FILE);

/** The saved state, or null when there is none or it is not one this code wrote. */
export async function readWindowState(file: string): Promise<WindowState | null> {
  try {
    const parsed = stateFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Best effort: a window that cannot remember its place still works. */
export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  const tmp = `${file}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
    await rename(tmp, file);
  } catch (error) {
    console.warn(`Checkpoint Desk: could not remember the window's place in ${file}: ${(error as Error).message}`);
  }
}

function overlap(a: Rect, b: Rect): Rect {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.min(a.x + a.width, b.x + b.width) - x, height: Math.min(a.y + a.height, b.y + b.height) - y };
}

/**
 * The saved state fitted to today's displays (their work areas): its size clamped to
 * the display it is on, or null (the default size, centred) when its title bar is on
 * none of them.
 */
export function fitToDisplays(state: WindowState | null, workAreas: readonly Rect[]): WindowState | null {
  if (!state) return null;
  const titleBar = { ...state.bounds, height: Math.min(state.bounds.height, VISIBLE.height) };
  const area = workAreas.find((a) => {
    const o = overlap(titleBar, a);
    return o.width >= Math.min(VISIBLE.width, state.bounds.width) && o.height >= Math.min(VISIBLE.height, titleBar.height);
  });
  if (!area) return null;
  const width = Math.max(MIN_SIZE.width, Math.min(state.bounds.width, area.width));
  const height = Math.max(MIN_SIZE.height, Math.min(state.bounds.height, area.height));
  return { bounds: { x: state.bounds.x, y: state.bounds.y, width, height }, maximized: state.maximized };
}

/** The part of BrowserWindow the tracker reads. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
}

/** Saves the place after the person stops moving or resizing, and once more on close. */
export function trackWindowState(win: TrackedWindow, file: string, delayMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    void writeWindowState(file, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', save);
}
