import type { Customer } from '../shared/domain/customer';
import { hashPassword } from './auth/passwords';
import type { HubStore } from './store/hub-store';

/** The password every demo account shares; the README says so, and a real hub has no demo data. */
export const DEMO_PASSWORD = 'switchboard';

const demoAgents = [
  { id: 'agt_alice', username: 'alice', displayName: 'Alice Wang', role: 'agent', skills: ['chat', 'voice', 'zh', 'en'], queues: ['chat', 'voice', 'vip'] },
  { id: 'agt_bob', username: 'bob', displayName: 'Bob Li', role: 'agent', skills: ['chat', 'zh'], queues: ['chat'] },
  { id: 'agt_sam', username: 'sam', displayName: 'Sam Chen', role: 'supervisor', skills: ['chat', 'voice', 'zh', 'en'], queues: ['chat', 'voice', 'vip'] },
  { id: 'agt_root', username: 'admin', displayName: 'Admin', role: 'admin', skills: [], queues: [] },
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
  },
];

/** Seeds an empty store; a store that already has agents is left as it is. */
export async function seedDemoData(store: HubStore, now: number = Date.now()): Promise<boolean> {
  if (store.agents().length > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  store.transaction(() => {
    for (const a of demoAgents) {
      store.insertAgent({ ...a, skills: [...a.skills], queues: [...a.queues], passwordHash, capacity: 3, state: 'offline', stateReason: null, stateSince: now });
    }
    store.upsertQueue({ id: 'chat', name: 'Chat', skills: ['chat'], slaSeconds: 30, slaTarget: 0.9 });
    store.upsertQueue({ id: 'voice', name: 'Voice', skills: ['voice'], slaSeconds: 20, slaTarget: 0.8 });
    store.upsertQueue({ id: 'vip', name: 'VIP', skills: ['chat', 'voice'], slaSeconds: 10, slaTarget: 0.95 });
    for (const c of demoCustomers) store.insertCustomer(c);
  });
  return true;
}
