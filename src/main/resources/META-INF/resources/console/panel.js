// The customer panel: who the customer is in every channel (unreachable ones marked), verified identifiers, what the
// CRM knows (customer.* attributes), the conversation's classification with a category correction, and the
// customer's earlier conversations with their outcome.
import { api, el, showError } from './api.js';
import { channelName, dateTime, t } from './i18n.js';

const $ = (id) => document.getElementById(id);

export async function showPanel(session, categories) {
  const [customer, attributes, classification, sessions] = await Promise.all([
    api('GET', `/api/customers/${session.customerId}`),
    api('GET', `/api/customers/${session.customerId}/attributes`).catch(() => ({})),
    api('GET', `/api/sessions/${session.id}/classification`).catch(() => null),
    api('GET', `/api/customers/${session.customerId}/sessions?limit=10`),
  ]);
  const panel = $('customer');
  panel.hidden = false;
  panel.replaceChildren(...[
    el('h2', { textContent: customer.displayName || t('customer') }),
    section('panel.identities', el('ul', { className: 'identities' }, ...customer.identities.map(identity))),
    verified(customer),
    section('panel.attributes', Object.keys(attributes).length
      ? el('dl', { className: 'attributes' }, ...Object.entries(attributes).flatMap(([name, value]) => [
        el('dt', { textContent: name }), el('dd', { textContent: String(value) })]))
      : el('p', { className: 'meta', textContent: t('panel.noAttributes') })),
    classification ? section('panel.classification', classified(session, classification, categories)) : null,
    section('panel.sessions', el('ul', { className: 'sessions' }, ...sessions.map(earlier)))].filter(Boolean));
}

export function hidePanel() {
  $('customer').hidden = true;
  $('customer').replaceChildren();
}

function section(title, ...content) {
  return el('section', {}, el('h3', { textContent: t(title) }), ...content);
}

function identity(i) {
  const name = [i.displayName, i.username && `@${i.username}`, i.phone, i.email].filter(Boolean).join(' · ');
  return el('li', { className: i.unreachable ? 'unreachable' : '' },
    el('span', { className: `badge ${i.channelType}`, textContent: channelName(i.channelType) }), ' ',
    name || i.externalUserId,
    i.unreachable ? el('span', { className: 'pill BREAK', textContent: t('panel.unreachable') }) : null);
}

function verified(customer) {
  return customer.verified?.length ? section('panel.verified', el('ul', { className: 'verified' },
    ...customer.verified.map((v) => el('li', {}, el('span', { className: 'badge', textContent: t(`verified.${v.kind}`) }),
      ' ', v.value)))) : null;
}

function classified(session, c, categories) {
  const select = el('select', { id: 'category-correction', ariaLabel: t('panel.category') },
    ...[...new Set([c.category, ...categories].filter(Boolean))].map((id) =>
      el('option', { value: id, textContent: id, selected: id === c.category })));
  const fix = el('button', { className: 'secondary', type: 'button', textContent: t('panel.correct') });
  fix.addEventListener('click', () => api('PUT', `/api/sessions/${session.id}/classification/category`,
    { category: select.value }).then(() => showError(null), showError));
  return el('dl', { className: 'classification' },
    el('dt', { textContent: t('panel.category') }), el('dd', {}, select, ' ', fix),
    el('dt', { textContent: t('panel.language') }), el('dd', { textContent: c.language || '—' }),
    el('dt', { textContent: t('panel.spam') }), el('dd', { textContent: t(c.spam ? 'panel.yes' : 'panel.no') }));
}

function earlier(s) {
  const outcome = s.state === 'OPEN' ? t('panel.open')
    : [s.wrapUp?.category, s.wrapUp?.resolution].filter(Boolean).join(' / ') || s.closeReason || '';
  return el('li', { className: s.state === 'OPEN' ? 'current' : '' },
    t('panel.session', { opened: dateTime(s.openedAt), outcome }), s.assignee ? ` · ${s.assignee}` : '');
}
