/**
 * Call-quality readings on a call from an ordinary phone, as on a WebRTC call: a real baresip
 * (plain RTP, G.711) calls through the carrier trunk, rtpengine bridges its media to the agent's
 * WebRTC phone, and the phone grades the call from its WebRTC statistics. The call card shows the
 * live grade; when the call ends the hub keeps the summary (MOS, loss, jitter, RTT) on the call
 * record. Everything runs on this machine, so a sane reading is a good one with next to no loss.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { callQualitySchema, type CallQuality } from '../../src/shared/domain/call';
import { AgentApp } from './support/agent-app.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { makeToneFiles, TONES } from './support/sip-tones.js';

const DID = '+862150001234';

/** The quality the hub kept on the (only) voice call's record, once the phone has reported it. */
function keptQuality(world: PhoneAppWorld): CallQuality | null {
  const db = new Database(join(world.hubDataDir, 'hub.sqlite'), { readonly: true });
  try {
    const rows = db.prepare("SELECT call_json FROM conversations WHERE channel = 'voice' AND call_json IS NOT NULL").all() as Array<{ call_json: string }>;
    for (const row of rows) {
      const call = JSON.parse(row.call_json) as { quality?: unknown };
      if (call.quality) return callQualitySchema.parse(call.quality);
    }
    return null;
  } finally {
    db.close();
  }
}

for (const adapter of ['sipjs', 'jssip'] as const) {
  test.describe(`call quality on a call from the carrier trunk [${adapter}] @pstn`, () => {
    let world: PhoneAppWorld;
    let tones: Awaited<ReturnType<typeof makeToneFiles>>;
    const closers: Array<() => Promise<void>> = [];

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      tones = await makeToneFiles();
      world = await startPhoneAppWorld({ hubEnv: { SIP_DIDS: `${DID}=voice` }, trunk: { allow: ['127.0.0.1/32'] } });
    });
    test.afterAll(async () => {
      for (const close of closers.splice(0).reverse()) await close();
      await world?.stop();
    });

    test('the call card grades a trunk call, and the hub keeps MOS, loss, jitter and RTT on the call record', async () => {
      test.setTimeout(150_000);
      const agent = await AgentApp.ready(tones.file(TONES.agent), world.webHost.openUrl, 'alice', adapter);
      closers.push(() => agent.close());
      const customer = await BaresipPhone.start({ numbers: ['13900006666'], tone: TONES.customer });
      closers.push(() => customer.stop());

      await customer.dial(`sip:${DID}@${world.sip.trunkUri!.slice('sip:'.length)}`);
      await agent.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
      await customer.waitForEvent('CALL_ESTABLISHED', 'the agent answers');
      await agent.expectHearing(TONES.customer);

      // The live reading on the call card: a loopback call is good, so no hint about the network.
      const card = agent.ui.getByTestId('call-card');
      const badge = card.getByTestId('call-quality');
      await expect(badge).toHaveAttribute('data-grade', 'good', { timeout: 15_000 });
      await expect(badge).toHaveText('Call quality: good');

      // A few more seconds of audio so the record covers several one-second readings.
      await agent.ui.waitForTimeout(4_000);
      await customer.hangup();
      await expect(card).toHaveCount(0);

      // The phone's summary reaches the hub (through the outbox) and stays on the call record.
      await expect.poll(() => keptQuality(world), { message: 'the call record keeps the quality', timeout: 20_000 }).not.toBeNull();
      const quality = keptQuality(world)!;
      expect(quality.samples).toBeGreaterThanOrEqual(4);
      expect(quality.grade).toBe('good');
      expect(quality.mos).toBeGreaterThanOrEqual(4);
      expect(quality.mos).toBeLessThanOrEqual(4.5);
      expect(quality.lossPct).toBeLessThan(1);
      expect(quality.jitterMs).toBeLessThan(40);
      // The RTT comes from rtpengine's RTCP (or ICE checks); on one machine it is a few milliseconds at most.
      if (quality.rttMs !== null) expect(quality.rttMs).toBeLessThan(100);
    });
  });
}
