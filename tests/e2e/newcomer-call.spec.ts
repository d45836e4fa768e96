/**
 * "Call us" out of the box (@newcomer): `npm run start:web` with its demo phone (Kamailio and, where
 * installed, rtpengine beside the embedded hub), the agent signed in (which registers her phone),
 * and a website visitor in a second Chromium who calls from the widget. Tones: visitor 440 Hz,
 * agent 1000 Hz; each side must hear the other's tone well above its own.
 */
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { buildWidgetCall } from '../../scripts/build-widget-call';
import { signIn } from './support/agent-page';
import { AgentApp } from './support/agent-app';
import { chromiumArgs, HEARD_MARGIN_DB } from './support/sip-party';
import { makeToneFiles, TONES } from './support/sip-tones';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { startWidgetChat } from './support/widget-pre-chat';
import { expectNoSeriousA11yViolations } from './support/workspace-axe';

/** dB at each tone of what the widget page plays from the call, or null before the call's audio plays. */
function callAudioLevels(page: Page, tones: number[]): Promise<Record<string, number> | null> {
  return page.evaluate(async (frequencies) => {
    const audio = document.getElementById('call-audio') as HTMLAudioElement | null;
    const stream = audio?.srcObject;
    if (!(stream instanceof MediaStream) || !stream.getAudioTracks().some((t) => t.readyState === 'live')) return null;
    const meter = window as unknown as { __meter?: { context: AudioContext; analyser: AnalyserNode; stream: MediaStream } };
    if (meter.__meter?.stream !== stream) {
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      context.createMediaStreamSource(stream).connect(analyser);
      meter.__meter = { context, analyser, stream };
    }
    const { context, analyser } = meter.__meter;
    await context.resume();
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
  }, tones);
}

test.describe('"Call us" from the widget @newcomer', () => {
  let host: WebHostProcess;
  let tones: Awaited<ReturnType<typeof makeToneFiles>>;
  const closers: Array<() => Promise<void>> = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    tones = await makeToneFiles();
    // The widget's call client is part of `npm run build`; specs build what they serve.
    await buildWidgetCall();
    host = await startWebHostProcess({ phone: true });
  });
  test.afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  test.afterAll(async () => {
    await host?.stop();
  });

  /** The visitor's own browser, its fake microphone playing the visitor's tone. */
  async function visitorContext(): Promise<BrowserContext> {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs(tones.file(TONES.customer)) });
    closers.push(() => browser.close());
    return browser.newContext();
  }

  test('a visitor calls from the widget; the agent\'s phone rings with that visitor, she answers, and each hears the other', async () => {
    test.setTimeout(180_000);
    // Signing in registers the phone with the demo's own Kamailio.
    const agent = await AgentApp.ready(tones.file(TONES.agent), host.openUrl, 'alice', 'sipjs');
    closers.push(() => agent.close());

    const visitor = await visitorContext();
    // The widget on a page in Traditional Chinese speaks it, the call included.
    const zh = await visitor.newPage();
    await zh.goto(`${host.hubUrl}/widget?lang=zh-TW`);
    await startWidgetChat(zh, { name: 'Mei Lin', contact: 'mei.lin@example.com' });
    await expect(zh.getByRole('button', { name: '電話聯絡' })).toBeVisible();
    await zh.close();

    const page = await visitor.newPage();
    await page.goto(`${host.hubUrl}/widget?lang=en`);
    await startWidgetChat(page, { name: 'Mei Lin', contact: 'mei.lin@example.com' });
    const call = page.getByRole('button', { name: 'Call us' });
    await expect(call).toBeVisible();
    // From the keyboard, as any control.
    await call.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('widget-call-status')).toHaveText('Calling… an agent will answer shortly.');
    await expect(page.getByTestId('widget-hang-up')).toBeFocused();

    // It rings as that visitor: their name, from their customer record.
    const ringing = agent.ui.getByTestId('incoming-call');
    await expect(ringing).toContainText('Mei Lin', { timeout: 30_000 });
    await ringing.getByTestId('call-accept').click();

    await expect(page.getByTestId('widget-call-status')).toHaveText('On a call with us', { timeout: 20_000 });
    const card = agent.ui.getByTestId('call-card');
    await expect(card).toHaveAttribute('data-call-state', 'active');
    await agent.expectHearing(TONES.customer);
    let heard: Record<string, number> | null = null;
    await expect
      .poll(
        async () => {
          heard = await callAudioLevels(page, [TONES.customer, TONES.agent]);
          return heard !== null && (heard[String(TONES.agent)] ?? -200) - (heard[String(TONES.customer)] ?? -200) >= HEARD_MARGIN_DB;
        },
        { message: `the visitor should hear the agent's ${TONES.agent} Hz: ${JSON.stringify(heard)}`, timeout: 15_000, intervals: [250] },
      )
      .toBe(true);

    // The call is the visitor's voice conversation, opened beside it, with the name they gave the chat.
    await expect(card.getByTestId('call-conversation')).toBeVisible();
    await expect(agent.ui.getByTestId('inbox-row').filter({ has: agent.ui.locator('.channel-voice') }).filter({ hasText: 'Mei Lin' }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'widget during a call');

    await page.getByTestId('widget-hang-up').click();
    await expect(page.getByTestId('widget-call-status')).toHaveText('The call has ended.');
    await expect(call).toBeFocused();
    await expect(agent.ui.getByTestId('call-card').filter({ has: agent.ui.locator('[data-call-state="active"]') })).toHaveCount(0);

  });
});

test('where Kamailio is not installed, start:web runs without a phone: the top bar says what to install, the widget offers no call @newcomer', async ({ browser }) => {
  test.setTimeout(120_000);
  const absent = await startWebHostProcess({ phone: true, env: { KAMAILIO_BIN: '/nonexistent/kamailio' } });
  try {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await signIn(page, absent.openUrl, 'alice');
    await page.getByTestId('language').selectOption('en');
    await expect(page.getByTestId('phone-registration')).toHaveText('No phone');
    await expect(page.getByTestId('open-phone')).toHaveCount(0);
    await expect(page.getByTestId('toggle-dialpad')).toHaveCount(0);
    await page.getByRole('button', { name: 'Why is there no phone?' }).click();
    await expect(page.getByTestId('phone-hint')).toContainText('apt-get install kamailio kamailio-websocket-modules');
    await page.getByTestId('language').selectOption('zh-CN');
    await expect(page.getByTestId('phone-hint')).toContainText('安装 Kamailio');

    const widget = await page.context().newPage();
    await widget.goto(`${absent.hubUrl}/widget?lang=en`);
    await startWidgetChat(widget);
    await expect(widget.getByRole('button', { name: 'Call us' })).toHaveCount(0);
  } finally {
    await absent.stop();
  }
});
