import { attachmentMimeTypes, ATTACHMENT_MAX_BYTES } from '../../shared/protocol/hub-api';
import { widgetPageScript } from './widget-page-script';
import { widgetSurveyCss, widgetSurveyScript } from './widget-survey-script';
import type { WidgetSite } from './widget-sites';
import { widgetStrings, type WidgetLanguage } from './widget-strings';

/**
 * The page a customer chats from: self-contained (no build step, no third-party code), so any
 * website can show it in the bubble's frame (widget.js) or open it in a tab.
 */
export interface WidgetPageOptions {
  language: WidgetLanguage;
  siteId: string;
  site: WidgetSite;
  /** Whether an agent can answer now; without one the visitor gets the offline form. */
  online: boolean;
  /** Shown inside the bubble's frame: a minimise button, and unread counts for the bubble. */
  embedded: boolean;
  /** "Call us": the hub has telephony, a queue with a number for this site, and the call client. */
  call: boolean;
}

/** JSON inside a <script>: nothing in it may close the element or start a comment. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, '');

export function widgetPage(options: WidgetPageOptions): string {
  const { language, site } = options;
  const config = {
    language,
    siteId: options.siteId,
    strings: widgetStrings[language],
    title: site.title?.[language] ?? widgetStrings[language].title,
    welcome: site.welcome[language],
    preChat: { name: site.preChat.name, contact: site.preChat.contact, consent: site.preChat.consent?.[language] ?? null },
    offline: site.offline?.[language] ?? widgetStrings[language].offlineIntro,
    online: options.online,
    embedded: options.embedded,
    call: options.call,
    maxBytes: ATTACHMENT_MAX_BYTES,
    mimeTypes: attachmentMimeTypes,
  };
  const s = widgetStrings[language];
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(config.title)}</title>
<style>
  * { box-sizing: border-box; }
  body { font-family: system-ui, "Noto Sans CJK SC", "Noto Sans CJK TC", sans-serif; margin: 0; height: 100vh; background: #f5f6f8; color: #1f2933; font-size: 15px; }
  main { display: flex; flex-direction: column; height: 100vh; min-width: 0; }
  header { display: flex; align-items: center; gap: 8px; background: #1d4ed8; color: #fff; padding: 10px 14px; }
  header div { flex: 1; min-width: 0; }
  h1 { font-size: 17px; margin: 0; }
  #agent-line { margin: 2px 0 0; font-size: 13px; opacity: 0.95; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  #minimise { background: transparent; border: 1px solid rgb(255 255 255 / 0.7); color: #fff; padding: 2px 10px; font-size: 18px; line-height: 1.2; }
  .view { flex: 1; display: flex; flex-direction: column; min-height: 0; }
  .view[hidden] { display: none; }
  .card { margin: 14px; padding: 14px; background: #fff; border-radius: 12px; border: 1px solid #e5e7eb; display: flex; flex-direction: column; gap: 10px; overflow-y: auto; }
  .card h2 { font-size: 16px; margin: 0; }
  .card p { margin: 0; }
  label.field { display: flex; flex-direction: column; gap: 4px; font-weight: 600; font-size: 14px; }
  label.field small, .hint { font-weight: 400; color: #52606d; font-size: 13px; }
  label.check { display: flex; gap: 8px; align-items: flex-start; font-size: 14px; }
  input[type=text], input[type=email], textarea { font: inherit; padding: 8px; border: 1px solid #9aa5b1; border-radius: 6px; width: 100%; min-width: 0; }
  textarea { resize: none; }
  button, .button { font: inherit; padding: 8px 14px; background: #1d4ed8; color: #fff; border: 1px solid #1d4ed8; border-radius: 6px; cursor: pointer; }
  .secondary { background: #fff; color: #1f2933; border-color: #9aa5b1; }
  button:focus-visible, input:focus-visible, textarea:focus-visible, .button:focus-within { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .error { color: #b91c1c; font-size: 14px; min-height: 0; margin: 0; }
  .error:empty { display: none; }
  #log { flex: 1; overflow-y: auto; padding: 12px; list-style: none; margin: 0; display: flex; flex-direction: column; gap: 8px; }
  #log li { max-width: 85%; padding: 8px 12px; border-radius: 12px; background: #fff; border: 1px solid #e5e7eb; overflow-wrap: anywhere; }
  #log li.in { align-self: flex-end; background: #dbeafe; border-color: #bfdbfe; }
  #log li.welcome { background: #eef2ff; border-color: #c7d2fe; }
  #log li[data-author]::before { content: attr(data-author); display: block; font-size: 12px; color: #52606d; margin-bottom: 2px; }
  #log img { max-width: 100%; display: block; margin-top: 4px; border-radius: 6px; }
  #earlier { align-self: center; margin: 8px 0 0; font-size: 13px; padding: 4px 12px; }
  #earlier[hidden] { display: none; }
  #typing { padding: 0 14px; font-size: 13px; color: #52606d; min-height: 1.3em; margin: 0; }
  #status { padding: 0 14px 6px; }
  #chat-form { display: flex; flex-direction: column; gap: 6px; padding: 10px 12px; background: #fff; border-top: 1px solid #e5e7eb; }
  .row { display: flex; gap: 8px; align-items: flex-end; min-width: 0; }
  .row textarea { flex: 1; height: 44px; }
  .tools { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; font-size: 13px; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  #file-chosen[hidden] { display: none; }
  #call { background: #fff; color: #1d4ed8; border-color: #fff; padding: 4px 10px; font-size: 14px; white-space: nowrap; }
  #call-bar { display: flex; align-items: center; gap: 8px; padding: 8px 14px; background: #ecfdf5; border-bottom: 1px solid #a7f3d0; font-size: 14px; }
  #call-bar[hidden] { display: none; }
  #call-status { flex: 1; min-width: 0; margin: 0; }
  #hang-up { background: #b91c1c; border-color: #b91c1c; padding: 4px 12px; }
${widgetSurveyCss}
  /* The visitor's dark setting is followed, as the agent app does; the blue header reads on both. */
  @media (prefers-color-scheme: dark) {
    :root { color-scheme: dark; }
    body { background: #111827; color: #f3f4f6; }
    .card, #chat-form, #log li, .secondary { background: #1f2937; color: #f3f4f6; border-color: #374151; }
    .secondary { border-color: #6b7280; }
    #log li.in { background: #1e3a8a; border-color: #1d4ed8; }
    #log li.welcome { background: #312e81; border-color: #4338ca; }
    label.field small, .hint, #typing, #log li[data-author]::before { color: #c5cbd3; }
    input[type=text], input[type=email], textarea { background: #111827; color: #f3f4f6; border-color: #6b7280; }
    .error { color: #fca5a5; }
    #call-bar { background: #064e3b; border-color: #047857; }
  }
</style>
</head>
<body>
<main>
  <header>
    <div><h1 id="title"></h1><p id="agent-line" data-testid="widget-agent"></p></div>
    <button id="call" type="button" hidden title="${escapeHtml(s.callUsHint)}" aria-describedby="call-hint" data-testid="widget-call"><span aria-hidden="true">☎ </span>${escapeHtml(s.callUs)}</button>
    <span id="call-hint" hidden>${escapeHtml(s.callUsHint)}</span>
    <button id="minimise" type="button" hidden data-testid="widget-minimise"><span aria-hidden="true">–</span><span class="visually-hidden">${escapeHtml(s.minimise)}</span></button>
  </header>
  <div id="call-bar" hidden data-testid="widget-call-bar">
    <p id="call-status" role="status" aria-live="polite" data-testid="widget-call-status"></p>
    <button id="hang-up" type="button" data-testid="widget-hang-up">${escapeHtml(s.hangUp)}</button>
    <audio id="call-audio" autoplay></audio>
  </div>

  <section id="prechat" class="view" hidden aria-labelledby="prechat-title">
    <form id="prechat-form" class="card" novalidate data-testid="widget-prechat">
      <h2 id="prechat-title"></h2>
      <p id="prechat-welcome"></p>
      <label class="field" id="prechat-name-field">${escapeHtml(s.name)}<input id="prechat-name" type="text" autocomplete="name" maxlength="80" data-testid="prechat-name"></label>
      <label class="field" id="prechat-contact-field">${escapeHtml(s.contact)} <small>${escapeHtml(s.contactHint)}</small><input id="prechat-contact" type="text" autocomplete="email" maxlength="200" data-testid="prechat-contact"></label>
      <label class="check" id="prechat-consent-field"><input id="prechat-consent" type="checkbox" data-testid="prechat-consent"><span id="prechat-consent-text"></span></label>
      <p id="prechat-error" class="error" role="alert"></p>
      <button type="submit" data-testid="prechat-start">${escapeHtml(s.start)}</button>
    </form>
  </section>

  <section id="offline" class="view" hidden aria-labelledby="offline-title">
    <form id="offline-form" class="card" novalidate data-testid="widget-offline">
      <h2 id="offline-title">${escapeHtml(s.offlineTitle)}</h2>
      <p id="offline-intro"></p>
      <label class="field">${escapeHtml(s.name)}<input id="offline-name" type="text" autocomplete="name" maxlength="80" data-testid="offline-name"></label>
      <label class="field">${escapeHtml(s.contact)} <small>${escapeHtml(s.contactHint)}</small><input id="offline-contact" type="text" autocomplete="email" maxlength="200" data-testid="offline-contact"></label>
      <label class="field">${escapeHtml(s.message)}<textarea id="offline-message" rows="4" maxlength="4000" data-testid="offline-message"></textarea></label>
      <label class="check" id="offline-consent-field"><input id="offline-consent" type="checkbox"><span id="offline-consent-text"></span></label>
      <p id="offline-error" class="error" role="alert"></p>
      <button type="submit" data-testid="offline-send">${escapeHtml(s.offlineSend)}</button>
    </form>
  </section>

  <section id="thanks" class="view" hidden aria-live="polite">
    <div class="card"><p id="thanks-text" data-testid="widget-thanks"></p></div>
  </section>

  <section id="chat" class="view" hidden aria-label="${escapeHtml(s.title)}">
    <button id="earlier" type="button" class="secondary" hidden data-testid="widget-earlier">${escapeHtml(s.earlier)}</button>
    <ol id="log" aria-live="polite" aria-label="${escapeHtml(s.message)}" data-testid="widget-log"></ol>
    <p id="typing" aria-live="polite" data-testid="widget-typing"></p>
    <p id="status" class="error" role="alert" data-testid="widget-status"></p>
    <button id="human" type="button" class="secondary" hidden data-testid="widget-human">${escapeHtml(s.human)}</button>
    <form id="chat-form">
      <div class="row">
        <label for="text" class="visually-hidden">${escapeHtml(s.message)}</label>
        <textarea id="text" maxlength="10000" placeholder="${escapeHtml(s.placeholder)}" data-testid="widget-input"></textarea>
        <button id="send" type="submit" data-testid="widget-send">${escapeHtml(s.send)}</button>
      </div>
      <div class="tools">
        <span class="button secondary"><input id="file" type="file" class="visually-hidden" accept="${attachmentMimeTypes.join(',')}" aria-describedby="file-hint" data-testid="widget-file"><label for="file">${escapeHtml(s.attach)}</label></span>
        <span id="file-hint" class="hint">${escapeHtml(s.attachHint)}</span>
        <span id="file-chosen" hidden><span id="file-name"></span> <button id="file-remove" type="button" class="secondary">${escapeHtml(s.removeFile)}</button></span>
      </div>
    </form>
  </section>
</main>
<script>
${widgetPageScript(scriptJson(config))}
</script>
<script>
${widgetSurveyScript(language)}
</script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
