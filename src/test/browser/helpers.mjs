// Shared by the browser tests: Parley's REST API with a bearer token, Debian's Chromium, and steps that stop the rest
// of a test once one fails (the later ones would only time out).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const base = process.env.PARLEY_URL ?? 'http://127.0.0.1:8080';
export const STEP = { timeout: 30_000 };

export async function call(method, path, token, body) {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * One persistent context in a fresh profile folder; each page is its own tab (own sessionStorage). Desktop by default
 * (1366×768, English); {@code options} may set another viewport and locale.
 */
export async function launch(options = {}) {
  const profileDir = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'en-GB',
    ...options,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

export async function newPage(context) {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return page;
}

/** Returns step(t, name, fn): a subtest that is skipped once an earlier step failed. */
export function steps() {
  let broken = false;
  return (t, name, fn) => t.test(name, { skip: broken && 'an earlier step failed' }, async () => {
    try {
      await fn();
    } catch (error) {
      broken = true;
      throw error;
    }
  });
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  let crc = 0xffffffff;
  for (const byte of body) crc = CRC[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + data.length);
  return out;
}

/** A PNG photo stand-in: a width×height RGB gradient. */
export function png(width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rows.set([200, Math.round(255 * x / width), Math.round(255 * y / height)], y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Where the tests save screenshots of each screen (docs/console.md shows them). */
export const shots = process.env.SCREENSHOTS ?? new URL('../../../docs/console/', import.meta.url).pathname;

export async function screenshot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

/** Signs in on the console through the development provider's sign-in form. */
export async function devSignIn(page, subject, role) {
  await page.goto(`${base}/console/`);
  await page.click('#oidc-sign-in button[type=submit]', STEP);
  await page.waitForURL(/\/dev\/oidc\/authorize\?/, STEP);
  await page.fill('#subject', subject);
  await page.selectOption('#role', role);
  await page.click('#sign-in');
  await page.locator('#who', { hasText: subject }).waitFor(STEP);
}

export async function goAvailable(page) {
  await page.locator('#connection.live').waitFor(STEP);
  await page.selectOption('#status', 'AVAILABLE');
  await page.locator('#current-status.AVAILABLE').waitFor(STEP);
}

/** Parley's in-app setup for a test run: channels routed to one queue, and operator profiles. */
export async function setUp(admin, { run, queue, channels, operators, config = {}, capacity = 3 }) {
  const ids = [];
  for (const name of channels) {
    ids.push((await call('POST', '/api/admin/channels', admin, {
      type: 'inapp', name: `${name} ${run}`, secrets: { identitySecret: 'browser-test-secret-0123456789' }, config,
    })).id);
  }
  await call('PUT', `/api/admin/queues/${queue}`, admin,
    { name: 'Web chat', targetExpression: 'true', offerTimeoutSeconds: 120,
      positionReply: 'You are number {position} in the queue' });
  await call('PUT', '/api/admin/workflow', admin, { filters: [], defaultTarget: { queue, priority: 0 } });
  for (const [subject, displayName] of operators) {
    await call('PUT', `/api/admin/operators/${subject}`, admin,
      { displayName, languages: ['en', 'ru'], capacity: { chat: capacity }, maxConcurrent: capacity });
  }
  return ids;
}

/** A visitor writes through the in-app widget of a channel and waits until Parley took the message. */
export async function visitorWrites(page, channelId, text) {
  if (!page.url().includes(channelId)) {
    await page.goto(`${base}/widget/demo.html?channel=${channelId}`);
    await page.click('.parley-launcher', STEP);
  }
  await page.fill('.parley-input', text);
  await page.click('.parley-send');
  await page.locator('.parley-message[data-status="sent"]', { hasText: text }).waitFor(STEP);
}
