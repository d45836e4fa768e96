import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../shared/log';
import { decideNavigation, isPermissionGranted, withCspHeader, type OriginPolicy } from './security-policy';

/**
 * Applies the security policy (security-policy.ts) to Electron: one session-wide part, and a
 * part for every web contents the app ever creates — ours, and any a bug might let in.
 */
export function hardenSession(session: Session, policy: OriginPolicy, log: Logger): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const url = details.requestingUrl || contents.getURL();
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const granted = isPermissionGranted(permission, url, policy.isOwnUrl, mediaTypes);
    if (!granted) log.log('warn', 'permission refused', { permission, url: url.slice(0, 100) });
    callback(granted);
  });
  session.setPermissionCheckHandler((contents, permission, _origin, details) => {
    // The origin of a file:// page is just "file://"; the page URL says whether it is ours.
    const url = details.requestingUrl ?? contents?.getURL() ?? '';
    const mediaTypes = details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : [];
    return isPermissionGranted(permission, url, policy.isOwnUrl, mediaTypes);
  });
  // The same CSP as the page's meta tag, as a header too (the header can also forbid framing).
  session.webRequest.onHeadersReceived((details, callback) => {
    const ours = (details.resourceType === 'mainFrame' || details.resourceType === 'subFrame') && policy.isOwnUrl(details.url);
    callback(ours ? { responseHeaders: withCspHeader(details.responseHeaders) } : {});
  });
}

/**
 * Guards every web contents: navigation stays on our page, tel:/sip: links dial, https links
 * open in the user's browser, no new windows, no <webview>.
 */
export function guardAllWebContents(policy: OriginPolicy, onDialLink: (link: string) => void, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, policy, onDialLink, log));
}

function guardContents(contents: WebContents, policy: OriginPolicy, onDialLink: (link: string) => void, log: Logger): void {
  const route = (url: string): boolean => {
    const decision = decideNavigation(url, policy.isOwnUrl);
    switch (decision) {
      case 'stay':
        return true;
      case 'dial':
        onDialLink(url);
        return false;
      case 'open_external':
        void shell.openExternal(url);
        return false;
      case 'deny':
        log.log('warn', 'navigation refused', { url: url.slice(0, 100) });
        return false;
    }
  };
  contents.on('will-navigate', (event, url) => {
    if (!route(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!policy.isOwnUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    route(url);
    // Even our own URL never opens a second window: the app has exactly the windows main makes.
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    log.log('warn', 'webview refused');
    event.preventDefault();
  });
}
