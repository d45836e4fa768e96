import { afterEach, describe, expect, it } from 'vitest';
import { SUPERVISOR_WS_PATH } from '../../shared/protocol/supervisor-protocol';
import { eventually, startTestHub, type TestHub } from '../../../tests/harness/hub/test-hub';
import { SupervisorTestClient } from '../../../tests/harness/hub/supervision-rig';

let t: TestHub | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('compliance before send, on the hub', () => {
  it('delivers a reply sent despite the warning and alerts supervisors with the phrase, never the number', async () => {
    t = await startTestHub();
    const { token } = await t.login('sam');
    const sam = await SupervisorTestClient.open(`${t.url.replace(/^http/, 'ws')}${SUPERVISOR_WS_PATH}`, token);
    await sam.next('welcome');
    const alice = await t.agent('alice');
    await alice.command({ kind: 'agent.state', state: 'available', reason: null });
    const ingested = t.hub.conversations.ingest({ channel: 'widget', identity: { kind: 'widget_visitor', value: 'v-comp' }, text: 'my parcel is late', key: null, queue: 'chat' });
    expect(ingested.ok).toBe(true);
    const offer = await alice.waitFor('offer');
    await alice.command({ kind: 'offer.accept', offerId: offer.offer.id });
    const conversationId = offer.offer.conversationId;
    await eventually(() => t?.hub.store.conversation(conversationId)?.status === 'active', 'the chat to be answered');

    expect(await alice.command({ kind: 'message.send', conversationId, text: 'Sorry! We GUARANTEE full compensation.', internal: false })).toMatchObject({ ok: true });
    const { alert } = await sam.next('alert', (f) => f.alert.kind === 'compliance');
    expect(alert).toMatchObject({ conversationId, agentId: 'agt_alice', reason: 'forbidden-phrase' });
    expect(alert.detail).toContain('we guarantee');
    expect(alert.detail).toContain('full compensation');

    expect(await alice.command({ kind: 'message.send', conversationId, text: 'Your card 4111 1111 1111 1111 is on file', internal: false })).toMatchObject({ ok: true });
    const number = await sam.next('alert', (f) => f.alert.kind === 'compliance' && f.alert.reason === 'sensitive-number');
    expect(JSON.stringify(number.alert)).not.toContain('4111');
    expect(JSON.stringify(t.log.entries)).not.toContain('4111 1111');

    // A note is not sent to anyone: no alert.
    const before = sam.frames.filter((f) => f.type === 'alert').length;
    expect(await alice.command({ kind: 'message.send', conversationId, text: 'note: customer said we guarantee', internal: true })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(sam.frames.filter((f) => f.type === 'alert')).toHaveLength(before);
    sam.close();
  });
});
