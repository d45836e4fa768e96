/**
 * `npm run tour`: the README's screenshots, taken from the running app so they stay true. Starts
 * the browser shell on a fresh demo (its Kamailio included, no demo traffic so the pictures are
 * calm), a second web host for the supervisor, and a shop page with the chat widget, then writes
 * docs/tour/*.png. Needs a build (`npm run build`) and Debian's Chromium.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromiumArgs } from '../../playwright.config';
import { startShopPage } from '../e2e/support/shop-page';
import { chooseAgentState } from '../e2e/support/desk.js';

const out = 'docs/tour';
const size = { width: 1440, height: 900 };

function startWebHost(args: string[]): Promise<{ child: ChildProcess; openUrl: string; hubUrl: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/web-host/cli.ts', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the web host exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const ready = JSON.parse(line) as { url: string; hubUrl: string };
      child.removeAllListeners('exit');
      resolve({ child, openUrl: ready.url, hubUrl: ready.hubUrl });
    });
  });
}

const stopped = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('switchboard');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('agent-name').waitFor();
}

async function shoot(page: Page, name: string): Promise<void> {
  // Let the last frame settle (countdowns, fonts) before the picture.
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, `${name}.png`) });
  process.stdout.write(`${out}/${name}.png\n`);
}

mkdirSync(out, { recursive: true });
const agentHost = await startWebHost(['--data-dir', mkdtempSync(join(tmpdir(), 'switchboard-tour-')), '--no-demo-traffic']);
const supervisorHost = await startWebHost(['--data-dir', mkdtempSync(join(tmpdir(), 'switchboard-tour-sam-')), '--hub-url', agentHost.hubUrl]);
const shop = await startShopPage(agentHost.hubUrl, 'zh-CN');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [...chromiumArgs, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
});
try {
  const agent = await (await browser.newContext({ locale: 'en-US', viewport: size })).newPage();
  await signIn(agent, agentHost.openUrl, 'alice');
  await agent.getByTestId('phone-registration').and(agent.locator('[data-registration="registered"]')).waitFor({ timeout: 30_000 }).catch(() => undefined);
  await shoot(agent, 'inbox');

  await agent.getByTestId('inbox-row').filter({ hasText: '张伟' }).click();
  await agent.getByTestId('history-summary').waitFor();
  await shoot(agent, 'conversation-360');

  const dialpad = agent.getByTestId('toggle-dialpad');
  if (await dialpad.isVisible()) {
    await dialpad.click();
    await shoot(agent, 'phone');
  } else process.stderr.write('no phone picture: Kamailio is not installed here\n');

  const sam = await (await browser.newContext({ locale: 'en-US', viewport: size })).newPage();
  await signIn(sam, supervisorHost.openUrl, 'sam');
  await chooseAgentState(sam, 'away:break');
  await sam.getByTestId('open-supervisor').click();
  await sam.getByTestId('alert-feed').waitFor();
  await shoot(sam, 'supervisor');

  const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await visitor.goto(shop.url);
  await visitor.locator('#switchboard-widget button[aria-controls="panel"]').click();
  await visitor.frameLocator('#switchboard-widget iframe').getByTestId('widget-prechat').waitFor();
  await shoot(visitor, 'widget');
} finally {
  await browser.close();
  await shop.close();
  await stopped(supervisorHost.child);
  await stopped(agentHost.child);
}
