import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectInstallKind, installPlan, replaceAppImage, runToCompletion } from './install-plan';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sb-install-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('install plan', () => {
  it('knows how each platform was installed, and that a dev build was not', () => {
    expect(detectInstallKind({ platform: 'linux', isPackaged: true, appImagePath: '/home/a/Switchboard.AppImage' })).toBe('appimage');
    expect(detectInstallKind({ platform: 'linux', isPackaged: true, appImagePath: undefined })).toBe('deb');
    expect(detectInstallKind({ platform: 'win32', isPackaged: true, appImagePath: undefined })).toBe('nsis');
    expect(detectInstallKind({ platform: 'darwin', isPackaged: true, appImagePath: undefined })).toBe('dmg');
    expect(detectInstallKind({ platform: 'linux', isPackaged: false, appImagePath: '/x.AppImage' })).toBeNull();
  });

  it('runs what electron-updater runs for each kind', () => {
    expect(installPlan('deb', '/c/s.deb', undefined)).toEqual({ ok: true, value: { kind: 'run_then_relaunch', command: 'pkexec', args: ['dpkg', '-i', '/c/s.deb'] } });
    expect(installPlan('nsis', 'C:\\c\\s.exe', undefined)).toEqual({
      ok: true,
      value: { kind: 'spawn_then_quit', command: 'C:\\c\\s.exe', args: ['--updated', '/S', '--force-run'] },
    });
    expect(installPlan('dmg', '/c/s.dmg', undefined)).toEqual({ ok: true, value: { kind: 'open_then_quit', path: '/c/s.dmg' } });
    expect(installPlan('appimage', '/c/s.AppImage', undefined)).toMatchObject({ ok: false, problem: 'install_failed' });
  });

  it('replaces an AppImage in place, executable, and leaves it untouched on failure', async () => {
    const target = join(dir, 'Switchboard.AppImage');
    const source = join(dir, 'new.AppImage');
    writeFileSync(target, 'old');
    writeFileSync(source, 'new');
    expect(await replaceAppImage(source, target)).toEqual({ ok: true, value: undefined });
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o111).toBe(0o111);

    expect(await replaceAppImage(join(dir, 'missing'), target)).toMatchObject({ ok: false, problem: 'install_failed' });
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('reports a package manager step that fails or cannot start', async () => {
    expect(await runToCompletion('true', [])).toEqual({ ok: true, value: undefined });
    expect(await runToCompletion('false', ['dpkg'])).toMatchObject({ ok: false, message: expect.stringMatching(/exited with code 1/) });
    expect(await runToCompletion(join(dir, 'no-such-program'), [])).toMatchObject({ ok: false, message: expect.stringMatching(/could not start/) });
  });
});
