// Parley operator console: sign-in, then the operator desk or the supervisor view by the token's roles.
import { api, auth, showError } from './api.js';
import { startDesk } from './desk.js';
import * as oidc from './oidc.js';
import { startSupervisor } from './supervisor.js';

const $ = (id) => document.getElementById(id);
let provider = null;

async function enter() {
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

async function attempt(step) {
  try {
    showError(null);
    await step();
    await enter();
  } catch (error) {
    auth.clear();
    showError(error);
  }
}

$('oidc-sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  oidc.signIn(provider).catch(showError);
});

$('token-sign-in').addEventListener('submit', (event) => {
  event.preventDefault();
  attempt(() => auth.set($('token').value.trim()));
});

$('sign-out').addEventListener('click', () => oidc.signOut(provider));

try {
  provider = await oidc.loadProvider();
} catch (error) {
  showError(new Error(`The identity provider cannot be reached: ${error.message}`));
}
$('token-fallback').open = !provider;
if (provider) {
  $('oidc-sign-in').hidden = false;
  $('issuer').textContent = new URL(provider.discovery.authorization_endpoint).host;
  auth.renewWith(() => oidc.renew(provider));
}
if (provider && oidc.isCallback()) {
  attempt(() => oidc.completeSignIn(provider));
} else if (auth.token) {
  if (provider) oidc.resume(provider);
  attempt(() => {});
}
