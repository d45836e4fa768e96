import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signWidgetIdentity } from '../harness/channel-requests';
import { refusedHello, startTestHub, type TestHub } from '../harness/test-hub';

/** #17 C15: the widget page's headers, and a visitor id fixed by a link. */
const WIDGET_SECRET = 'widget-identity-secret-0123';
let t: TestHub | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const directives = (csp: string): Map<string, string[]> =>
  new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));

describe('widget page security (#17 C15)', () => {
  it('runs only its own inline scripts (by hash), talks only to the hub, and says nosniff', async () => {
    t = await startTestHub();
    const response = await fetch(`${t.url}/widget?lang=en`);
    const page = await response.text();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = directives(response.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(['*']);
    const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
    expect(scripts.length).toBeGreaterThan(0);
    // Exactly the page's scripts: no 'unsafe-inline', so an injected <script> would not run.
    expect(csp.get('script-src')).toEqual(["'self'", ...scripts]);
  });

  it('lets only the configured sites frame the page', async () => {
    const sitesFile = join(mkdtempSync(join(tmpdir(), 'widget-sites-')), 'sites.json');
    const texts = { en: 'Hi', 'zh-CN': '您好', 'zh-TW': '您好' };
    writeFileSync(sitesFile, JSON.stringify({ shop: { welcome: texts, origins: ['https://shop.example', 'https://www.shop.example'] } }));
    t = await startTestHub({ widgetSitesFile: sitesFile });
    const csp = directives((await fetch(`${t.url}/widget?site=shop`)).headers.get('content-security-policy') ?? '');
    expect(csp.get('frame-ancestors')).toEqual(["'self'", 'https://shop.example', 'https://www.shop.example']);
  });

  it('refuses a hello whose link signature does not verify, so a link cannot fix the visitor id', async () => {
    t = await startTestHub({ widgetIdentitySecret: WIDGET_SECRET });
    const expires = Math.floor(Date.now() / 1000) + 3600;
    // The attacker's own visitor, with one message the victim must never join.
    const attacker = await t.visitor('attacker-chosen-01');
    await attacker.say('attacker was here');
    // A link ?visitor=attacker-chosen-01&sig=… with a made-up or another visitor's signature: refused, nothing shown.
    expect(await refusedHello(t.url, { visitorId: 'attacker-chosen-01', identityExpires: expires, identitySignature: 'ab'.repeat(32) })).toBe(4403);
    const other = signWidgetIdentity(WIDGET_SECRET, { visitorId: 'someone-else-0001', expires });
    expect(await refusedHello(t.url, { visitorId: 'attacker-chosen-01', identityExpires: expires, identitySignature: other })).toBe(4403);
    // A link the embedding site signed for this visitor id opens it.
    const signed = signWidgetIdentity(WIDGET_SECRET, { visitorId: 'site-signed-0001', expires });
    const visitor = await t.visitor('site-signed-0001', { identityExpires: expires, identitySignature: signed });
    expect(visitor.frames.some((f) => f.type === 'history')).toBe(true);
  });
});
