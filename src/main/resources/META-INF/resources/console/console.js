// Parley operator console: sign-in, then the operator desk or the supervisor view by the token's roles.
import { api, auth, showError } from './api.js';
import { startDesk } from './desk.js';
import { startSupervisor } from './supervisor.js';

const $ = (id) => document.getElementById(id);

async function devIssuerAvailable() {
  try {
    return (await fetch('/dev/token?role=operator&subject=probe')).ok;
  } catch {
    return false;
  }
}

async function signIn(token) {
  auth.set(token);
  const me = await api('GET', '/api/me');
  $('sign-in').hidden = true;
  $('sign-out').hidden = false;
  $('who').textContent = `${me.subject} (${me.roles.join(', ')})`;
  if (me.roles.includes('operator')) {
    $('operator').hidden = false;
    await startDesk(me);
  } else if (me.roles.includes('supervisor')) {
    $('connection').hidden = true;
    $('supervisor').hidden = false;
    startSupervisor();
  } else {
    throw new Error('This console is for operators and supervisors.');
  }
}

async function attempt(token) {
  try {
    showError(null);
    await signIn(token);
  } catch (error) {
    auth.clear();
    showError(error);
  }
}

$('dev-sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const query = new URLSearchParams({ role: $('dev-role').value, subject: $('dev-subject').value.trim() });
  const response = await fetch(`/dev/token?${query}`);
  if (!response.ok) return showError(new Error(`Development sign-in failed: ${response.status}`));
  await attempt(await response.text());
});

$('token-sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  attempt($('token').value.trim());
});

$('sign-out').addEventListener('click', () => {
  auth.clear();
  location.reload();
});

$('dev-sign-in').hidden = !(await devIssuerAvailable());
if (auth.token) attempt(auth.token);
