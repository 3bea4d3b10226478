import { describe, expect, it } from 'vitest';
import { buildDate, resumesInPlace } from '../../../electron/desk/checkpoint/generation';
import type { Capabilities } from '../../../shared/model';
import { caps2022, capsCurrent } from './caps';

const withVersion = (version: string): Capabilities => ({ version, global: [], subcommands: {} });

describe('resumesInPlace', () => {
  it('is false for the 2022 build, which blocks until the container exits', () => {
    expect(buildDate(caps2022())).toBe(20221219);
    expect(resumesInPlace(caps2022())).toBe(false);
  });

  it('is true for release-20260817.0', () => {
    expect(buildDate(capsCurrent())).toBe(20260817);
    expect(resumesInPlace(capsCurrent())).toBe(true);
    expect(resumesInPlace(withVersion('release-20260817.0'))).toBe(true);
  });

  it('switches in April 2024', () => {
    expect(resumesInPlace(withVersion('release-20240331.0'))).toBe(false);
    expect(resumesInPlace(withVersion('release-20240401.0'))).toBe(true);
    expect(resumesInPlace(withVersion('0.0~20240515.0'))).toBe(true);
  });

  it('is null for a version without a build date', () => {
    expect(resumesInPlace(withVersion('garbage'))).toBeNull();
    expect(resumesInPlace(withVersion(''))).toBeNull();
    expect(resumesInPlace(withVersion('release-2024.0'))).toBeNull();
    expect(buildDate(withVersion('garbage'))).toBeNull();
  });
});
