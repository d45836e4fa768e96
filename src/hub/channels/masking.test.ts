import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postSigned, TEST_CHANNEL_SECRETS } from '../../../tests/harness/hub/channel-requests';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';

const ID = '11010519491231002X';
const CARD = '6222021234567890128';

let t: TestHub;
afterEach(async () => {
  await t?.close();
});

describe('masking beyond message text', () => {
  it('masks ID and card numbers in names, file names, previews, tickets, notes and tags', async () => {
    t = await startTestHub(TEST_CHANNEL_SECRETS);
    const visitor = await t.visitor('visitor-masked-01', { name: `李四 ${ID}` });
    const upload = await visitor.upload(`身份证${ID} 卡${CARD}.txt`, 'text/plain', 'hello');
    expect(upload.status).toBe(201);
    const { attachment } = (await upload.json()) as { attachment: { id: string; name: string } };
    expect(attachment.name).not.toContain(ID);
    await visitor.say('', { attachmentIds: [attachment.id] });

    const customer = t.hub.store.customerByIdentity('widget_visitor', 'visitor-masked-01');
    expect(customer?.name).toBe('李四 **************002X');
    const [conversation] = t.hub.store.customerConversations(customer?.id ?? '', 1);
    expect(conversation?.preview).not.toContain(CARD);

    const sam = await t.agent('sam');
    const conversationId = conversation?.id ?? '';
    await sam.command({ kind: 'conversation.takeover', conversationId });
    expect(await sam.command({ kind: 'ticket.create', conversationId, title: `卡 ${CARD}`, description: `证件 ${ID}` })).toMatchObject({ ok: true });
    expect(await sam.command({ kind: 'conversation.tag', conversationId, add: [CARD] })).toMatchObject({ ok: true });
    expect(await sam.command({ kind: 'conversation.close', conversationId, disposition: 'resolved', note: `refund to ${CARD}` })).toMatchObject({ ok: true });

    const mail = JSON.stringify({
      MessageID: 'masked-mail-1',
      From: 'x@example.com',
      FromFull: { Email: 'x@example.com', Name: `王 ${ID}` },
      Subject: 'scan',
      Attachments: [{ Name: `card-${CARD}.pdf`, ContentType: 'application/pdf', ContentLength: 10 }],
    });
    expect((await postSigned(`${t.url}/channels/email/inbound`, mail)).status).toBe(202);

    await eventually(() => t.hub.store.feedAfter('*', 0, 1000).length > 0, 'events');
    const everything = JSON.stringify([t.hub.store.feedAfter('*', 0, 10_000), t.hub.crm ? await t.hub.crm.tickets([customer?.id ?? '']) : []]);
    expect(everything).not.toContain(ID);
    expect(everything).not.toContain(CARD);
  });

  it('creates the data folder and every database file readable only by the hub’s user', async () => {
    t = await startTestHub();
    expect(statSync(t.dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(t.dataDir).filter((f) => f.includes('.sqlite'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect({ file: f, mode: (statSync(join(t.dataDir, f)).mode & 0o777).toString(8) }).toEqual({ file: f, mode: '600' });
    expect(statSync(join(t.dataDir, 'attachments')).mode & 0o777).toBe(0o700);
  });
});
