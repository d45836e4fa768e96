/**
 * One party of a call: its own Chromium process (so it has its own fake
 * microphone tone) running the phone harness, driven through window.phone.
 */
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import type {} from '../../harness/pages/phone/harness-api.js';
import type { CallOptions, CallSnapshot, EngineConfigInput } from '../../../src/renderer/phone/sip-engine.js';
import { ALL_TONES } from './sip-tones.js';
import type { SipRig } from './sip-rig.js';

export type Adapter = 'sipjs' | 'jssip';

export interface LaunchOptions {
  /** wss:// against the rig's self-signed certificate: Chromium must accept it. */
  acceptSelfSignedCert?: boolean;
}

export function chromiumArgs(toneFile: string, options: LaunchOptions = {}): string[] {
  return [
    ...(options.acceptSelfSignedCert ? ['--ignore-certificate-errors'] : []),
    '--no-sandbox',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${toneFile}`,
    '--autoplay-policy=no-user-gesture-required',
    // rtpengine on loopback offers only 127.0.0.1 candidates, which Chromium ignores without this.
    '--allow-loopback-in-peer-connection',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

/** A tone is "heard" when it stands this far above the other parties' tones. */
export const HEARD_MARGIN_DB = 20;
/** Below this, a tone has stopped (the fake microphone's tones play near -10 dB). */
export const SILENCE_DB = -70;

/** What a party needs from its world: the harness page and credentials for its SIP user. */
export type PartyRig = Pick<SipRig, 'harnessUrl' | 'credentials'>;

export class Party {
  private constructor(
    readonly name: string,
    readonly sipUser: string,
    readonly tone: number,
    readonly browser: Browser,
    readonly page: Page,
    private readonly rig: PartyRig,
    readonly adapter: Adapter,
    private readonly secure: boolean,
  ) {}

  static async launch(
    rig: PartyRig,
    adapter: Adapter,
    sipUser: string,
    tone: number,
    toneFile: string,
    options: LaunchOptions = {},
  ): Promise<Party> {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs(toneFile, options),
    });
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`[${sipUser}] page error:`, error));
    await page.goto(`${rig.harnessUrl}?adapter=${adapter}`);
    await page.waitForFunction(() => typeof window.phone === 'object');
    return new Party(sipUser, sipUser, tone, browser, page, rig, adapter, options.acceptSelfSignedCert ?? false);
  }

  /** The only proxy URL this party's engine was given (ws:// or wss://). */
  wsUrl = '';

  async register(overrides: Partial<EngineConfigInput> = {}): Promise<void> {
    const config: EngineConfigInput = { ...this.rig.credentials(this.sipUser, this.secure), ...overrides };
    this.wsUrl = config.wsUrl;
    await this.page.evaluate((c) => window.phone.register(c), config);
  }

  calls(): Promise<CallSnapshot[]> {
    return this.page.evaluate(() => window.phone.getCalls());
  }

  async waitForCall(predicate: (call: CallSnapshot) => boolean, what: string, timeout = 15_000): Promise<CallSnapshot> {
    let found: CallSnapshot | undefined;
    await expect
      .poll(
        async () => {
          found = (await this.calls()).find(predicate);
          return found !== undefined;
        },
        { message: `${this.name}: ${what}`, timeout },
      )
      .toBe(true);
    if (!found) throw new Error(`${this.name}: ${what}`);
    return found;
  }

  waitForRinging(): Promise<CallSnapshot> {
    return this.waitForCall((c) => c.direction === 'inbound' && c.state === 'ringing', 'an inbound call rings');
  }

  async waitForState(callId: string, state: CallSnapshot['state']): Promise<CallSnapshot> {
    return this.waitForCall((c) => c.id === callId && c.state === state, `call ${callId} becomes ${state}`);
  }

  call(target: string, options?: CallOptions): Promise<string> {
    return this.page.evaluate(([t, o]) => window.phone.call(t, o), [target, options] as const);
  }

  async run<K extends 'answer' | 'reject' | 'hangup' | 'hold' | 'resume' | 'mute' | 'unmute'>(
    method: K,
    callId: string,
  ): Promise<void> {
    await this.page.evaluate(([m, id]) => window.phone[m](id), [method, callId] as const);
  }

  sendDtmf(callId: string, digits: string): Promise<string> {
    return this.page.evaluate(([id, d]) => window.phone.sendDtmf(id, d), [callId, digits] as const);
  }

  dtmfReceived(): Promise<string> {
    return this.page.evaluate(() => window.harness.dtmfReceived());
  }

  levels(callId: string): Promise<Record<string, number> | null> {
    return this.page.evaluate(([id, tones]) => window.harness.levels(id, tones), [callId, ALL_TONES] as const);
  }

  /**
   * Waits until, on callId, every `present` tone stands HEARD_MARGIN_DB above
   * every `absent` tone. With no present tones, waits for the absent ones to
   * fall to silence (below SILENCE_DB).
   */
  async expectTones(callId: string, present: number[], absent: number[], timeout = 12_000): Promise<void> {
    let last: Record<string, number> | null = null;
    const level = (hz: number): number => last?.[String(hz)] ?? -200;
    await expect
      .poll(
        async () => {
          last = await this.levels(callId);
          if (!last) return false;
          if (present.length === 0) return absent.every((hz) => level(hz) < SILENCE_DB);
          return Math.min(...present.map(level)) - Math.max(...absent.map(level)) >= HEARD_MARGIN_DB;
        },
        {
          message: `${this.name} on ${callId} should hear [${present.join(',')}] over [${absent.join(',')}]: ${JSON.stringify(last)}`,
          timeout,
          intervals: [250],
        },
      )
      .toBe(true);
  }

  /** The one tone `tone` is heard and the other parties' tones are not. */
  expectHearing(callId: string, tone: number, timeout?: number): Promise<void> {
    return this.expectTones(callId, [tone], ALL_TONES.filter((t) => t !== tone), timeout);
  }

  expectSilence(callId: string, tone: number, timeout?: number): Promise<void> {
    return this.expectTones(callId, [], [tone], timeout);
  }

  async close(): Promise<void> {
    await this.page
      .evaluate(() => Promise.race([window.phone.dispose(), new Promise((r) => setTimeout(r, 4000))]))
      .catch(() => undefined);
    await this.browser.close().catch(() => undefined);
  }
}
