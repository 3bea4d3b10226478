// Status colours keep their meaning in both themes: text in each of them on every
// background it sits on reaches WCAG AA (4.5:1). Read from styles.css itself, so a
// colour changed there is checked here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../../renderer/styles.css', import.meta.url), 'utf8');
const root = css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {')));

/** --name: light-dark(#light, #dark) → [light, dark]. */
function pair(name: string): [string, string] {
  const match = new RegExp(`${name}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i').exec(root);
  if (!match) throw new Error(`${name} is not a light-dark() pair of hex colours in styles.css`);
  return [match[1]!, match[2]!];
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXT = ['--text', '--muted', '--accent', '--running', '--paused', '--stopped', '--failed', '--partial', '--warning', '--stderr', '--docker'];
const BACKGROUNDS = ['--bg', '--surface', '--surface-2', '--danger-bg', '--warning-bg'];

describe('theme colours', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [scheme, side] of [['light', 0], ['dark', 1]] as const) {
    it(`keeps every text colour ≥ 4.5:1 on every background (${scheme})`, () => {
      const short: string[] = [];
      for (const text of TEXT) {
        for (const bg of BACKGROUNDS) {
          const ratio = contrast(pair(text)[side], pair(bg)[side]);
          if (ratio < 4.5) short.push(`${text} on ${bg}: ${ratio.toFixed(2)}`);
        }
      }
      expect(short).toEqual([]);
    });
  }

  it('keeps the primary button’s text legible on the accent', () => {
    for (const side of [0, 1] as const) expect(contrast(pair('--accent-text')[side], pair('--accent')[side])).toBeGreaterThanOrEqual(4.5);
  });
});
