// Interop with a real identity provider: the console signs in through Keycloak's own login page (code flow with
// PKCE S256, public client parley-console), Parley accepts Keycloak's tokens and roles, the console refreshes the
// short-lived access token (and signs in again when a refresh fails), a supervisor signs in too, and signing out ends
// the Keycloak session.
// keycloak.sh starts Keycloak (KEYCLOAK_ISSUER) and Parley (PARLEY_URL) configured against it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, STEP, launch, newPage, setUp, steps, visitorWrites } from './helpers.mjs';

const issuer = process.env.KEYCLOAK_ISSUER;
const run = Date.now().toString(36);
const queue = `kc-${run}`;
const step = steps();
let browser;
let channel;

/** The realm's admin user, through the test-only password-grant client (the console itself has no such grant). */
async function adminToken() {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'parley-test-setup', username: 'ada',
      password: 'ada-password' }),
  });
  assert.ok(response.ok, `admin token: ${response.status}`);
  return (await response.json()).access_token;
}

/** Signs in on the console through Keycloak's login page. */
async function keycloakSignIn(page, username, password) {
  await page.goto(`${base}/console/`);
  await page.click('#oidc-sign-in button[type=submit]', STEP);
  await page.waitForURL((url) => url.href.startsWith(`${issuer}/protocol/openid-connect/auth?`), STEP);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('#kc-login');
  await page.locator('#who', { hasText: username }).waitFor(STEP);
}

before(async () => {
  [channel] = await setUp(await adminToken(),
    { run, queue, channels: ['Keycloak test'], operators: [['alice', 'Alice']] });
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the console signs in through Keycloak and works with its tokens', async (t) => {
  const desk = await newPage(browser.context);
  const visitor = await newPage(browser.context);

  await step(t, "alice signs in on Keycloak's login page and reaches the desk as an operator", async () => {
    await keycloakSignIn(desk, 'alice', 'alice-password');
    assert.equal(await desk.textContent('#who'), 'alice');
    assert.match(await desk.getAttribute('#who', 'title'), /operator/);
    await desk.locator('#operator').waitFor(STEP);
    await desk.locator('#connection.live').waitFor(STEP);
  });

  await step(t, 'she goes AVAILABLE, accepts a visitor chat and replies', async () => {
    await desk.selectOption('#status', 'AVAILABLE');
    await desk.locator('#current-status.AVAILABLE').waitFor(STEP);
    await visitorWrites(visitor, channel, `Hello from a visitor ${run}`);
    const offer = desk.locator('.offer', { hasText: `Hello from a visitor ${run}` });
    await offer.locator('button.accept').click(STEP);
    await desk.locator('#timeline .message.IN', { hasText: `Hello from a visitor ${run}` }).waitFor(STEP);
    await desk.fill('#reply-text', `Hello from Alice ${run}`);
    await desk.click('#reply button[type=submit]');
    await visitor.locator('.parley-message', { hasText: `Hello from Alice ${run}` }).waitFor(STEP);
  });

  await step(t, 'the console refreshes the short-lived access token and keeps working after a reload', async () => {
    const first = await desk.evaluate(() => sessionStorage.getItem('parley.token'));
    await desk.waitForFunction((token) => sessionStorage.getItem('parley.token') !== token, first, STEP);
    await desk.reload();
    await desk.locator('#who', { hasText: 'alice' }).waitFor(STEP);
    await desk.locator('#connection.live').waitFor(STEP);
    await desk.locator('#current-status.AVAILABLE').waitFor(STEP);
  });

  await step(t, 'when a refresh fails the console signs in again at Keycloak (whose session still lives)', async () => {
    const away = desk.waitForRequest((request) => request.isNavigationRequest()
      && request.url().startsWith(`${issuer}/protocol/openid-connect/auth?`), STEP);
    await desk.evaluate(() => sessionStorage.setItem('parley.oidc',
      JSON.stringify({ ...JSON.parse(sessionStorage.getItem('parley.oidc')), refreshToken: 'revoked' })));
    await away;
    await desk.waitForURL(`${base}/console/`, STEP);
    await desk.locator('#who', { hasText: 'alice' }).waitFor(STEP);
    await desk.locator('#connection.live').waitFor(STEP);
  });

  await step(t, 'sam signs in as a supervisor (another browser) and sees alice', async () => {
    const other = await launch();
    try {
      const page = await newPage(other.context);
      await keycloakSignIn(page, 'sam', 'sam-password');
      await page.locator('#supervisor').waitFor(STEP);
      await page.locator('#operators tbody tr', { hasText: 'alice' }).waitFor(STEP);
    } finally {
      await other.close();
    }
  });

  await step(t, 'alice signs out: the Keycloak session ends too', async () => {
    await desk.click('#sign-out');
    await desk.waitForURL(`${base}/console/`, STEP);
    await desk.locator('#oidc-sign-in').waitFor(STEP);
    await desk.click('#oidc-sign-in button[type=submit]');
    await desk.locator('#kc-login').waitFor(STEP);
  });
});
