// Attachments: Parley's own file URLs need the bearer token, so they are fetched and shown from blob: URLs (the
// console's CSP allows blob: images); other URLs are plain links that open in a new tab without a referrer.
import { auth } from './api.js';
import { bytes, t } from './i18n.js';
import { el } from './api.js';

const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const blobs = new Map(); // url -> Promise<objectURL>

/**
 * Parley's own file links, wherever its public base URL points (another host name or port than the console's): fetched
 * from the console's origin, with the sign-in.
 */
function own(url) {
  const parsed = new URL(url, location.href);
  return /^\/(files|api)\//.test(parsed.pathname) ? `${location.origin}${parsed.pathname}${parsed.search}` : null;
}

function blob(link) {
  const url = own(link);
  if (!blobs.has(url)) {
    blobs.set(url, fetch(url, { headers: { Authorization: `Bearer ${auth.token}` } }).then((response) => {
      if (!response.ok) throw new Error(`${response.status}`);
      return response.blob();
    }).then((data) => URL.createObjectURL(data)).catch((error) => { blobs.delete(url); throw error; }));
  }
  return blobs.get(url);
}

/** One attachment: an image thumbnail (click opens it full size) or a download link with name and size. */
export function attachment(a) {
  const label = t('file', { name: a.name || a.url.split('/').pop(), size: bytes(a.size) });
  if (!own(a.url)) {
    return el('a', { className: 'file', href: a.url, target: '_blank', rel: 'noopener noreferrer', textContent: label });
  }
  if (INLINE.has((a.mediaType || '').toLowerCase())) {
    const img = el('img', { className: 'thumb', alt: a.name || '', loading: 'lazy' });
    blob(a.url).then((src) => { img.src = src; }, () => img.replaceWith(el('span', { className: 'meta', textContent: label })));
    const link = el('a', { className: 'image', href: '#', title: label }, img);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      blob(a.url).then((src) => window.open(src, '_blank', 'noopener'));
    });
    return link;
  }
  const link = el('a', { className: 'file', href: '#', textContent: label });
  link.addEventListener('click', (event) => {
    event.preventDefault();
    blob(a.url).then((src) => {
      const save = el('a', { href: src, download: a.name || 'file' });
      document.body.append(save);
      save.click();
      save.remove();
    });
  });
  return link;
}
