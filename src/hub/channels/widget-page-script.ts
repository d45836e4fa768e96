/**
 * The widget page's behaviour, as plain browser JavaScript (the page has no build step). It picks
 * the view (pre-chat form, offline form, chat), keeps the socket, shows the agent's name and typing,
 * translates every error and never throws away what the visitor typed.
 */
export function widgetPageScript(configJson: string): string {
  return String.raw`(() => {
  const C = ${configJson};
  const $ = (id) => document.getElementById(id);
  const t = (key, vars) => (C.strings[key] || key).replace(/\{(\w+)\}/g, (_, v) => (vars && vars[v] != null ? String(vars[v]) : ''));
  const saved = (key, value) => {
    try {
      if (value === undefined) return localStorage.getItem(key);
      localStorage.setItem(key, value);
    } catch (e) { /* private mode: the visitor starts fresh next time */ }
    return null;
  };
  const rnd = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
  const params = new URLSearchParams(location.search);
  // A visitor id from the link counts only when the embedding site signed it: an unsigned one would let whoever sent
  // the link read the chat. The hub refuses a signature that does not verify; the page then goes on as its own visitor.
  let linkSigned = !!(params.get('sig') && params.get('visitor'));
  const ownVisitor = () => {
    let own = saved('switchboard.visitor');
    if (!own) { own = 'v' + rnd(); saved('switchboard.visitor', own); }
    return own;
  };
  let visitorId = linkSigned ? params.get('visitor') : ownVisitor();
  const profileKey = 'switchboard.profile.' + C.siteId;
  const savedProfile = () => { try { return JSON.parse(saved(profileKey) || 'null'); } catch (e) { return null; } };
  let profile = savedProfile();
  const signed = linkSigned ? { name: params.get('name') || undefined, phone: params.get('phone') || undefined, email: params.get('email') || undefined } : null;
  if (signed && (signed.name || signed.phone || signed.email)) profile = signed;

  document.title = C.title;
  $('title').textContent = C.title;
  $('agent-line').textContent = C.welcome;
  $('prechat-title').textContent = C.title;
  $('prechat-welcome').textContent = C.strings.preChatIntro;
  $('offline-intro').textContent = C.offline;
  for (const id of ['prechat', 'offline']) {
    if (C.preChat.consent) $(id + '-consent-text').textContent = C.preChat.consent; else $(id + '-consent-field').hidden = true;
  }
  if (C.preChat.name === 'off') $('prechat-name-field').hidden = true;
  if (C.preChat.contact === 'off') $('prechat-contact-field').hidden = true;

  const show = (view) => {
    for (const id of ['prechat', 'offline', 'thanks', 'chat']) $(id).hidden = id !== view;
    // "Call us" once the visitor is in the chat, so the agent who answers knows who calls.
    $('call').hidden = !(C.call && view === 'chat');
    const first = { prechat: 'prechat-name', offline: 'offline-name', chat: 'text' }[view];
    if (first && document.hasFocus()) $(first).focus();
  };

  /** "Phone or email" in one field: an @ makes it an email; otherwise it must look like a phone number. */
  const parseContact = (text) => {
    const value = text.trim();
    if (!value) return {};
    if (/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value)) return { email: value };
    if (/^\+?[\d\s()-]{5,20}$/.test(value)) return { phone: value.replace(/[\s()-]/g, '') };
    return null;
  };

  // Embedded in the bubble's frame: the page tells the bubble about unread replies and asks it to minimise.
  let panelOpen = !C.embedded;
  let unread = 0;
  const tellBubble = (message) => { if (C.embedded && window.parent !== window) window.parent.postMessage(Object.assign({ source: 'switchboard-widget' }, message), '*'); };
  if (C.embedded) {
    $('minimise').hidden = false;
    $('minimise').addEventListener('click', () => tellBubble({ type: 'minimise' }));
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape') tellBubble({ type: 'minimise' }); });
    window.addEventListener('message', (e) => {
      if (e.source !== window.parent || !e.data || e.data.source !== 'switchboard-bubble') return;
      panelOpen = e.data.type === 'open';
      if (panelOpen) { unread = 0; tellBubble({ type: 'unread', count: 0 }); if (!$('chat').hidden) $('text').focus(); }
    });
  }

  const log = $('log');
  const seen = new Set();
  let agentName = null;
  const setAgent = (name) => {
    if (!name || name === agentName) return;
    agentName = name;
    $('agent-line').textContent = t('chattingWith', { name });
  };
  const welcome = document.createElement('li');
  welcome.className = 'welcome';
  welcome.textContent = C.welcome;
  log.appendChild(welcome);
  const addMessage = (m, live, earlier) => {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    const li = document.createElement('li');
    li.className = m.direction;
    li.dataset.direction = m.direction;
    if (m.direction === 'out') setAgent(m.author);
    // Who wrote it, drawn above the text (and read with it) without becoming part of the message's text.
    li.dataset.author = m.direction === 'in' ? t('you') : (m.author || t('agent'));
    li.appendChild(document.createTextNode(m.text));
    (m.attachments || []).forEach((a) => {
      const link = document.createElement('a');
      link.href = a.url;
      link.target = '_blank';
      link.rel = 'noopener';
      if (a.mimeType.startsWith('image/')) {
        const img = document.createElement('img');
        img.src = a.url;
        img.alt = a.name;
        link.appendChild(img);
      } else link.textContent = a.name;
      li.appendChild(link);
    });
    // An earlier page goes above what is shown, just below the welcome line, and leaves the view where it was.
    if (earlier) { log.insertBefore(li, welcome.nextSibling); return; }
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
    if (live && m.direction === 'out' && (!panelOpen || document.hidden)) { unread++; tellBubble({ type: 'unread', count: unread }); }
  };

  /** The oldest message shown; "Show earlier messages" asks for the page before it. */
  let oldest = null;
  const outbox = [];
  let ws = null;
  let delay = 500;
  let uploadToken = null;
  let decided = false;
  let lastSent = null;
  let offlineSent = false;
  let renewing = false;
  const hello = () => JSON.stringify({ type: 'hello', visitorId, name: (profile && profile.name) || undefined, phone: (profile && profile.phone) || undefined,
    email: (profile && profile.email) || undefined, identitySignature: (linkSigned && params.get('sig')) || undefined, identityExpires: (linkSigned && Number(params.get('exp'))) || undefined,
    consent: (profile && profile.consent) || undefined });
  const send = (frame) => { if (ws && ws.readyState === 1) ws.send(frame); else outbox.push(frame); };
  const status = $('status');

  /** First answer from the hub: a visitor with a conversation goes straight to it; a new one meets the forms. */
  const decide = (hasHistory) => {
    if (decided) return;
    decided = true;
    const asks = C.preChat.name !== 'off' || C.preChat.contact !== 'off' || !!C.preChat.consent;
    if (hasHistory || (C.online && (profile || !asks))) show('chat');
    else if (!C.online) show('offline');
    else show('prechat');
  };

  const connect = () => {
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/widget/ws');
    ws.onopen = () => {
      delay = 500;
      if (status.dataset.kind === 'connection') { status.textContent = ''; status.dataset.kind = ''; }
      ws.send(hello());
      while (outbox.length) ws.send(outbox.shift());
    };
    ws.onmessage = (e) => {
      let f;
      try { f = JSON.parse(e.data); } catch (err) { return; }
      if (f.type === 'history') {
        if (f.uploadToken) uploadToken = f.uploadToken;
        (f.messages || []).forEach((m) => addMessage(m, false));
        if (oldest === null && f.messages && f.messages.length) oldest = f.messages[0].id;
        if (oldest !== null) $('earlier').hidden = !f.more;
        decide((f.messages || []).length > 0);
      } else if (f.type === 'older') {
        const page = f.messages || [];
        const focused = document.activeElement === $('earlier');
        for (let i = page.length - 1; i >= 0; i--) addMessage(page[i], false, true);
        if (page.length) oldest = page[0].id;
        $('earlier').hidden = !f.more || !page.length;
        $('earlier').removeAttribute('aria-busy');
        olderAsked = false;
        // The button is gone with the last page: the keyboard goes on from the message box.
        if ($('earlier').hidden && focused) $('text').focus();
      } else if (f.type === 'message') {
        addMessage(f.message, true);
        if (f.message.direction === 'out') $('typing').textContent = '';
        if (f.message.direction === 'in') lastSent = null;
        if (offlineSent && f.message.direction === 'in') {
          offlineSent = false;
          $('thanks-text').textContent = t('offlineThanks', { name: profile.name, contact: profile.email || profile.phone });
          show('thanks');
        }
      } else if (f.type === 'call') {
        placeCall(f.call);
      } else if (f.type === 'typing') {
        $('typing').textContent = f.active ? (agentName ? t('typing', { name: agentName }) : t('typingAnon')) : '';
      } else if (f.type === 'error' && f.code === 'unauthenticated' && linkSigned && !decided) {
        // The link's signature was refused: chat as this browser's own visitor, with what it saved.
        linkSigned = false;
        visitorId = ownVisitor();
        profile = savedProfile();
        renewing = true;
        ws.close();
      } else if (f.type === 'error' && callAsked) {
        callAsked = false;
        callEnded(f.code === 'rate_limited' ? 'callTooOften' : 'callRefused');
      } else if (f.type === 'error') {
        // What the visitor typed comes back into the box, and the error says what to do.
        if (lastSent && !$('text').value) $('text').value = lastSent;
        lastSent = null;
        status.dataset.kind = 'send';
        status.textContent = t(f.code === 'rate_limited' ? 'errorTooFast' : 'errorSend');
      } else {
        // Frames this script does not handle (the survey) go to the page's add-on scripts.
        document.dispatchEvent(new CustomEvent('switchboard-frame', { detail: f }));
      }
    };
    ws.onclose = () => {
      if (renewing) { renewing = false; connect(); return; }
      status.dataset.kind = 'connection';
      status.textContent = t('offline');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    };
  };
  connect();

  // Not disabled while a page loads: a disabled button would drop the keyboard focus.
  let olderAsked = false;
  $('earlier').addEventListener('click', () => {
    if (oldest === null || olderAsked) return;
    olderAsked = true;
    $('earlier').setAttribute('aria-busy', 'true');
    send(JSON.stringify({ type: 'older', before: oldest }));
  });

  // "Call us": the hub hands out credentials for one call; the call client (a separate script, loaded on first use) places it.
  let callAsked = false;
  let activeCall = null;
  const callBar = $('call-bar');
  const callStatus = $('call-status');
  const callButton = $('call');
  const callEnded = (key) => {
    activeCall = null;
    callButton.disabled = false;
    $('hang-up').hidden = true;
    callStatus.textContent = t(key);
    if (document.activeElement === $('hang-up') || document.activeElement === document.body) callButton.focus();
  };
  const callWords = { microphone: 'callMicrophone', busy: 'callBusy', unavailable: 'callUnavailable', network: 'callNetwork' };
  const loadCallClient = () => new Promise((resolve, reject) => {
    if (window.SwitchboardVisitorCall) return resolve(window.SwitchboardVisitorCall);
    const script = document.createElement('script');
    script.src = '/widget/call.js';
    script.onload = () => (window.SwitchboardVisitorCall ? resolve(window.SwitchboardVisitorCall) : reject(new Error('no call client')));
    script.onerror = () => reject(new Error('no call client'));
    document.head.appendChild(script);
  });
  const placeCall = (ticket) => {
    // Hung up before the hub answered: no call.
    if (!callAsked) return;
    callAsked = false;
    loadCallClient().then((client) => {
      activeCall = client.start(ticket, $('call-audio'), (s) => {
        if (s.state === 'calling') callStatus.textContent = t('calling');
        else if (s.state === 'connected') callStatus.textContent = t('inCall');
        else if (s.state === 'ended') callEnded('callEnded');
        else callEnded(callWords[s.reason] || 'callNetwork');
      });
    }).catch(() => callEnded('callNetwork'));
  };
  callButton.addEventListener('click', () => {
    if (activeCall || callAsked) return;
    callAsked = true;
    callButton.disabled = true;
    callBar.hidden = false;
    $('hang-up').hidden = false;
    callStatus.textContent = t('calling');
    send(JSON.stringify({ type: 'call', site: C.siteId }));
    $('hang-up').focus();
  });
  $('hang-up').addEventListener('click', () => {
    if (activeCall) activeCall.hangUp();
    else { callAsked = false; callEnded('callEnded'); }
  });

  const fieldError = (form, text, input) => { $(form + '-error').textContent = text; if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); } return false; };
  const readProfile = (form, needName, needContact) => {
    for (const id of [form + '-name', form + '-contact']) $(id).removeAttribute('aria-invalid');
    const name = $(form + '-name').value.trim();
    const contact = parseContact($(form + '-contact').value);
    if (needName && !name) return fieldError(form, t('required'), $(form + '-name'));
    if (contact === null || (needContact && !contact.email && !contact.phone)) return fieldError(form, t('badContact'), $(form + '-contact'));
    if (C.preChat.consent && !$(form + '-consent').checked) return fieldError(form, t('consentNeeded'), $(form + '-consent'));
    $(form + '-error').textContent = '';
    // The hub keeps the words the visitor agreed to (from the site's settings) with the time.
    const consent = C.preChat.consent ? { site: C.siteId, language: C.language } : undefined;
    return Object.assign({ name: name || undefined, consent }, contact);
  };
  /** The hub takes one hello per socket: a visitor who has just said who they are says it on a fresh one. */
  const remember = (next) => {
    profile = next;
    saved(profileKey, JSON.stringify(profile));
    if (ws && ws.readyState <= 1) { renewing = true; ws.close(); }
  };

  $('prechat-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const next = readProfile('prechat', C.preChat.name === 'required', C.preChat.contact === 'required');
    if (!next) return;
    remember(next);
    show('chat');
  });

  $('offline-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const next = readProfile('offline', true, true);
    if (!next) return;
    const text = $('offline-message').value.trim();
    if (!text) return fieldError('offline', t('required'), $('offline-message'));
    remember(next);
    offlineSent = true;
    send(JSON.stringify({ type: 'message', text, key: rnd(), attachmentIds: [] }));
  });

  // "Customer is typing" for the agent: repeated while typing (the agent's indicator lapses without it), stopped once.
  let typingSentAt = 0;
  const sendTyping = (active) => {
    if (!ws || ws.readyState !== 1) return;
    if (active && Date.now() - typingSentAt < 3000) return;
    if (!active && typingSentAt === 0) return;
    typingSentAt = active ? Date.now() : 0;
    ws.send(JSON.stringify({ type: 'typing', active }));
  };
  const input = $('text');
  const fileInput = $('file');
  input.addEventListener('input', () => sendTyping(input.value.length > 0));
  input.addEventListener('blur', () => sendTyping(false));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('chat-form').requestSubmit(); }
  });
  const showFile = () => {
    const file = fileInput.files[0];
    $('file-chosen').hidden = !file;
    $('file-name').textContent = file ? t('fileChosen', { name: file.name }) : '';
  };
  fileInput.addEventListener('change', showFile);
  $('file-remove').addEventListener('click', () => { fileInput.value = ''; showFile(); fileInput.focus(); });

  const fail = (key) => { status.dataset.kind = 'upload'; status.textContent = t(key); };
  $('chat-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    const file = fileInput.files[0];
    if (!text && !file) return;
    status.textContent = '';
    const sendMessage = (attachmentIds) => {
      lastSent = text;
      send(JSON.stringify({ type: 'message', text, key: rnd(), attachmentIds }));
      input.value = '';
      fileInput.value = '';
      showFile();
      sendTyping(false);
    };
    if (!file) return sendMessage([]);
    // Checked here first, so the visitor learns the limit at once; the hub checks again.
    if (file.size > C.maxBytes) return fail('errorTooLarge');
    if (file.type && !C.mimeTypes.includes(file.type)) return fail('errorType');
    const headers = { 'content-type': file.type || 'application/octet-stream' };
    if (uploadToken) headers['x-switchboard-visitor-token'] = uploadToken;
    fetch('/widget/attachments?visitor=' + encodeURIComponent(visitorId) + '&name=' + encodeURIComponent(file.name), { method: 'POST', headers, body: file })
      .then((r) => r.json().catch(() => ({})).then((body) => ({ status: r.status, body })))
      .then(({ status: code, body }) => {
        if (body && body.attachment) return sendMessage([body.attachment.id]);
        const badType = code === 415 || (code === 400 && body && body.error && /type/i.test(body.error.message || ''));
        fail(code === 413 ? 'errorTooLarge' : badType ? 'errorType' : code === 429 ? 'errorRate' : 'errorUpload');
      })
      .catch(() => fail('errorUpload'));
  });
})();`;
}
