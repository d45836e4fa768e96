import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { E2eRecord } from '../../src/main/e2e-probe';
import { findElectronBinary } from '../../scripts/electron-binary';

const root = resolve(import.meta.dirname, '../..');
const electronBinary = (): string => {
  const binary = findElectronBinary();
  if (!binary) throw new Error('the Electron binary is not installed (scripts/electron-check.ts runs these specs only where it is)');
  return binary;
};

export interface LaunchedApp {
  app: ElectronApplication;
  userData: string;
  args: string[];
  env: Record<string, string>;
}

/** Starts the built app with its own profile, the end-to-end probe on, and the embedded demo hub. */
export async function launchApp(extraArgs: string[] = []): Promise<LaunchedApp> {
  const userData = mkdtempSync(join(tmpdir(), 'sb-electron-'));
  const args = [root, `--user-data-dir=${userData}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...extraArgs];
  const inherited = Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== 'ELECTRON_RUN_AS_NODE');
  const env: Record<string, string> = { ...Object.fromEntries(inherited), SWITCHBOARD_E2E: '1', ELECTRON_ENABLE_LOGGING: '1' };
  // The path is given, so Playwright never requires the electron package (which would try to download).
  const app = await electron.launch({ executablePath: electronBinary(), args, env, timeout: 60_000 });
  return { app, userData, args: args.filter((a) => !extraArgs.includes(a)), env };
}

/** The visible main window (the hidden phone window loads the same page with ?window=phone). */
export async function mainWindow(app: ElectronApplication): Promise<Page> {
  await expect.poll(() => app.windows().some((w) => !w.url().includes('window=phone')), { timeout: 60_000 }).toBe(true);
  const page = app.windows().find((w) => !w.url().includes('window=phone'))!;
  await page.waitForLoadState('domcontentloaded');
  return page;
}

export async function signIn(page: Page, username = 'alice', password = 'switchboard'): Promise<void> {
  await page.getByLabel(/username|用户名|使用者名稱/i).fill(username);
  await page.getByLabel(/password|密码|密碼/i).fill(password);
  await page.getByRole('button', { name: /sign in|登录|登入/i }).click();
  await expect(page.getByTestId('agent-name')).toBeVisible();
}

/** What main recorded: the tray it drew, notifications it showed, links it accepted or refused. */
export function probe<T>(app: ElectronApplication, read: (record: E2eRecord) => T): Promise<T> {
  return app.evaluate((_electron, source) => {
    const record = globalThis.__switchboardE2E;
    if (!record) throw new Error('the app was not started with SWITCHBOARD_E2E=1');
    return (0, eval)(source)(record) as T;
  }, read.toString());
}

/** Calls a shell-contract method from the page, through the real preload bridge and IPC. */
export async function callShell(page: Page, method: string, args: unknown): Promise<unknown> {
  return page.evaluate(
    ({ method, args }) =>
      new Promise((resolve) => {
        const id = 900_000 + Math.floor(Math.random() * 1000);
        const bridge = (window as unknown as { switchboard: { send(f: string): void; onMessage(l: (f: string) => void): () => void } }).switchboard;
        const off = bridge.onMessage((frame) => {
          const parsed = JSON.parse(frame) as { t: string; id?: number; r?: unknown };
          if (parsed.t === 'res' && parsed.id === id) {
            off();
            resolve(parsed.r);
          }
        });
        bridge.send(JSON.stringify({ t: 'req', id, c: 'shell', m: method, a: args }));
      }),
    { method, args },
  );
}

/** Starts a second copy of the app with a link, as the OS does when a tel: link is clicked. */
export function openLinkWithSecondInstance(launched: LaunchedApp, link: string): Promise<number | null> {
  return new Promise((resolvePromise) => {
    const child = spawn(electronBinary(), [...launched.args, link], { env: launched.env, stdio: 'ignore' });
    child.once('exit', (code) => resolvePromise(code));
  });
}
