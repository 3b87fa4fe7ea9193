// Parley's Reports page for supervisors (docs/reports.md): filters, charts (uPlot) and tables of GET /api/reports/…,
// with CSV export. Uses the console's sign-in (the token in this tab's session).
import { api, apiText, auth, el, showError } from './api.js';
import * as oidc from './oidc.js';
import uPlot from './vendor/uplot/uPlot.esm.js';

const $ = (id) => document.getElementById(id);
const COLORS = ['#2456d3', '#d3422f', '#2f9e5a', '#c98a12', '#7b3fc4', '#198c99', '#8a8f98', '#d14f9a'];
const seconds = (v) => (v == null ? '' : v < 120 ? `${v.toFixed(1)} s` : `${(v / 60).toFixed(1)} min`);
const percent = (v) => (v == null ? '' : `${(v * 100).toFixed(1)} %`);
const hours = (v) => (v == null ? '' : `${(v / 3600).toFixed(2)} h`);
let report = 'queues';

/** Per report: the table's columns [heading, value of a row, format] and the charts drawn from the response. */
const VIEWS = {
  queues: {
    columns: [['period', (r) => r.period], ['queue', (r) => r.queue], ['incoming', (r) => r.incoming],
      ['answered', (r) => r.answered], ['abandoned', (r) => r.abandoned], ['transfers out', (r) => r.transferredOut],
      ['service level', (r) => r.serviceLevel, percent], ['reopen rate', (r) => r.reopenRate, percent],
      ['SLA breaches', (r) => r.slaBreaches], ['wait to offer: median', (r) => r.waitToOffer.median, seconds],
      ['p90', (r) => r.waitToOffer.p90, seconds], ['wait to 1st reply: avg', (r) => r.waitToFirstReply.average, seconds],
      ['median', (r) => r.waitToFirstReply.median, seconds], ['p90', (r) => r.waitToFirstReply.p90, seconds]],
    charts: (data) => [
      timeChart('Conversations', data.rows, () => 'all', { incoming: (r) => r.incoming, answered: (r) => r.answered,
        abandoned: (r) => r.abandoned }, 'sum'),
      timeChart('Median wait to first reply (s)', data.rows, (r) => r.queue,
        { '': (r) => r.waitToFirstReply.median }, 'last'),
      timeChart('Service level', data.rows, (r) => r.queue, { '': (r) => r.serviceLevel }, 'last')],
    extra: (data) => (data.live.length ? el('p', {}, 'Waiting now: ', ...data.live.map((q) =>
      el('span', { className: 'pill' }, `${q.queue} ${q.waitingNow} (longest ${seconds(q.longestWaitSeconds)})`)))
      : null),
  },
  operators: {
    columns: [['period', (r) => r.period], ['operator', (r) => r.operator], ['handled', (r) => r.handled],
      ['first response', (r) => r.firstResponse.average, seconds], ['handle time', (r) => r.handleTime.average, seconds],
      ['offers', (r) => r.offers.made], ['declined', (r) => r.offers.declined], ['missed', (r) => r.offers.missed],
      ['available', (r) => r.statusSeconds.AVAILABLE, hours], ['busy', (r) => r.statusSeconds.BUSY, hours],
      ['break', (r) => r.statusSeconds.BREAK, hours], ['with 1', (r) => r.loadSeconds['1'], hours],
      ['with 2+', (r) => Object.entries(r.loadSeconds).filter(([n]) => n > 1).reduce((s, [, v]) => s + v, 0) || null,
        hours], ['occupancy', (r) => r.occupancy, percent], ['concurrency', (r) => r.averageConcurrency]],
    charts: (data) => [barChart('Handled conversations', totals(data.rows, (r) => r.operator, (r) => r.handled)),
      barChart('Occupancy (%)', averages(data.rows, (r) => r.operator, (r) => r.occupancy, 100))],
  },
  topics: {
    columns: [['period', (r) => r.period], ['category', (r) => r.category || '(none)'],
      ['conversations', (r) => r.conversations], ['spam', (r) => r.spam], ['spam share', (r) => r.spamShare, percent]],
    charts: (data) => [timeChart('Conversations by category', data.rows, (r) => r.category || '(none)',
      { '': (r) => r.conversations }, 'sum', 6),
    barChart('Categories over the range', totals(data.rows, (r) => r.category || '(none)', (r) => r.conversations))],
    extra: (data) => el('div', {}, el('h3', {}, 'Top categories per channel'),
      el('ul', {}, ...data.topByChannel.map((t) => el('li', {}, `${t.within}: ${t.category} (${t.conversations})`))),
      el('h3', {}, 'Resolutions'), el('ul', {}, ...Object.entries(data.resolutions)
        .map(([code, n]) => el('li', {}, `${code}: ${n}`)))),
  },
  channels: {
    columns: [['period', (r) => r.period], ['channel', (r) => r.channel], ['conversations', (r) => r.conversations],
      ['customer messages', (r) => r.customerMessages], ['operator messages', (r) => r.operatorMessages],
      ['delivery failures', (r) => r.deliveryFailures],
      ['wait to 1st reply: median', (r) => r.waitToFirstReply.median, seconds],
      ['p90', (r) => r.waitToFirstReply.p90, seconds]],
    charts: (data) => [timeChart('Conversations by channel', data.rows, (r) => r.channel,
      { '': (r) => r.conversations }, 'sum'),
    timeChart('Median wait to first reply (s)', data.rows, (r) => r.channel,
      { '': (r) => r.waitToFirstReply.median }, 'last')],
  },
};

/** Periods (local date-times of the report's zone) as x, one series per key and measure. */
function timeChart(title, rows, key, measures, combine, limit = 8) {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const series = new Map();
  for (const row of rows) {
    for (const [name, value] of Object.entries(measures)) {
      const label = [key(row), name].filter((s) => s && s !== 'all').join(' ') || name;
      if (!series.has(label)) series.set(label, new Array(periods.length).fill(null));
      const values = series.get(label);
      const i = periods.indexOf(row.period);
      const v = value(row);
      values[i] = combine === 'sum' ? (values[i] ?? 0) + (v ?? 0) : v;
    }
  }
  const kept = [...series.entries()].slice(0, limit);
  const x = periods.map((p) => Date.parse(`${p}:00Z`) / 1000);
  return chart(title, [x, ...kept.map(([, v]) => v)], {
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    series: [{}, ...kept.map(([label], i) => ({ label, stroke: COLORS[i % COLORS.length], width: 2,
      spanGaps: true }))],
  });
}

function barChart(title, entries) {
  const labels = entries.map(([label]) => label);
  return chart(title, [labels.map((_, i) => i), entries.map(([, v]) => v)], {
    scales: { x: { time: false, range: (u, min, max) => [min - 0.6, max + 0.6] } },
    axes: [{ values: (u, ticks) => ticks.map((t) => labels[t] ?? ''), rotate: 0, gap: 4 }, {}],
    series: [{}, { label: title, fill: '#2456d366', stroke: COLORS[0], paths: uPlot.paths.bars({ size: [0.6, 60] }),
      points: { show: false } }],
  });
}

function chart(title, data, options) {
  const box = el('div', { className: 'chart' }, el('h3', {}, title));
  $('charts').append(box);
  if (!data[0].length) {
    box.append(el('p', { className: 'muted' }, 'no data'));
    return box;
  }
  new uPlot({ width: Math.max(320, box.clientWidth - 16), height: 220, ...options }, data, box);
  return box;
}

const totals = (rows, key, value) => [...rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + value(r)),
  new Map())].sort((a, b) => b[1] - a[1]).slice(0, 12);

function averages(rows, key, value, scale) {
  const sums = new Map();
  for (const r of rows) {
    const v = value(r);
    if (v == null) continue;
    const [s, n] = sums.get(key(r)) ?? [0, 0];
    sums.set(key(r), [s + v, n + 1]);
  }
  return [...sums].map(([k, [s, n]]) => [k, Math.round((s / n) * scale * 10) / 10]).slice(0, 12);
}

function query() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData($('filters'))) if (value) params.set(name, value);
  return params;
}

async function show() {
  showError(null);
  const view = VIEWS[report];
  const data = await api('GET', `/api/reports/${report}?${query()}`);
  $('charts').replaceChildren();
  view.charts(data);
  $('extra').replaceChildren(...[view.extra?.(data)].filter(Boolean));
  $('table').tHead.replaceChildren(el('tr', {}, ...view.columns.map(([h]) => el('th', {}, h))));
  $('table').tBodies[0].replaceChildren(...data.rows.map((row) => el('tr', {}, ...view.columns.map(([, get, format]) => {
    const v = get(row);
    return el('td', { className: typeof v === 'number' ? 'number' : '' }, format ? format(v) : String(v ?? ''));
  }))));
  $('range').textContent = `${data.from} – ${data.to} (${data.timeZone}, by ${data.group}); `
    + 'past hours are at most a rollup interval behind.';
}

async function downloadCsv() {
  const csv = await apiText(`/api/reports/${report}?${query()}&format=csv`);
  const link = el('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })),
    download: `parley-${report}-${$('from').value}-${$('to').value}.csv` });
  link.click();
  URL.revokeObjectURL(link.href);
}

async function start() {
  const provider = await oidc.loadProvider().catch(() => null);
  if (provider) auth.renewWith(() => oidc.renew(provider));
  if (!auth.token) {
    $('signed-out').hidden = false;
    return;
  }
  if (provider) oidc.resume(provider);
  const me = await api('GET', '/api/me');
  $('who').textContent = `${me.subject} (${me.roles.join(', ')})`;
  if (!me.roles.includes('supervisor')) {
    report = 'operators';
    document.querySelectorAll('.tab').forEach((tab) => { tab.hidden = tab.dataset.report !== report; });
  }
  const today = new Date();
  $('to').value = new Date(today.getTime() + 86400000).toISOString().slice(0, 10);
  $('from').value = new Date(today.getTime() - 6 * 86400000).toISOString().slice(0, 10);
  $('tz').value = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const params = new URLSearchParams(location.search);
  for (const [name, value] of params) if ($('filters').elements[name]) $('filters').elements[name].value = value;
  if (VIEWS[params.get('report')]) select(params.get('report'));
  $('reports').hidden = false;
  await show();
}

function select(name) {
  report = name;
  document.querySelectorAll('.tab').forEach((tab) => tab.classList.toggle('selected', tab.dataset.report === name));
}

$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  show().catch(showError);
});
$('csv').addEventListener('click', () => downloadCsv().catch(showError));
$('tabs').addEventListener('click', (event) => {
  if (!event.target.dataset.report) return;
  select(event.target.dataset.report);
  show().catch(showError);
});
start().catch(showError);
