// Keyboard shortcuts of the desk, listed by "?" (also the header's ? button). Alt-combinations work while typing;
// single keys only outside text fields.
import { el } from './api.js';
import { t } from './i18n.js';

const KEYS = [
  ['Alt+A', 'key.accept'], ['Alt+D', 'key.decline'], ['Alt+↓', 'key.next'], ['Alt+↑', 'key.prev'],
  ['Enter', 'key.send'], ['Alt+N', 'key.note'], ['Alt+T', 'key.transfer'], ['Alt+C', 'key.close'],
  ['R', 'key.focus'], ['?', 'key.help'],
];

export function startShortcuts(actions) {
  document.getElementById('help').addEventListener('click', showHelp);
  document.addEventListener('keydown', (event) => {
    if (document.querySelector('dialog[open]')) return;
    const typing = /^(TEXTAREA|INPUT|SELECT)$/.test(event.target.tagName);
    const key = event.altKey ? `Alt+${event.code.replace(/^Key/, '').replace('Arrow', '')}` : event.key;
    const action = {
      'Alt+A': actions.accept, 'Alt+D': actions.decline, 'Alt+Down': actions.next, 'Alt+Up': actions.prev,
      'Alt+N': actions.toggleNote, 'Alt+T': actions.transfer, 'Alt+C': actions.close,
    }[key] ?? (!typing && { '?': showHelp, r: actions.focus, R: actions.focus }[key]);
    if (action) {
      event.preventDefault();
      action();
    }
  });
}

export function showHelp() {
  document.getElementById('shortcut-list').replaceChildren(...KEYS.flatMap(([key, text]) => [
    el('dt', {}, el('kbd', { textContent: key })), el('dd', { textContent: t(text) })]));
  document.getElementById('help-dialog').showModal();
}
