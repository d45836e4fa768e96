/**
 * Call supervision end to end in the apps, once per SIP adapter: a real hub with telephony, a real
 * Kamailio, two real web hosts (alice's desktop and sam's), alice's and sam's workspaces with their
 * phone pages in their own Chromium processes, and a customer in a third. Tones: customer 440 Hz,
 * alice 1000 Hz, sam 1500 Hz.
 *
 * Nothing is handed in: sam presses "Monitor" in his console, the hub checks his role, audits and
 * sends alice's desktop the notice, alice's phone page opens the leg through Kamailio to sam's
 * phone page, which answers it because sam started that session. Who hears whom is measured in
 * what each phone actually plays out loud, cell by cell, for monitor, whisper and barge.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { AgentApp } from './support/agent-app.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { HEARD_MARGIN_DB, Party, SILENCE_DB } from './support/sip-party.js';
import { makeToneFiles, TONES as SIP_TONES } from './support/sip-tones.js';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process.js';
import { whoHearsWhomProblems, type Levels } from './support/who-hears-whom.js';

const VOICE_QUEUE = '1000';
const CUSTOMER_NUMBER = '13912345678';
const TONES = { customer: SIP_TONES.customer, agent: SIP_TONES.agent, supervisor: SIP_TONES.agent2 } as const;
type Who = keyof typeof TONES;
type Mode = 'monitor' | 'whisper' | 'barge';

const EXPECTED: Record<Mode | 'after', Record<Who, Who[]>> = {
  monitor: { customer: ['agent'], agent: ['customer'], supervisor: ['customer', 'agent'] },
  whisper: { customer: ['agent'], agent: ['customer', 'supervisor'], supervisor: ['customer', 'agent'] },
  barge: { customer: ['agent', 'supervisor'], agent: ['customer', 'supervisor'], supervisor: ['customer', 'agent'] },
  after: { customer: ['agent'], agent: ['customer'], supervisor: [] },
};

interface Rig {
  customer: Party;
  customerCall: string;
  alice: AgentApp;
  sam: AgentApp;
}

async function expectTable(label: keyof typeof EXPECTED, rig: Rig): Promise<void> {
  await expect
    .poll(
      async () => {
        const [customer, agent, supervisor] = await Promise.all([rig.customer.levels(rig.customerCall), rig.alice.played(), rig.sam.played()]);
        const levels: Record<Who, Levels | null> = { customer, agent, supervisor };
        return whoHearsWhomProblems(label, TONES, EXPECTED[label], levels, HEARD_MARGIN_DB, SILENCE_DB);
      },
      { message: `who hears whom in ${label}`, timeout: 25_000, intervals: [500] },
    )
    .toEqual([]);
}

interface SessionRow {
  supervisor_id: string;
  agent_id: string;
  modes: string;
  ended_at: number | null;
  end_reason: string | null;
}

function sessionRows(world: PhoneAppWorld): SessionRow[] {
  const db = new Database(join(world.hubDataDir, 'hub.sqlite'), { readonly: true });
  try {
    return db.prepare("SELECT supervisor_id, agent_id, modes, ended_at, end_reason FROM supervision_sessions WHERE kind = 'call' ORDER BY started_at").all() as SessionRow[];
  } finally {
    db.close();
  }
}

for (const adapter of ['sipjs', 'jssip'] as const) {
  test.describe(`call supervision in the apps [${adapter}]`, () => {
    let world: PhoneAppWorld;
    let samsHost: WebHostProcess;
    let tones: Awaited<ReturnType<typeof makeToneFiles>>;
    const closers: Array<() => Promise<void>> = [];

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      tones = await makeToneFiles();
      world = await startPhoneAppWorld();
      samsHost = await startWebHostProcess({ hubUrl: world.hubUrl });
    });
    test.afterAll(async () => {
      for (const close of closers.splice(0).reverse()) await close();
      await samsHost?.stop();
      await world?.stop();
    });

    test(`sam monitors, whispers, barges and ends from his console; the legs run through the real hub and Kamailio [${adapter}] @supervisor`, async () => {
      test.setTimeout(300_000);
      const alice = await AgentApp.ready(tones.file(TONES.agent), world.webHost.openUrl, 'alice', adapter);
      closers.push(() => alice.close());
      // sam takes no calls himself, so the queue call goes to alice.
      const sam = await AgentApp.ready(tones.file(TONES.supervisor), samsHost.openUrl, 'sam', adapter, 'away:break');
      closers.push(() => sam.close());

      const customer = await Party.launch(world.partyRig, adapter, CUSTOMER_NUMBER, TONES.customer, tones.file(TONES.customer));
      closers.push(() => customer.close());
      await customer.register();
      const customerCall = await customer.call(VOICE_QUEUE);
      await alice.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
      await customer.waitForState(customerCall, 'active');
      const rig: Rig = { customer, customerCall, alice, sam };
      await expectTable('after', rig);

      // sam's wallboard shows the call live: alice on one call, the customer's call in progress.
      await sam.ui.getByTestId('open-supervisor').click();
      await expect(sam.ui.getByTestId('agent-table').locator('[data-agent="agt_alice"]')).toContainText('Chats: 0 · Calls: 1', { timeout: 20_000 });
      const liveCall = sam.ui.getByTestId('contacts-table').locator('tbody tr').filter({ hasText: 'Call' });
      await expect(liveCall).toContainText('In progress');
      await expect(liveCall).toContainText('Alice Wang');
      await expect(sam.ui.getByTestId('chart-waiting-trend')).toBeVisible();

      // sam monitors alice's call, all from the keyboard.
      const monitor = sam.ui.getByRole('button', { name: /Monitor Alice Wang's current call/ });
      await expect(monitor).toBeVisible({ timeout: 20_000 });
      await monitor.focus();
      await sam.ui.keyboard.press('Enter');
      const session = sam.ui.getByTestId('call-controls').locator('[data-session]');
      await expect(session).toHaveAttribute('data-mode', 'monitor');
      // The session names the people, not the hub's ids.
      await expect(session.locator('legend')).toContainText('Alice Wang');
      await expect(session.locator('legend')).not.toContainText('conv_');
      await expectTable('monitor', rig);

      // Neither desktop lists the leg as a call: alice must not see that she is monitored.
      await expect(alice.ui.getByTestId('call-card')).toHaveCount(1);
      await expect(alice.ui.getByTestId('call-card')).toHaveAttribute('data-call-state', 'active');
      await expect(sam.ui.getByTestId('call-card')).toHaveCount(0);
      await expect(sam.ui.getByTestId('incoming-call')).toHaveCount(0);

      // Modes change with the arrow keys in the same session.
      await sam.ui.getByTestId('mode-monitor').focus();
      for (const mode of ['whisper', 'barge'] as const) {
        await sam.ui.keyboard.press('ArrowDown');
        await expect(session).toHaveAttribute('data-mode', mode);
        await expectTable(mode, rig);
      }
      await sam.ui.getByTestId('mode-monitor').check();
      await expect(session).toHaveAttribute('data-mode', 'monitor');
      await expectTable('monitor', rig);

      await sam.ui.getByTestId('end-supervision').click();
      await expect(session).toHaveCount(0);
      await expectTable('after', rig);
      await expect(alice.ui.getByTestId('call-card')).toHaveAttribute('data-call-state', 'active');

      // The hub wrote the session down, modes in order, and kept one voice conversation: the leg is no call.
      await expect.poll(() => sessionRows(world).at(-1)?.end_reason ?? null).not.toBeNull();
      const row = sessionRows(world).at(-1)!;
      expect(row).toMatchObject({ supervisor_id: 'agt_sam', agent_id: 'agt_alice' });
      expect(JSON.parse(row.modes)).toEqual(['monitor', 'whisper', 'barge', 'monitor']);
      await expect(alice.ui.getByTestId('inbox-row').filter({ has: alice.ui.locator('.channel-voice') })).toHaveCount(1);

      await alice.ui.getByTestId('call-card').getByTestId('call-hangup').click();
      await customer.waitForState(customerCall, 'ended');
    });
  });
}
