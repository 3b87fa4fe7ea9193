// The console and the widget in Russian on a 390-px phone screen (a browser whose language is Russian gets Russian):
// an offer, accept, the conversation full-screen with the customer panel below, a canned reply, a note, closing with
// a wrap-up and the "last handled" list; then the operator switches to English. No page is wider than the screen.
// Screenshots go to docs/console/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, STEP, call, devSignIn, goAvailable, launch, newPage, screenshot, setUp, steps, visitorWrites }
  from './helpers.mjs';

const run = Date.now().toString(36);
const anya = `anya-${run}`;
const queue = `phone-${run}`;
const step = steps();
let browser;
let channel;
let supervisor;

before(async () => {
  const admin = await (await fetch(`${base}/dev/token?role=admin`)).text();
  supervisor = await (await fetch(`${base}/dev/token?role=supervisor`)).text();
  [channel] = await setUp(admin, { run, queue, channels: ['Телефон'], operators: [[anya, 'Аня']] });
  await call('POST', '/api/canned-replies', supervisor, { shortcut: `спасибо${run}`, title: 'Благодарность',
    body: 'Спасибо за ожидание! Меня зовут {operator.name}, сейчас всё проверю.', language: null });
  browser = await launch({ viewport: { width: 390, height: 844 }, locale: 'ru-RU', isMobile: true, hasTouch: true });
});

after(async () => {
  await browser?.close();
  await call('PUT', `/api/operators/${anya}/status`, supervisor, { status: 'OFFLINE', reason: 'test over' });
});

async function fitsTheScreen(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide on a 390 px screen`);
}

test('an operator works a chat in Russian on a phone', async (t) => {
  const desk = await newPage(browser.context);
  const visitor = await newPage(browser.context);
  let session;

  await step(t, 'a Russian browser gets the console in Russian, fitting the screen', async () => {
    await devSignIn(desk, anya, 'operator');
    await desk.locator('#connection.live').waitFor(STEP);
    assert.equal(await desk.locator('#inbox h2').first().textContent(), 'Предложения');
    assert.equal(await desk.getAttribute('html', 'lang'), 'ru');
    await goAvailable(desk);
    await fitsTheScreen(desk);
  });

  await step(t, 'the widget speaks Russian too and its launcher is an icon, not a font glyph', async () => {
    await visitorWrites(visitor, channel, `Холодильник пришёл с вмятиной ${run}`);
    assert.equal(await visitor.getAttribute('.parley-launcher', 'aria-label'), 'Открыть чат');
    assert.equal(await visitor.locator('.parley-launcher svg').count(), 1);
    assert.equal(await visitor.getAttribute('.parley-input', 'placeholder'), 'Напишите сообщение…');
    await screenshot(visitor, 'ru-phone-widget');
  });

  await step(t, 'the offer is accepted and the conversation fills the screen', async () => {
    const offer = desk.locator('.offer', { hasText: `Холодильник пришёл с вмятиной ${run}` });
    await offer.waitFor(STEP);
    await screenshot(desk, 'ru-phone-offer');
    await offer.locator('button.accept').click();
    await desk.locator('#timeline .message.IN', { hasText: `вмятиной ${run}` }).waitFor(STEP);
    assert.ok(await desk.locator('#inbox').isHidden(), 'the list gives way to the conversation');
    session = await call('GET', '/api/operators/me/conversations', await desk.evaluate(() => sessionStorage
      .getItem('parley.token')));
    await desk.locator('#customer h3', { hasText: 'Каналы' }).waitFor(STEP);
    await fitsTheScreen(desk);
  });

  await step(t, 'a canned reply and a note, in Russian', async () => {
    await desk.fill('#reply-text', `/спасибо${run}`);
    await desk.locator('#canned li', { hasText: 'Благодарность' }).waitFor(STEP);
    await desk.press('#reply-text', 'Enter');
    await desk.press('#reply-text', 'Enter');
    const text = 'Спасибо за ожидание! Меня зовут Аня, сейчас всё проверю.';
    await desk.locator('#timeline .message.OUT', { hasText: text }).waitFor(STEP);
    await visitor.locator('.parley-message', { hasText: text }).waitFor(STEP);
    await desk.check('#reply input[value=note]');
    await desk.fill('#reply-text', 'Нужны фото упаковки');
    await desk.press('#reply-text', 'Enter');
    await desk.locator('#timeline .note', { hasText: 'Нужны фото упаковки' }).waitFor(STEP);
    await screenshot(desk, 'ru-phone-conversation');
  });

  await step(t, 'closing asks for the wrap-up, and the conversation is in the last handled list', async () => {
    await desk.click('#close-open');
    await desk.locator('#close-dialog[open] h2', { hasText: 'Закрыть диалог' }).waitFor(STEP);
    await desk.selectOption('#wrap-resolution', 'resolved');
    await screenshot(desk, 'ru-phone-wrap-up');
    await desk.click('#close-confirm');
    await desk.locator('#inbox').waitFor(STEP);
    await desk.click('#handled-box summary');
    await desk.locator(`#handled .conversation[data-session-id="${session[0].sessionId}"]`).waitFor(STEP);
    await fitsTheScreen(desk);
    await screenshot(desk, 'ru-phone-desk');
  });

  await step(t, 'the operator switches the console to English', async () => {
    await desk.selectOption('#lang', 'en');
    await desk.locator('#inbox h2', { hasText: 'Offers' }).waitFor(STEP);
    assert.equal(await desk.getAttribute('html', 'lang'), 'en');
    await screenshot(desk, 'en-phone-desk');
  });
});
