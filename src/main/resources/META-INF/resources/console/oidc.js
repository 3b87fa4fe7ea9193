// Sign-in with the identity provider: OIDC authorization-code flow with PKCE (S256) as a public client
// (docs/console.md). Tokens live in the tab's sessionStorage; the access token is refreshed before it expires.
import { auth } from './api.js';

const PENDING = 'parley.oidc.pending'; // { state, nonce, verifier } between the redirect out and the redirect back
const SESSION = 'parley.oidc'; // { refreshToken, idToken, refreshAt }
const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => new URL('/console/', location.origin).href;

async function json(url, init) {
  const response = await fetch(url, init);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error_description || body.error || `${url}: ${response.status}`);
  }
  return body;
}

/** The console's sign-in settings and the provider's discovery document, or null when only pasting a token works. */
export async function loadProvider() {
  const config = await json('/api/console/config');
  if (!config.issuerUrl) return null;
  const issuer = new URL(config.issuerUrl, location.href).href.replace(/\/$/, '');
  try {
    return { ...config, discovery: await json(`${issuer}/.well-known/openid-configuration`) };
  } catch (error) {
    throw new Error(`The identity provider cannot be reached: ${error.message}`);
  }
}

/** Leaves for the provider's sign-in page. */
export async function signIn(provider) {
  const pending = { state: random(), nonce: random(), verifier: random() };
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const query = new URLSearchParams({
    response_type: 'code', client_id: provider.clientId, redirect_uri: redirectUri(), scope: provider.scope,
    state: pending.state, nonce: pending.nonce, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${provider.discovery.authorization_endpoint}?${query}`);
  return new Promise(() => {}); // the page is leaving
}

/** True when this page load is the provider's redirect back (with a code or an error). */
export function isCallback() {
  const query = new URLSearchParams(location.search);
  return query.has('state') && (query.has('code') || query.has('error'));
}

/** Completes the redirect back: checks state, redeems the code with the verifier, checks the ID token's nonce. */
export async function completeSignIn(provider) {
  const query = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', redirectUri());
  if (!pending || query.get('state') !== pending.state) throw new Error('Sign-in failed: the state does not match.');
  if (query.has('error')) {
    throw new Error(`Sign-in failed: ${query.get('error_description') || query.get('error')}`);
  }
  const tokens = await tokenRequest(provider, {
    grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
  checkIdToken(provider, tokens.id_token, pending.nonce);
  store(provider, tokens);
}

/** Resumes a signed-in tab after a reload: schedules the next refresh. */
export function resume(provider) {
  if (sessionStorage.getItem(SESSION)) schedule(provider);
}

/**
 * Refreshes the access token now; on failure signs in again (resolves false only when that is impossible). Calls
 * during a refresh share it: the provider may rotate refresh tokens, so a second use of the old one would fail.
 */
export function renew(provider) {
  renew.running ??= refresh(provider).finally(() => { renew.running = null; });
  return renew.running;
}

async function refresh(provider) {
  const session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  if (!session?.refreshToken) return false;
  try {
    const tokens = await tokenRequest(provider, { grant_type: 'refresh_token', refresh_token: session.refreshToken });
    if (tokens.id_token) checkIdToken(provider, tokens.id_token, null);
    store(provider, { refresh_token: session.refreshToken, id_token: session.idToken, ...tokens });
    return true;
  } catch {
    forget();
    return signIn(provider);
  }
}

/** Forgets the tokens and ends the provider's session too when it has an end_session_endpoint. */
export function signOut(provider) {
  const session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  forget();
  const end = provider?.discovery.end_session_endpoint;
  if (!end || !session) return location.assign(redirectUri());
  const query = new URLSearchParams({ client_id: provider.clientId, post_logout_redirect_uri: redirectUri() });
  if (session.idToken) query.set('id_token_hint', session.idToken);
  location.assign(`${end}?${query}`);
}

function forget() {
  clearTimeout(schedule.timer);
  sessionStorage.removeItem(SESSION);
  auth.clear();
}

function tokenRequest(provider, params) {
  return json(provider.discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: provider.clientId, ...params }),
  });
}

function checkIdToken(provider, idToken, nonce) {
  if (!idToken) throw new Error('Sign-in failed: the provider sent no ID token (is the openid scope allowed?).');
  const claims = JSON.parse(atob(idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  const audience = [].concat(claims.aud);
  if (claims.iss !== provider.discovery.issuer || !audience.includes(provider.clientId)
    || (nonce !== null && claims.nonce !== nonce)) {
    throw new Error('Sign-in failed: the ID token is not for this sign-in (issuer, audience or nonce).');
  }
}

function store(provider, tokens) {
  const lifetime = Number(tokens.expires_in) || 300;
  sessionStorage.setItem(SESSION, JSON.stringify({
    refreshToken: tokens.refresh_token, idToken: tokens.id_token, refreshAt: Date.now() + lifetime * 750,
  }));
  auth.set(tokens.access_token);
  schedule(provider);
}

/** Refreshes when three quarters of the access token's lifetime have passed. */
function schedule(provider) {
  clearTimeout(schedule.timer);
  const { refreshAt } = JSON.parse(sessionStorage.getItem(SESSION));
  schedule.timer = setTimeout(() => renew(provider), Math.max(0, refreshAt - Date.now()));
}
