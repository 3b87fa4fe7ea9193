// Drives a little traffic through Parley's REST API, then checks the Grafana dashboards and the Prometheus rules
// against the Prometheus that scrapes it (see run.sh): every dashboard is structurally valid, every PromQL expression
// of the dashboards and rules is accepted by Prometheus, every rule evaluates without error, and the main series
// return data. Needs PARLEY_URL, PROMETHEUS_URL and ROOT (the repository).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const parley = process.env.PARLEY_URL;
const prometheus = process.env.PROMETHEUS_URL;
const root = process.env.ROOT;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const failures = [];

async function call(method, path, token, body, headers = {}) {
  const response = await fetch(parley + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
const token = async (role, subject) => (await fetch(`${parley}/dev/token?role=${role}&subject=${subject}`)).text();
async function until(what, probe, seconds = 30) {
  for (let i = 0; i < seconds * 4; i++) {
    const value = await probe();
    if (value) return value;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// --- traffic: two queues (one served by alice, one nobody serves with a 10 s SLA), three visitors, offers, a reply
const started = Date.now();
const admin = await token('admin', 'prom-admin');
const supervisor = await token('supervisor', 'prom-sveta');
const alice = await token('operator', 'prom-alice');
const channel = async name => (await call('POST', '/api/admin/channels', admin,
  { type: 'inapp', name, secrets: { identitySecret: 'prometheus-check-0123456789' } })).id;
const served = await channel('Shop site');
const unserved = await channel('Partner site');
await call('POST', `/api/admin/channels/${await channel('Old site')}/disable`, admin);
const queue = (id, body) => call('PUT', `/api/admin/queues/${id}`, admin,
  { name: id, offerTimeoutSeconds: 60, autoAccept: false, ...body });
await queue('support', { targetExpression: "operator.groups HAS 'support'" });
await queue('backlog', { targetExpression: 'false', slaFirstResponseSeconds: 10 });
await call('PUT', '/api/admin/workflow', admin, {
  filters: [{ name: 'shop', when: `conversation.channelId == '${served}'`, targets: [{ queue: 'support' }] }],
  defaultTarget: { queue: 'backlog' },
});
await call('PUT', '/api/admin/operators/prom-alice', admin,
  { displayName: 'Alice', groups: ['support'], capacity: { chat: 2 }, maxConcurrent: 2 });
await call('PUT', '/api/operators/me/status', alice, { status: 'AVAILABLE' });

async function visitorSays(channelId, text) {
  const visitor = await call('POST', `/api/inapp/${channelId}/visitors`, null, {});
  await call('POST', `/api/inapp/${channelId}/messages`, null, { clientMessageId: 'm1', text },
    { 'X-Visitor-Token': visitor.visitorToken });
  const customer = await until('the customer', async () =>
    (await call('GET', `/api/customers?channelId=${channelId}&externalUserId=${visitor.visitorId}`, supervisor))[0]?.id);
  return until('the session', async () =>
    (await call('GET', `/api/customers/${customer}/timeline`, supervisor)).messages?.[0]?.sessionId);
}
const offerFor = session => until(`an offer of ${session}`, async () =>
  (await call('GET', '/api/offers', alice)).find(o => o.sessionId === session)?.id);

const accepted = await visitorSays(served, 'Где мой заказ?');
await call('POST', `/api/offers/${await offerFor(accepted)}/accept`, alice);
const declined = await visitorSays(served, 'Холодильник пришёл с вмятиной');
await call('POST', `/api/offers/${await offerFor(declined)}/decline`, alice);
await visitorSays(unserved, 'Хочу стать партнёром');
await call('POST', `/api/sessions/${accepted}/messages`, supervisor, { text: 'Уже едет', clientKey: 'r1' });
console.log(`traffic driven in ${Date.now() - started} ms`);

// --- Prometheus
async function query(expr) {
  const response = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = await response.json();
  if (body.status !== 'success') throw new Error(`${body.errorType}: ${body.error}`);
  return body.data;
}
await until('Prometheus to scrape Parley', async () => {
  try { return (await query('up{job="parley"} == 1')).result.length === 1; } catch { return false; }
}, 60);

// The main series return data (the SLA of the unserved queue breaches 10 s after its conversation arrived)
const mainSeries = {
  'parley_messages_in_total{channel_type="inapp"}': v => v >= 3,
  'parley_messages_out_total{channel_type="inapp"}': v => v >= 1,
  'parley_offers_total{queue="support",outcome="made"}': v => v >= 2,
  'parley_offers_total{queue="support",outcome="accepted"}': v => v >= 1,
  'parley_offers_total{queue="support",outcome="declined"}': v => v >= 1,
  'parley_queue_waiting{queue="backlog"}': v => v >= 1,
  'parley_queue_waiting{queue="support"}': v => v >= 1,
  'parley_queue_oldest_wait_seconds{queue="backlog"}': v => v > 0,
  'parley_operators{status="AVAILABLE"}': v => v >= 1,
  'parley_routing_decision_seconds_count': v => v >= 1,
  'parley_push_connections': v => v >= 0,
  'parley_outbox_backlog': v => v >= 0,
  'parley_outbox_lag_seconds': v => v >= 0,
  'parley_dead_letters{channel_type="inapp"}': v => v === 0,
  'parley_channels_disabled{channel_type="inapp"}': v => v === 1,
  'parley_sla_breaches_total{queue="backlog",target="first-response"}': v => v >= 1,
  'parley_metrics_refresh_seconds_count': v => v >= 1,
};
for (const [expr, ok] of Object.entries(mainSeries)) {
  try {
    await until(`${expr} to return data`, async () => {
      const result = (await query(expr)).result;
      return result.length > 0 && ok(Number(result[0].value[1]));
    }, 30);
  } catch (e) {
    failures.push(`series ${expr}: ${e.message} (last: ${JSON.stringify((await query(expr)).result)})`);
  }
}

// Dashboards: structure, then every expression (template variables replaced as Grafana would)
const ALLOWED = new Set(['row', 'stat', 'timeseries', 'table', 'bargauge', 'gauge', 'text']);
const dashboards = join(root, 'config/grafana/dashboards');
const expressions = [];
const uids = new Set();
for (const file of readdirSync(dashboards).filter(f => f.endsWith('.json'))) {
  const where = `dashboard ${file}`;
  try {
    const d = JSON.parse(readFileSync(join(dashboards, file), 'utf8'));
    assert.ok(typeof d.uid === 'string' && d.uid.length > 0 && d.uid.length <= 40, 'uid of at most 40 characters');
    assert.ok(!uids.has(d.uid), `uid ${d.uid} unique`);
    uids.add(d.uid);
    assert.ok(typeof d.title === 'string' && d.title.length > 0, 'title');
    assert.ok(Number.isInteger(d.schemaVersion) && d.schemaVersion >= 36, 'schemaVersion');
    assert.ok(Array.isArray(d.panels) && d.panels.length > 0, 'panels');
    const variables = d.templating?.list ?? [];
    const names = new Set(variables.map(v => v.name));
    assert.ok(names.has('datasource'), 'a datasource variable');
    for (const v of variables.filter(v => v.type === 'query')) {
      expressions.push({ where: `${where} variable ${v.name}`, expr: v.query.query.replace(/^label_values\((.*),\s*\w+\)$/, '$1') });
    }
    const ids = new Set();
    for (const p of d.panels) {
      const at = `${where} panel ${p.id} "${p.title}"`;
      assert.ok(Number.isInteger(p.id) && !ids.has(p.id), `${at}: unique integer id`);
      ids.add(p.id);
      assert.ok(ALLOWED.has(p.type), `${at}: known type ${p.type}`);
      const g = p.gridPos;
      assert.ok(g && [g.x, g.y, g.w, g.h].every(Number.isInteger) && g.x >= 0 && g.w > 0 && g.x + g.w <= 24 && g.h > 0,
        `${at}: gridPos within 24 columns`);
      if (p.type === 'row' || p.type === 'text') continue;
      assert.equal(p.datasource?.uid, '${datasource}', `${at}: uses the datasource variable`);
      assert.ok(Array.isArray(p.targets) && p.targets.length > 0, `${at}: targets`);
      assert.equal(new Set(p.targets.map(t => t.refId)).size, p.targets.length, `${at}: unique refIds`);
      for (const t of p.targets) {
        assert.ok(typeof t.expr === 'string' && t.expr.length > 0, `${at}: expr`);
        const unknown = [...t.expr.matchAll(/\$(\w+)/g)].map(m => m[1])
          .filter(n => !n.startsWith('__') && !names.has(n));
        assert.deepEqual(unknown, [], `${at}: variables defined`);
        expressions.push({ where: at, expr: t.expr });
      }
    }
  } catch (e) {
    failures.push(`${where}: ${e.message}`);
  }
}
assert.ok(uids.size >= 4, 'four dashboards');

// Rules: loaded, evaluated without error, and each expression accepted by a query too
const alertCount = (readFileSync(join(root, 'config/prometheus/alerts.yml'), 'utf8').match(/^\s*- alert:/gm) ?? []).length;
const rules = await until('every rule to be evaluated', async () => {
  const groups = (await (await fetch(`${prometheus}/api/v1/rules`)).json()).data.groups;
  const all = groups.flatMap(g => g.rules);
  return all.length === alertCount && all.every(r => r.lastEvaluation && !r.lastEvaluation.startsWith('0001')) && all;
}, 30);
for (const rule of rules) {
  if (rule.health !== 'ok') failures.push(`rule ${rule.name}: ${rule.health} ${rule.lastError ?? ''}`);
  expressions.push({ where: `rule ${rule.name}`, expr: rule.query });
}

// Two alerts fire from this traffic: the disabled channel, and the SLA breach of the queue nobody serves
for (const alert of ['ParleyChannelDisabled', 'ParleySlaBreaches']) {
  try {
    await until(`${alert} to fire`, async () => (await (await fetch(`${prometheus}/api/v1/alerts`)).json())
      .data.alerts.some(a => a.labels.alertname === alert && a.state === 'firing'), 30);
  } catch (e) {
    failures.push(e.message);
  }
}

for (const { where, expr } of expressions) {
  const concrete = expr.replaceAll('$__rate_interval', '1m').replaceAll('$__interval', '15s')
    .replace(/\$\{?(\w+)\}?/g, '.*');
  try {
    await query(concrete);
  } catch (e) {
    failures.push(`${where}: ${expr}: ${e.message}`);
  }
}
console.log(`${uids.size} dashboards, ${rules.length} rules, ${expressions.length} expressions checked,`
  + ` ${Object.keys(mainSeries).length} series with data; firing now: `
  + rules.filter(r => r.state === 'firing').map(r => r.name).join(', '));
const refresh = (await query('parley_metrics_refresh_seconds_sum / parley_metrics_refresh_seconds_count')).result;
const slowest = (await query('parley_metrics_refresh_seconds_max')).result;
console.log(`database gauge refresh: mean ${(1000 * Number(refresh[0]?.value[1])).toFixed(2)} ms over`
  + ` ${(await query('parley_metrics_refresh_seconds_count')).result[0]?.value[1]} refreshes,`
  + ` slowest recent ${(1000 * Number(slowest[0]?.value[1])).toFixed(2)} ms`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`Prometheus check passed in ${Date.now() - started} ms`);
