import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createOriginPolicy,
  decideNavigation,
  isPermissionGranted,
  RENDERER_CSP_HEADER,
  RENDERER_CSP_META,
  withCspHeader,
} from './security-policy';

const indexFile = resolve('/opt/Switchboard/resources/app.asar/out/renderer/index.html');
const packaged = createOriginPolicy({ rendererIndexFile: indexFile });
const dev = createOriginPolicy({ devServerUrl: 'http://localhost:5173/', rendererIndexFile: indexFile });

describe('origin policy', () => {
  it('trusts exactly our index.html on disk, with any query or hash', () => {
    const own = pathToFileURL(indexFile).toString();
    expect(packaged.isOwnUrl(own)).toBe(true);
    expect(packaged.isOwnUrl(`${own}?window=phone#x`)).toBe(true);
    expect(packaged.isOwnUrl(packaged.pageUrl('phone'))).toBe(true);
    expect(packaged.pageUrl('phone')).toContain('window=phone');
    expect(packaged.pageUrl('main')).not.toContain('window=');
  });

  it('does not trust other files, other hosts or garbage', () => {
    expect(packaged.isOwnUrl(pathToFileURL(join(indexFile, '../evil.html')).toString())).toBe(false);
    expect(packaged.isOwnUrl('file:///etc/passwd')).toBe(false);
    expect(packaged.isOwnUrl('file://attacker.example/share/index.html')).toBe(false);
    expect(packaged.isOwnUrl('https://example.com/')).toBe(false);
    expect(packaged.isOwnUrl('')).toBe(false);
    expect(packaged.isOwnUrl('not a url')).toBe(false);
  });

  it('trusts the dev server by origin only', () => {
    expect(dev.isOwnUrl('http://localhost:5173/index.html?window=phone')).toBe(true);
    expect(dev.isOwnUrl('http://localhost:5174/')).toBe(false);
    expect(dev.isOwnUrl('http://localhost.evil.example:5173/')).toBe(false);
    expect(dev.isOwnUrl(pathToFileURL(indexFile).toString())).toBe(false);
  });
});

describe('navigation', () => {
  it('keeps our page, dials phone links, opens https outside and refuses the rest', () => {
    expect(decideNavigation(packaged.pageUrl('main'), packaged.isOwnUrl)).toBe('stay');
    expect(decideNavigation('tel:+12015550123', packaged.isOwnUrl)).toBe('dial');
    expect(decideNavigation('sip:alice@example.com', packaged.isOwnUrl)).toBe('dial');
    expect(decideNavigation('https://docs.example.com/help', packaged.isOwnUrl)).toBe('open_external');
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:']) {
      expect(decideNavigation(url, packaged.isOwnUrl), url).toBe('deny');
    }
  });
});

describe('permissions', () => {
  const own = packaged.pageUrl('phone');
  it('grants the microphone and output selection to our page only', () => {
    expect(isPermissionGranted('media', own, packaged.isOwnUrl, ['audio'])).toBe(true);
    expect(isPermissionGranted('speaker-selection', own, packaged.isOwnUrl)).toBe(true);
    expect(isPermissionGranted('media', 'https://example.com/', packaged.isOwnUrl, ['audio'])).toBe(false);
  });

  it('refuses the camera, screen capture and everything else', () => {
    expect(isPermissionGranted('media', own, packaged.isOwnUrl, ['audio', 'video'])).toBe(false);
    for (const p of ['geolocation', 'notifications', 'display-capture', 'openExternal', 'clipboard-read', 'hid', 'usb']) {
      expect(isPermissionGranted(p, own, packaged.isOwnUrl), p).toBe(false);
    }
  });
});

describe('content security policy', () => {
  it('sends the same policy the renderer declares, plus header-only directives', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP_META);
    expect(RENDERER_CSP_HEADER).toContain("frame-ancestors 'none'");
    expect(RENDERER_CSP_HEADER).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('replaces whatever policy a response carried', () => {
    const headers = withCspHeader({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [RENDERER_CSP_HEADER] });
  });
});
