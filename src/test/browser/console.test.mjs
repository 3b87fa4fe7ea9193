// Real-browser test of the operator console against the embedded build, in English at desktop width (1366×768),
// signing in through its development OIDC provider (code flow with PKCE): an offer with a title badge and a sound,
// accept, the customer panel with identities and CRM attributes, an image shown inline, a canned reply with variables,
// a note, a consult, a transfer picked from the list, a wrap-up at close and the "last handled" list, with a supervisor
// watching; then a second tab, a lost socket, a declined offer and signing out. Screenshots of each screen go to
// docs/console/. Needs a running embedded Parley at PARLEY_URL (run.sh starts one) and Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, STEP, call, devSignIn, goAvailable, launch, newPage, png, screenshot, setUp, steps, visitorWrites }
  from './helpers.mjs';

const run = Date.now().toString(36);
const PNG = png(160, 100);
const olga = `olga-${run}`;
const oleg = `oleg-${run}`;
const queue = `web-${run}`;
const step = steps();
let browser;
let channelA;
let channelB;
let supervisorToken;

before(async () => {
  const admin = await (await fetch(`${base}/dev/token?role=admin`)).text();
  supervisorToken = await (await fetch(`${base}/dev/token?role=supervisor&subject=sveta-${run}`)).text();
  [channelA, channelB] = await setUp(admin,
    { run, queue, channels: ['Browser test A', 'Browser test B'], operators: [[olga, 'Olga'], [oleg, 'Oleg']] });
  await call('POST', '/api/canned-replies', supervisorToken, { shortcut: `thanks${run}`, title: 'Thanks',
    body: 'Thank you! {operator.name} here; as a {customer.tier} customer you get free delivery.' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  // the next test file routes its own queue: these operators must not take its conversations
  for (const subject of [olga, oleg]) {
    await call('PUT', `/api/operators/${subject}/status`, supervisorToken, { status: 'OFFLINE', reason: 'test over' });
  }
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
  const desk2 = await newPage(browser.context);
  const supervisor = await newPage(browser.context);

  await step(t, 'the operator signs in with the code flow against the development provider', async () => {
    await devSignIn(desk, olga, 'operator');
    await desk.locator('#operator').waitFor(STEP);
    assert.equal(new URL(desk.url()).search, '', 'the code and state are removed from the address');
    const session = await desk.evaluate(() => JSON.parse(sessionStorage.getItem('parley.oidc')));
    assert.ok(session.refreshToken, 'a refresh token is kept for renewing the access token');
    await desk.locator('#connection.live').waitFor(STEP);
    assert.equal(await desk.locator('#inbox h2').first().textContent(), 'Offers', 'an English browser gets English');
  });

  await step(t, 'a visitor writes through the in-app widget while nobody is available, and is told their place', async () => {
    await visitorWrites(visitor, channelA, `Where is my order ${run}?`);
    await visitor.locator('.parley-message', { hasText: 'You are number 1 in the queue' }).waitFor(STEP);
  });

  await step(t, 'in a background tab, the offer raises a title badge and a sound, with a countdown and a preview', async () => {
    await desk.click('#status'); // a user gesture: browsers allow sound only after one
    // headless Chromium keeps every tab visible and focused: the desk is told it is in the background as a browser would
    await desk.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.hasFocus = () => false;
    });
    await goAvailable(desk);
    const offer = desk.locator('.offer', { hasText: `Where is my order ${run}?` });
    await offer.waitFor(STEP);
    assert.match(await offer.locator('.countdown').textContent(), /^\d+ s$/);
    assert.match(await desk.title(), /^\(\d+\) Parley console$/);
    assert.ok(Number(await desk.evaluate(() => document.body.dataset.sounds)) >= 1, 'a tone was played');
    await desk.evaluate(() => {
      delete document.hidden;
      delete document.hasFocus;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    assert.equal(await desk.title(), 'Parley console', 'the badge goes when the operator looks');
    await screenshot(desk, 'en-desktop-offer');
    await offer.locator('button.accept').click();
    await offer.waitFor({ state: 'detached', ...STEP });
  });

  await step(t, 'the accepted conversation shows the timeline and the customer panel with the CRM attributes', async () => {
    await desk.locator('.conversation.selected', { hasText: `Where is my order ${run}?` }).waitFor(STEP);
    sessionA = await desk.locator('.conversation.selected').getAttribute('data-session-id');
    const session = await call('GET', `/api/sessions/${sessionA}`, supervisorToken);
    await call('PUT', `/api/customers/${session.customerId}/attributes`, supervisorToken, { tier: 'gold', orders: 7 });
    await desk.locator('#timeline .message.IN', { hasText: `Where is my order ${run}?` }).waitFor(STEP);
    await desk.locator('#timeline .message.OUT', { hasText: 'You are number 1 in the queue' }).waitFor(STEP);
    await desk.click(`.conversation[data-session-id="${sessionA}"]`); // reopen: the panel reads the new attributes
    await desk.locator('#customer .identities li .badge', { hasText: 'Chat' }).waitFor(STEP);
    await desk.locator('#customer .attributes dd', { hasText: 'gold' }).waitFor(STEP);
  });

  await step(t, "the customer's photo is shown inline, and the operator's file reaches the visitor", async () => {
    await visitor.setInputFiles('.parley-attach-input', { name: 'damage.png', mimeType: 'image/png', buffer: PNG });
    await visitor.locator('.parley-message .parley-attachment', { hasText: 'damage.png' }).waitFor(STEP);
    const image = desk.locator('#timeline .message.IN .attachments img.thumb');
    await image.waitFor(STEP);
    await desk.waitForFunction(() => document.querySelector('#timeline .message.IN img.thumb')?.naturalWidth > 0,
      null, STEP);
    await desk.setInputFiles('#attach', { name: 'claim form.pdf', mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 test') });
    await desk.locator('#attached li', { hasText: 'claim form.pdf' }).waitFor(STEP);
    await desk.click('#send');
    await desk.locator('#timeline .message.OUT a.file', { hasText: 'claim form.pdf' }).waitFor(STEP);
    await visitor.locator('.parley-message .parley-attachment', { hasText: 'claim form.pdf' }).waitFor(STEP);
  });

  await step(t, 'a canned reply found by "/" is filled in with the operator and the CRM attribute, and sent with Enter', async () => {
    await desk.fill('#reply-text', `/thanks${run}`);
    await desk.locator('#canned li', { hasText: `/thanks${run}` }).waitFor(STEP);
    await desk.press('#reply-text', 'Enter');
    const text = 'Thank you! Olga here; as a gold customer you get free delivery.';
    assert.equal(await desk.inputValue('#reply-text'), text);
    await desk.press('#reply-text', 'Enter');
    await desk.locator('#timeline .message.OUT', { hasText: text }).waitFor(STEP);
    assert.equal(await desk.inputValue('#reply-text'), '');
    await visitor.locator('.parley-message', { hasText: text }).waitFor(STEP);
  });

  await step(t, 'Shift+Enter breaks the line, and a draft survives switching conversations', async () => {
    await desk.fill('#reply-text', 'first line');
    await desk.press('#reply-text', 'Shift+Enter');
    await desk.type('#reply-text', 'second line');
    assert.equal(await desk.inputValue('#reply-text'), 'first line\nsecond line');
    await desk.reload();
    await desk.click(`.conversation[data-session-id="${sessionA}"]`);
    await desk.locator('#timeline .message.IN').first().waitFor(STEP);
    assert.equal(await desk.inputValue('#reply-text'), 'first line\nsecond line');
    await desk.fill('#reply-text', '');
  });

  await step(t, 'an internal note is kept in the timeline and never reaches the visitor', async () => {
    await desk.check('#reply input[value=note]');
    await desk.fill('#reply-text', `Customer asked twice (${run})`);
    await desk.press('#reply-text', 'Enter');
    await desk.locator('#timeline .note', { hasText: `Customer asked twice (${run})` }).waitFor(STEP);
    await desk.check('#reply input[value=reply]');
    await visitor.waitForTimeout(500);
    assert.equal(await visitor.locator('.parley-message', { hasText: 'Customer asked twice' }).count(), 0);
  });

  await step(t, 'the supervisor sees the queue, the operator with one conversation, and the conversation', async () => {
    await devSignIn(supervisor, `sveta-${run}`, 'supervisor');
    await supervisor.locator('#queues tbody tr', { hasText: queue }).waitFor(STEP);
    const row = supervisor.locator('#operators tbody tr', { hasText: olga });
    await row.waitFor(STEP);
    const cells = await row.locator('td').allTextContents();
    assert.equal(cells[1], 'Available');
    assert.equal(cells[4], '1', `conversations held by ${olga}: ${cells}`);
    await supervisor.locator(`#sessions tr[data-session-id="${sessionA}"]`).waitFor(STEP);
    await screenshot(supervisor, 'en-desktop-supervisor');
  });

  await step(t, 'the operator asks a colleague, who reads the conversation and answers in a note', async () => {
    await devSignIn(desk2, oleg, 'operator');
    await goAvailable(desk2);
    await desk.click('#consult-open');
    await desk.click(`#consult-operators button[data-subject="${oleg}"]`);
    const asked = desk2.locator(`#consults .conversation[data-session-id="${sessionA}"]`);
    await asked.waitFor(STEP);
    await asked.click();
    await desk2.locator('#timeline .message.IN', { hasText: `Where is my order ${run}?` }).waitFor(STEP);
    assert.ok(await desk2.locator('#reply input[value=reply]').isDisabled(), 'a consulted colleague cannot reply');
    await desk2.fill('#reply-text', `Refund approved (${run})`);
    await desk2.press('#reply-text', 'Enter');
    await desk.locator('#timeline .note', { hasText: `Refund approved (${run})` }).waitFor(STEP);
    await screenshot(desk, 'en-desktop-conversation');
    await desk2.click('#consult-end');
    await asked.waitFor({ state: 'detached', ...STEP });
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
    await desk.locator('#connection.lost').waitFor(STEP);
    await desk.locator('#banner', { hasText: 'Connection to Parley lost' }).waitFor(STEP);
    await visitorWrites(visitor, channelA, `Is it insured? ${run}`);
    assert.equal(await desk.locator('#timeline .message.IN', { hasText: `Is it insured? ${run}` }).count(), 0,
      'the message cannot have reached the desk without a socket');
    cut = false;
    await desk.locator('#connection.live').waitFor(STEP);
    assert.ok(await desk.locator('#banner').isHidden(), 'the banner goes once connected');
    await desk.locator('#timeline .message.IN', { hasText: `Is it insured? ${run}` }).waitFor(STEP);
  });

  await step(t, 'the operator declines an offer and the next operator accepts it', async () => {
    const second = await newPage(browser.context);
    await visitorWrites(second, channelB, `Do you ship abroad? ${run}`);
    const declined = desk.locator('.offer', { hasText: `Do you ship abroad? ${run}` });
    await declined.waitFor(STEP);
    await desk.keyboard.press('Alt+D');
    await declined.waitFor({ state: 'detached', ...STEP });
    const offer = desk2.locator('.offer', { hasText: `Do you ship abroad? ${run}` });
    await offer.waitFor(STEP);
    await offer.locator('button.accept').click();
    await desk2.locator('#timeline .message.IN', { hasText: `Do you ship abroad? ${run}` }).waitFor(STEP);
  });

  await step(t, 'the first operator transfers the conversation to the colleague picked from the list', async () => {
    await desk.click(`.conversation[data-session-id="${sessionA}"]`);
    await desk.click('#transfer-open');
    await desk.locator('#transfer-queues button', { hasText: 'Web chat' }).waitFor(STEP);
    await screenshot(desk, 'en-desktop-transfer');
    await desk.click(`#transfer-operators button[data-subject="${oleg}"]`);
    await desk.locator(`.conversation[data-session-id="${sessionA}"]`).waitFor({ state: 'detached', ...STEP });
    assert.ok(await desk.locator('#chat').isHidden(), 'the transferred conversation is no longer open');
    await desk2.locator(`#conversations .conversation[data-session-id="${sessionA}"]`).waitFor(STEP);
  });

  await step(t, 'the colleague closes it with a wrap-up, and it appears in their last handled conversations', async () => {
    await desk2.click(`#conversations .conversation[data-session-id="${sessionA}"]`);
    await desk2.locator('#timeline .message.IN', { hasText: `Is it insured? ${run}` }).waitFor(STEP);
    await desk2.click('#close-open');
    await desk2.selectOption('#wrap-resolution', 'resolved');
    await screenshot(desk2, 'en-desktop-wrap-up');
    await desk2.click('#close-confirm');
    await desk2.locator(`#conversations .conversation[data-session-id="${sessionA}"]`)
      .waitFor({ state: 'detached', ...STEP });
    assert.equal(await desk2.locator('#conversations .conversation').count(), 1, 'the accepted conversation stays');
    await desk2.click('#handled-box summary');
    await desk2.locator(`#handled .conversation[data-session-id="${sessionA}"]`, { hasText: 'resolved' }).waitFor(STEP);
    const closed = await call('GET', `/api/sessions/${sessionA}`, supervisorToken);
    assert.equal(closed.wrapUp.resolution, 'resolved');
  });

  await step(t, 'the supervisor opens a conversation, writes a note and reassigns it', async () => {
    const other = await desk2.locator('#conversations .conversation').first().getAttribute('data-session-id');
    const row = supervisor.locator(`#sessions tr[data-session-id="${other}"]`);
    await row.waitFor(STEP);
    await row.locator('button.open').click();
    await supervisor.locator('#timeline .message.IN', { hasText: `Do you ship abroad? ${run}` }).waitFor(STEP);
    await supervisor.fill('#reply-text', `Watch the delivery date (${run})`);
    await supervisor.press('#reply-text', 'Enter');
    await desk2.click(`#conversations .conversation[data-session-id="${other}"]`);
    await desk2.locator('#timeline .note', { hasText: `Watch the delivery date (${run})` }).waitFor(STEP);
    await supervisor.selectOption('#reassign', olga);
    await desk.locator(`#conversations .conversation[data-session-id="${other}"]`).waitFor(STEP);
    await desk2.locator(`#conversations .conversation[data-session-id="${other}"]`).waitFor({ state: 'detached', ...STEP });
  });

  await step(t, 'the ? key lists the keyboard shortcuts', async () => {
    await desk.click('header h1');
    await desk.keyboard.press('?');
    await desk.locator('#help-dialog[open] dd', { hasText: 'Accept the first offer' }).waitFor(STEP);
    await screenshot(desk, 'en-desktop-shortcuts');
    await desk.keyboard.press('Escape');
  });

  await step(t, 'the operator signs out through the provider and the tokens are gone', async () => {
    await desk.click('#sign-out');
    await desk.locator('#oidc-sign-in').waitFor(STEP);
    assert.equal(await desk.evaluate(() => sessionStorage.getItem('parley.oidc') ?? sessionStorage.getItem('parley.token')),
      null);
  });
});
