import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDialLink } from '../shared/dial-uri';

/**
 * The decisions behind the window hardening, without Electron, so they can be tested: which
 * URLs are ours, what a navigation or window.open may do, which permissions a page gets, and
 * the Content-Security-Policy sent as a header.
 */

export type RendererPage = 'main' | 'phone';

export interface OriginPolicy {
  /** The URL a window of this kind loads. */
  pageUrl(page: RendererPage): string;
  /** Our renderer, and nothing else: the dev server's origin, or exactly our index.html on disk. */
  isOwnUrl(url: string): boolean;
}

export function createOriginPolicy(options: { devServerUrl?: string | undefined; rendererIndexFile: string }): OriginPolicy {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : null;
  const indexUrl = pathToFileURL(options.rendererIndexFile);
  const indexPath = fileURLToPath(indexUrl);
  const base = dev ?? indexUrl;
  return {
    pageUrl(page) {
      const url = new URL(base);
      // One renderer bundle serves both windows; the query tells it which part to start.
      if (page === 'phone') url.searchParams.set('window', 'phone');
      return url.toString();
    },
    isOwnUrl(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return false;
      }
      if (dev) return parsed.origin === dev.origin;
      // file:// has no origin worth the name: every file on disk would share it. Only our page counts.
      if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
      try {
        return fileURLToPath(parsed) === indexPath;
      } catch {
        return false;
      }
    },
  };
}

export type NavigationDecision = 'stay' | 'dial' | 'open_external' | 'deny';

/**
 * What to do when a page navigates or opens a window. Our own page may reload itself;
 * tel:/sip: links become click-to-dial inside the app; https links open in the user's browser;
 * everything else (file:, javascript:, custom schemes, plain http) is refused.
 */
export function decideNavigation(url: string, isOwnUrl: (url: string) => boolean): NavigationDecision {
  if (isOwnUrl(url)) return 'stay';
  if (isDialLink(url)) return 'dial';
  if (/^https:\/\//i.test(url)) return 'open_external';
  return 'deny';
}

/** Permissions the softphone needs: the microphone, and choosing the headset as output. */
const GRANTED = new Set(['media', 'speaker-selection']);

/**
 * Only our own page gets a permission, and only the ones the softphone needs. Media requests
 * are granted for audio alone: a contact-center softphone never needs the camera or the screen.
 */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string,
  isOwnUrl: (url: string) => boolean,
  mediaTypes: readonly string[] = [],
): boolean {
  if (!GRANTED.has(permission) || !isOwnUrl(requestingUrl)) return false;
  if (permission === 'media') return mediaTypes.every((type) => type === 'audio');
  return true;
}

/**
 * The policy the renderer's meta tag declares, plus what only a header can say (frame-ancestors)
 * and form-action. Keep the first part equal to src/renderer/index.html; a test compares them.
 */
export const RENDERER_CSP_META =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: http://127.0.0.1:* http://localhost:*; media-src 'self' blob: mediastream:; connect-src 'self' ws://127.0.0.1:* ws://localhost:* wss: http://127.0.0.1:* http://localhost:*; object-src 'none'; base-uri 'none'";
export const RENDERER_CSP_HEADER = `${RENDERER_CSP_META}; form-action 'none'; frame-ancestors 'none'`;

/** Adds our CSP to a response's headers, replacing any the server sent (header names are case-insensitive). */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [RENDERER_CSP_HEADER];
  return out;
}
