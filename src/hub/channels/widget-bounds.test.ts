import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

interface RawVisitor {
  ws: WebSocket;
  frames: Array<Record<string, unknown>>;
  closed: Promise<number>;
  send(frame: object): void;
}

async function raw(hub: TestHub, headers: Record<string, string> = {}): Promise<RawVisitor> {
  const ws = new WebSocket(`${hub.url.replace('http', 'ws')}/widget/ws`, { headers });
  const frames: Array<Record<string, unknown>> = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as Record<string, unknown>));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, frames, closed, send: (frame) => ws.send(JSON.stringify(frame)) };
}

const ofType = (frames: Array<Record<string, unknown>>, type: string) => frames.filter((f) => f.type === type);
const key = (i: number): string => `key-${String(i).padStart(6, '0')}`;

describe('the widget socket is bounded', () => {
  it('answers one hello per socket and closes a socket that never says hello', async () => {
    t = await startTestHub({ limits: { helloTimeoutMs: 300 } });
    const v = await raw(t);
    for (let i = 0; i < 5; i++) v.send({ type: 'hello', visitorId: 'visitor-hello-once' });
    await eventually(() => ofType(v.frames, 'error').length === 4, 'four refusals');
    expect(ofType(v.frames, 'history')).toHaveLength(1);

    const silent = await raw(t);
    expect(await silent.closed).toBe(4408);
    v.ws.close();
  });

  it('lets a visitor send a burst, then about one message a second: the rest are refused and not stored', async () => {
    t = await startTestHub();
    const v = await raw(t);
    v.send({ type: 'hello', visitorId: 'visitor-flooding-1' });
    for (let i = 0; i < 40; i++) v.send({ type: 'message', text: `flood ${i}`, key: key(i) });
    await eventually(() => ofType(v.frames, 'message').length + ofType(v.frames, 'error').length === 40, 'an answer to each message');
    const stored = ofType(v.frames, 'message').length;
    expect(stored).toBeGreaterThanOrEqual(5);
    expect(stored).toBeLessThan(10);
    expect(ofType(v.frames, 'error')[0]).toMatchObject({ code: 'rate_limited' });
    const customer = t.hub.store.customerByIdentity('widget_visitor', 'visitor-flooding-1');
    const [conversation] = t.hub.store.customerConversations(customer?.id ?? '', 1);
    expect(t.hub.store.messages(conversation?.id ?? '')).toHaveLength(stored);
    v.ws.close();
  });

  it('caps sockets, new visitors and new conversations per source address', async () => {
    t = await startTestHub({ limits: { socketsPerAddress: 3, newVisitorsPerAddressPerHour: 4, newConversationsPerAddressPerHour: 2 } });
    const open = await Promise.all([raw(t), raw(t), raw(t)]);
    const fourth = await raw(t);
    expect(await fourth.closed).toBe(4429);
    open.forEach((s) => s.ws.close());
    await Promise.all(open.map((s) => s.closed));

    const chats: RawVisitor[] = [];
    for (let i = 0; i < 3; i++) {
      const v = await raw(t);
      v.send({ type: 'hello', visitorId: `visitor-cap-${i}-xx` });
      await eventually(() => ofType(v.frames, 'history').length === 1, 'history');
      v.send({ type: 'message', text: 'hi', key: key(i) });
      await eventually(() => v.frames.length === 2, 'an answer');
      chats.push(v);
    }
    expect(chats.map((v) => v.frames[1]?.type)).toEqual(['message', 'message', 'error']);
    expect(chats[2]?.frames[1]).toMatchObject({ code: 'rate_limited' });
    expect(t.hub.store.customerByIdentity('widget_visitor', 'visitor-cap-2-xx')).toBeNull();
    chats.forEach((v) => v.ws.close());
    await Promise.all(chats.map((v) => v.closed));

    // Two more unknown visitors may look; the next is refused before it costs anything.
    const lookers: RawVisitor[] = [];
    for (let i = 0; i < 2; i++) lookers.push(await raw(t));
    lookers.forEach((v, i) => v.send({ type: 'hello', visitorId: `visitor-look-${i}-xx` }));
    await Promise.all(lookers.map((v) => eventually(() => v.frames.length > 0, 'an answer')));
    expect(lookers.map((v) => v.frames[0]?.type)).toEqual(['history', 'error']);
    expect(await lookers[1]?.closed).toBe(4429);
    lookers[0]?.ws.close();
  });

  it('cuts off a visitor who stops reading before the replies cost the hub memory', async () => {
    t = await startTestHub({ limits: { maxBufferedBytes: 256 * 1024 } });
    const v = await raw(t);
    v.send({ type: 'hello', visitorId: 'visitor-not-reading' });
    v.send({ type: 'message', text: 'hi', key: key(1) });
    await eventually(() => ofType(v.frames, 'message').length === 1, 'the echo');
    const sam = await t.agent('sam');
    const [conversation] = t.hub.store.customerConversations(t.hub.store.customerByIdentity('widget_visitor', 'visitor-not-reading')?.id ?? '', 1);
    await sam.command({ kind: 'conversation.takeover', conversationId: conversation?.id ?? '' });
    (v.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const long = '长'.repeat(9_000);
    for (let i = 0; i < 450; i++) await sam.command({ kind: 'message.send', conversationId: conversation?.id ?? '', text: `${i} ${long}` });
    (v.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await v.closed).toBe(1006);
    expect(ofType(v.frames, 'message').length).toBeLessThan(450);
  }, 60_000);

  it('needs the visitor’s token to upload, counts uploads against a quota and deletes files no message uses', async () => {
    t = await startTestHub({ limits: { uploadBytesPerVisitorPerDay: 60, unreferencedUploadGraceMs: 200, uploadSweepMs: 100 } });
    const v = await raw(t);
    v.send({ type: 'hello', visitorId: 'visitor-uploads-1' });
    await eventually(() => ofType(v.frames, 'history').length === 1, 'history');
    const token = String(ofType(v.frames, 'history')[0]?.uploadToken);
    const upload = (visitor: string, headers: Record<string, string>) =>
      fetch(`${t.url}/widget/attachments?visitor=${visitor}&name=a.png`, { method: 'POST', headers: { 'content-type': 'image/png', ...headers }, body: PNG });

    expect((await upload('visitor-uploads-1', {})).status).toBe(401);
    expect((await upload('visitor-other-99', { 'x-switchboard-visitor-token': token })).status).toBe(401);
    const kept = await upload('visitor-uploads-1', { 'x-switchboard-visitor-token': token });
    expect(kept.status).toBe(201);
    const dropped = await upload('visitor-uploads-1', { 'x-switchboard-visitor-token': token });
    expect(dropped.status).toBe(201);
    expect((await upload('visitor-uploads-1', { 'x-switchboard-visitor-token': token })).status).toBe(413);

    const keptId = ((await kept.json()) as { attachment: { id: string } }).attachment.id;
    const droppedId = ((await dropped.json()) as { attachment: { id: string } }).attachment.id;
    v.send({ type: 'message', text: '', key: key(1), attachmentIds: [keptId] });
    await eventually(() => ofType(v.frames, 'message').length === 1, 'the echo');
    const dir = join(t.dataDir, 'attachments');
    await eventually(() => !existsSync(join(dir, droppedId)), 'the unused upload deleted');
    expect(t.hub.store.attachment(droppedId)).toBeNull();
    expect(existsSync(join(dir, keptId))).toBe(true);
    v.ws.close();
  });
});
