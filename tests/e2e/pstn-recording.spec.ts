/**
 * Call recording, made by rtpengine: on a queue whose policy lets the agent start it, the agent
 * records a trunk call from the call card, pauses (the customer reads a card number) and resumes.
 * After the call the recording is in the conversation; playing it there gives a file with both
 * parties' tones (one channel each) and the paused span silent, and the playback is audited.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { AgentApp } from './support/agent-app.js';
import { BaresipPhone } from './support/baresip-phone.js';
import { startPhoneAppWorld, type PhoneAppWorld } from './support/phone-app-world.js';
import { makeToneFiles, TONES } from './support/sip-tones.js';
import { readWavSpan, toneDb } from './support/tone-levels.js';

const VOICE_DID = '+862150001234';

test.describe('call recording in rtpengine @pstn', () => {
  let world: PhoneAppWorld;
  let tones: Awaited<ReturnType<typeof makeToneFiles>>;
  const closers: Array<() => Promise<void>> = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    tones = await makeToneFiles();
    world = await startPhoneAppWorld({
      hubEnv: { SIP_DIDS: `${VOICE_DID}=voice`, SIP_RECORDING: 'voice=agent,never', SIP_RECORDING_RETENTION_DAYS: '30' },
      trunk: { allow: ['127.0.0.1/32'] },
    });
  });
  test.afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  test.afterAll(async () => {
    await world?.stop();
  });

  test('the agent records, pauses and resumes a trunk call; the recording holds both parties with the pause silent', async () => {
    test.setTimeout(180_000);
    const alice = await AgentApp.ready(tones.file(TONES.agent), world.webHost.openUrl, 'alice', 'sipjs');
    closers.push(() => alice.close());
    const customer = await BaresipPhone.start({ numbers: ['13900007777'], tone: TONES.customer });
    closers.push(() => customer.stop());

    await customer.dial(`sip:${VOICE_DID}@${world.sip.trunkUri!.slice('sip:'.length)}`);
    await alice.ui.getByTestId('incoming-call').getByTestId('call-accept').click({ timeout: 30_000 });
    await customer.waitForEvent('CALL_ESTABLISHED', 'alice answers');
    await alice.expectHearing(TONES.customer);

    const card = alice.ui.getByTestId('call-card');
    const recording = card.getByTestId('call-recording');
    await expect(recording).toHaveAttribute('data-recording', 'off');
    await recording.getByTestId('recording-start').click();
    await expect(recording).toHaveAttribute('data-recording', 'recording');
    const started = Date.now();
    await alice.ui.waitForTimeout(3000);
    await recording.getByTestId('recording-pause').click();
    await expect(recording).toHaveAttribute('data-recording', 'paused');
    const paused = Date.now();
    await alice.ui.waitForTimeout(4000);
    await recording.getByTestId('recording-resume').click();
    await expect(recording).toHaveAttribute('data-recording', 'recording');
    const resumed = Date.now();
    await alice.ui.waitForTimeout(3000);
    await card.getByTestId('call-conversation').click();
    await card.getByTestId('call-hangup').click();
    await customer.waitForEvent('CALL_CLOSED', 'the call ends at the phone');

    // The recording shows in the call's conversation; playing it loads the file through the desktop.
    const item = alice.ui.getByTestId('call-recordings').getByTestId('call-recording-item');
    await expect(item).toHaveCount(1, { timeout: 30_000 });
    await item.getByTestId('recording-play').click();
    const audio = item.getByTestId('recording-audio');
    await expect(audio).toBeVisible();
    // The page's player loads the whole call (the page may not read blob: URLs itself: its CSP has no connect-src blob:).
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => (Number.isFinite(el.duration) ? el.duration : 0)), { message: 'the player loads the recording' }).toBeGreaterThan(8);
    // The same file, as the hub serves it to alice, judged by tone.
    const login = (await (await fetch(`${world.hubUrl}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: 'switchboard' }) })).json()) as { token: string };
    const recordingId = await item.getAttribute('data-recording-id');
    const conversationId = await alice.ui.getByTestId('call-recordings').getAttribute('data-conversation-id');
    const response = await fetch(`${world.hubUrl}/api/conversations/${conversationId}/recordings/${recordingId}`, { headers: { authorization: `Bearer ${login.token}` } });
    expect(response.status).toBe(200);
    const file = join(tmpdir(), `switchboard-recording-${Date.now()}.wav`);
    await writeFile(file, Buffer.from(await response.arrayBuffer()));

    const levels = async (from: number, seconds: number, channel: number) => {
      const { samples, sampleRate } = await readWavSpan(file, from, seconds, channel);
      return { customer: toneDb(samples, sampleRate, TONES.customer), agent: toneDb(samples, sampleRate, TONES.agent) };
    };
    // Which channel is whose depends on who rtpengine heard first.
    const first = [await levels(0.5, 1.5, 0), await levels(0.5, 1.5, 1)];
    const customerChannel = first[0]!.customer > first[1]!.customer ? 0 : 1;
    const agentChannel = 1 - customerChannel;
    const pauseFrom = (paused - started) / 1000 + 0.8;
    const pauseTo = (resumed - started) / 1000 - 0.8;
    const heard = {
      before: { customer: await levels(0.5, 1.5, customerChannel), agent: await levels(0.5, 1.5, agentChannel) },
      paused: { customer: await levels(pauseFrom, pauseTo - pauseFrom, customerChannel), agent: await levels(pauseFrom, pauseTo - pauseFrom, agentChannel) },
      after: { customer: await levels(-2, 1.5, customerChannel), agent: await levels(-2, 1.5, agentChannel) },
    };
    const detail = JSON.stringify(heard);
    for (const span of [heard.before, heard.after]) {
      expect(span.customer.customer - span.customer.agent, `the customer's tone in the customer's channel: ${detail}`).toBeGreaterThan(20);
      expect(span.agent.agent - span.agent.customer, `the agent's tone in the agent's channel: ${detail}`).toBeGreaterThan(20);
    }
    expect(heard.paused.customer.customer, `the paused span is silent: ${detail}`).toBeLessThan(-60);
    expect(heard.paused.agent.agent, `the paused span is silent: ${detail}`).toBeLessThan(-60);

    // Each playback is in the audit log: the player's and the test's own download.
    const audit = new Database(join(world.hubDataDir, 'hub.sqlite'), { readonly: true });
    try {
      expect(audit.prepare("SELECT actor_id AS actor, outcome FROM supervision_audit WHERE action = 'recording.play'").all()).toEqual([
        { actor: 'agt_alice', outcome: 'ok' },
        { actor: 'agt_alice', outcome: 'ok' },
      ]);
    } finally {
      audit.close();
    }
  });
});
