// 4. The log view in Chromium, during the stream: frame intervals, heap, search, and a
// 1,000,000-character line.
import type { Figure } from './lib';

export async function benchLogView(_work: string): Promise<Figure[]> {
  throw new Error('not written yet');
}
