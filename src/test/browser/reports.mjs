// Real-browser step for the Reports page (console/reports.html): a short scripted day through the REST API (two queues,
// conversations accepted, answered, transferred, declined, closed with a wrap-up), then a supervisor signs in on the
// console and opens the Reports page: the queue, operator, topic and channel reports render charts and tables without a
// Content-Security-Policy violation, CSV downloads, and screenshots are written to SCREENSHOTS (default
// target/screenshots; docs/images for docs/reports.md). Needs a running embedded Parley at PARLEY_URL (run.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { base, call, STEP, launch, newPage, steps } from './helpers.mjs';

const run = Date.now().toString(36);
const shots = resolve(process.env.SCREENSHOTS ?? join(import.meta.dirname, '../../../target/screenshots'));
const step = steps();
const token = async (role, subject = '') =>
  (await fetch(`${base}/dev/token?role=${role}&subject=${subject}`)).text();
let browser;

async function visitorSays(channel, visitor, key, text) {
  const response = await fetch(`${base}/api/inapp/${channel}/messages`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Visitor-Token': visitor },
    body: JSON.stringify({ clientMessageId: key, text }),
  });
  assert.equal(response.status, 202);
}

/** The next offer made to one of {@code names}: [operator name, offer]. */
async function nextOffer(operators, names) {
  for (let i = 0; i < 150; i++) {
    for (const name of names) {
      const [offer] = await call('GET', '/api/offers', operators[name]);
      if (offer) return [name, offer];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no offer for ${names}`);
}

/** A short day: conversations in two queues, answered; one declined first, one transferred, one left open. */
async function playDay(admin) {
  const channels = {};
  const filters = [];
  for (const [id, name] of [['sales', 'Sales'], ['support', 'Support']]) {
    channels[id] = (await call('POST', '/api/admin/channels', admin, { type: 'inapp', name: `${name} ${run}`,
      secrets: { identitySecret: 'reports-test-secret-0123456789' } })).id;
    await call('PUT', `/api/admin/queues/${id}-${run}`, admin, { name, targetExpression: `operator.groups HAS '${id}'`,
      offerTimeoutSeconds: 120, slaFirstResponseSeconds: 60 });
    filters.push({ name, when: `conversation.channelId == '${channels[id]}'`, targets: [{ queue: `${id}-${run}` }] });
  }
  await call('PUT', '/api/admin/workflow', admin, { filters, defaultTarget: { queue: `sales-${run}` } });
  const operators = {};
  for (const [subject, group] of [['anna', 'sales'], ['boris', 'sales'], ['vera', 'support']]) {
    await call('PUT', `/api/admin/operators/${subject}-${run}`, admin,
      { displayName: subject, groups: [group], capacity: { chat: 5 }, maxConcurrent: 5 });
    operators[subject] = await token('operator', `${subject}-${run}`);
    await call('PUT', '/api/operators/me/status', operators[subject], { status: 'AVAILABLE' });
  }
  const topics = ['delivery', 'returns', 'payment', 'delivery', 'app', 'delivery', 'returns'];
  for (let i = 0; i < topics.length; i++) {
    const queue = i % 2 ? 'support' : 'sales';
    const team = queue === 'sales' ? ['anna', 'boris'] : ['vera'];
    const visitor = await (await fetch(`${base}/api/inapp/${channels[queue]}/visitors`, { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: '{}' })).json();
    await visitorSays(channels[queue], visitor.visitorToken, `m${i}`, `Question ${i} about ${topics[i]}`);
    let [who, offer] = await nextOffer(operators, team);
    if (i === 2) {
      await call('POST', `/api/offers/${offer.id}/decline`, operators[who]);
      [who, offer] = await nextOffer(operators, team.filter((name) => name !== who));
    }
    await call('POST', `/api/offers/${offer.id}/accept`, operators[who]);
    await call('POST', `/api/sessions/${offer.sessionId}/messages`, operators[who], { text: 'Hello', clientKey: `r${i}` });
    if (i === 3) {
      await call('POST', `/api/sessions/${offer.sessionId}/transfer`, operators[who], { operator: `anna-${run}` });
      who = 'anna';
    }
    if (i < 5) {
      await call('POST', `/api/sessions/${offer.sessionId}/close`, operators[who],
        { category: topics[i], resolution: i % 3 ? 'resolved' : 'answered' });
    }
  }
  await call('PUT', '/api/operators/me/status', operators.boris, { status: 'BREAK' });
}

before(async () => {
  await playDay(await token('admin'));
  browser = await launch();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
});

test('supervisors read the reports in the console', async (t) => {
  const page = await newPage(browser.context);
  const violations = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
  });
  await page.setViewportSize({ width: 1400, height: 1000 });

  await step(t, 'a supervisor signs in on the console and opens the Reports page', async () => {
    await page.goto(`${base}/console/`);
    await page.click('#oidc-sign-in button[type=submit]', STEP);
    await page.waitForURL(/\/dev\/oidc\/authorize\?/, STEP);
    await page.fill('#subject', `sam-${run}`);
    await page.selectOption('#role', 'supervisor');
    await page.click('#sign-in');
    await page.locator('#who', { hasText: `sam-${run}` }).waitFor(STEP);
    await page.goto(`${base}/console/reports.html?group=hour`);
    const row = page.locator('#table tbody tr', { hasText: `sales-${run}` });
    for (let i = 0; i < 40 && !(await row.count()); i++) { // the rollups catch up every 30 s
      await page.waitForTimeout(3000);
      await page.click('#filters button[type=submit]');
    }
    await row.waitFor(STEP);
  });

  for (const [tab, expected] of [['queues', `support-${run}`], ['operators', `vera-${run}`],
    ['topics', 'delivery'], ['channels', 'inapp']]) {
    await step(t, `the ${tab} report shows charts and a table`, async () => {
      await page.click(`#tabs [data-report=${tab}]`);
      await page.locator('#table tbody tr', { hasText: expected }).first().waitFor(STEP);
      assert.ok(await page.locator('#charts canvas').count() >= 2, 'charts are drawn');
      await page.screenshot({ path: join(shots, `reports-${tab}.png`), fullPage: true });
    });
  }

  await step(t, 'the CSV export downloads the rows shown', async () => {
    await page.click('#tabs [data-report=queues]');
    await page.locator('#table tbody tr', { hasText: `sales-${run}` }).waitFor(STEP);
    const [download] = await Promise.all([page.waitForEvent('download', STEP), page.click('#csv')]);
    const text = await (await download.createReadStream()).toArray();
    const csv = Buffer.concat(text).toString();
    assert.match(csv.split('\r\n')[0], /^period,queue,incoming,answered,abandoned/);
    assert.match(csv, new RegExp(`sales-${run}`));
  });

  await step(t, 'nothing broke the Content-Security-Policy', () => assert.deepEqual(violations, []));
});
