import type { Customer } from '../shared/domain/customer';
import type { Disposition } from '../shared/domain/disposition';
import type { Order } from '../shared/domain/order';
import { hashPassword } from './auth/passwords';
import type { HubStore } from './store/hub-store';

/** The password every demo account shares; the README says so, and a real hub has no demo data. */
export const DEMO_PASSWORD = 'switchboard';

/** The demo's desk queues that intent routing fills (insights/intent-routing.ts); escalated contacts go to seniors first. */
const demoServiceQueues = [
  { id: 'logistics', name: 'Logistics' },
  { id: 'returns', name: 'Returns & refunds' },
  { id: 'billing', name: 'Billing & invoices' },
  { id: 'product', name: 'Product questions' },
  { id: 'account', name: 'Account' },
].map((q) => ({ ...q, skills: ['chat'], slaSeconds: 30, slaTarget: 0.9, replySeconds: 120, number: null, overflowQueue: null, overflowAfterSeconds: null, escalationSkill: 'senior' }));

const demoAgents = [
  { id: 'agt_alice', username: 'alice', displayName: 'Alice Wang', role: 'agent', skills: ['chat', 'voice', 'zh', 'en'], queues: ['chat', 'voice', 'vip'], sipUser: 'agent-alice' },
  { id: 'agt_bob', username: 'bob', displayName: 'Bob Li', role: 'agent', skills: ['chat', 'zh'], queues: ['chat'], sipUser: 'agent-bob' },
  { id: 'agt_sam', username: 'sam', displayName: 'Sam Chen', role: 'supervisor', skills: ['chat', 'voice', 'zh', 'en', 'senior'], queues: ['chat', 'voice', 'vip'], sipUser: 'agent-sam' },
  { id: 'agt_root', username: 'admin', displayName: 'Admin', role: 'admin', skills: [], queues: [], sipUser: null },
] as const;

const demoCustomers: Customer[] = [
  {
    id: 'cus_demo_zhang',
    name: '张伟',
    tags: ['VIP'],
    identities: [
      { kind: 'phone', value: '+8613800138000', verified: true },
      { kind: 'email', value: 'zhang.wei@example.com', verified: true },
    ],
    createdAt: Date.UTC(2026, 0, 5),
    mergedInto: null,
  },
];

const demoOrders: Order[] = [
  { id: '202601050001', customerId: 'cus_demo_zhang', platform: 'taobao', status: 'shipped', totalMinor: 129_900, currency: 'CNY', summary: '蓝牙耳机 ×1', createdAt: Date.UTC(2026, 0, 5) },
  { id: '202601120042', customerId: 'cus_demo_zhang', platform: 'jd', status: 'delivered', totalMinor: 5_990, currency: 'CNY', summary: '手机壳 ×2', createdAt: Date.UTC(2026, 0, 12) },
];

export const demoDispositions: Disposition[] = [
  { code: 'resolved', label: 'Resolved', active: true },
  { code: 'follow_up', label: 'Follow-up needed', active: true },
  { code: 'escalated', label: 'Escalated', active: true },
  { code: 'no_answer', label: 'No answer / customer left', active: true },
  { code: 'spam', label: 'Spam', active: true },
];

/** Queues and disposition codes every hub needs to route at all; added when missing, never overwritten. */
export function ensureBaseConfiguration(store: HubStore): void {
  store.transaction(() => {
    const have = new Set(store.queues().map((q) => q.id));
    const base = [
      { id: 'chat', name: 'Chat', skills: ['chat'], slaSeconds: 30, slaTarget: 0.9, replySeconds: 120, number: null, overflowQueue: null, overflowAfterSeconds: null },
      { id: 'voice', name: 'Voice', skills: ['voice'], slaSeconds: 20, slaTarget: 0.8, replySeconds: 120, number: '1000', overflowQueue: null, overflowAfterSeconds: null },
      { id: 'vip', name: 'VIP', skills: ['chat', 'voice'], slaSeconds: 10, slaTarget: 0.95, replySeconds: 60, number: '1001', overflowQueue: 'chat', overflowAfterSeconds: 60 },
    ];
    for (const q of base) if (!have.has(q.id)) store.upsertQueue(q);
    if (store.dispositions().length === 0) for (const d of demoDispositions) store.upsertDisposition(d);
  });
}

/**
 * Seeds an empty store; a store that already has agents is left as it is. With `serviceQueues` (the living demo),
 * the desk's intent-routed queues too, served by every demo agent.
 */
export async function seedDemoData(store: HubStore, now: number = Date.now(), options: { serviceQueues?: boolean } = {}): Promise<boolean> {
  if (store.agents().length > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  store.transaction(() => {
    for (const a of demoAgents) {
      store.insertAgent({
        ...a,
        skills: [...a.skills],
        queues: options.serviceQueues && a.queues.length > 0 ? [...a.queues, ...demoServiceQueues.map((q) => q.id)] : [...a.queues],
        passwordHash,
        capacity: 5,
        state: 'offline',
        stateReason: null,
        stateSince: now,
        stateUntil: null,
        idleSince: now,
      });
    }
    for (const c of demoCustomers) store.insertCustomer(c);
    for (const o of demoOrders) store.insertOrder(o);
  });
  ensureBaseConfiguration(store);
  if (options.serviceQueues) store.transaction(() => demoServiceQueues.forEach((q) => store.upsertQueue(q)));
  return true;
}
