// REST calls with the signed-in operator's or supervisor's bearer token, and the shared error banner.
let token = sessionStorage.getItem('parley.token');
let renew = null; // set after an OIDC sign-in: refreshes the token (or signs in again) when Parley answers 401

export const auth = {
  get token() { return token; },
  set(value) { token = value; sessionStorage.setItem('parley.token', value); },
  clear() { token = null; sessionStorage.removeItem('parley.token'); },
  renewWith(fn) { renew = fn; },
};

export async function api(method, path, body, retried = false) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 401 && renew && !retried && await renew()) return api(method, path, body, true);
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw Object.assign(new Error(problem.detail || problem.title || `${method} ${path}: ${response.status}`),
      { status: response.status });
  }
  return response.status === 204 ? null : response.json();
}

/** Uploads a file (the body is the file itself); resolves with its link, name, type and size. */
export async function upload(path, file) {
  const response = await fetch(`${path}?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.errors?.[0]?.message ?? body.detail ?? `${response.status}`),
    { status: response.status });
  return body;
}

/** A text resource (e.g. an email's HTML body, to be shown as text, never rendered). */
export async function apiText(path) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw Object.assign(new Error(`GET ${path}: ${response.status}`), { status: response.status });
  return response.text();
}

export function showError(error) {
  const banner = document.getElementById('error');
  banner.textContent = error ? String(error.message || error) : '';
  banner.hidden = !error;
}

const banners = new Map(); // kind -> text: connection, status, info…

/** A lasting notice above the page (connection lost, put on break…); null removes it; {@code ms} makes it pass. */
export function showBanner(kind, text, ms) {
  if (text) banners.set(kind, text); else banners.delete(kind);
  const banner = document.getElementById('banner');
  banner.replaceChildren(...[...banners.values()].map((line) => Object.assign(document.createElement('p'),
    { textContent: line })));
  banner.hidden = !banners.size;
  if (text && ms) setTimeout(() => { if (banners.get(kind) === text) showBanner(kind, null); }, ms);
}

export function el(tag, { dataset = {}, ...props } = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children.filter((c) => c != null));
  return node;
}

export function newKey() {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
