// The supervisor view: queues with waiting counts and the longest wait, operators with status and load.
import { api, el, showError } from './api.js';

const $ = (id) => document.getElementById(id);

export function startSupervisor() {
  refresh();
  setInterval(refresh, 3000);
}

async function refresh() {
  try {
    const overview = await api('GET', '/api/supervisor/overview');
    const now = Date.parse(overview.at);
    $('queues').tBodies[0].replaceChildren(...overview.queues.map((q) => row(
      `${q.name} (${q.id})`, q.waiting, q.oldestWaitingSince ? duration(now - Date.parse(q.oldestWaitingSince)) : '—',
      q.offered, q.assigned)));
    $('operators').tBodies[0].replaceChildren(...overview.operators.map((o) => row(
      `${o.displayName} (${o.subject})`, o.status, duration(now - Date.parse(o.statusSince)), o.offered, o.assigned,
      o.maxConcurrent)));
    $('overview-at').textContent = `as of ${new Date(overview.at).toLocaleTimeString()}`;
    showError(null);
  } catch (error) {
    showError(error);
  }
}

function row(...cells) {
  return el('tr', {}, ...cells.map((c) => el('td', { textContent: String(c) })));
}

function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor(s / 60) % 60} min`;
}
