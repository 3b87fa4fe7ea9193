// The operator desk: status, offers with a countdown, the conversations I hold (from the server, so every tab and a
// reload show the same), those I was asked to help with, the last ones I handled, the selected conversation's
// timeline, customer panel and composer, and transfer / consult / close with a wrap-up.
import { api, el, showBanner, showError } from './api.js';
import { composeFor, setReplyAllowed, startComposer, toggleNote } from './composer.js';
import { attention, startNotifications } from './notify.js';
import { hidePanel, showPanel } from './panel.js';
import { channelName, duration, t, time } from './i18n.js';
import { PushConnection } from './push.js';
import { startShortcuts } from './shortcuts.js';
import { clearTimeline, showTimeline } from './timeline.js';

const $ = (id) => document.getElementById(id);
const offers = new Map(); // offerId -> offer
let held = [];
let consulted = [];
let handled = [];
const sla = new Map(); // sessionId -> 'warning' | 'breached'
let selected = null; // { id, kind: 'held' | 'consult' | 'handled', session }
let wrapUp = null;
let push;

export async function startDesk() {
  $('inbox').hidden = false;
  push = new PushConnection({ onEvent, onResync: reload, onState: showConnection });
  $('status').addEventListener('change', () => act(() => push.request('status', { status: $('status').value })));
  $('transfer-open').addEventListener('click', () => act(openTransfer));
  $('consult-open').addEventListener('click', () => act(openConsult));
  $('close-open').addEventListener('click', () => act(openClose));
  $('consult-end').addEventListener('click', () => act(endConsult));
  $('close-form').addEventListener('submit', (event) => { if (event.submitter?.value === 'close') act(closeSelected); });
  $('back').addEventListener('click', () => document.body.classList.remove('chat-open'));
  startComposer(push, (id) => refreshSelected(id));
  startNotifications();
  startShortcuts({
    accept: () => decideFirst(true), decline: () => decideFirst(false), next: () => step(1), prev: () => step(-1),
    toggleNote, transfer: () => selected?.kind === 'held' && act(openTransfer),
    close: () => selected?.kind === 'held' && act(openClose), focus: () => $('reply-text').focus(),
  });
  setInterval(renderClocks, 500);
  await reload();
  await push.open();
}

function showConnection(state) {
  $('connection').textContent = t(`conn.${state}`);
  $('connection').className = `pill ${state}`;
  showBanner('connection', state === 'lost' ? t('banner.lost') : null);
}

async function act(action) {
  try {
    showError(null);
    return await action();
  } catch (error) {
    showError(error);
    return undefined;
  }
}

/** Loads the desk's state through REST: at start, after a resync, and when Parley comes back. */
async function reload() {
  try {
    const me = await api('GET', '/api/operators/me');
    showStatus(me.status, me.statusReason);
  } catch (error) {
    if (error.status !== 404) throw error;
    showError(new Error(t('noProfile')));
  }
  offers.clear();
  for (const offer of await api('GET', '/api/offers')) offers.set(offer.id, { ...offer, offerId: offer.id });
  renderOffers();
  await reloadLists();
  if (selected) await refreshSelected(selected.id);
}

/** Only the held list: a customer message changes nothing else (three calls for each message were two too many). */
async function reloadHeld() {
  held = await api('GET', '/api/operators/me/conversations');
  renderLists();
}

async function reloadLists() {
  [held, consulted, handled] = await Promise.all([
    api('GET', '/api/operators/me/conversations'),
    api('GET', '/api/operators/me/conversations/consulted'),
    api('GET', '/api/operators/me/handled?limit=10'),
  ]);
  renderLists();
  if (selected && selected.kind !== 'handled' && !listOf(selected.kind).some((c) => c.sessionId === selected.id)) {
    deselect();
  }
}

function listOf(kind) {
  return { held, consult: consulted, handled }[kind];
}

function showStatus(status, reason) {
  $('status').value = status;
  $('current-status').textContent = t(`status.${status}`);
  $('current-status').className = `pill ${status}`;
  showBanner('status', status === 'BREAK' && reason === 'not responding' ? t('banner.onBreak') : null);
}

function onEvent(name, data) {
  switch (name) {
    case 'offer':
      offers.set(data.offerId, data);
      renderOffers();
      attention(t('notify.offer'));
      break;
    case 'offer.ended': offers.delete(data.offerId); renderOffers(); break;
    case 'assigned':
      offers.delete(data.offerId);
      renderOffers();
      reloadLists().then(() => { if (!selected) return select(data.sessionId, 'held'); }).catch(showError);
      break;
    case 'message': {
      const conversation = held.find((c) => c.sessionId === data.sessionId);
      attention(t('notify.message', { name: conversation?.customerName || t('customer') }));
      reloadHeld().catch(showError);
      if (selected?.id === data.sessionId) refreshSelected(data.sessionId);
      break;
    }
    case 'delivery':
    case 'note':
      if (name === 'note') attention(t('noteBy', { author: data.author }));
      if (selected?.id === data.sessionId) refreshSelected(data.sessionId);
      break;
    case 'consult': attention(t('consults')); reloadLists().catch(showError); break;
    case 'session.transferred':
    case 'session.closed':
      sla.delete(data.sessionId);
      if (selected?.id === data.sessionId && selected.kind !== 'handled') deselect();
      reloadLists().catch(showError);
      break;
    case 'status': showStatus(data.status, data.reason); break;
    case 'sla.warning':
    case 'sla.breached':
      sla.set(data.sessionId, name.slice(4));
      attention(t(name, { customer: data.sessionId.slice(0, 8), queue: data.queue }));
      renderLists();
      break;
  }
}

function renderOffers() {
  $('offers').replaceChildren(...[...offers.values()].map((offer) => {
    // the customer's latest message, not an auto-reply Parley sent while they waited
    const last = offer.history?.findLast((m) => m.direction === 'IN') ?? offer.history?.at(-1);
    return el('li', { className: 'offer', dataset: { offerId: offer.offerId } },
      el('span', { className: 'countdown', dataset: { expiresAt: offer.expiresAt } }),
      el('strong', { textContent: offer.customer?.displayName || t('customer') }), ' ',
      el('span', { className: `badge ${offer.channelType}`, textContent: channelName(offer.channelType) }),
      el('div', { className: 'meta', textContent: `${t('queue')} ${offer.queue}` }),
      last ? el('p', { className: 'preview', textContent: [last.subject, last.text].filter(Boolean).join(' — ') })
        : null,
      el('button', { className: 'accept', type: 'button', textContent: t('accept'),
        onclick: () => decide(offer.offerId, true) }),
      ' ',
      el('button', { className: 'decline secondary', type: 'button', textContent: t('decline'),
        onclick: () => decide(offer.offerId, false) }));
  }));
  renderClocks();
}

function decide(offerId, accept) {
  return act(() => push.request(accept ? 'accept' : 'decline', { offerId }));
}

function decideFirst(accept) {
  const first = offers.keys().next().value;
  if (first) decide(first, accept);
}

function renderClocks() {
  for (const node of document.querySelectorAll('.countdown')) {
    const seconds = Math.max(0, Math.ceil((Date.parse(node.dataset.expiresAt) - Date.now()) / 1000));
    node.textContent = `${seconds} s`;
  }
  for (const node of document.querySelectorAll('[data-waiting-since]')) {
    node.textContent = t('waiting', { time: duration(Date.now() - Date.parse(node.dataset.waitingSince)) });
  }
}

function renderLists() {
  $('conversations').replaceChildren(...held.map((c) => card(c, 'held')));
  $('consults').replaceChildren(...consulted.map((c) => card(c, 'consult')));
  $('handled').replaceChildren(...handled.map((h) => el('li', {
    className: `conversation handled${selected?.id === h.sessionId ? ' selected' : ''}`,
    dataset: { sessionId: h.sessionId }, onclick: () => act(() => select(h.sessionId, 'handled')),
  }, el('strong', { textContent: h.customerName || t('customer') }), ' ',
  el('span', { className: `badge ${h.channelType}`, textContent: channelName(h.channelType) }),
  el('div', { className: 'meta', textContent: [time(h.closedAt), h.wrapUp?.category, h.wrapUp?.resolution]
    .filter(Boolean).join(' · ') }),
  el('p', { className: 'preview', textContent: h.firstPreview || '' }))));
  renderClocks();
}

function card(c, kind) {
  const alert = sla.get(c.sessionId) ?? c.sla;
  return el('li', {
    className: `conversation${selected?.id === c.sessionId ? ' selected' : ''}${c.unanswered ? ' unread' : ''}`
      + `${alert ? ` sla-${alert}` : ''}`,
    dataset: { sessionId: c.sessionId, kind },
    onclick: () => act(() => select(c.sessionId, kind)),
  },
  el('strong', { textContent: c.customerName || t('customer') }), ' ',
  el('span', { className: `badge ${c.channelType}`, textContent: channelName(c.channelType) }),
  c.unanswered ? el('span', { className: 'count', textContent: String(c.unanswered),
    title: t('unread', { count: c.unanswered }) }) : null,
  c.waitingSince ? el('div', { className: 'meta waiting', dataset: { waitingSince: c.waitingSince } })
    : el('div', { className: 'meta', textContent: t('opened', { time: time(c.openedAt) }) }),
  el('p', { className: 'preview', textContent: c.lastPreview || '' }));
}

function step(delta) {
  const ids = [...held, ...consulted].map((c) => c.sessionId);
  if (!ids.length) return;
  const index = ids.indexOf(selected?.id);
  const next = ids[(index + delta + ids.length) % ids.length];
  act(() => select(next, held.some((c) => c.sessionId === next) ? 'held' : 'consult'));
}

async function select(id, kind) {
  const session = await api('GET', `/api/sessions/${id}`);
  selected = { id, kind, session };
  renderLists();
  const summary = listOf(kind).find((c) => c.sessionId === id);
  $('chat').hidden = false;
  document.body.classList.add('chat-open');
  $('chat-title').textContent = t('chat.title', { name: summary?.customerName || t('customer'),
    channel: channelName(summary?.channelType) });
  const open = session.state === 'OPEN';
  for (const id of ['transfer-open', 'consult-open', 'close-open']) $(id).hidden = kind !== 'held' || !open;
  $('consult-end').hidden = kind !== 'consult';
  composeFor(session);
  setReplyAllowed(kind === 'held' && open);
  await Promise.all([showTimeline(session.customerId, id), showPanel(session, (await options()).categories)]);
}

async function refreshSelected(id) {
  if (selected?.id !== id) return;
  await act(() => showTimeline(selected.session.customerId, id));
}

function deselect() {
  selected = null;
  $('chat').hidden = true;
  document.body.classList.remove('chat-open');
  composeFor(null);
  clearTimeline();
  hidePanel();
  renderLists();
}

async function options() {
  wrapUp ??= await api('GET', '/api/wrap-up');
  return wrapUp;
}

async function openTransfer() {
  const targets = await api('GET', '/api/transfer-targets');
  const sessionId = selected.id;
  const done = (fields) => act(async () => {
    await push.request('transfer', { sessionId, ...fields });
    $('transfer-dialog').close();
    deselect();
    await reloadLists();
  });
  $('transfer-operators').replaceChildren(...(targets.operators.length ? targets.operators.map((o) => el('li', {},
    el('button', { className: 'target-operator', type: 'button', dataset: { subject: o.subject },
      textContent: o.displayName || o.subject, onclick: () => done({ operator: o.subject }) }), ' ',
    el('span', { className: 'meta', textContent: t('transfer.load', { load: o.load, max: o.maxConcurrent }) })))
    : [el('li', { className: 'meta', textContent: t('transfer.noneAvailable') })]));
  $('transfer-queues').replaceChildren(...targets.queues.map((q) => el('li', {},
    el('button', { className: 'target-queue secondary', type: 'button', dataset: { queue: q.id },
      textContent: q.name || q.id, onclick: () => done({ queue: q.id }) }), ' ',
    el('span', { className: 'meta', textContent: t('transfer.waiting', { count: q.waiting }) }))));
  $('transfer-dialog').showModal();
}

async function openConsult() {
  const targets = await api('GET', '/api/transfer-targets');
  const sessionId = selected.id;
  $('consult-operators').replaceChildren(...(targets.operators.length ? targets.operators.map((o) => el('li', {},
    el('button', { className: 'consult-operator', type: 'button', dataset: { subject: o.subject },
      textContent: o.displayName || o.subject, onclick: () => act(async () => {
        await api('POST', `/api/sessions/${sessionId}/consults`, { operator: o.subject });
        $('consult-dialog').close();
        showBanner('info', t('consulted', { operator: o.displayName || o.subject }), 5000);
      }) })))
    : [el('li', { className: 'meta', textContent: t('transfer.noneAvailable') })]));
  $('consult-dialog').showModal();
}

async function endConsult() {
  const me = (await api('GET', '/api/me')).subject;
  await api('DELETE', `/api/sessions/${selected.id}/consults/${encodeURIComponent(me)}`);
  deselect();
  await reloadLists();
}

async function openClose() {
  const { categories, resolutions } = await options();
  const current = await api('GET', `/api/sessions/${selected.id}/classification`).catch(() => null);
  $('wrap-category').replaceChildren(el('option', { value: '', textContent: t('close.noCategory') }),
    ...categories.map((c) => el('option', { value: c, textContent: c, selected: c === current?.category })));
  $('wrap-resolution').replaceChildren(...resolutions.map((r) => el('option', { value: r, textContent: r })));
  $('close-dialog').showModal();
}

async function closeSelected() {
  const sessionId = selected.id;
  await push.request('close', { sessionId, category: $('wrap-category').value || undefined,
    resolution: $('wrap-resolution').value });
  deselect();
  await reloadLists();
}
