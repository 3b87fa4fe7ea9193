// The composer: reply or internal note, Enter sends and Shift+Enter breaks the line, a draft kept per conversation in
// this browser, the channel's text limit, canned replies found by typing "/" and a word (filled in by the server for
// the conversation), and a typing indicator sent to the customer at most every 4 s.
import { api, el, newKey, showError, upload } from './api.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const limits = new Map(); // channelId -> Promise<limits>
let ctx; // { session, push, onSent }
let found = []; // canned replies shown
let active = 0;
let typingSentAt = 0;
let searchTimer;
let attached = []; // uploaded files waiting to be sent: { url, name, mediaType, size }

export function startComposer(push, onSent) {
  ctx = { push, onSent, session: null };
  const text = $('reply-text');
  $('reply').addEventListener('submit', (event) => { event.preventDefault(); send(); });
  text.addEventListener('keydown', keydown);
  text.addEventListener('input', () => {
    if (ctx.session) localStorage.setItem(draftKey(ctx.session.id), text.value);
    showLimit();
    canned();
    typing();
  });
  for (const radio of document.querySelectorAll('#reply input[name=mode]')) radio.addEventListener('change', showMode);
  $('attach').addEventListener('change', () => attach([...$('attach').files]));
}

async function attach(files) {
  $('attach').value = '';
  for (const file of files) {
    try {
      const done = await upload('/api/uploads', file);
      attached.push({ url: done.url, name: done.name, mediaType: done.mediaType, size: done.size });
    } catch (error) {
      showError(error);
    }
  }
  renderAttached();
}

function renderAttached() {
  $('attached').replaceChildren(...attached.map((a, i) => el('li', {}, a.name, ' ',
    el('button', { className: 'secondary', type: 'button', textContent: '×', title: t('remove'),
      onclick: () => { attached.splice(i, 1); renderAttached(); } }))));
}

/** The composer now writes in {@code session} (null: none): its draft and limit come back. */
export function composeFor(session) {
  ctx.session = session;
  attached = [];
  renderAttached();
  closeCanned();
  if (!session) return;
  $('reply-text').value = localStorage.getItem(draftKey(session.id)) ?? '';
  showMode();
}

export function toggleNote() {
  const note = document.querySelector('#reply input[value=note]');
  const reply = document.querySelector('#reply input[value=reply]');
  (note.checked ? reply : note).checked = true;
  showMode();
  $('reply-text').focus();
}

export function setReplyAllowed(allowed) {
  const reply = document.querySelector('#reply input[value=reply]');
  reply.disabled = !allowed;
  if (!allowed) document.querySelector('#reply input[value=note]').checked = true;
  showMode();
}

function mode() {
  return document.querySelector('#reply input[name=mode]:checked').value;
}

function showMode() {
  const note = mode() === 'note';
  $('reply').classList.toggle('note-mode', note);
  $('attach-label').hidden = note;
  $('reply-text').placeholder = t(note ? 'note.placeholder' : 'reply.placeholder');
  $('send').textContent = t(note ? 'addNote' : 'send');
  showLimit();
}

function draftKey(id) {
  return `parley.draft.${id}`;
}

function keydown(event) {
  if (!$('canned').hidden && found.length) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length;
      return renderCanned();
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      return insert(found[active]);
    }
    if (event.key === 'Escape') return closeCanned();
  }
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    send();
  }
}

async function send() {
  const text = $('reply-text').value.trim();
  const session = ctx.session;
  const note = mode() === 'note';
  if (!session || (!text && (note || !attached.length))) return;
  if (note) {
    await api('POST', `/api/sessions/${session.id}/notes`, { text });
  } else {
    await ctx.push.request('reply', { sessionId: session.id, text: text || undefined, attachments: attached,
      clientKey: newKey() });
    attached = [];
    renderAttached();
  }
  $('reply-text').value = '';
  localStorage.removeItem(draftKey(session.id));
  showLimit();
  await ctx.onSent(session.id);
}

async function showLimit() {
  const length = [...$('reply-text').value].length;
  const session = ctx.session;
  if (!session?.lastChannelId || mode() === 'note' || !length) {
    $('limit').textContent = '';
    return;
  }
  if (!limits.has(session.lastChannelId)) {
    limits.set(session.lastChannelId, api('GET', `/api/channels/${session.lastChannelId}/capabilities`).catch(() => null));
  }
  const caps = await limits.get(session.lastChannelId);
  if (!caps) return;
  const parts = Math.ceil(length / caps.maxTextLength);
  $('limit').textContent = t(parts > 1 ? 'limit.split' : 'limit', { length, max: caps.maxTextLength, parts });
  $('limit').classList.toggle('over', parts > 1);
}

function typing() {
  if (mode() !== 'reply' || !ctx.session || Date.now() - typingSentAt < 4000) return;
  typingSentAt = Date.now();
  ctx.push.request('typing', { sessionId: ctx.session.id }).catch(() => {});
}

/** "/word" at the start of the text searches canned replies. */
function canned() {
  const match = /^\/(\S*)$/.exec($('reply-text').value);
  clearTimeout(searchTimer);
  if (!match || !ctx.session) return closeCanned();
  searchTimer = setTimeout(async () => {
    const query = match[1] ? `?q=${encodeURIComponent(match[1])}` : '';
    found = await api('GET', `/api/canned-replies/for-session/${ctx.session.id}${query}`).catch(() => []);
    active = 0;
    renderCanned();
  }, 150);
}

function renderCanned() {
  const list = $('canned');
  list.hidden = !found.length;
  list.replaceChildren(...found.map((reply, i) => el('li', {
    role: 'option', className: i === active ? 'active' : '', ariaSelected: String(i === active),
    onmousedown: (event) => { event.preventDefault(); insert(reply); },
  }, el('strong', { textContent: `/${reply.shortcut}` }), ' ', el('span', { textContent: reply.title }),
  el('div', { className: 'meta', textContent: reply.text }))));
}

function insert(reply) {
  $('reply-text').value = reply.text;
  $('reply-text').dispatchEvent(new Event('input'));
  closeCanned();
  $('reply-text').focus();
}

function closeCanned() {
  found = [];
  $('canned').hidden = true;
  $('canned').replaceChildren();
}
