// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImageDirInfo } from '../../../shared/images';
import { ImageDirUsage } from '../../../renderer/views/images/usage/ImageDirUsage';
import { usageWords } from '../../../renderer/views/images/usage/usage-words';

// happy-dom has no canvas: the lazy chunk is replaced by what it was given.
vi.mock('../../../renderer/views/images/usage/UsageChart', () => ({
  default: ({ imageBytes, freeBytes, caption }: { imageBytes: number; freeBytes: number; caption: string }) => (
    <figure data-testid="usage-chart" data-images={imageBytes} data-free={freeBytes}>
      <figcaption>{caption}</figcaption>
    </figure>
  ),
}));

afterEach(cleanup);

const GiB = 1024 ** 3;
const dir = (more: Partial<ImageDirInfo>): ImageDirInfo => ({ path: '/srv/images', removable: true, error: null, ...more });

describe('ImageDirUsage', () => {
  it('draws the images against the free space, with the numbers in words', async () => {
    render(<ImageDirUsage dir={dir({ imageBytes: 2 * GiB, disk: { freeBytes: 40 * GiB, totalBytes: 100 * GiB } })} />);
    const chart = await screen.findByTestId('usage-chart');
    expect(chart.dataset.images).toBe(String(2 * GiB));
    expect(chart.dataset.free).toBe(String(40 * GiB));
    expect(chart.textContent).toMatch(/Images here use 2(\.0)? GiB \(2\.0 % of the disk\); the disk has 40(\.0)? GiB free of 100(\.0)? GiB\./);
  });

  it('no images: a sentence, not an empty chart', () => {
    render(<ImageDirUsage dir={dir({ imageBytes: 0, disk: { freeBytes: 40 * GiB, totalBytes: 100 * GiB } })} />);
    expect(screen.getByTestId('usage-sentence').textContent).toMatch(/^No images here yet; the disk has 40(\.0)? GiB free of 100(\.0)? GiB\.$/);
    expect(screen.queryByTestId('usage-chart')).toBeNull();
  });

  it('a disk that could not be read: a sentence saying so', () => {
    render(<ImageDirUsage dir={dir({ imageBytes: 5 * GiB, disk: null })} />);
    expect(screen.getByTestId('usage-sentence').textContent).toMatch(/free space could not be read/);
    expect(screen.queryByTestId('usage-chart')).toBeNull();
  });

  it('a folder with an error, or from a service that does not measure, shows nothing', () => {
    const { container } = render(
      <>
        <ImageDirUsage dir={dir({ error: 'gone', imageBytes: 0, disk: null })} />
        <ImageDirUsage dir={dir({})} />
      </>,
    );
    expect(container.textContent).toBe('');
  });

  it('a tiny share reads "under 0.1 %"', () => {
    expect(usageWords(400 * 1024, { freeBytes: 77 * GiB, totalBytes: 252 * GiB })).toMatch(/\(under 0\.1 % of the disk\)/);
  });

  it('a free-only disk leaves the share out', () => {
    expect(usageWords(GiB, { freeBytes: 3 * GiB, totalBytes: null })).not.toMatch(/%/);
  });
});
