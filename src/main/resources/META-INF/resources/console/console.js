// Parley operator console: sign-in, then the operator desk or the supervisor view by the token's roles. Texts come
// from i18n.js; a Parley that cannot be reached or a sign-in that expired is said so, never a blank page.
import { api, auth, showBanner, showError } from './api.js';
import { startDesk } from './desk.js';
import { lang, setLang, t, translatePage } from './i18n.js';
import * as oidc from './oidc.js';
import { startSupervisor } from './supervisor.js';

const $ = (id) => document.getElementById(id);
let provider = null;

translatePage();
$('lang').value = lang;
$('lang').addEventListener('change', () => { setLang($('lang').value); location.reload(); });

async function enter() {
  const me = await api('GET', '/api/me');
  showBanner('down', null);
  $('sign-in').hidden = true;
  $('sign-out').hidden = false;
  $('who').textContent = me.subject;
  $('who').title = me.roles.join(', ');
  if (me.roles.includes('operator')) {
    $('operator').hidden = false;
    await startDesk(me);
  } else if (me.roles.includes('supervisor')) {
    $('connection').hidden = true;
    $('supervisor').hidden = false;
    $('reports-link').hidden = false;
    startSupervisor(me);
  } else {
    throw new Error(t('forbidden'));
  }
}

/** Parley unreachable (the fetch itself failed): say so and try again, keeping the sign-in. */
function unreachable(error) {
  return error instanceof TypeError;
}

async function attempt(step) {
  try {
    showError(null);
    await step();
    await enter();
  } catch (error) {
    if (unreachable(error)) {
      showBanner('down', t('banner.down'));
      setTimeout(() => location.reload(), 5000);
      return;
    }
    if (error.status === 401) showBanner('down', t('banner.signedOut'));
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
  if (unreachable(error)) {
    // Parley itself is down: say so and look again shortly, keeping whatever sign-in this tab has
    $('sign-in').hidden = true;
    showBanner('down', t('banner.down'));
    setTimeout(() => location.reload(), 5000);
  } else {
    showError(error);
  }
}
if (!$('sign-in').hidden || provider) start();

function start() {
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
}
