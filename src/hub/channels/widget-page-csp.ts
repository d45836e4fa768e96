import { createHash } from 'node:crypto';

/**
 * The Content-Security-Policy of the widget page (#17 C15). The page's own inline scripts run because their
 * SHA-256 is named; no other inline or injected script does. It talks only to this hub (and to Kamailio's
 * WebSocket for "Call us"), loads images only from this hub, and can be framed only by the sites configured
 * for it (widget-sites.ts `origins`), or by any site when none are.
 */
export interface WidgetCspOptions {
  /** Origins that may show the page in a frame; undefined: any. */
  frameAncestors: readonly string[] | undefined;
  /** Kamailio's WebSocket (ws:// or wss://) the call client connects to, when the page offers calls. */
  sipWsUrl?: string | undefined;
}

const inlineScripts = /<script>([\s\S]*?)<\/script>/g;

export function widgetPageCsp(page: string, options: WidgetCspOptions): string {
  const hashes = [...page.matchAll(inlineScripts)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '', 'utf8').digest('base64')}'`);
  const connect = ["'self'"];
  if (options.sipWsUrl) connect.push(new URL(options.sipWsUrl).origin.replace(/^http/, 'ws'));
  const ancestors = options.frameAncestors === undefined ? '*' : ["'self'", ...options.frameAncestors].join(' ');
  return [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')}`,
    `connect-src ${connect.join(' ')}`,
    "img-src 'self'",
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}
