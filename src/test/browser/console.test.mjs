// Real-browser test of the operator console against the embedded build, signing in through its development OIDC
// provider (code flow with PKCE, the same path as a production identity provider): an operator goes AVAILABLE,
// accepts a visitor's in-app chat and replies; the visitor sees the reply; the supervisor view shows the load; the desk
// survives a lost socket; a declined offer goes to the next operator; a conversation is transferred and closed; the
// operator signs out. Needs a running embedded Parley at PARLEY_URL (run.sh starts one) and Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, STEP, launch, newPage, setUp, steps, visitorWrites } from './helpers.mjs';

const run = Date.now().toString(36);
const olga = `olga-${run}`;
const oleg = `oleg-${run}`;
const queue = `web-${run}`;
const step = steps();
let browser;
let channelA;
let channelB;

/** Signs in on the console through the development provider's sign-in form. */
async function devSignIn(page, subject, role) {
  await page.goto(`${base}/console/`);
  await page.click('#oidc-sign-in button[type=submit]', STEP);
  await page.waitForURL(/\/dev\/oidc\/authorize\?/, STEP);
  await page.fill('#subject', subject);
  await page.selectOption('#role', role);
  await page.click('#sign-in');
  await page.locator('#who', { hasText: subject }).waitFor(STEP);
}

async function goAvailable(page) {
  await page.locator('#connection', { hasText: 'connected' }).waitFor(STEP);
  await page.selectOption('#status', 'AVAILABLE');
  await page.locator('#current-status', { hasText: 'AVAILABLE' }).waitFor(STEP);
}

before(async () => {
  const admin = await (await fetch(`${base}/dev/token?role=admin`)).text();
  [channelA, channelB] = await setUp(admin,
    { run, queue, channels: ['Browser test A', 'Browser test B'], operators: [[olga, 'Olga'], [oleg, 'Oleg']] });
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('operators work visitor chats in the console', async (t) => {
  const desk = await newPage(browser.context);
  const visitor = await newPage(browser.context);
  let cut = false; // while true, the desk's push sockets are closed as soon as they open
  const sockets = new Set();
  await desk.routeWebSocket(/\/api\/operator\/ws$/, (ws) => {
    if (cut) return ws.close();
    ws.connectToServer();
    sockets.add(ws);
  });
  let sessionA;

  await step(t, 'the operator signs in with the code flow against the development provider', async () => {
    await devSignIn(desk, olga, 'operator');
    await desk.locator('#operator').waitFor(STEP);
    assert.equal(new URL(desk.url()).search, '', 'the code and state are removed from the address');
    const session = await desk.evaluate(() => JSON.parse(sessionStorage.getItem('parley.oidc')));
    assert.ok(session.refreshToken, 'a refresh token is kept for renewing the access token');
    await desk.locator('#connection', { hasText: 'connected' }).waitFor(STEP);
  });

  await step(t, 'a visitor writes through the in-app widget while nobody is available, and is told their place', async () => {
    await visitorWrites(visitor, channelA, `Where is my order ${run}?`);
    await visitor.locator('.parley-message', { hasText: 'You are number 1 in the queue' }).waitFor(STEP);
  });

  await step(t, 'the operator goes AVAILABLE', () => goAvailable(desk));

  await step(t, "the offer appears in the console with a countdown, previewing the customer's message", async () => {
    const offer = desk.locator('.offer', { hasText: `Where is my order ${run}?` });
    await offer.waitFor(STEP);
    assert.match(await offer.locator('.countdown').textContent(), /^\d+ s$/);
    await offer.locator('button.accept').click();
    await offer.waitFor({ state: 'detached', ...STEP });
  });

  await step(t, 'the accepted conversation shows the customer timeline', async () => {
    await desk.locator('.conversation').first().waitFor(STEP);
    await desk.locator('#timeline .message.IN', { hasText: `Where is my order ${run}?` }).waitFor(STEP);
    await desk.locator('#timeline .message.OUT', { hasText: 'You are number 1 in the queue' }).waitFor(STEP);
    await desk.locator('.conversation.selected', { hasText: `Where is my order ${run}?` }).waitFor(STEP);
    sessionA = await desk.locator('.conversation.selected').getAttribute('data-session-id');
  });

  await step(t, 'the operator replies', async () => {
    await desk.fill('#reply-text', `It leaves the warehouse today (${run}).`);
    await desk.click('#reply button[type=submit]');
    await desk.locator('#timeline .message.OUT', { hasText: `It leaves the warehouse today (${run}).` }).waitFor(STEP);
    assert.equal(await desk.inputValue('#reply-text'), '');
  });

  await step(t, "the visitor's chat shows the reply", async () => {
    await visitor.locator('.parley-message', { hasText: `It leaves the warehouse today (${run}).` }).waitFor(STEP);
  });

  await step(t, 'the supervisor view shows the queue and the operator with one conversation', async () => {
    const supervisor = await newPage(browser.context);
    await devSignIn(supervisor, `sveta-${run}`, 'supervisor');
    await supervisor.locator('#queues tbody tr', { hasText: queue }).waitFor(STEP);
    const row = supervisor.locator('#operators tbody tr', { hasText: olga });
    await row.waitFor(STEP);
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[1], 'AVAILABLE');
    assert.equal(cells[4], '1', `conversations held by ${olga}: ${cells}`);
    await supervisor.close();
  });

  await step(t, 'a second tab of the same operator lists the conversation they hold', async () => {
    const tab = await newPage(browser.context);
    await devSignIn(tab, olga, 'operator');
    await tab.locator(`.conversation[data-session-id="${sessionA}"]`).waitFor(STEP);
    await tab.close();
  });

  await step(t, 'the desk reconnects after losing its socket and receives the message sent meanwhile', async () => {
    cut = true;
    for (const ws of sockets) await ws.close({ code: 1001, reason: 'test cuts the connection' });
    sockets.clear();
    await desk.locator('#connection', { hasText: 'reconnecting' }).waitFor(STEP);
    await visitorWrites(visitor, channelA, `Is it insured? ${run}`);
    assert.equal(await desk.locator('#timeline .message.IN', { hasText: `Is it insured? ${run}` }).count(), 0,
      'the message cannot have reached the desk without a socket');
    cut = false;
    await desk.locator('#connection', { hasText: 'connected' }).waitFor(STEP);
    await desk.locator('#timeline .message.IN', { hasText: `Is it insured? ${run}` }).waitFor(STEP);
  });

  await step(t, 'the operator declines an offer', async () => {
    const second = await newPage(browser.context);
    await visitorWrites(second, channelB, `Do you ship abroad? ${run}`);
    const offer = desk.locator('.offer', { hasText: `Do you ship abroad? ${run}` });
    await offer.waitFor(STEP);
    await offer.locator('button.decline').click();
    await offer.waitFor({ state: 'detached', ...STEP });
  });

  const desk2 = await newPage(browser.context);
  await step(t, 'the declined conversation is offered to the next operator, who accepts it', async () => {
    await devSignIn(desk2, oleg, 'operator');
    await goAvailable(desk2);
    const offer = desk2.locator('.offer', { hasText: `Do you ship abroad? ${run}` });
    await offer.waitFor(STEP);
    await offer.locator('button.accept').click();
    await desk2.locator('#timeline .message.IN', { hasText: `Do you ship abroad? ${run}` }).waitFor(STEP);
  });

  await step(t, 'the first operator transfers a conversation to the second', async () => {
    await desk.fill('#transfer-operator', oleg);
    await desk.click('#transfer button[type=submit]');
    await desk.locator(`.conversation[data-session-id="${sessionA}"]`).waitFor({ state: 'detached', ...STEP });
    assert.ok(await desk.locator('#chat').isHidden(), 'the transferred conversation is no longer open');
    await desk2.locator(`.conversation[data-session-id="${sessionA}"]`).waitFor(STEP);
  });

  await step(t, 'the second operator closes the transferred conversation', async () => {
    await desk2.click(`.conversation[data-session-id="${sessionA}"]`);
    await desk2.locator('#timeline .message.IN', { hasText: `Is it insured? ${run}` }).waitFor(STEP);
    await desk2.click('#close-session');
    await desk2.locator(`.conversation[data-session-id="${sessionA}"]`).waitFor({ state: 'detached', ...STEP });
    assert.equal(await desk2.locator('.conversation').count(), 1, 'the accepted conversation stays');
  });

  await step(t, 'the operator signs out through the provider and the tokens are gone', async () => {
    await desk.click('#sign-out');
    await desk.locator('#oidc-sign-in').waitFor(STEP);
    assert.equal(await desk.evaluate(() => sessionStorage.getItem('parley.oidc') ?? sessionStorage.getItem('parley.token')),
      null);
  });
});
