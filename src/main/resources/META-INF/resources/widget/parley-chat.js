/*!
 * Parley chat widget: a chat for a Parley in-app channel, embeddable in any page. Plain ES2020, no dependencies.
 *
 *   <script src="https://parley.example.com/widget/parley-chat.js"
 *           data-parley-url="https://parley.example.com"   (optional; default: the origin this script came from)
 *           data-channel-id="<uuid of the in-app channel>"
 *           data-user-id="optional: the company's user id"
 *           data-user-hash="optional: hex HMAC-SHA256 of the user id, computed by the company's backend"
 *           data-lang="optional: ru or en (default: the browser's language, Russian for ru-*)"
 *           defer></script>
 *
 * A launcher button (bottom right) opens the chat panel. The chat is started or resumed with the visitor token kept in
 * localStorage (parley.<channelId>.token); sends are retried with the same clientMessageId (idempotent); operator
 * replies arrive over the WebSocket; after a reconnect, what was missed is fetched after the last cursor seen
 * on open and after every (re)connect; DELIVERED/READ receipts are batched. Message text is only ever set with
 * textContent and never logged. The visitor attaches files (uploaded to Parley, sent as links). Test hooks:
 * .parley-launcher, .parley-panel, .parley-input, .parley-send, .parley-attach-input,
 * .parley-message[data-direction="IN"|"OUT"][data-status="sending"|"sent"|"failed"] > .parley-text.
 */
(() => {
  'use strict';
  const script = document.currentScript || document.querySelector('script[data-channel-id]');
  const cfg = (script && script.dataset) || {};
  if (!cfg.channelId) { console.warn('[parley] data-channel-id is missing; chat widget not started'); return; }
  const base = cfg.parleyUrl ? new URL(cfg.parleyUrl, location.href).href.replace(/\/+$/, '')
    : new URL(script.src, location.href).origin;
  const channelId = cfg.channelId;
  const TEXTS = {
    en: { open: 'Open chat', close: 'Close chat', chat: 'Chat', typing: 'typing…', placeholder: 'Write a message…',
      send: 'Send', attach: 'Attach a file', sending: 'Sending…', sent: 'Sent', failed: 'Not sent',
      attachment: 'Attachment', offline: 'Cannot reach the chat service right now.', failedRequest: 'Request failed' },
    ru: { open: 'Открыть чат', close: 'Закрыть чат', chat: 'Чат', typing: 'печатает…', placeholder: 'Напишите сообщение…',
      send: 'Отправить', attach: 'Прикрепить файл', sending: 'Отправляется…', sent: 'Отправлено', failed: 'Не отправлено',
      attachment: 'Вложение', offline: 'Чат сейчас недоступен.', failedRequest: 'Запрос не выполнен' },
  };
  const lang = (cfg.lang || navigator.language || 'en').toLowerCase().startsWith('ru') ? 'ru' : 'en';
  const T = TEXTS[lang];
  const api = `${base}/api/inapp/${encodeURIComponent(channelId)}`;

  const CSS = `
.parley-launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;
 background:#2456d3;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center}
.parley-launcher svg{width:28px;height:28px;fill:currentColor}
.parley-launcher.parley-unread::after{content:"";position:absolute;top:6px;right:6px;width:12px;height:12px;border-radius:50%;background:#e5484d}
.parley-panel{position:fixed;right:20px;bottom:88px;z-index:2147483000;display:flex;flex-direction:column;width:340px;height:460px;
 max-width:calc(100vw - 40px);max-height:calc(100vh - 120px);background:#fff;color:#1c1c1c;border-radius:12px;overflow:hidden;
 box-shadow:0 8px 30px rgba(0,0,0,.25);font:14px/1.4 system-ui,sans-serif}
.parley-panel[hidden]{display:none}.parley-panel *{box-sizing:border-box}
.parley-header{display:flex;justify-content:space-between;align-items:center;padding:12px 14px;background:#2456d3;color:#fff;font-weight:600}
.parley-close{border:0;background:none;color:inherit;font-size:20px;cursor:pointer}
.parley-messages{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f6f7f9}
.parley-message{max-width:80%;padding:8px 10px;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere}
.parley-message[data-direction="IN"]{align-self:flex-end;background:#2456d3;color:#fff}
.parley-message[data-direction="OUT"]{align-self:flex-start;background:#fff;border:1px solid #e2e4e8}
.parley-text:empty{display:none}.parley-attachment{display:block;color:inherit}.parley-status{font-size:11px;opacity:.75;text-align:right}
.parley-typing,.parley-error{padding:4px 12px;font-size:12px;color:#666}.parley-error{color:#b3261e}
.parley-form{display:flex;gap:8px;padding:10px;border-top:1px solid #e2e4e8}
.parley-input{flex:1;resize:none;font:inherit;padding:8px;border:1px solid #c9ccd2;border-radius:8px}
.parley-send{border:0;border-radius:8px;padding:0 14px;background:#2456d3;color:#fff;font:inherit;cursor:pointer}
.parley-attach{display:flex;align-items:center;padding:0 6px;cursor:pointer;color:#555}.parley-attach svg{width:20px;height:20px;fill:currentColor}`;

  // ---- state (localStorage may be blocked: then the chat lasts as long as the page) ------------------------------
  const load = (name) => { try { return localStorage.getItem(`parley.${channelId}.${name}`); } catch { return null; } };
  const save = (name, value) => { try { localStorage.setItem(`parley.${channelId}.${name}`, value ?? ''); } catch { /* blocked */ } };
  let token = load('token') || null, cursor = null; // every page load shows the whole chat
  let starting = null; // the start call's promise: running, or done while the token is good
  let ws = null, wsAttempts = 0, pingTimer = 0, reconnectTimer = 0, typingTimer = 0, errorTimer = 0, receiptTimer = 0;
  let catching = null, catchAgain = false;
  const shown = new Map(); // server message id -> element
  const pending = new Map(); // clientMessageId -> the visitor's own message element, until history echoes it
  const receiptLevel = new Map(); // operator message id -> receipt already given: 1 DELIVERED, 2 READ
  const queue = { DELIVERED: new Set(), READ: new Set() };
  const ui = {};

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const is4xx = (failure) => failure && failure.status >= 400 && failure.status < 500;
  const randomHex = (c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
  const uuid = () => (crypto.randomUUID ? crypto.randomUUID() // needs a secure context; else a v4 UUID by hand
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, randomHex));
  /** Creates an element: props become properties (role/aria-* become attributes); text only ever via textContent. */
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (name === 'role' || name.startsWith('aria-')) node.setAttribute(name, value); else node[name] = value;
    }
    node.append(...children);
    return node;
  };

  // ---- HTTP ----------------------------------------------------------------------------------------------------
  /** Resolves to {status, ok, data} (data: the JSON body or problem); rejects only when the network fails. */
  async function request(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token && path !== '/visitors') headers['X-Visitor-Token'] = token;
    const res = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    let data = null;
    try { data = await res.json(); } catch { /* empty or non-JSON body */ }
    return { status: res.status, ok: res.ok, data };
  }

  /** Shows a 4xx problem's detail (or a connection failure) in the panel's error line for a few seconds. */
  function showError(failure) {
    const p = (failure && failure.data) || {};
    const fields = (p.errors || []).map((e) => `${e.field}: ${e.message}`).join('; ');
    ui.error.textContent = is4xx(failure) ? p.detail || fields || p.title || `${T.failedRequest} (${failure.status})`
      : T.offline;
    ui.error.hidden = false;
    clearTimeout(errorTimer);
    errorTimer = setTimeout(() => { ui.error.hidden = true; }, 8000);
  }

  /** Starts or resumes the chat (once; again after a failure or a refused token), then goes live. */
  function start() {
    if (!starting) starting = (async () => {
      const r = await request('POST', '/visitors',
        { userId: cfg.userId || undefined, userHash: cfg.userHash || undefined, visitorToken: token || undefined });
      if (!r.ok) throw r;
      if (r.data.visitorId !== load('visitor')) { cursor = null; } // another chat: from the start
      token = r.data.visitorToken;
      save('token', token);
      save('visitor', r.data.visitorId);
      if (r.data.title) ui.title.textContent = r.data.title;
      connect();
    })().catch((failure) => { starting = null; showError(failure); throw failure; });
    return starting;
  }

  /** Fetches what came after the cursor, page by page, deduplicated; overlapping calls are coalesced. */
  function catchUp() {
    if (catching) { catchAgain = true; return catching; }
    catching = (async () => {
      do {
        catchAgain = false;
        for (let page = 0; page < 50; page++) {
          const r = await request('GET', `/messages?${new URLSearchParams(cursor ? { cursor, limit: 100 } : { limit: 100 })}`);
          if (!r.ok) { if (r.status === 401) starting = null; else if (is4xx(r)) showError(r); return; }
          const messages = r.data.messages || [];
          messages.forEach(addFromServer);
          if (r.data.nextCursor) { cursor = r.data.nextCursor; }
          if (messages.length < 100) break;
        }
      } while (catchAgain);
    })().catch(() => { /* offline: the next reconnect catches up */ }).finally(() => { catching = null; });
    return catching;
  }

  /** Uploads the visitor's files, then sends them as one message (shown at once, like a text). */
  async function sendFiles(files) {
    const attachments = [];
    for (const file of files) {
      try {
        await start();
        const res = await fetch(`${api}/uploads?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file,
          headers: { 'X-Visitor-Token': token, 'Content-Type': file.type || 'application/octet-stream' } });
        let data = null;
        try { data = await res.json(); } catch { /* not JSON */ }
        if (!res.ok) { showError({ status: res.status, data }); continue; }
        attachments.push({ url: data.url, name: data.name, mediaType: data.mediaType, size: data.size });
      } catch (failure) {
        showError(failure);
      }
    }
    if (attachments.length) send('', attachments);
  }

  /** Sends a visitor message: shown at once, retried with the same clientMessageId on network errors and 5xx. */
  async function send(text, attachments) {
    const clientMessageId = uuid();
    const node = render('IN', text, attachments);
    node.dataset.clientMessageId = clientMessageId;
    node.append(el('div', { className: 'parley-status' }));
    pending.set(clientMessageId, node);
    setStatus(node, 'sending');
    for (let attempt = 0; ; attempt++) {
      try {
        await start();
        const r = await request('POST', '/messages', { clientMessageId, text: text || undefined, attachments });
        if (r.ok) return setStatus(node, 'sent');
        if (r.status === 401) starting = null; // token expired: resume, then retry
        else if (is4xx(r)) { showError(r); break; }
      } catch (failure) {
        if (is4xx(failure)) break; // start() was refused (already shown)
      }
      if (attempt >= 5) break;
      await sleep(1000 * 2 ** attempt); // 1s, 2s, 4s, 8s, 16s
    }
    setStatus(node, 'failed');
  }

  // ---- receipts ------------------------------------------------------------------------------------------------
  const panelVisible = () => !ui.panel.hidden && document.visibilityState === 'visible';

  /** Queues DELIVERED, and READ while the panel is visible, unless that receipt was given already. */
  function receipt(id) {
    const level = receiptLevel.get(id) || 0, visible = panelVisible();
    if (level < 1) queue.DELIVERED.add(id);
    if (level < 2 && visible) queue.READ.add(id);
    receiptLevel.set(id, Math.max(level, visible ? 2 : 1));
    if (level < 2 && !visible) ui.launcher.classList.add('parley-unread');
    if (queue.DELIVERED.size || queue.READ.size) { clearTimeout(receiptTimer); receiptTimer = setTimeout(flushReceipts, 500); }
  }

  async function flushReceipts() {
    for (const status of ['DELIVERED', 'READ']) {
      const ids = [...queue[status]];
      queue[status].clear();
      for (let i = 0; i < ids.length; i += 100) { // at most 100 ids per call
        const messageIds = ids.slice(i, i + 100);
        const r = await request('POST', '/receipts', { messageIds, status }).catch(() => ({ status: 0 }));
        if (r.status === 0 || r.status >= 500) { // offline or server trouble: again later
          messageIds.forEach((id) => queue[status].add(id));
          clearTimeout(receiptTimer);
          receiptTimer = setTimeout(flushReceipts, 10000);
        }
      }
    }
  }

  function markRead() {
    if (!panelVisible()) return;
    ui.launcher.classList.remove('parley-unread');
    receiptLevel.forEach((level, id) => receipt(id));
  }

  // ---- live connection -----------------------------------------------------------------------------------------
  function connect() {
    if (ws || !token) return;
    clearTimeout(reconnectTimer);
    const socket = ws = new WebSocket(`${api.replace(/^http/, 'ws')}/ws`);
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token })); // the token never goes in the URL
    socket.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      if (frame.type === 'ready') {
        wsAttempts = 0;
        pingTimer = setInterval(() => socket.send('{"type":"ping"}'), 25000);
        catchUp();
      } else if (frame.type === 'message') {
        showTyping(false);
        addFromServer({ ...frame, direction: 'OUT' });
      } else if (frame.type === 'typing') {
        showTyping(true);
      }
    };
    socket.onclose = (event) => {
      clearInterval(pingTimer);
      ws = null;
      if (event.code === 1008) starting = null; // token refused (e.g. expired): resume before reconnecting
      reconnect();
    };
  }

  /** Tries again after 1s, 2s, 4s … 30s; stops only when the server refuses the chat (4xx on start). */
  function reconnect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => start().then(connect, (failure) => { if (!is4xx(failure)) reconnect(); }),
      Math.min(30000, 1000 * 2 ** wsAttempts++));
  }

  // ---- rendering -----------------------------------------------------------------------------------------------
  function render(direction, text, attachments, sentAt) {
    const node = el('div', { className: 'parley-message', title: sentAt ? new Date(sentAt).toLocaleString() : '' },
      el('div', { className: 'parley-text', textContent: text || '' }));
    node.dataset.direction = direction;
    for (const a of attachments || []) {
      let url;
      try { url = new URL(a.url, base); } catch { continue; }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') continue; // no javascript: links
      node.append(el('a', { className: 'parley-attachment', href: url.href, target: '_blank', rel: 'noopener noreferrer',
        textContent: a.name || T.attachment }));
    }
    ui.list.append(node);
    ui.list.scrollTop = ui.list.scrollHeight;
    return node;
  }

  function setStatus(node, status) {
    node.dataset.status = status;
    node.querySelector('.parley-status').textContent = T[status];
  }

  /** Shows a message from history or the WebSocket once; the visitor's own echo confirms its optimistic copy. */
  function addFromServer(m) {
    if (!m || !m.id || shown.has(m.id)) return;
    const own = m.direction === 'IN' && typeof m.externalId === 'string' ? pending.get(m.externalId.split('/').pop()) : null;
    if (own) { pending.delete(own.dataset.clientMessageId); setStatus(own, 'sent'); }
    const node = own || render(m.direction === 'IN' ? 'IN' : 'OUT', m.text, m.attachments, m.sentAt);
    node.dataset.id = m.id;
    shown.set(m.id, node);
    if (m.direction === 'IN') return;
    receiptLevel.set(m.id, { DELIVERED: 1, READ: 2 }[m.deliveryStatus] || 0);
    receipt(m.id);
  }

  function showTyping(on) {
    ui.typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(() => showTyping(false), 3000);
  }

  function toggle(open) {
    ui.panel.hidden = !open;
    ui.launcher.setAttribute('aria-expanded', String(open));
    if (!open) return;
    ui.input.focus();
    start().then(catchUp, () => {});
    markRead();
  }

  /** A 24×24 SVG icon of one path (never a font glyph, which some systems lack). */
  function icon(path) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    const shape = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    shape.setAttribute('d', path);
    svg.append(shape);
    return svg;
  }

  function build() {
    document.head.append(el('style', { textContent: CSS }));
    ui.launcher = el('button', { className: 'parley-launcher', type: 'button', 'aria-label': T.open },
      icon('M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z'));
    ui.title = el('span', { className: 'parley-title', textContent: T.chat });
    const close = el('button', { className: 'parley-close', type: 'button', textContent: '×', 'aria-label': T.close });
    ui.list = el('div', { className: 'parley-messages', role: 'log' });
    ui.typing = el('div', { className: 'parley-typing', textContent: T.typing, hidden: true });
    ui.error = el('div', { className: 'parley-error', role: 'alert', hidden: true });
    ui.input = el('textarea', { className: 'parley-input', rows: 2, maxLength: 10000, placeholder: T.placeholder });
    ui.send = el('button', { className: 'parley-send', type: 'submit', textContent: T.send });
    const files = el('input', { className: 'parley-attach-input', type: 'file', multiple: true, hidden: true });
    const attach = el('label', { className: 'parley-attach', title: T.attach, 'aria-label': T.attach },
      icon('M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z'),
      files);
    files.addEventListener('change', () => { const chosen = [...files.files]; files.value = ''; sendFiles(chosen); });
    const form = el('form', { className: 'parley-form' }, attach, ui.input, ui.send);
    ui.panel = el('div', { className: 'parley-panel', hidden: true, role: 'dialog', 'aria-label': T.chat },
      el('div', { className: 'parley-header' }, ui.title, close), ui.list, ui.typing, ui.error, form);
    document.body.append(ui.launcher, ui.panel);

    ui.launcher.addEventListener('click', () => toggle(ui.panel.hidden));
    close.addEventListener('click', () => toggle(false));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = ui.input.value.trim();
      if (text) { ui.input.value = ''; send(text); }
    });
    ui.input.addEventListener('keydown', (event) => { // Enter sends, Shift+Enter starts a new line
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); form.requestSubmit(); }
    });
    document.addEventListener('visibilitychange', markRead);
    window.addEventListener('online', () => { if (!ws && token) start().then(connect, () => {}); });
    if (token) start().catch(() => {}); // a returning visitor: resume and go live at once
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', build);
  else build();
})();
