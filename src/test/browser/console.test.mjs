// Real-browser test: an operator signs in to the console, goes AVAILABLE, accepts the offer of a visitor's in-app chat
// and replies; the visitor's widget shows the reply; the supervisor view shows the queue and the operator's load.
// Needs a running embedded Parley at PARLEY_URL (run.sh starts one) and Debian's Chromium at CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.PARLEY_URL ?? 'http://127.0.0.1:8080';
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const run = Date.now().toString(36);
const operator = `olga-${run}`;
const queue = `web-${run}`;
const visitorText = `Where is my order ${run}?`;
const replyText = `It leaves the warehouse today (${run}).`;
const STEP = { timeout: 30_000 };

let broken = false; // once a step fails, the later ones are skipped (they would only time out)
let browser; // one persistent context in a fresh profile folder; each page is its own tab (own sessionStorage)
let profileDir;
let channelId;

function step(t, name, fn) {
  return t.test(name, { skip: broken && 'an earlier step failed' }, async () => {
    try {
      await fn();
    } catch (error) {
      broken = true;
      throw error;
    }
  });
}

async function call(method, path, token, body) {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

before(async () => {
  const admin = await (await fetch(`${base}/dev/token?role=admin`)).text();
  channelId = (await call('POST', '/api/admin/channels', admin,
    { type: 'inapp', name: `Browser test ${run}`, secrets: { identitySecret: 'browser-test-secret-0123456789' } })).id;
  await call('PUT', `/api/admin/queues/${queue}`, admin,
    { name: 'Web chat', targetExpression: 'true', offerTimeoutSeconds: 120 });
  await call('PUT', '/api/admin/workflow', admin, { filters: [], defaultTarget: { queue, priority: 0 } });
  await call('PUT', `/api/admin/operators/${operator}`, admin,
    { displayName: 'Olga', languages: ['en', 'ru'], capacity: { chat: 3 }, maxConcurrent: 3 });
  profileDir = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

test('operator accepts a visitor chat in the console and the visitor sees the reply', async (t) => {
  const desk = await browser.newPage();
  const visitor = await browser.newPage();
  for (const page of [desk, visitor]) page.on('pageerror', (error) => console.error('page error:', error.message));

  await step(t, 'the operator signs in with the development issuer', async () => {
    await desk.goto(`${base}/console/`);
    await desk.locator('#dev-sign-in').waitFor(STEP);
    await desk.fill('#dev-subject', operator);
    await desk.selectOption('#dev-role', 'operator');
    await desk.click('#dev-sign-in button[type=submit]');
    await desk.locator('#operator').waitFor(STEP);
    assert.match(await desk.textContent('#who'), new RegExp(operator));
    await desk.locator('#connection', { hasText: 'connected' }).waitFor(STEP);
  });

  await step(t, 'the operator goes AVAILABLE', async () => {
    await desk.selectOption('#status', 'AVAILABLE');
    await desk.locator('#current-status', { hasText: 'AVAILABLE' }).waitFor(STEP);
  });

  await step(t, 'a visitor writes through the in-app widget', async () => {
    await visitor.goto(`${base}/widget/demo.html?channel=${channelId}`);
    await visitor.click('.parley-launcher', STEP);
    await visitor.fill('.parley-input', visitorText);
    await visitor.click('.parley-send');
    await visitor.locator('.parley-message', { hasText: visitorText }).locator('.parley-status', { hasText: 'Sent' })
      .waitFor(STEP);
  });

  await step(t, 'the offer appears in the console with a countdown', async () => {
    const offer = desk.locator('.offer', { hasText: visitorText });
    await offer.waitFor(STEP);
    assert.match(await offer.locator('.countdown').textContent(), /^\d+ s$/);
    await offer.locator('button.accept').click();
    await offer.waitFor({ state: 'detached', ...STEP });
  });

  await step(t, 'the accepted conversation shows the customer timeline', async () => {
    await desk.locator('.conversation').first().waitFor(STEP);
    await desk.locator('#timeline .message.IN', { hasText: visitorText }).waitFor(STEP);
  });

  await step(t, 'the operator replies', async () => {
    await desk.fill('#reply-text', replyText);
    await desk.click('#reply button[type=submit]');
    await desk.locator('#timeline .message.OUT', { hasText: replyText }).waitFor(STEP);
    assert.equal(await desk.inputValue('#reply-text'), '');
  });

  await step(t, "the visitor's chat shows the reply", async () => {
    await visitor.locator('.parley-message', { hasText: replyText }).waitFor(STEP);
  });

  await step(t, 'the supervisor view shows the queue and the operator with one conversation', async () => {
    const supervisor = await browser.newPage();
    await supervisor.goto(`${base}/console/`);
    await supervisor.locator('#dev-sign-in').waitFor(STEP);
    await supervisor.fill('#dev-subject', `sveta-${run}`);
    await supervisor.selectOption('#dev-role', 'supervisor');
    await supervisor.click('#dev-sign-in button[type=submit]');
    await supervisor.locator('#queues tbody tr', { hasText: queue }).waitFor(STEP);
    const row = supervisor.locator('#operators tbody tr', { hasText: operator });
    await row.waitFor(STEP);
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[1], 'AVAILABLE');
    assert.equal(cells[4], '1', `conversations held by ${operator}: ${cells}`);
  });
});
