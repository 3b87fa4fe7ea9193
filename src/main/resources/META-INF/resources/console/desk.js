// The operator desk: status, offers with a countdown, assigned conversations, the customer's timeline and actions.
import { api, apiText, el, newKey, showError } from './api.js';
import { PushConnection } from './push.js';

const $ = (id) => document.getElementById(id);
const offers = new Map(); // offerId -> offer event data (or REST offer after a resync)
const conversations = new Map(); // sessionId -> { session, unread }
let selected = null;
let push;

export async function startDesk(me) {
  push = new PushConnection({ onEvent, onResync: reload, onState: showConnection });
  $('status').addEventListener('change', () => act(() => push.request('status', { status: $('status').value })));
  $('reply').addEventListener('submit', (event) => { event.preventDefault(); reply(); });
  $('transfer').addEventListener('submit', (event) => { event.preventDefault(); transfer(); });
  $('close-session').addEventListener('click', () => act(() => push.request('close', { sessionId: selected })));
  setInterval(renderCountdowns, 250);
  await reload();
  await push.open();
}

function showConnection(state) {
  $('connection').textContent = { live: 'connected', connecting: 'connecting…', lost: 'reconnecting…' }[state];
  $('connection').className = `pill ${state}`;
}

async function act(action) {
  try {
    showError(null);
    return await action();
  } catch (error) {
    showError(error);
  }
}

/** Loads state through REST: at start and after a resync (missed events no longer kept). */
async function reload() {
  try {
    showStatus((await api('GET', '/api/operators/me')).status);
  } catch (error) {
    showError(error.status === 404 ? new Error('You have no operator profile yet: ask an administrator.') : error);
  }
  offers.clear();
  for (const offer of await api('GET', '/api/offers')) offers.set(offer.id, { ...offer, offerId: offer.id });
  const held = await api('GET', '/api/operators/me/conversations');
  conversations.clear();
  await Promise.all(held.map((h) => loadSession(h.sessionId).catch(() => conversations.delete(h.sessionId))));
  renderOffers();
  renderConversations();
}

function showStatus(status) {
  $('status').value = status;
  $('current-status').textContent = status;
  $('current-status').className = `pill ${status}`;
}

async function loadSession(id) {
  const session = await api('GET', `/api/sessions/${id}`);
  if (session.state !== 'OPEN') return drop(id);
  conversations.set(id, { unread: false, ...conversations.get(id), session });
  if (selected === id) await renderChat();
}

function drop(id) {
  conversations.delete(id);
  if (selected === id) {
    selected = null;
    $('chat').hidden = true;
  }
  renderConversations();
}

function onEvent(name, data) {
  switch (name) {
    case 'offer': offers.set(data.offerId, data); renderOffers(); break;
    case 'offer.ended': offers.delete(data.offerId); renderOffers(); break;
    case 'assigned':
      offers.delete(data.offerId);
      renderOffers();
      loadSession(data.sessionId)
        .then(() => { renderConversations(); if (!selected) return select(data.sessionId); })
        .catch(showError);
      break;
    case 'message':
    case 'delivery': {
      const conversation = conversations.get(data.sessionId);
      if (conversation && name === 'message' && selected !== data.sessionId) conversation.unread = true;
      loadSession(data.sessionId).then(renderConversations, showError);
      break;
    }
    case 'session.transferred':
    case 'session.closed': drop(data.sessionId); break;
    case 'status': showStatus(data.status); break;
    case 'sla.warning':
    case 'sla.breached': showError(new Error(`SLA ${name.slice(4)}: conversation ${data.sessionId}, queue ${data.queue}`));
  }
}

function renderOffers() {
  $('offers').replaceChildren(...[...offers.values()].map((offer) => {
    // the customer's latest message, not an auto-reply Parley sent while they waited
    const last = offer.history?.findLast((m) => m.direction === 'IN') ?? offer.history?.at(-1);
    return el('li', { className: 'offer', dataset: { offerId: offer.offerId } },
      el('span', { className: 'countdown', dataset: { expiresAt: offer.expiresAt } }),
      el('strong', { textContent: offer.customer?.displayName || 'Customer' }),
      el('div', { className: 'meta', textContent: `${offer.channelType || ''} · queue ${offer.queue}` }),
      last ? el('p', { className: 'preview', textContent: [last.subject, last.text].filter(Boolean).join(' — ') })
        : null,
      el('button', { className: 'accept', type: 'button', textContent: 'Accept',
        onclick: () => act(() => push.request('accept', { offerId: offer.offerId })) }),
      ' ',
      el('button', { className: 'decline secondary', type: 'button', textContent: 'Decline',
        onclick: () => act(() => push.request('decline', { offerId: offer.offerId })) }));
  }));
  renderCountdowns();
}

function renderCountdowns() {
  for (const node of document.querySelectorAll('.countdown')) {
    const seconds = Math.max(0, Math.ceil((Date.parse(node.dataset.expiresAt) - Date.now()) / 1000));
    node.textContent = `${seconds} s`;
  }
}

function renderConversations() {
  $('conversations').replaceChildren(...[...conversations.values()].map(({ session, unread }) =>
    el('li', {
      className: `conversation${session.id === selected ? ' selected' : ''}${unread ? ' unread' : ''}`,
      dataset: { sessionId: session.id },
      onclick: () => select(session.id),
    },
    el('strong', { textContent: `Conversation ${session.id.slice(0, 8)}` }),
    el('div', { className: 'meta', textContent: `opened ${new Date(session.openedAt).toLocaleTimeString()}` }),
    el('p', { className: 'preview',
      textContent: session.messages.findLast((m) => m.author !== 'parley')?.text || '' }))));
}

async function select(id) {
  selected = id;
  conversations.get(id).unread = false;
  renderConversations();
  await act(renderChat);
}

/** The selected conversation as the customer's cross-channel timeline (older sessions dimmed). */
async function renderChat() {
  const { session } = conversations.get(selected);
  const page = await api('GET', `/api/customers/${session.customerId}/timeline?limit=50`);
  $('chat').hidden = false;
  $('chat-title').textContent = `Conversation ${session.id.slice(0, 8)} · customer ${session.customerId.slice(0, 8)}`;
  $('timeline').replaceChildren(...page.messages.toReversed().map((m) =>
    el('li', { className: `message ${m.direction}${m.sessionId === session.id ? '' : ' other-session'}` },
      m.subject ? el('div', { className: 'subject', textContent: m.subject }) : null,
      el('div', { className: 'text', textContent: m.text || '' }),
      m.htmlUrl ? htmlSource(m.htmlUrl) : null,
      el('div', { className: 'meta', textContent: [m.channelType, new Date(m.sentAt).toLocaleString(),
        m.direction === 'OUT' ? m.deliveryStatus : null].filter(Boolean).join(' · ') }))));
  $('timeline').scrollTop = $('timeline').scrollHeight;
}

/**
 * An email's HTML body on demand, as escaped source text: the console never renders customer HTML (the REST endpoint
 * serves it under a CSP that runs and loads nothing, for clients that want to render it).
 */
function htmlSource(url) {
  const source = el('pre', { className: 'html-source', hidden: true });
  const toggle = el('button', { className: 'secondary html-toggle', type: 'button', textContent: 'HTML source' });
  toggle.addEventListener('click', () => act(async () => {
    if (!source.textContent) source.textContent = await apiText(url);
    source.hidden = !source.hidden;
  }));
  return el('div', { className: 'html' }, toggle, source);
}

async function reply() {
  const text = $('reply-text').value.trim();
  if (!text || !selected) return;
  const sessionId = selected;
  const result = await act(() => push.request('reply', { sessionId, text, clientKey: newKey() }));
  if (result) {
    $('reply-text').value = '';
    await act(() => loadSession(sessionId));
  }
}

async function transfer() {
  const operator = $('transfer-operator').value.trim() || undefined;
  const queue = $('transfer-queue').value.trim() || undefined;
  const sessionId = selected;
  if (await act(() => push.request('transfer', { sessionId, operator, queue }))) drop(sessionId);
}
