/**
 * Voice agitation from real call audio in Chromium: the customer's synthetic voice crosses a
 * real WebRTC connection on loopback, and the monitor reads it (and the agent's microphone)
 * through WebAudio, as the phone engine does during a call. A calm customer scores near 0;
 * the same customer loud, erratic and talked over scores clearly negative; calm again recovers.
 * Assertions are on direction and ordering, never on timings.
 */
import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import sirv from 'sirv';
import { buildHarnessPage } from '../harness/pages/build-harness-page';
import { chromiumArgs } from '../../playwright.config';
import type { HarnessReading } from '../harness/pages/voice-agitation/harness';

let server: Server | undefined;
let url: string;

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...chromiumArgs, '--autoplay-policy=no-user-gesture-required'] } });

test.beforeAll(async () => {
  const outDir = await buildHarnessPage('voice-agitation');
  server = createServer(sirv(outDir, { dev: true }));
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/index.html`;
});

test.afterAll(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

/** Whole windows of one mood (not the one straddling a switch), waiting until there are `count`. */
async function settledReadings(page: Page, mood: HarnessReading['mood'], count: number, after = 0): Promise<HarnessReading[]> {
  const pick = async (): Promise<HarnessReading[]> =>
    (await page.evaluate(() => window.voiceHarness!.readings())).slice(after).filter((r) => r.mood === mood && !r.mixed);
  await expect.poll(async () => (await pick()).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(count);
  return pick();
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

test('a calm caller scores near 0, an agitated one talked over clearly negative, over real WebRTC @sentiment @softphone', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(url);
  await expect(page.locator('#status')).toHaveText('ready');
  await page.evaluate(() => window.voiceHarness!.setup(1500));
  await expect.poll(() => page.evaluate(() => window.voiceHarness!.connectionStates())).toEqual(['connected', 'connected']);

  const calm = await settledReadings(page, 'calm', 4);
  for (const reading of calm) {
    expect(reading.score).toBeGreaterThan(-0.15);
    expect(reading.features.talkOver).toBeLessThan(0.1);
    expect(reading.features.customer.activeRatio).toBeGreaterThan(0.5);
  }

  const before = (await page.evaluate(() => window.voiceHarness!.readings())).length;
  await page.evaluate(() => window.voiceHarness!.setMood('agitated'));
  const agitated = await settledReadings(page, 'agitated', 3, before);
  for (const reading of agitated) {
    expect(reading.score).toBeLessThan(-0.5);
    // Both sides speaking at once is what talk-over means; the agent's own voice is measured too.
    expect(reading.features.talkOver).toBeGreaterThan(0.5);
    expect(reading.features.agent.activeRatio).toBeGreaterThan(0.5);
  }
  expect(mean(agitated.map((r) => r.features.customer.loudnessDb))).toBeGreaterThan(mean(calm.map((r) => r.features.customer.loudnessDb)) + 10);
  expect(mean(agitated.map((r) => r.features.customer.pitchSpreadSemitones))).toBeGreaterThan(mean(calm.map((r) => r.features.customer.pitchSpreadSemitones)) + 2);
  expect(mean(agitated.map((r) => r.features.customer.speakingRate))).toBeGreaterThan(mean(calm.map((r) => r.features.customer.speakingRate)));
  expect(mean(calm.map((r) => r.score))).toBeGreaterThan(mean(agitated.map((r) => r.score)) + 0.4);

  // The outburst did not become the caller's new normal: calming down scores calm again.
  const beforeCalm = (await page.evaluate(() => window.voiceHarness!.readings())).length;
  await page.evaluate(() => window.voiceHarness!.setMood('calm'));
  const calmAgain = await settledReadings(page, 'calm', 2, beforeCalm);
  expect(Math.min(...calmAgain.map((r) => r.score))).toBeGreaterThan(-0.15);

  // Stopping releases the muted element that let WebAudio hear the remote stream, and scoring ends.
  await page.evaluate(() => window.voiceHarness!.stop());
  expect(await page.evaluate(() => window.voiceHarness!.audioElements())).toBe(0);
  const stoppedAt = (await page.evaluate(() => window.voiceHarness!.readings())).length;
  await page.waitForTimeout(3_500);
  expect((await page.evaluate(() => window.voiceHarness!.readings())).length).toBe(stoppedAt);
});
