import { describe, expect, it } from 'vitest';
import { compareVersions, isValidVersion } from './version';

describe('version precedence', () => {
  it('orders releases and pre-releases as semver does', () => {
    const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '1.10.0', '2.0.0'];
    for (let i = 0; i < ordered.length - 1; i++) {
      expect(compareVersions(ordered[i]!, ordered[i + 1]!), `${ordered[i]} < ${ordered[i + 1]}`).toBeLessThan(0);
      expect(compareVersions(ordered[i + 1]!, ordered[i]!)).toBeGreaterThan(0);
    }
    expect(compareVersions('1.2.3', '1.2.3+build.7')).toBe(0);
    expect(compareVersions('v1.2.3', '1.2.3')).toBe(0);
  });

  it('refuses what is not a version', () => {
    expect(isValidVersion('1.2')).toBe(false);
    expect(isValidVersion('latest')).toBe(false);
    expect(() => compareVersions('1.2', '1.2.0')).toThrow(/not a version/);
  });
});
