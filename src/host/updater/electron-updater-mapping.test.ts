import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
// The library electron-updater throws its errors from (a dependency of electron-updater, no Electron in it):
// the errors below are the real ones, not hand-made look-alikes.
import { CancellationError, DigestTransform, HttpError, newError } from 'builder-util-runtime';
import { describe, expect, it } from 'vitest';
import { isCancellation, offeredFromCheck, problemFromUpdaterError, progressFromEvent, updaterChannel } from './electron-updater-mapping';

const sha512 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64');

/** Runs bytes through builder-util-runtime's DigestTransform, as electron-updater's download does. */
async function digestError(bytes: Buffer, expected: string): Promise<unknown> {
  try {
    await pipeline(Readable.from([bytes]), new DigestTransform(expected), new Writable({ write: (_c, _e, done) => done() }));
    return null;
  } catch (cause) {
    return cause;
  }
}

describe('electron-updater → the update state machine', () => {
  it('asks the generic provider for latest*.yml on stable and beta*.yml on beta', () => {
    expect(updaterChannel('stable')).toBe('latest');
    expect(updaterChannel('beta')).toBe('beta');
  });

  it('turns a check result into the offered version, or nothing to offer', () => {
    const updateInfo = { version: '1.1.0', files: [{ url: 'Switchboard-1.1.0.AppImage', sha512: 'x', size: 10 }], path: 'x', sha512: 'x', releaseDate: '2026-11-20' };
    expect(offeredFromCheck({ isUpdateAvailable: true, updateInfo, versionInfo: updateInfo })).toEqual({
      ok: true,
      value: { version: '1.1.0', releaseNotes: null, size: null },
    });
    const notes = [{ version: '1.1.0', note: 'Faster inbox' }];
    expect(offeredFromCheck({ isUpdateAvailable: true, updateInfo: { ...updateInfo, releaseNotes: notes } })).toMatchObject({
      value: { releaseNotes: '1.1.0: Faster inbox' },
    });
    expect(offeredFromCheck({ isUpdateAvailable: false, updateInfo })).toEqual({ ok: true, value: null });
    expect(offeredFromCheck(null)).toMatchObject({ ok: false });
    expect(offeredFromCheck({ updateInfo: {} })).toMatchObject({ ok: false, problem: 'feed_invalid' });
  });

  it('passes download progress through and ignores what is not progress', () => {
    expect(progressFromEvent({ total: 300, delta: 100, transferred: 200, percent: 66.6, bytesPerSecond: 5000 })).toEqual({ transferred: 200, total: 300 });
    expect(progressFromEvent({ percent: 5 })).toBeNull();
  });

  it("reports electron-updater's sha512 mismatch as a tampered update", async () => {
    const bytes = randomBytes(4096);
    expect(await digestError(bytes, sha512(bytes))).toBeNull();
    const altered = Buffer.from(bytes);
    altered[10] = altered[10]! ^ 0xff;
    const error = await digestError(altered, sha512(bytes));
    expect(error).toMatchObject({ code: 'ERR_CHECKSUM_MISMATCH' });
    expect(problemFromUpdaterError(error)).toEqual({
      ok: false,
      problem: 'tampered',
      message: expect.stringMatching(/sha512.*altered/),
    });
  });

  it('tells feed, file, disk and network failures apart, without stacks or credentials in the message', () => {
    const missing = newError(
      'Cannot find channel "beta-linux.yml" update info: HttpError: 404 Not Found\n    at GenericProvider.getLatestVersion',
      'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND',
    );
    const mapped = problemFromUpdaterError(missing);
    expect(mapped).toMatchObject({ problem: 'network' });
    expect(mapped.message).not.toMatch(/\n|at GenericProvider/);

    expect(problemFromUpdaterError(newError('Cannot parse update info from latest-linux.yml', 'ERR_UPDATER_INVALID_UPDATE_INFO'))).toMatchObject({ problem: 'feed_invalid' });
    expect(problemFromUpdaterError(newError('No files provided', 'ERR_UPDATER_NO_FILES_PROVIDED'))).toMatchObject({ problem: 'no_artifact' });
    expect(problemFromUpdaterError(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }))).toMatchObject({ problem: 'disk' });
    expect(problemFromUpdaterError(new HttpError(503))).toMatchObject({ problem: 'network' });

    const withPassword = problemFromUpdaterError(new Error('connect ECONNREFUSED https://agent:s3cret@updates.example.com/feed/latest.yml'));
    expect(withPassword).toMatchObject({ problem: 'network' });
    expect(withPassword.message).not.toContain('s3cret');

    expect(problemFromUpdaterError(new Error("No update filepath provided, can't quit and install"), 'install_failed')).toMatchObject({ problem: 'install_failed' });
  });

  it('recognises a cancelled download', () => {
    expect(isCancellation(new CancellationError())).toBe(true);
    expect(isCancellation(new Error('socket hang up'))).toBe(false);
  });
});
