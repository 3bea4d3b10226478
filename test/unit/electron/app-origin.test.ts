import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl, isTrustedFrame } from '../../../electron/app-origin';

describe('app origin', () => {
  it.each([APP_INDEX_URL, 'app://desk/', 'app://desk', 'app://desk/assets/index-abc.js'])(
    '%s is ours',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'app://desk.evil/index.html',
    'app://evil/index.html',
    'app://desk:8080/index.html',
    'app://user:pw@desk/index.html',
    'https://desk/index.html',
    'file:///work/main/dist/renderer/index.html',
    'about:blank',
    '',
    'garbage',
  ])('%s is not', (url) => expect(isAppUrl(url)).toBe(false));

  it('trusts a frame only by its URL, and never a missing one', () => {
    expect(isTrustedFrame({ url: APP_INDEX_URL })).toBe(true);
    expect(isTrustedFrame({ url: 'https://example.com/' })).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
    expect(isTrustedFrame(undefined)).toBe(false);
  });
});
