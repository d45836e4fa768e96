import { readFile, rm } from 'node:fs/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import type {} from '../tests/harness/pages/phone/harness-api.js';
import type { CallSnapshot } from '../src/renderer/phone/sip-engine.js';
import { BaresipPhone } from '../tests/e2e/support/baresip-phone.js';
import { chromiumArgs } from '../tests/e2e/support/sip-party.js';
import { startSipRig, type SipRig } from '../tests/e2e/support/sip-rig.js';
import { harnessDir } from '../tests/e2e/support/sip-suite.js';
import { makeToneFiles, TONES } from '../tests/e2e/support/sip-tones.js';
import { readWavSpan, toneDb } from '../tests/e2e/support/tone-levels.js';
import { firstAudioAt, watchFirstAudio } from './support/first-audio.js';

/**
 * Calls from the carrier trunk (a real baresip phone, plain RTP/PCMU) through Kamailio and
 * rtpengine to the sip.js phone in Chromium, beside WebRTC ⇄ WebRTC calls through the same
 * Kamailio in the same run:
 *  - ring latency: the hub receiving Kamailio's GET /sip/route → the agent's engine reporting
 *    the call ringing (same definition for both paths);
 *  - answer → first audio packet at the agent (getStats inbound-rtp, every 5 ms), same for both;
 *  - answer → first audio at the baresip phone: the agent's tone appearing in what baresip records
 *    (its sndfile recording polled every 10 ms; includes baresip's jitter buffer and decoding);
 *  - concurrency: N trunk calls up at once, each phone checked to hear its agent 20 dB over its own
 *    tone, and rtpengine's CPU time per call over a 10 s window, against the same with one call.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
}

export const benchNotes =
  'Ring latency: the hub receiving Kamailio\'s GET /sip/route → the agent engine reporting `ringing`. ' +
  'First audio at the agent: answer() → the agent\'s first `inbound-rtp` packetsReceived > 0 (getStats every 5 ms). ' +
  'First audio at the phone: answer() → the agent\'s 1000 Hz tone above −40 dBFS in the last 20 ms of baresip\'s own recording (polled every 10 ms; includes its jitter buffer). ' +
  'Concurrency: every phone hears its agent 20 dB over its own tone; CPU is rtpengine\'s user+system time (/proc) over 10 s, per call, beside the same with one call. ' +
  'The concurrent phones are narrowband baresips (8 kHz mono, what G.711 carries, no resampling): at 48 kHz stereo each cost about 13 % of a core, ' +
  'twenty saturated the 2 cores by the 12th call, and the routing answer missed Kamailio\'s 2 s http_client timeout (503 Routing Unavailable). ' +
  'All parties on one 2-core host; timings are informational.';

const CALLS = 15;
const CONCURRENT = 20;
const DID = '8000';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`trunk bench: timed out waiting for ${what}`);
    await new Promise((d) => setTimeout(d, everyMs));
  }
}

const callsOf = (page: Page): Promise<CallSnapshot[]> => page.evaluate(() => window.phone.getCalls());

async function phonePage(browser: Browser, rig: SipRig, sipUser: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${rig.harnessUrl}?adapter=sipjs`);
  await page.waitForFunction(() => typeof window.phone === 'object');
  await page.evaluate((c) => window.phone.register(c), rig.credentials(sipUser));
  return page;
}

/** The page sends a WebAudio tone instead of opening the (fake) microphone: one browser cannot capture it 20 times at once. */
function sendOscillator(page: Page, hz: number): Promise<void> {
  return page.evaluate((frequency) => {
    const context = new AudioContext();
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequency;
    const gain = context.createGain();
    gain.gain.value = 0.5;
    const destination = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    void context.resume();
    window.phone.setOutgoingStream(destination.stream);
  }, hz);
}

/** Answers `callId` and starts watching for its first received RTP packet; resolves with the answer time. */
async function answerAndWatch(page: Page, callId: string): Promise<number> {
  const at = await page.evaluate((id) => {
    const answeredAt = Date.now();
    void window.phone.answer(id);
    return answeredAt;
  }, callId);
  await watchFirstAudio(page, callId);
  return at;
}

/** When the agent's tone first shows in the last 20 ms of what the phone recorded. */
async function toneHeardAt(phone: BaresipPhone): Promise<number> {
  return until(
    async () => {
      const file = await phone.heardFile();
      if (!file) return undefined;
      const { samples, sampleRate } = await readWavSpan(file, -0.02, 0.02).catch(() => ({ samples: new Float32Array(), sampleRate: 8000 }));
      return samples.length > 0 && toneDb(samples, sampleRate, TONES.agent) > -40 ? Date.now() : undefined;
    },
    'the agent\'s tone at the phone',
    20_000,
    10,
  );
}

async function trunkLatencies(rig: SipRig, agent: Page): Promise<{ ring: number[]; agentAudio: number[]; phoneAudio: number[] }> {
  const phone = await BaresipPhone.start({ numbers: ['13900005555'], tone: TONES.customer });
  const ring: number[] = [];
  const agentAudio: number[] = [];
  const phoneAudio: number[] = [];
  try {
    for (let n = 0; n < CALLS; n++) {
      const seen = new Set((await callsOf(agent)).map((c) => c.id));
      const queries = rig.routeQueries.length;
      const recordings = await phone.heardFile();
      // baresip names recordings by the second: the next call must start in a new second.
      await new Promise((d) => setTimeout(d, 1100));
      await phone.dial(`sip:${DID}@${rig.stack!.trunkUri!.slice('sip:'.length)}`);
      const ringing = await until(async () => (await callsOf(agent)).find((c) => !seen.has(c.id) && c.state === 'ringing'), 'the agent ringing');
      const query = rig.routeQueries.slice(queries).find((q) => q.callId === ringing.sipCallId);
      if (!query) throw new Error('trunk bench: Kamailio did not ask the hub for this call');
      ring.push(ringing.startedAt - query.at);
      const answeredAt = await answerAndWatch(agent, ringing.id);
      await until(async () => ((await phone.heardFile()) !== recordings ? true : undefined), 'a new recording at the phone');
      const heard = await toneHeardAt(phone);
      phoneAudio.push(heard - answeredAt);
      agentAudio.push((await until(() => firstAudioAt(agent), 'first audio at the agent')) - answeredAt);
      await phone.hangup();
      await until(async () => ((await callsOf(agent)).find((c) => c.id === ringing.id)?.state === 'ended' ? true : undefined), 'hang-up');
    }
  } finally {
    await phone.stop();
  }
  return { ring, agentAudio, phoneAudio };
}

async function webrtcLatencies(rig: SipRig, browser: Browser, agent: Page): Promise<{ ring: number[]; agentAudio: number[] }> {
  const customer = await phonePage(browser, rig, 'customer-1');
  const ring: number[] = [];
  const agentAudio: number[] = [];
  try {
    for (let n = 0; n < CALLS; n++) {
      const seen = new Set((await callsOf(agent)).map((c) => c.id));
      const queries = rig.routeQueries.length;
      const customerCall = await customer.evaluate(() => window.phone.call('8000'));
      const ringing = await until(async () => (await callsOf(agent)).find((c) => !seen.has(c.id) && c.state === 'ringing'), 'the agent ringing');
      const query = rig.routeQueries.slice(queries).find((q) => q.callId === ringing.sipCallId);
      if (!query) throw new Error('trunk bench: Kamailio did not ask the hub for this call');
      ring.push(ringing.startedAt - query.at);
      const answeredAt = await answerAndWatch(agent, ringing.id);
      agentAudio.push((await until(() => firstAudioAt(agent), 'first audio at the agent')) - answeredAt);
      await customer.evaluate((id) => window.phone.hangup(id), customerCall);
      await until(async () => ((await callsOf(agent)).find((c) => c.id === ringing.id)?.state === 'ended' ? true : undefined), 'hang-up');
    }
  } finally {
    await customer.close();
  }
  return { ring, agentAudio };
}

async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function rtpengineCpuPerCall(pid: number, calls: number): Promise<number> {
  const start = await cpuSeconds(pid);
  // /proc counts in 10 ms ticks: ten seconds keep one call's share above the rounding.
  await new Promise((d) => setTimeout(d, 10_000));
  return ((await cpuSeconds(pid)) - start) / 10 / calls;
}

/** `count` phones call at once, each to its own agent page; every phone must hear its agent. */
async function concurrentCalls(
  rig: SipRig,
  browser: Browser,
  count: number,
): Promise<{ cpuPerCall: number; up: number; heard: number; failure: string | null; stop(): Promise<void> }> {
  const agents: Page[] = [];
  const phones: BaresipPhone[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(phones.map((p) => p.hangup().catch(() => undefined)));
    await Promise.all(phones.map((p) => p.stop()));
    await Promise.all(agents.map((a) => a.close()));
  };
  // A call that cannot be set up (on a saturated host the routing answer can miss Kamailio's 2 s
  // timeout: 503) ends the ramp; the calls already up are still measured, and the figure says so.
  let failure: string | null = null;
  try {
    for (let i = 0; i < count && failure === null; i++) {
      const agent = await phonePage(browser, rig, `agent-c${i}`);
      agents.push(agent);
      await sendOscillator(agent, TONES.agent);
      const phone = await BaresipPhone.start({ numbers: [`1390000${String(6000 + i)}`], tone: TONES.customer, narrowband: true });
      phones.push(phone);
      rig.routeTo = { action: 'agent', sipUser: `agent-c${i}` };
      await phone.dial(`sip:${DID}@${rig.stack!.trunkUri!.slice('sip:'.length)}`);
      const ringing = await until(async () => (await callsOf(agent)).find((c) => c.state === 'ringing'), `agent ${i} ringing`).catch(() => undefined);
      if (!ringing) {
        failure = `call ${i + 1} not set up: ${phone.events.map((e) => `${e.type} ${e.param ?? ''}`.trim()).join(', ')}`;
        process.stdout.write(`  ${failure}\n`);
        break;
      }
      await agent.evaluate((id) => window.phone.answer(id), ringing.id);
      await phone.waitForEvent('CALL_ESTABLISHED', `call ${i} up`);
    }
    const up = failure === null ? phones.length : phones.length - 1;
    let heard = 0;
    for (const phone of phones) {
      const ok = await until(
        async () => {
          const levels = await phone.levels([TONES.agent, TONES.customer]);
          return levels && levels[TONES.agent]! - levels[TONES.customer]! >= 20 ? true : undefined;
        },
        'a phone hearing its agent',
        20_000,
        200,
      ).catch(() => false);
      if (ok) heard++;
    }
    const cpuPerCall = await rtpengineCpuPerCall(rig.stack!.rtpengine.pid, Math.max(1, up));
    return { cpuPerCall, up, heard, failure, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export async function runTrunkBench(): Promise<BenchRow[]> {
  const [dir, tones] = await Promise.all([harnessDir(), makeToneFiles()]);
  // TRUNK_BENCH_KLOG=FILE keeps Kamailio's log of the run (why a call was not set up).
  const rig = await startSipRig(dir, { trunk: { allow: ['127.0.0.1/32'] }, ...(process.env.TRUNK_BENCH_KLOG ? { logFile: process.env.TRUNK_BENCH_KLOG } : {}) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs(tones.file(TONES.agent)) });
  const rows: BenchRow[] = [];
  const percent = (fraction: number): number => Math.round(fraction * 1000) / 10;
  const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
  try {
    const agent = await phonePage(browser, rig, 'agent-1');
    rig.routeTo = { action: 'agent', sipUser: 'agent-1' };
    process.stdout.write(`  ${CALLS} WebRTC ⇄ WebRTC calls…\n`);
    const web = await webrtcLatencies(rig, browser, agent);
    process.stdout.write(`  ${CALLS} trunk calls (baresip → rtpengine → sip.js)…\n`);
    const trunk = await trunkLatencies(rig, agent);
    await agent.close();
    for (const p of [50, 95]) {
      const base = percentile(web.ring, p);
      rows.push({ name: `trunk: INVITE at Kamailio → agent ringing, p${p} (${CALLS} calls)`, value: percentile(trunk.ring, p), unit: 'ms', baseline: `WebRTC ⇄ WebRTC: ${base} ms (${ratio(percentile(trunk.ring, p), base)})` });
    }
    for (const p of [50, 95]) {
      const base = percentile(web.agentAudio, p);
      rows.push({ name: `trunk: answer → first audio packet at the agent, p${p}`, value: percentile(trunk.agentAudio, p), unit: 'ms', baseline: `WebRTC ⇄ WebRTC: ${base} ms (${ratio(percentile(trunk.agentAudio, p), base)})` });
    }
    for (const p of [50, 95]) {
      rows.push({ name: `trunk: answer → agent's tone in the phone's recording, p${p}`, value: percentile(trunk.phoneAudio, p), unit: 'ms', baseline: `first packet at the agent: ${percentile(trunk.agentAudio, p)} ms` });
    }
    process.stdout.write('  rtpengine CPU with one call…\n');
    const one = await concurrentCalls(rig, browser, 1);
    await one.stop();
    process.stdout.write(`  ${CONCURRENT} concurrent trunk calls…\n`);
    const many = await concurrentCalls(rig, browser, CONCURRENT);
    await many.stop();
    rows.push({ name: `trunk: ${CONCURRENT} concurrent calls, phones hearing their agent`, value: many.heard, unit: `of ${CONCURRENT}`, baseline: many.failure ?? `${many.up} calls set up` });
    rows.push({
      name: `trunk: rtpengine CPU per call with ${many.up} up`,
      value: percent(many.cpuPerCall),
      unit: '% of a core',
      baseline: `one call: ${percent(one.cpuPerCall)} % (${ratio(many.cpuPerCall, one.cpuPerCall)})`,
    });
  } finally {
    await browser.close().catch(() => undefined);
    await rig.stop();
    await rm(tones.dir, { recursive: true, force: true });
  }
  return rows;
}
