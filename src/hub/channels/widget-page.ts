/**
 * The page a customer chats from. It is self-contained (no build step, no third-party code)
 * so any website can open it in an iframe or a new tab.
 */
const strings = {
  'zh-CN': { title: '在线客服', placeholder: '请输入消息…', send: '发送', you: '我', agent: '客服', offline: '连接已断开，正在重连…', error: '发送失败', typing: '客服正在输入…' },
  'zh-TW': { title: '線上客服', placeholder: '請輸入訊息…', send: '傳送', you: '我', agent: '客服', offline: '連線已中斷，正在重新連線…', error: '傳送失敗', typing: '客服正在輸入…' },
  en: { title: 'Chat with us', placeholder: 'Type a message…', send: 'Send', you: 'You', agent: 'Agent', offline: 'Connection lost, reconnecting…', error: 'Could not send', typing: 'The agent is typing…' },
};

export function widgetPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard</title>
<style>
  body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 0; display: flex; flex-direction: column; height: 100vh; background: #f5f6f8; }
  header { background: #1d4ed8; color: #fff; padding: 12px 16px; font-weight: 600; }
  #log { flex: 1; overflow-y: auto; padding: 12px; list-style: none; margin: 0; }
  #log li { margin: 6px 0; max-width: 80%; padding: 8px 12px; border-radius: 12px; background: #fff; }
  #log li.in { margin-left: auto; background: #dbeafe; }
  #status { color: #b91c1c; padding: 0 12px; min-height: 1.2em; }
  form { display: flex; gap: 8px; padding: 12px; background: #fff; border-top: 1px solid #e5e7eb; }
  input { flex: 1; padding: 8px; font-size: 15px; }
  button { padding: 8px 16px; background: #1d4ed8; color: #fff; border: 0; border-radius: 6px; font-size: 15px; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f59e0b; }
</style>
</head>
<body>
<header id="title"></header>
<ul id="log" aria-live="polite" data-testid="widget-log"></ul>
<div id="typing" aria-live="polite" data-testid="widget-typing"></div>
<div id="status" role="status"></div>
<form id="form">
  <label for="text" class="sr" style="position:absolute;left:-9999px" id="label"></label>
  <input id="text" autocomplete="off" maxlength="10000" data-testid="widget-input">
  <input id="file" type="file" accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain" data-testid="widget-file" style="max-width:9em">
  <button id="send" type="submit" data-testid="widget-send"></button>
</form>
<script>
(() => {
  const all = ${JSON.stringify(strings)};
  const params = new URLSearchParams(location.search);
  const wanted = params.get('lang') || navigator.language || 'zh-CN';
  const lang = all[wanted] ? wanted : wanted.startsWith('zh') ? (/TW|HK|Hant/.test(wanted) ? 'zh-TW' : 'zh-CN') : 'en';
  const t = all[lang];
  document.documentElement.lang = lang;
  document.getElementById('title').textContent = t.title;
  document.getElementById('text').placeholder = t.placeholder;
  document.getElementById('label').textContent = t.placeholder;
  document.getElementById('send').textContent = t.send;
  const rnd = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), b => b.toString(16).padStart(2, '0')).join('');
  // A visitor id from the link counts only when the embedding site signed it: an unsigned one would let whoever sent the link read the chat.
  let visitorId = (params.get('sig') && params.get('visitor')) || localStorage.getItem('switchboard.visitor');
  if (!visitorId) { visitorId = 'v' + rnd(); localStorage.setItem('switchboard.visitor', visitorId); }
  const log = document.getElementById('log');
  const typing = document.getElementById('typing');
  const status = document.getElementById('status');
  const seen = new Set();
  const show = (m) => {
    if (seen.has(m.id)) return;
    seen.add(m.id);
    const li = document.createElement('li');
    li.className = m.direction;
    li.dataset.direction = m.direction;
    li.textContent = m.text;
    (m.attachments || []).forEach((a) => {
      const link = document.createElement('a');
      link.href = a.url;
      link.target = '_blank';
      link.rel = 'noopener';
      if (a.mimeType.startsWith('image/')) {
        const img = document.createElement('img');
        img.src = a.url;
        img.alt = a.name;
        img.style.maxWidth = '100%';
        link.appendChild(img);
      } else link.textContent = a.name;
      li.appendChild(document.createElement('br'));
      li.appendChild(link);
    });
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
  };
  const queue = [];
  let ws = null;
  let delay = 500;
  const connect = () => {
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/widget/ws');
    ws.onopen = () => {
      delay = 500;
      status.textContent = '';
      ws.send(JSON.stringify({ type: 'hello', visitorId, name: params.get('name') || undefined,
        phone: params.get('phone') || undefined, email: params.get('email') || undefined, identitySignature: params.get('sig') || undefined,
        identityExpires: Number(params.get('exp')) || undefined }));
      while (queue.length) ws.send(queue.shift());
    };
    ws.onmessage = (e) => {
      const f = JSON.parse(e.data);
      if (f.type === 'history') f.messages.forEach(show);
      else if (f.type === 'message') { show(f.message); if (f.message.direction === 'out') typing.textContent = ''; }
      else if (f.type === 'typing') typing.textContent = f.active ? t.typing : '';
      else if (f.type === 'error') status.textContent = t.error + ': ' + f.message;
    };
    ws.onclose = () => { status.textContent = t.offline; setTimeout(connect, delay); delay = Math.min(delay * 2, 10000); };
  };
  connect();
  // "Customer is typing" for the agent: repeated while typing (the agent's indicator lapses without it), stopped once.
  let typingSentAt = 0;
  const sendTyping = (active) => {
    if (!ws || ws.readyState !== 1) return;
    if (active && Date.now() - typingSentAt < 3000) return;
    if (!active && typingSentAt === 0) return;
    typingSentAt = active ? Date.now() : 0;
    ws.send(JSON.stringify({ type: 'typing', active }));
  };
  const input = document.getElementById('text');
  input.addEventListener('input', () => sendTyping(input.value.length > 0));
  input.addEventListener('blur', () => sendTyping(false));
  document.getElementById('form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text && !document.getElementById('file').files[0]) return;
    const sendFrame = (attachmentIds) => {
      const frame = JSON.stringify({ type: 'message', text, key: rnd(), attachmentIds });
      if (ws && ws.readyState === 1) ws.send(frame); else queue.push(frame);
    };
    const file = document.getElementById('file').files[0];
    input.value = '';
    sendTyping(false);
    if (!file) return sendFrame([]);
    fetch('/widget/attachments?visitor=' + encodeURIComponent(visitorId) + '&name=' + encodeURIComponent(file.name), {
      method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream' }, body: file,
    }).then((r) => r.json()).then((body) => {
      document.getElementById('file').value = '';
      if (body.attachment) sendFrame([body.attachment.id]); else status.textContent = t.error + ': ' + body.error.message;
    }).catch(() => { status.textContent = t.error; });
  });
})();
</script>
</body>
</html>`;
}
