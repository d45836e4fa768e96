/**
 * UX review P1-1: the page never loads a hub-relative `/attachments/…` link itself (in the browser
 * shell it would reach the web host, which answers with the app's HTML). Both shells read the bytes
 * through the host's attachments service, over WebSocket or Electron IPC alike; this drives that
 * service against a real hub process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAttachmentReader } from '../../src/host/attachments/attachment-reader';
import { createAttachmentUploads } from '../../src/host/attachments/attachment-uploads';
import { sessionRig, until } from '../../src/host/harness/session-rig';
import { freePort, startHubProcess, type HubProcess } from './support/hub-process';

/** A valid 1×1 PNG: the hub checks the bytes of every upload against its declared type. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

let hub: HubProcess | null = null;
let rig: ReturnType<typeof sessionRig> | null = null;
afterAll(async () => {
  rig?.session.stop();
  await hub?.stop();
});

describe('attachments through the host', () => {
  it('reads a file the hub holds by its relative link, as an image, and refuses any other address', async () => {
    hub = await startHubProcess(mkdtempSync(join(tmpdir(), 'attachment-read-')), await freePort());
    rig = sessionRig(hub.url);
    const session = rig.session;
    expect((await session.login('alice', 'switchboard')).ok).toBe(true);
    await until(() => session.connection.status === 'online', 15_000, 'agent online');

    const uploads = createAttachmentUploads(() => session.hubAuth());
    const started = uploads.start('damaged-box.png', 'image/png', TINY_PNG.length);
    if (!started.ok) throw new Error(started.error.message);
    expect(uploads.chunk(started.value.uploadId, TINY_PNG.toString('base64')).ok).toBe(true);
    const attachment = await uploads.finish(started.value.uploadId);
    if (!attachment.ok) throw new Error(attachment.error.message);
    // The hub names its files relative to itself: a page would resolve this against its own origin.
    expect(attachment.value.url).toMatch(/^\/attachments\//);

    const reader = createAttachmentReader(() => hub!.url);
    const read = await reader.read(attachment.value.url, 0);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.mimeType).toBe('image/png');
    expect(Buffer.from(read.value.data, 'base64').equals(TINY_PNG)).toBe(true);
    expect(read.value.total).toBe(TINY_PNG.length);

    // Only the hub's own files: not another server, not another path of the hub.
    expect((await reader.read(`http://127.0.0.1:1${attachment.value.url}`, 0)).ok).toBe(false);
    const page = await reader.read('/index.html', 0);
    expect(page.ok ? null : page.error.code).toBe('permission_denied');
    // Signed out (no hub to read from), nothing is read.
    const signedOut = await createAttachmentReader(() => null).read(attachment.value.url, 0);
    expect(signedOut.ok ? null : signedOut.error.code).toBe('unauthenticated');
  });
});
