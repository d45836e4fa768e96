import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../shared/contracts/shell-contract';
import { createMemoryLogger } from '../../shared/log';
import { createFeedUpdateSource, type FeedUpdateSourceOptions } from './feed-update-source';
import { createUpdateController, type UpdateControllerOptions, type UpdateFeedSettings } from './update-controller';
import type { InstallKind } from './update-feed';

/**
 * A real update server on loopback: channel files in electron-builder's format and artifacts
 * whose sha512 is computed here, served over HTTP to the real controller.
 */
interface Release {
  version: string;
  bytes: Buffer;
  fileName: string;
}

const sha512 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64');

function channelYaml(release: Release, artifactSha = sha512(release.bytes)): string {
  // Written the way electron-builder writes latest-linux.yml, with both Linux targets listed.
  return [
    `version: ${release.version}`,
    'files:',
    `  - url: ${release.fileName}`,
    `    sha512: ${artifactSha}`,
    `    size: ${release.bytes.length}`,
    `    blockMapSize: 1234`,
    `  - url: switchboard_${release.version}_amd64.deb`,
    `    sha512: ${sha512(Buffer.from('deb'))}`,
    `    size: 3`,
    `path: ${release.fileName}`,
    `sha512: ${artifactSha}`,
    `releaseDate: '2026-11-20T10:00:00.000Z'`,
    `releaseNotes: Faster inbox`,
    '',
  ].join('\n');
}

class UpdateServer {
  readonly files = new Map<string, Buffer | string>();
  readonly requests: string[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/feed\//, '');
      this.requests.push(path);
      const body = this.files.get(path);
      if (body === undefined) {
        res.writeHead(404).end('not found');
        return;
      }
      const buffer = typeof body === 'string' ? Buffer.from(body) : body;
      res.writeHead(200, { 'content-length': buffer.length, 'content-type': 'application/octet-stream' });
      // Two writes, so progress is reported more than once.
      res.write(buffer.subarray(0, buffer.length >> 1));
      setTimeout(() => res.end(buffer.subarray(buffer.length >> 1)), 20);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/feed`;
  }

  publish(channelFile: string, release: Release, options: { serveBytes?: Buffer } = {}): void {
    this.files.set(channelFile, channelYaml(release));
    this.files.set(release.fileName, options.serveBytes ?? release.bytes);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const release = (version: string, size = 300_000): Release => ({
  version,
  bytes: randomBytes(size),
  fileName: `Switchboard-${version}.AppImage`,
});

let server: UpdateServer;
let cacheDir: string;
let settings: UpdateFeedSettings;
let calls: number;
let installs: Array<{ file: string; kind: InstallKind; version: string; bytes: Buffer }>;
let states: UpdateState[];

/** The controller over the plain-Node generic-provider source; `installKind: null` is a copy that cannot update. */
type RigOptions = Partial<Omit<UpdateControllerOptions, 'source'> & Omit<FeedUpdateSourceOptions, 'installKind'>> & { installKind?: InstallKind | null };

function controller(overrides: RigOptions = {}) {
  const { installKind = 'appimage', install, platform, arch, fetch: fetchImpl, ...controllerOverrides } = overrides;
  const source =
    installKind === null
      ? null
      : createFeedUpdateSource({
          platform: platform ?? 'linux',
          arch: arch ?? 'x64',
          installKind,
          cacheDir,
          fetch: fetchImpl,
          install:
            install ??
            (async (file, kind, version) => {
              installs.push({ file, kind, version, bytes: readFileSync(file) });
              return { ok: true, value: undefined };
            }),
        });
  const c = createUpdateController({
    currentVersion: '1.0.0',
    source,
    settings: () => settings,
    activeCalls: () => calls,
    log: createMemoryLogger(),
    progressIntervalMs: 0,
    ...controllerOverrides,
  });
  c.onState((s) => states.push(s));
  return c;
}

beforeEach(async () => {
  server = new UpdateServer();
  await server.start();
  cacheDir = mkdtempSync(join(tmpdir(), 'sb-updates-'));
  settings = { feedUrl: server.url, channel: 'stable', autoCheck: true };
  calls = 0;
  installs = [];
  states = [];
});
afterEach(async () => {
  await server.stop();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('update state machine against a real feed', () => {
  it('says up to date when the feed has nothing newer', async () => {
    server.publish('latest-linux.yml', release('1.0.0'));
    const c = controller();
    expect(c.state.status).toBe('idle');
    expect((await c.check()).status).toBe('up_to_date');
    expect(server.requests).toEqual(['latest-linux.yml']);
  });

  it('downloads a newer release in the background with progress, verifies it, and installs on restart', async () => {
    const next = release('1.1.0');
    server.publish('latest-linux.yml', next);
    const c = controller();
    const ready = await c.check();
    expect(ready).toEqual({ currentVersion: '1.0.0', channel: 'stable', status: 'ready', version: '1.1.0', releaseNotes: 'Faster inbox' });

    const progress = states.filter((s) => s.status === 'downloading');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    const last = progress.at(-1)!;
    expect(last.status === 'downloading' && last.transferred).toBe(next.bytes.length);
    expect(progress.every((s) => s.status === 'downloading' && s.total === next.bytes.length)).toBe(true);
    expect(states.map((s) => s.status)).toEqual(['checking', ...progress.map(() => 'downloading'), 'ready']);

    const after = await c.restartToUpdate();
    expect(after.status).toBe('installing');
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatchObject({ kind: 'appimage', version: '1.1.0' });
    expect(installs[0]!.bytes.equals(next.bytes)).toBe(true);
  });

  it('refuses a tampered download, deletes it and tells the user', async () => {
    const next = release('1.1.0');
    const tampered = Buffer.from(next.bytes);
    tampered[1000] = tampered[1000]! ^ 0xff;
    server.publish('latest-linux.yml', next, { serveBytes: tampered });
    const c = controller();
    const result = await c.check();
    expect(result).toMatchObject({ status: 'error', problem: 'tampered', version: '1.1.0' });
    expect(result.status === 'error' && result.message).toMatch(/sha512.*altered/);
    expect(readdirSync(join(cacheDir, '1.1.0'))).toEqual([]);
    expect(await c.restartToUpdate()).toBe(c.state);
    expect(installs).toEqual([]);
  });

  it('refuses a download whose size differs from the feed', async () => {
    const next = release('1.1.0');
    server.publish('latest-linux.yml', next, { serveBytes: Buffer.concat([next.bytes, Buffer.from('extra')]) });
    expect(await controller().check()).toMatchObject({ status: 'error', problem: 'tampered' });
  });

  it('waits for the last call to end before restarting', async () => {
    server.publish('latest-linux.yml', release('1.1.0', 2000));
    const c = controller();
    await c.check();
    calls = 2;
    expect(await c.restartToUpdate()).toMatchObject({ status: 'waiting_for_calls', activeCalls: 2, version: '1.1.0' });
    calls = 1;
    c.callsChanged();
    expect(c.state).toMatchObject({ status: 'waiting_for_calls', activeCalls: 1 });
    expect(installs).toEqual([]);
    calls = 0;
    c.callsChanged();
    await expect.poll(() => installs.length).toBe(1);
    expect(c.state.status).toBe('installing');
  });

  it('reads the beta channel file when the user chose beta', async () => {
    server.publish('latest-linux.yml', release('1.0.0'));
    server.publish('beta-linux.yml', release('1.1.0-beta.3', 1000));
    settings = { ...settings, channel: 'beta' };
    const c = controller();
    expect(await c.check()).toMatchObject({ status: 'ready', version: '1.1.0-beta.3', channel: 'beta' });
    expect(server.requests[0]).toBe('beta-linux.yml');
  });

  it('re-checks from scratch when the channel changes', async () => {
    server.publish('latest-linux.yml', release('1.0.0'));
    server.publish('beta-linux.yml', release('1.1.0-beta.1', 1000));
    const c = controller();
    expect((await c.check()).status).toBe('up_to_date');
    settings = { ...settings, channel: 'beta' };
    c.settingsChanged();
    await expect.poll(() => c.state.status).toBe('ready');
    expect(c.state).toMatchObject({ channel: 'beta', version: '1.1.0-beta.1' });
  });

  it('starts over on the new channel when the channel changes while a check is running', async () => {
    server.publish('latest-linux.yml', release('1.1.0'));
    server.publish('beta-linux.yml', release('1.2.0-beta.1', 1000));
    const c = controller();
    const first = c.check();
    settings = { ...settings, channel: 'beta' };
    c.settingsChanged();
    await first;
    await expect.poll(() => c.state.status).toBe('ready');
    expect(c.state).toMatchObject({ channel: 'beta', version: '1.2.0-beta.1' });
  });

  it('reuses a verified download from an earlier run instead of fetching it again', async () => {
    const next = release('1.1.0', 5000);
    server.publish('latest-linux.yml', next);
    mkdirSync(join(cacheDir, '1.1.0'));
    writeFileSync(join(cacheDir, '1.1.0', next.fileName), next.bytes);
    mkdirSync(join(cacheDir, '0.9.0'));
    expect((await controller().check()).status).toBe('ready');
    expect(server.requests).toEqual(['latest-linux.yml']);
    expect(existsSync(join(cacheDir, '0.9.0'))).toBe(false);
  });

  it('refuses to install a verified file that changed on disk afterwards', async () => {
    const next = release('1.1.0', 5000);
    server.publish('latest-linux.yml', next);
    const c = controller();
    await c.check();
    writeFileSync(join(cacheDir, '1.1.0', next.fileName), 'swapped');
    expect(await c.restartToUpdate()).toMatchObject({ status: 'error', problem: 'tampered' });
    expect(installs).toEqual([]);
  });

  it('reports a feed that is missing, malformed, insecure or without an artifact for this install', async () => {
    expect(await controller().check()).toMatchObject({ status: 'error', problem: 'network', message: expect.stringMatching(/404/) });

    server.files.set('latest-linux.yml', 'version: [unclosed');
    expect(await controller().check()).toMatchObject({ status: 'error', problem: 'feed_invalid' });

    server.files.set('latest-linux.yml', 'version: 1.1.0\nfiles:\n  - url: x.AppImage\n    sha512: not-a-hash\n');
    expect(await controller().check()).toMatchObject({ status: 'error', problem: 'feed_invalid' });

    server.publish('latest-linux.yml', release('1.1.0', 10));
    expect(await controller({ installKind: 'nsis' }).check()).toMatchObject({ status: 'error', problem: 'no_artifact' });

    settings = { ...settings, feedUrl: 'http://updates.example.com/feed' };
    expect(await controller().check()).toMatchObject({ status: 'error', problem: 'feed_invalid', message: expect.stringMatching(/https/) });
  });

  it('reports an unreachable server as a network problem', async () => {
    await server.stop();
    expect(await controller().check()).toMatchObject({ status: 'error', problem: 'network' });
  });

  it('is off without a feed or outside an installed copy, and never installs there', async () => {
    settings = { ...settings, feedUrl: null };
    expect(controller().state.status).toBe('disabled');
    settings = { ...settings, feedUrl: server.url };
    const dev = controller({ installKind: null });
    expect((await dev.check()).status).toBe('disabled');
    expect((await dev.restartToUpdate()).status).toBe('disabled');
  });

  it('reports a failed install step', async () => {
    server.publish('latest-linux.yml', release('1.1.0', 100));
    const c = controller({ install: async () => ({ ok: false, problem: 'install_failed', message: 'pkexec was cancelled' }) });
    await c.check();
    expect(await c.restartToUpdate()).toMatchObject({ status: 'error', problem: 'install_failed', message: 'pkexec was cancelled' });
  });

  it('checks shortly after start and then on its interval', async () => {
    server.publish('latest-linux.yml', release('1.0.0'));
    const c = controller({ firstCheckDelayMs: 10, checkIntervalMs: 60 });
    c.start();
    await expect.poll(() => server.requests.length, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    c.stop();
    const seen = server.requests.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(server.requests.length).toBe(seen);
  });
});
