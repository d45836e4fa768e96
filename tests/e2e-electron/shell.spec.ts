import { expect, test } from '@playwright/test';
import { zhCN } from '../../src/main/i18n/zh-cn';
import { callShell, launchApp, mainWindow, openLinkWithSecondInstance, probe, signIn, type LaunchedApp } from './electron-app';
import { chooseAgentState } from '../e2e/support/desk';

let launched: LaunchedApp;
test.beforeEach(async () => {
  launched = await launchApp();
});
test.afterEach(async () => {
  await launched.app.close();
});

test('launches hardened, with a hidden phone window, and signs in @electron', async () => {
  const { app } = launched;
  const page = await mainWindow(app);
  const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => ({ url: w.webContents.getURL(), visible: w.isVisible() })));
  expect(windows).toHaveLength(2);
  expect(windows.find((w) => w.url.includes('window=phone'))?.visible).toBe(false);
  // Each page sees exactly one frozen bridge (contextBridge) and no Node: isolation, sandbox, no nodeIntegration.
  for (const p of app.windows()) {
    expect(
      await p.evaluate(() => {
        const w = window as unknown as { require?: unknown; process?: unknown; switchboard: object };
        return { require: typeof w.require, process: typeof w.process, bridge: Object.keys(w.switchboard).sort(), frozen: Object.isFrozen(w.switchboard) };
      }),
    ).toEqual({ require: 'undefined', process: 'undefined', bridge: ['onMessage', 'send'], frozen: true });
  }
  await signIn(page);
});

test('the tray shows the agent state and offers to change it @electron', async () => {
  const { app } = launched;
  const page = await mainWindow(app);
  await expect.poll(() => probe(app, (r) => r.tray?.icon)).toBe('signed_out');
  await signIn(page);
  // The UI's shell bridge tells main the sign-in, state and language (syncState); nothing calls it by hand.
  await chooseAgentState(page, 'busy');
  await expect.poll(() => probe(app, (r) => r.tray?.icon)).toBe('busy');
  await page.getByTestId('language').selectOption('zh-CN');
  await expect.poll(() => probe(app, (r) => r.tray?.tooltip)).toBe(`Switchboard — ${zhCN['state.busy']}`);
  const states = await probe(app, (r) => r.tray?.entries.flatMap((e) => (e.type === 'submenu' ? e.entries.map((x) => (x.type === 'radio' ? `${x.label}:${x.checked}` : '')) : [])));
  expect(states).toContain(`${zhCN['state.busy']}:true`);
  expect(states).toContain(`${zhCN['state.available']}:false`);
});

test('clicking a notification brings the contact to the front @electron', async () => {
  const { app } = launched;
  const page = await mainWindow(app);
  await signIn(page);
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((w) => w.minimize()));
  const shown = await callShell(page, 'notify', { kind: 'offer', subject: 'Li Lei', preview: 'Where is my parcel?', conversationId: 'conv-1', offerId: 'offer-1' });
  expect(shown).toEqual({ ok: true, value: { shown: true } });
  await expect.poll(() => probe(app, (r) => r.notifications.map((n) => n.title))).toContain('New contact: Li Lei');
  await probe(app, (r) => r.notifications.find((n) => n.title === 'New contact: Li Lei')!.click());
  await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((w) => w.isVisible() && !w.isMinimized()))).toBe(true);
});

test('a tel: link opened by the OS dials, a malformed one is refused @electron', async () => {
  const { app } = launched;
  const page = await mainWindow(app);
  // The OS starts a second copy with the link; it hands the link to the first and exits.
  expect(await openLinkWithSecondInstance(launched, 'tel:+1-201-555-0123')).toBe(0);
  await expect.poll(() => probe(app, (r) => r.dials.map((d) => (d.target.kind === 'tel' ? d.target.number : d.target.uri)))).toEqual(['+12015550123']);
  expect(await openLinkWithSecondInstance(launched, 'tel:call-me-maybe')).toBe(0);
  await expect.poll(() => probe(app, (r) => r.refused)).toEqual(['bad_number']);
  await expect.poll(() => probe(app, (r) => r.notifications.map((n) => n.title))).toContain('Link not dialled');
  // The UI's shell bridge shows the refusal in the error bar, in the UI's language.
  await expect(page.getByTestId('error-bar')).toContainText('does not contain a valid phone number; nothing was dialled');
  expect(await probe(app, (r) => r.dials.length)).toBe(1);
});
