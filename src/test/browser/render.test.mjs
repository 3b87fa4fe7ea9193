// Measures how fast the desk opens with 50 held conversations, one of them with 500 messages: from a reload to the
// 50 conversations listed, and from a click to that conversation's timeline and customer panel shown. Five rounds;
// prints the times and writes them to RENDER_RESULTS (default target/desk-render.json) for docs/benchmarks.md. It
// measures; it does not assert times (see the README on benchmarks).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { base, STEP, call, devSignIn, launch, newPage, setUp } from './helpers.mjs';

const run = Date.now().toString(36);
const operator = `bench-${run}`;
const queue = `bench-${run}`;
const HELD = 50;
const MESSAGES = 500;
let browser;
let supervisor;
let big;

async function visitor(channel, i) {
  const started = await fetch(`${base}/api/inapp/${channel}/visitors`, { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.json());
  const sent = await fetch(`${base}/api/inapp/${channel}/messages`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Visitor-Token': started.visitorToken },
    body: JSON.stringify({ clientMessageId: `m-${i}`, text: `Вопрос номер ${i} (${run})` }) });
  assert.equal(sent.status, 202);
  return started.visitorId;
}

async function sessionOf(channel, visitorId) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [customer] = await call('GET', `/api/customers?channelId=${channel}&externalUserId=${visitorId}`, supervisor);
    if (customer) {
      const [session] = await call('GET', `/api/customers/${customer.id}/sessions?limit=1`, supervisor);
      if (session) return session.id;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no session for ${visitorId}`);
}

before(async () => {
  const admin = await (await fetch(`${base}/dev/token?role=admin`)).text();
  supervisor = await (await fetch(`${base}/dev/token?role=supervisor`)).text();
  const [channel] = await setUp(admin, { run, queue, channels: ['Render bench'], operators: [[operator, 'Bench']],
    capacity: HELD + 5, config: { visitorsPerMinute: '1000', channelVisitorsPerMinute: '1000', messagesPerMinute: '1000' } });
  const sessions = [];
  for (let i = 0; i < HELD; i++) sessions.push(await sessionOf(channel, await visitor(channel, i)));
  for (const id of sessions) await call('PUT', `/api/sessions/${id}/assignee`, supervisor, { operator });
  big = sessions[0];
  for (let i = 1; i < MESSAGES; i++) {
    await call('POST', `/api/sessions/${big}/messages`, supervisor, { text: `Ответ ${i}: ${'текст '.repeat(12)}`,
      clientKey: `bench-${i}` });
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test(`the desk with ${HELD} held conversations and a ${MESSAGES}-message timeline`, async () => {
  const desk = await newPage(browser.context);
  await devSignIn(desk, operator, 'operator');
  await desk.locator('#conversations .conversation').nth(HELD - 1).waitFor(STEP);
  const list = [];
  const open = [];
  for (let round = 0; round < 5; round++) {
    await desk.reload();
    await desk.locator('#conversations .conversation').nth(HELD - 1).waitFor(STEP);
    list.push(await desk.evaluate(() => performance.now()));
    const clicked = await desk.evaluate(() => performance.now());
    await desk.click(`.conversation[data-session-id="${big}"]`);
    await desk.locator('#timeline .message.OUT', { hasText: `Ответ ${MESSAGES - 1}:` }).waitFor(STEP);
    await desk.locator('#customer section').first().waitFor(STEP);
    open.push(await desk.evaluate(() => performance.now()) - clicked);
  }
  const round = (values) => values.map((v) => Math.round(v));
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const results = { held: HELD, messages: MESSAGES, reloadToList: round(list), clickToTimeline: round(open),
    medianReloadToList: Math.round(median(list)), medianClickToTimeline: Math.round(median(open)) };
  console.log(JSON.stringify(results));
  writeFileSync(process.env.RENDER_RESULTS ?? new URL('../../../target/desk-render.json', import.meta.url).pathname,
    JSON.stringify(results, null, 2));
  assert.equal(await desk.locator('#conversations .conversation').count(), HELD);
});
