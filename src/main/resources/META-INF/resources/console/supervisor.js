// The supervisor view: live queues (waiting, longest wait, offered, assigned), SLA alerts, operators (status and time
// in it, load against their limit, a status they can change), every conversation in routing filtered by queue, and any
// conversation opened to read, note, take over or reassign.
import { api, el, showError } from './api.js';
import { composeFor, setReplyAllowed, startComposer } from './composer.js';
import { duration, t } from './i18n.js';
import { hidePanel, showPanel } from './panel.js';
import { clearTimeline, showTimeline } from './timeline.js';

const $ = (id) => document.getElementById(id);
const STATUSES = ['AVAILABLE', 'BUSY', 'BREAK', 'MEETING', 'OFFLINE'];
let me;
let operators = [];
let selected = null;

export function startSupervisor(who) {
  me = who;
  // the conversation pane is the desk's: moved into the supervisor view
  $('supervisor').append($('chat'), $('customer'));
  $('inbox').hidden = true;
  startComposer(null, () => selected && showTimeline(selected.customerId, selected.id));
  $('queue-filter').addEventListener('change', refresh);
  $('team-filter').addEventListener('change', refresh);
  $('back').addEventListener('click', close);
  refresh();
  setInterval(refresh, 3000);
}

async function refresh() {
  try {
    const filter = $('queue-filter').value || '';
    const [overview, live] = await Promise.all([api('GET', '/api/supervisor/overview'),
      api('GET', `/api/supervisor/conversations${filter ? `?queue=${encodeURIComponent(filter)}` : ''}`)]);
    const now = Date.parse(overview.at);
    operators = overview.operators;
    renderFilter(overview.queues, filter);
    $('queues').tBodies[0].replaceChildren(...overview.queues.map((q) => row([
      `${q.name} (${q.id})`, q.waiting, q.oldestWaitingSince ? duration(now - Date.parse(q.oldestWaitingSince)) : '—',
      q.offered, q.assigned])));
    renderTeams(overview.operators);
    const team = $('team-filter').value;
    $('operators').tBodies[0].replaceChildren(...overview.operators.filter((o) => !team || o.groups.includes(team))
      .map((o) => row([`${o.displayName} (${o.subject})`, t(`status.${o.status}`),
        duration(now - Date.parse(o.statusSince)), o.offered, o.assigned, o.maxConcurrent, byKind(o), o.missedOffers],
      statusPicker(o), { dataset: { status: o.status, subject: o.subject } })));
    $('alerts').replaceChildren(...live.filter((c) => c.slaWarned || c.slaBreached).map((c) => el('li', {
      className: c.slaBreached ? 'sla-breached' : 'sla-warning',
      textContent: t(c.slaBreached ? 'sla.breached' : 'sla.warning',
        { customer: c.customerName || c.sessionId.slice(0, 8), queue: c.queue }) })));
    $('sessions').tBodies[0].replaceChildren(...live.map((c) => row([
      c.customerName || c.sessionId.slice(0, 8), c.queue || '—', c.assignee || t('sup.nobody'),
      duration(now - Date.parse(c.enteredAt))],
    el('button', { className: 'secondary open', type: 'button', textContent: t('sup.open'),
      onclick: () => act(() => open(c)) }),
    { className: c.slaBreached ? 'sla-breached' : c.slaWarned ? 'sla-warning' : '',
      dataset: { sessionId: c.sessionId } })));
    $('overview-at').textContent = t('sup.asOf', { time: new Date(overview.at).toLocaleTimeString() });
  } catch (error) {
    showError(error);
  }
}

async function act(action) {
  try {
    showError(null);
    await action();
  } catch (error) {
    showError(error);
  }
}

function renderFilter(queues, current) {
  const select = $('queue-filter');
  if (select.options.length === queues.length + 1) return;
  select.replaceChildren(el('option', { value: '', textContent: t('sup.all') }),
    ...queues.map((q) => el('option', { value: q.id, textContent: q.name, selected: q.id === current })));
}

function renderTeams(list) {
  const select = $('team-filter');
  const teams = [...new Set(list.flatMap((o) => o.groups))].sort();
  if (select.options.length === teams.length + 1) return;
  const current = select.value;
  select.replaceChildren(el('option', { value: '', textContent: t('sup.allTeams') }),
    ...teams.map((team) => el('option', { value: team, textContent: team, selected: team === current })));
}

/** Conversations held or offered per channel kind against the operator's capacity for it: "chat 1/3 · email 0/5". */
function byKind(o) {
  const kinds = [...new Set([...Object.keys(o.capacity), ...Object.keys(o.loadByKind)])];
  return kinds.map((kind) => `${kind} ${o.loadByKind[kind] ?? 0}/${o.capacity[kind] ?? 0}`).join(' · ') || '—';
}

function statusPicker(o) {
  const select = el('select', { className: 'set-status', ariaLabel: t('sup.setStatus') },
    ...STATUSES.map((s) => el('option', { value: s, textContent: t(`status.${s}`), selected: s === o.status })));
  select.addEventListener('change', () => act(() => api('PUT', `/api/operators/${encodeURIComponent(o.subject)}/status`,
    { status: select.value, reason: `set by ${me.subject}` }).then(refresh)));
  return select;
}

async function open(c) {
  const session = await api('GET', `/api/sessions/${c.sessionId}`);
  selected = session;
  $('chat').hidden = false;
  document.body.classList.add('chat-open');
  $('chat-title').textContent = t('chat.title', { name: c.customerName || t('customer'), channel: c.queue || '' });
  for (const id of ['transfer-open', 'consult-open', 'close-open', 'consult-end']) $(id).hidden = true;
  $('chat').querySelector('.actions').replaceChildren(...supervisorActions(session));
  composeFor(session);
  setReplyAllowed(false);
  await Promise.all([showTimeline(session.customerId, session.id), showPanel(session, [])]);
}

function supervisorActions(session) {
  const reassign = el('select', { id: 'reassign', ariaLabel: t('sup.reassign') },
    el('option', { value: '', textContent: `${t('sup.reassign')}…` }),
    ...operators.filter((o) => o.subject !== session.assignee).map((o) => el('option', { value: o.subject,
      textContent: `${o.displayName} · ${t(`status.${o.status}`)}` })));
  reassign.addEventListener('change', () => reassign.value && act(() => assign(session, reassign.value)));
  const take = el('button', { id: 'take-over', className: 'secondary', type: 'button', textContent: t('sup.takeOver'),
    onclick: () => act(() => assign(session, me.subject)) });
  return [take, ' ', reassign];
}

async function assign(session, operator) {
  await api('PUT', `/api/sessions/${session.id}/assignee`, { operator });
  await refresh();
  close();
}

function close() {
  selected = null;
  $('chat').hidden = true;
  document.body.classList.remove('chat-open');
  composeFor(null);
  clearTimeline();
  hidePanel();
}

function row(cells, extra, props = {}) {
  return el('tr', props, ...cells.map((c) => el('td', { textContent: String(c) })), extra ? el('td', {}, extra) : null);
}

