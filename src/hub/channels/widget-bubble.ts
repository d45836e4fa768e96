import { widgetStrings } from './widget-strings';

/**
 * `<script src="https://HUB/widget.js" data-site="SITE" async></script>` on any page: a chat
 * bubble in the corner (with an unread badge) that opens the widget page in a panel and minimises
 * it again. It speaks the page's language (`<html lang>`, or `data-lang`) and keeps its styles in a
 * shadow root, so neither the page nor the bubble can disturb the other.
 */
export function widgetBubbleScript(): string {
  const strings = Object.fromEntries(Object.entries(widgetStrings).map(([language, s]) => [language, { open: s.open, minimise: s.minimise, unread: s.unread, title: s.title }]));
  return String.raw`(() => {
  const script = document.currentScript;
  if (!script || window.__switchboardWidget) return;
  window.__switchboardWidget = true;
  const STRINGS = ${JSON.stringify(strings)};
  const origin = new URL(script.src).origin;
  const site = script.dataset.site || 'default';
  const wanted = script.dataset.lang || document.documentElement.lang || navigator.language || 'en';
  const language = STRINGS[wanted] ? wanted : /^zh/i.test(wanted) ? (/TW|HK|MO|Hant/i.test(wanted) ? 'zh-TW' : 'zh-CN') : 'en';
  const s = STRINGS[language];
  const start = () => {
    const host = document.createElement('div');
    host.id = 'switchboard-widget';
    document.body.appendChild(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>' +
      '.bubble{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;border:0;background:#1d4ed8;color:#fff;cursor:pointer;box-shadow:0 6px 20px rgb(0 0 0 / .25);display:grid;place-items:center}' +
      '.bubble:focus-visible{outline:3px solid #f59e0b;outline-offset:3px}' +
      '.bubble svg{width:28px;height:28px}' +
      '.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#b91c1c;color:#fff;font:700 13px/22px system-ui,sans-serif;text-align:center}' +
      '.badge[hidden],.panel[hidden]{display:none}' +
      '.panel{position:fixed;right:20px;bottom:92px;z-index:2147483000;width:min(380px,calc(100vw - 40px));height:min(600px,calc(100vh - 120px));border-radius:14px;overflow:hidden;box-shadow:0 12px 40px rgb(0 0 0 / .3);background:#fff}' +
      '.panel iframe{border:0;width:100%;height:100%}' +
      '</style>' +
      '<div class="panel" id="panel" hidden></div>' +
      '<button class="bubble" type="button" aria-expanded="false" aria-controls="panel" part="bubble">' +
      '<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>' +
      '<span class="badge" aria-hidden="true" hidden></span></button>';
    const bubble = root.querySelector('.bubble');
    const badge = root.querySelector('.badge');
    const panel = root.getElementById('panel');
    const frame = document.createElement('iframe');
    frame.title = s.title;
    frame.src = origin + '/widget?embed=1&site=' + encodeURIComponent(site) + '&lang=' + encodeURIComponent(language);
    frame.allow = 'microphone; autoplay';
    panel.appendChild(frame);
    let open = false;
    let unread = 0;
    const label = () => {
      bubble.setAttribute('aria-label', open ? s.minimise : unread ? s.open + ' (' + s.unread.replace('{n}', String(unread)) + ')' : s.open);
      badge.textContent = unread > 9 ? '9+' : String(unread);
      badge.hidden = open || unread === 0;
    };
    const tell = (type) => frame.contentWindow && frame.contentWindow.postMessage({ source: 'switchboard-bubble', type }, origin);
    const setOpen = (next) => {
      open = next;
      panel.hidden = !open;
      bubble.setAttribute('aria-expanded', String(open));
      if (open) unread = 0;
      label();
      tell(open ? 'open' : 'close');
      if (open) frame.focus(); else bubble.focus();
    };
    bubble.addEventListener('click', () => setOpen(!open));
    window.addEventListener('message', (e) => {
      if (e.origin !== origin || e.source !== frame.contentWindow || !e.data || e.data.source !== 'switchboard-widget') return;
      if (e.data.type === 'minimise') setOpen(false);
      else if (e.data.type === 'unread' && typeof e.data.count === 'number') { unread = open ? 0 : Math.max(0, Math.min(99, e.data.count)); label(); }
    });
    frame.addEventListener('load', () => tell(open ? 'open' : 'close'));
    label();
  };
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();`;
}
