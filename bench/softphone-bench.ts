import { rm } from 'node:fs/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import { Registerer, RegistererState, UserAgent } from 'sip.js';
import WebSocket from 'ws';
import type {} from '../tests/harness/pages/phone/harness-api.js';
import type { CallSnapshot } from '../src/renderer/phone/sip-engine.js';
import { chromiumArgs, type Adapter } from '../tests/e2e/support/sip-party.js';
import { startSipRig, type SipRig } from '../tests/e2e/support/sip-rig.js';
import { harnessDir } from '../tests/e2e/support/sip-suite.js';
import { makeToneFiles, TONES } from '../tests/e2e/support/sip-tones.js';
import { firstAudioAt, watchFirstAudio } from './support/first-audio.js';

/**
 * The softphone against a real Kamailio (the e2e rig: real Kamailio, the hub's real /sip routes and
 * credential minting) with Debian's Chromium per party:
 *  - ring latency: from Kamailio asking the hub where a queue call goes (the hub's receipt of
 *    GET /sip/route for the authenticated INVITE) to the callee's engine reporting the call ringing
 *    (CallSnapshot.startedAt, set as the engine emits it);
 *  - first audio: from the agent's answer() to the caller's first inbound-rtp packetsReceived > 0
 *    (getStats polled every 5 ms in the caller's page);
 *  - a registration storm: 200 sip.js user agents in Node (the `ws` package as their WebSocket),
 *    each REGISTERing with digest auth on hub-minted auth_ephemeral credentials, all at once; the
 *    baseline is 200 raw `ws` connections each answered one OPTIONS by the same Kamailio.
 * All parties are on one host, so both ends read the same clock.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
}

export const benchNotes =
  'Ring latency: the hub receiving Kamailio\'s GET /sip/route for the authenticated INVITE → the callee engine reporting `ringing`. ' +
  'First audio: the agent calling answer() → the caller\'s first `inbound-rtp` packetsReceived > 0 (getStats every 5 ms). ' +
  'Storm: sip.js user agents in Node over the `ws` package, digest auth with hub-minted auth_ephemeral credentials; baseline: raw `ws` connect + one OPTIONS each. ' +
  'Timings are informational: no test passes or fails on them.';

const CALLS = 20;
const STORM = 200;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`softphone bench: timed out waiting for ${what}`);
    await new Promise((d) => setTimeout(d, 20));
  }
}

interface BenchParty {
  browser: Browser;
  page: Page;
}

async function launchParty(rig: SipRig, adapter: Adapter, sipUser: string, toneFile: string): Promise<BenchParty> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs(toneFile) });
  const page = await browser.newPage();
  await page.goto(`${rig.harnessUrl}?adapter=${adapter}`);
  await page.waitForFunction(() => typeof window.phone === 'object');
  await page.evaluate((c) => window.phone.register(c), rig.credentials(sipUser));
  return { browser, page };
}

const callsOf = (party: BenchParty): Promise<CallSnapshot[]> => party.page.evaluate(() => window.phone.getCalls());

/** Dials the queue and starts watching for the first received RTP packet in the caller's page. */
async function dialAndWatch(caller: BenchParty): Promise<string> {
  const id = await caller.page.evaluate(() => window.phone.call('8000'));
  await watchFirstAudio(caller.page, id);
  return id;
}

async function measureCalls(rig: SipRig, adapter: Adapter, toneFile: (hz: number) => string): Promise<{ ring: number[]; audio: number[] }> {
  const customer = await launchParty(rig, adapter, 'customer-1', toneFile(TONES.customer));
  const agent = await launchParty(rig, adapter, 'agent-1', toneFile(TONES.agent));
  rig.routeTo = { action: 'agent', sipUser: 'agent-1', conversationId: 'conv_bench' };
  const ring: number[] = [];
  const audio: number[] = [];
  try {
    for (let n = 0; n < CALLS; n++) {
      const queries = rig.routeQueries.length;
      const seen = new Set((await callsOf(agent)).map((c) => c.id));
      const customerCall = await dialAndWatch(customer);
      const ringing = await until(
        async () => (await callsOf(agent)).find((c) => !seen.has(c.id) && c.state === 'ringing'),
        'the agent ringing',
      );
      const query = rig.routeQueries.slice(queries).find((q) => q.callId === ringing.sipCallId);
      if (!query) throw new Error('softphone bench: Kamailio did not ask the hub for this call');
      ring.push(ringing.startedAt - query.at);

      const answeredAt = await agent.page.evaluate((id) => {
        const at = Date.now();
        void window.phone.answer(id);
        return at;
      }, ringing.id);
      const heardAt = await until(
        () => firstAudioAt(customer.page),
        'first audio at the caller',
      );
      audio.push(heardAt - answeredAt);

      await customer.page.evaluate((id) => window.phone.hangup(id), customerCall);
      await until(async () => ((await callsOf(agent)).find((c) => c.id === ringing.id)?.state === 'ended' ? true : undefined), 'hang-up');
    }
  } finally {
    for (const party of [customer, agent]) {
      await party.page.evaluate(() => Promise.race([window.phone.dispose(), new Promise((r) => setTimeout(r, 4000))])).catch(() => undefined);
      await party.browser.close().catch(() => undefined);
    }
  }
  return { ring, audio };
}

/** sip.js looks for a global WebSocket; Node 20 has none, so the `ws` package stands in. */
function installNodeWebSocket(): void {
  const g = globalThis as { WebSocket?: unknown };
  g.WebSocket ??= WebSocket;
}

async function registrationStorm(rig: SipRig): Promise<{ ms: number; failures: number; reasons: string[] }> {
  installNodeWebSocket();
  const agents = Array.from({ length: STORM }, (_, i) => `storm-${i}`);
  const uas: UserAgent[] = [];
  const reasons: string[] = [];
  const start = performance.now();
  const results = await Promise.all(
    agents.map(async (sipUser) => {
      const creds = rig.credentials(sipUser);
      const uri = UserAgent.makeURI(creds.uri);
      if (!uri) throw new Error(`bad uri ${creds.uri}`);
      const ua = new UserAgent({
        uri,
        authorizationUsername: creds.authorizationUsername,
        authorizationPassword: creds.password,
        transportOptions: { server: creds.wsUrl, connectionTimeout: 20 },
        logLevel: 'error',
        logBuiltinEnabled: false,
      });
      uas.push(ua);
      try {
        await ua.start();
        const registerer = new Registerer(ua, { expires: 300 });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no answer in 30 s')), 30_000);
          registerer.stateChange.addListener((state) => {
            if (state === RegistererState.Registered) {
              clearTimeout(timer);
              resolve();
            }
          });
          registerer
            .register({
              requestDelegate: {
                onReject: (response) => {
                  clearTimeout(timer);
                  reject(new Error(`${response.message.statusCode} ${response.message.reasonPhrase}`));
                },
              },
            })
            .catch(reject);
        });
        return true;
      } catch (error) {
        reasons.push(String(error));
        return false;
      }
    }),
  );
  const ms = performance.now() - start;
  await Promise.all(uas.map((ua) => ua.stop().catch(() => undefined)));
  return { ms, failures: results.filter((ok) => !ok).length, reasons };
}

/** The same number of WebSockets against the same Kamailio, each answered one OPTIONS, no SIP stack. */
async function rawWebSocketBaseline(rig: SipRig): Promise<number> {
  const start = performance.now();
  const sockets = await Promise.all(
    Array.from({ length: STORM }, (_, i) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(rig.kamailio.wsUrl, 'sip');
        ws.once('error', reject);
        ws.once('open', () => {
          ws.send(
            `OPTIONS sip:${rig.domain} SIP/2.0\r\nVia: SIP/2.0/WS b${i}.invalid;branch=z9hG4bK-bench-${i}\r\nMax-Forwards: 70\r\n` +
              `To: <sip:${rig.domain}>\r\nFrom: <sip:bench-${i}@${rig.domain}>;tag=t${i}\r\nCall-ID: bench-${i}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`,
          );
        });
        ws.once('message', () => resolve(ws));
      }),
    ),
  );
  const ms = performance.now() - start;
  for (const ws of sockets) ws.close();
  return ms;
}

export async function runSoftphoneBench(): Promise<BenchRow[]> {
  const [dir, tones] = await Promise.all([harnessDir(), makeToneFiles()]);
  const rig = await startSipRig(dir);
  const rows: BenchRow[] = [];
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  try {
    for (const adapter of ['sipjs', 'jssip'] as const) {
      process.stdout.write(`  ${adapter}: ${CALLS} routed calls…\n`);
      const { ring, audio } = await measureCalls(rig, adapter, (hz) => tones.file(hz));
      for (const p of [50, 95]) {
        rows.push({ name: `${adapter}: INVITE at Kamailio → ringing in the engine, p${p} (${CALLS} calls)`, value: percentile(ring, p), unit: 'ms' });
      }
      for (const p of [50, 95]) {
        rows.push({ name: `${adapter}: answer → first audio packet at the caller, p${p} (${CALLS} calls)`, value: percentile(audio, p), unit: 'ms' });
      }
    }
    process.stdout.write(`  registration storm: ${STORM} user agents…\n`);
    const baseline = await rawWebSocketBaseline(rig);
    const storm = await registrationStorm(rig);
    if (storm.reasons.length > 0) process.stdout.write(`  storm failures: ${[...new Set(storm.reasons)].join('; ')}\n`);
    rows.push({
      name: `registration storm: ${STORM} sip.js UAs, digest auth, until all registered`,
      value: round(storm.ms),
      unit: 'ms',
      baseline: `raw ws connect + OPTIONS ×${STORM}: ${round(baseline)} ms (${(storm.ms / baseline).toFixed(1)}× that)`,
    });
    rows.push({ name: `registration storm: failed registrations (of ${STORM})`, value: storm.failures, unit: 'count' });
    rows.push({ name: 'registration storm: throughput', value: round((STORM - storm.failures) / (storm.ms / 1000)), unit: 'REGISTER/s' });
  } finally {
    await rig.stop();
    await rm(tones.dir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
