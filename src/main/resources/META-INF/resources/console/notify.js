// Getting the operator's attention while the tab is in the background: a count in the title, a short tone (Web Audio,
// no file to load), and a browser notification when the operator allowed them. Nothing while the tab is in view.
import { t } from './i18n.js';

let unseen = 0;
let audio = null;
const baseTitle = () => t('app.title');

export function startNotifications() {
  document.title = baseTitle();
  document.addEventListener('visibilitychange', () => { if (!document.hidden) clear(); });
  window.addEventListener('focus', clear);
  const enable = document.getElementById('notify-enable');
  enable.hidden = !('Notification' in window) || Notification.permission !== 'default';
  enable.addEventListener('click', () => Notification.requestPermission().finally(() => { enable.hidden = true; }));
  // browsers let a page make sound only after a user gesture: the first click anywhere unlocks it
  document.addEventListener('pointerdown', unlock, { once: true });
  document.addEventListener('keydown', unlock, { once: true });
}

function unlock() {
  audio ??= new AudioContext();
  audio.resume();
}

function clear() {
  unseen = 0;
  document.title = baseTitle();
}

/** Something new for the operator: counted in the title, sounded, and notified when the tab is not in view. */
export function attention(text) {
  if (!document.hidden && document.hasFocus()) return;
  unseen += 1;
  document.title = `(${unseen}) ${baseTitle()}`;
  document.body.dataset.sounds = String(Number(document.body.dataset.sounds || 0) + 1);
  tone();
  if ('Notification' in window && Notification.permission === 'granted') {
    new Notification(baseTitle(), { body: text, tag: 'parley' });
  }
}

function tone() {
  audio ??= new AudioContext();
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, audio.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start();
  oscillator.stop(audio.currentTime + 0.4);
}
