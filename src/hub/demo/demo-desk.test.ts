import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/log';
import { seedDemoData } from '../demo-data';
import { openSqliteHubStore } from '../store/sqlite-hub-store';
import { seedDemoDesk } from './demo-desk';
import { DEMO_VIP_ID } from './demo-desk-script';

describe('the demo desk', () => {
  it('has about thirty customers with histories on every channel, a VIP with orders and a ticket, a merge suggestion, waiting and active chats', async () => {
    const store = openSqliteHubStore(join(mkdtempSync(join(tmpdir(), 'demo-desk-')), 'hub.sqlite'));
    await seedDemoData(store);
    const seeded = await seedDemoDesk(store, createLogger('test', () => undefined));
    expect(seeded.customers).toBeGreaterThanOrEqual(28);

    const all = store.conversationsByStatus('closed');
    expect(new Set(all.map((c) => c.channel))).toEqual(new Set(['widget', 'wechat', 'webhook', 'email', 'voice']));
    const closedChats = all.filter((c) => c.channel !== 'voice');
    expect(closedChats.every((c) => c.disposition && c.summary)).toBe(true);
    expect(store.conversationsByStatus('queued').length).toBeGreaterThanOrEqual(2);
    const active = store.conversationsByStatus('active');
    expect(active.map((c) => store.agent(c.assigneeId!)?.username).sort()).toEqual(['alice', 'bob', 'bob', 'bob']);

    const vip = store.customer(DEMO_VIP_ID)!;
    expect(vip.tags).toContain('VIP');
    expect(vip.identities.map((i) => i.kind)).toEqual(expect.arrayContaining(['phone', 'email', 'widget_visitor', 'platform_user']));
    // Her email came in as a claim (marked unverified) and joined her history by an agent's merge.
    const vipConversations = store.customerConversations(DEMO_VIP_ID, 50);
    expect(vipConversations.length).toBe(4);
    expect(vipConversations.some((c) => c.channel === 'email' && c.unverified)).toBe(true);
    expect(store.ticketsOf([DEMO_VIP_ID]).length).toBe(1);
    const shopAccount = store.customerByIdentity('phone', '+8613912345678')!;
    expect(store.openSuggestionsFor(shopAccount.id)).toHaveLength(1);
  });
});
