/**
 * An agent at the real app: the workspace UI in Chromium (own fake-microphone tone) and the
 * phone page it opens at sign-in. The phone page's remote audio is measured by a test-only
 * init script that notes every stream WebRTC delivers; the product exposes nothing for tests.
 */
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chooseAgentState } from './desk.js';
import { chromiumArgs, HEARD_MARGIN_DB, type Adapter } from './sip-party.js';
import { ALL_TONES } from './sip-tones.js';

declare global {
  interface Window {
    __phoneTest?: {
      /** The newest live stream WebRTC delivered to this page. */
      levels(frequencies: number[]): Promise<Record<string, number> | null>;
      /** What the page plays out loud: every unmuted, playing element's stream, loudest per frequency. */
      played(frequencies: number[]): Promise<Record<string, number> | null>;
      streams(): number;
    };
  }
}

/**
 * Runs in the phone page once it has loaded, before any call. Notes every remote stream and every
 * media element given a stream, so a test can measure what arrives and what the person hears.
 */
function installRemoteAudioMeter(): void {
  if (!location.search.includes('window=phone')) return;
  const streams: MediaStream[] = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      this.addEventListener('track', (event) => streams.push(event.streams[0] ?? new MediaStream([event.track])));
    }
  };
  const players = new Set<HTMLMediaElement>();
  const srcObject = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject')!;
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    ...srcObject,
    set(this: HTMLMediaElement, value: MediaProvider | null) {
      players.add(this);
      srcObject.set!.call(this, value);
    },
  });
  const live = (stream: MediaStream): boolean => stream.getAudioTracks().some((t) => t.readyState === 'live');
  let context: AudioContext | null = null;
  const analysers = new WeakMap<MediaStream, AnalyserNode>();
  async function measure(stream: MediaStream, frequencies: number[]): Promise<Record<string, number>> {
    context ??= new AudioContext();
    await context.resume();
    let analyser = analysers.get(stream);
    if (!analyser) {
      analyser = context.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      context.createMediaStreamSource(stream).connect(analyser);
      analysers.set(stream, analyser);
      // Chromium feeds WebAudio silence from a remote track unless an element plays it too.
      const sink = document.createElement('audio');
      sink.muted = true;
      sink.srcObject = stream;
      void sink.play().catch(() => undefined);
      document.body.append(sink);
    }
    const bins = new Float32Array(analyser.frequencyBinCount);
    const binHz = context.sampleRate / analyser.fftSize;
    const sums = frequencies.map(() => 0);
    for (let frame = 0; frame < 8; frame++) {
      await new Promise((r) => setTimeout(r, 50));
      analyser.getFloatFrequencyData(bins);
      frequencies.forEach((hz, i) => {
        const centre = Math.round(hz / binHz);
        let peak = -200;
        for (let b = centre - 3; b <= centre + 3; b++) if (Number.isFinite(bins[b])) peak = Math.max(peak, bins[b]!);
        sums[i]! += peak;
      });
    }
    return Object.fromEntries(frequencies.map((hz, i) => [String(hz), sums[i]! / 8]));
  }
  window.__phoneTest = {
    streams: () => streams.length,
    async levels(frequencies) {
      const stream = [...streams].reverse().find(live);
      return stream ? measure(stream, frequencies) : null;
    },
    async played(frequencies) {
      const playing = [...players]
        .filter((p) => !p.muted && !p.paused && p.srcObject instanceof MediaStream && live(p.srcObject))
        .map((p) => p.srcObject as MediaStream);
      if (playing.length === 0) return null;
      const measured = await Promise.all([...new Set(playing)].map((stream) => measure(stream, frequencies)));
      return Object.fromEntries(frequencies.map((hz) => [String(hz), Math.max(...measured.map((m) => m[String(hz)] ?? -200))]));
    },
  };
}

export class AgentApp {
  private constructor(
    readonly browser: Browser,
    readonly context: BrowserContext,
    readonly ui: Page,
    private phonePage: Page | null,
  ) {}

  static async launch(toneFile: string): Promise<AgentApp> {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs(toneFile) });
    const context = await browser.newContext();
    const ui = await context.newPage();
    ui.on('pageerror', (error) => console.error('[ui] page error:', error));
    return new AgentApp(browser, context, ui, null);
  }

  get phone(): Page {
    if (!this.phonePage) throw new Error('the phone page is not open');
    return this.phonePage;
  }

  /** Signs in through the real form; the click opens the phone page, as it does for an agent. */
  async signIn(openUrl: string, username: string, adapter: Adapter, password = 'switchboard'): Promise<void> {
    await this.ui.goto(openUrl);
    await this.ui.evaluate((a) => localStorage.setItem('switchboard.prefs', JSON.stringify({ sipAdapter: a })), adapter);
    await this.ui.getByLabel(/username|用户名|使用者名稱/i).fill(username);
    await this.ui.getByLabel(/password|密码|密碼/i).fill(password);
    const popup = this.context.waitForEvent('page');
    await this.ui.getByRole('button', { name: /sign in|登录|登入/i }).click();
    this.phonePage = await popup;
    await this.phonePage.waitForLoadState();
    // Before any call: the meter notes the streams of every peer connection made from now on.
    await this.phonePage.evaluate(installRemoteAudioMeter);
    this.phonePage.on('pageerror', (error) => console.error('[phone page] page error:', error));
    // The phone service logs one JSON line per event; its warnings explain a failing test.
    this.phonePage.on('console', (message) => {
      if (/"level":"(warn|error)"/.test(message.text())) console.error('[phone page]', message.text());
    });
    await expect(this.ui.getByTestId('agent-name')).toBeVisible();
  }

  /** Sets the agent's state from the top bar and waits for the hub to confirm it. */
  async setState(state: 'available' | 'away:break'): Promise<void> {
    await chooseAgentState(this.ui, state);
    await expect(this.ui.getByTestId('agent-name')).toHaveAttribute('data-state', state.split(':')[0]!);
  }

  /** A signed-in agent in `state` whose phone is registered: ready to take (or, away, not take) calls. */
  static async ready(toneFile: string, openUrl: string, username: string, adapter: Adapter, state: 'available' | 'away:break' = 'available'): Promise<AgentApp> {
    const app = await AgentApp.launch(toneFile);
    await app.signIn(openUrl, username, adapter);
    await app.setState(state);
    await app.expectRegistered();
    return app;
  }

  async expectRegistered(): Promise<void> {
    await expect(this.ui.getByTestId('phone-registration')).toHaveAttribute('data-registration', 'registered', { timeout: 30_000 });
  }

  /** The agent's phone hears `tone` 20 dB above every other party's tone. */
  async expectHearing(tone: number): Promise<void> {
    let last: Record<string, number> | null = null;
    await expect
      .poll(
        async () => {
          last = await this.phone.evaluate((f) => window.__phoneTest?.levels(f) ?? null, ALL_TONES);
          if (!last) return false;
          const others = ALL_TONES.filter((t) => t !== tone).map((t) => last![String(t)] ?? -200);
          return (last[String(tone)] ?? -200) - Math.max(...others) >= HEARD_MARGIN_DB;
        },
        { message: `the agent's phone should hear ${tone} Hz: ${JSON.stringify(last)} ${await this.phone.evaluate(() => `${location.href.split('#')[0]} meter=${typeof window.__phoneTest} streams=${window.__phoneTest?.streams()}`)}`, timeout: 15_000, intervals: [250] },
      )
      .toBe(true);
  }

  /** dB per frequency of what this person's phone plays out loud, or null while nothing plays. */
  played(frequencies: number[] = ALL_TONES): Promise<Record<string, number> | null> {
    return this.phone.evaluate((f) => window.__phoneTest?.played(f) ?? null, frequencies);
  }

  async close(): Promise<void> {
    // Signing out unregisters, so Kamailio keeps no stale contact for the next test.
    await this.ui
      .getByRole('button', { name: /sign out|log out|退出|登出/i })
      .click({ timeout: 3_000 })
      .catch(() => undefined);
    await this.phonePage?.waitForTimeout(500).catch(() => undefined);
    await this.browser.close().catch(() => undefined);
  }
}
