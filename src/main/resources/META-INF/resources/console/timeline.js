// The customer's cross-channel timeline: every channel and session in one feed (older sessions dimmed), internal notes
// in place, attachments inline, delivery status of replies, and older pages loaded when scrolled to the top.
import { api, apiText, el } from './api.js';
import { attachment } from './files.js';
import { channelName, dateTime, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let view = null; // { customerId, sessionId, messages: [], notes: [], cursor, loading }

/** Shows the timeline of a customer, the given session highlighted; keeps the scroll at the bottom. */
export async function showTimeline(customerId, sessionId) {
  const same = view?.customerId === customerId && view?.sessionId === sessionId;
  const [page, notes] = await Promise.all([
    api('GET', `/api/customers/${customerId}/timeline?limit=50`),
    api('GET', `/api/customers/${customerId}/notes?limit=200`),
  ]);
  const older = same ? view.messages.filter((m) => !page.messages.some((p) => p.id === m.id)
    && Date.parse(m.sentAt) <= Date.parse(page.messages.at(-1)?.sentAt ?? 0)) : [];
  view = { customerId, sessionId, messages: [...page.messages, ...older], notes,
    cursor: same && older.length ? view.cursor : page.nextCursor, loading: false };
  render(true);
}

export function clearTimeline() {
  view = null;
  $('timeline').replaceChildren();
}

async function loadOlder() {
  if (!view?.cursor || view.loading) return;
  view.loading = true;
  const list = $('timeline');
  const before = list.scrollHeight - list.scrollTop;
  const page = await api('GET', `/api/customers/${view.customerId}/timeline?limit=50&cursor=${encodeURIComponent(view.cursor)}`);
  view.messages.push(...page.messages);
  view.cursor = page.nextCursor;
  view.loading = false;
  render(false);
  list.scrollTop = list.scrollHeight - before;
}

function render(toBottom) {
  const items = [
    ...view.messages.map((m) => ({ at: Date.parse(m.sentAt), node: () => message(m) })),
    ...view.notes.map((n) => ({ at: Date.parse(n.createdAt), node: () => note(n) })),
  ].sort((a, b) => a.at - b.at);
  const head = view.cursor
    ? el('li', { className: 'older' }, el('button', { className: 'secondary', type: 'button', textContent: t('older'),
      onclick: () => loadOlder() }))
    : el('li', { className: 'older meta', textContent: t('noOlder') });
  const list = $('timeline');
  list.replaceChildren(head, ...items.map((i) => i.node()));
  list.onscroll = () => { if (list.scrollTop < 40) loadOlder(); };
  // an image that loads later keeps the newest message in view when it was
  list.addEventListener('load', keepBottom, true);
  if (toBottom) list.scrollTop = list.scrollHeight;
}

function keepBottom() {
  const list = $('timeline');
  if (list.scrollHeight - list.scrollTop - list.clientHeight < 250) list.scrollTop = list.scrollHeight;
}

function message(m) {
  const status = m.direction === 'OUT' && m.deliveryStatus
    ? el('span', { className: `delivery ${m.deliveryStatus}`, title: m.failureReason || '',
      textContent: t(`delivery.${m.deliveryStatus}`) + (m.failureReason ? `: ${m.failureReason}` : '') })
    : null;
  return el('li', {
    className: `message ${m.direction}${m.sessionId === view.sessionId ? '' : ' other-session'}`,
    dataset: { channel: m.channelType || '' },
  },
  m.subject ? el('div', { className: 'subject', textContent: m.subject }) : null,
  m.text ? el('div', { className: 'text', textContent: m.text }) : null,
  m.attachments?.length ? el('div', { className: 'attachments' }, ...m.attachments.map(attachment)) : null,
  m.htmlUrl ? htmlSource(m.htmlUrl) : null,
  el('div', { className: 'meta' },
    el('span', { className: `badge ${m.channelType}`, textContent: channelName(m.channelType) }), ' ',
    m.sessionId === view.sessionId ? '' : `${t('otherSession')} · `,
    dateTime(m.sentAt), status ? ' · ' : '', status));
}

function note(n) {
  return el('li', { className: 'note' },
    el('div', { className: 'text', textContent: n.text }),
    el('div', { className: 'meta', textContent: `${t('noteBy', { author: n.author })} · ${dateTime(n.createdAt)}` }));
}

/**
 * An email's HTML body on demand, as escaped source text: the console never renders customer HTML (the REST endpoint
 * serves it under a CSP that runs and loads nothing, for clients that want to render it).
 */
function htmlSource(url) {
  const source = el('pre', { className: 'html-source', hidden: true });
  const toggle = el('button', { className: 'secondary html-toggle', type: 'button', textContent: t('htmlSource') });
  toggle.addEventListener('click', async () => {
    if (!source.textContent) source.textContent = await apiText(url);
    source.hidden = !source.hidden;
  });
  return el('div', { className: 'html' }, toggle, source);
}
