// The console's texts in Russian and English. The language is the browser's (Russian for ru-*, else English) until
// the operator picks one; the choice is kept in this browser. Elements carry data-i18n (text), data-i18n-placeholder
// and data-i18n-title; code asks t(key, values).
const catalogs = {
  en: {
    'app.title': 'Parley console', 'signOut': 'Sign out', 'signIn': 'Sign in',
    'signIn.title': 'Sign in', 'signIn.issuer': "Sign in with your organisation's account at",
    'signIn.token': 'Sign in with a token',
    'signIn.tokenHelp': 'Paste an access token from your identity provider (for integrators and when no issuer is configured).',
    'conn.signedOut': 'signed out', 'conn.live': 'connected', 'conn.connecting': 'connecting…',
    'conn.lost': 'reconnecting…', 'banner.lost': 'Connection to Parley lost: reconnecting. Your replies are not sent until it is back.',
    'banner.down': 'Parley cannot be reached. The console retries on its own.',
    'banner.signedOut': 'Your sign-in expired: sign in again.',
    'banner.onBreak': 'Parley put you on BREAK because offers went unanswered. Set Available to get offers again.',
    'status': 'Status', 'status.AVAILABLE': 'Available', 'status.BUSY': 'Busy', 'status.BREAK': 'Break',
    'status.MEETING': 'Meeting', 'status.OFFLINE': 'Offline',
    'offers': 'Offers', 'conversations': 'My conversations', 'consults': 'Asked to help', 'handled': 'Last handled',
    'none': 'none', 'accept': 'Accept', 'decline': 'Decline', 'customer': 'Customer', 'queue': 'queue',
    'waiting': 'waiting {time}', 'unread': '{count} new', 'opened': 'opened {time}',
    'chat.title': '{name} · {channel}', 'older': 'Older messages', 'noOlder': 'The beginning of the history',
    'otherSession': 'earlier conversation', 'note': 'Note', 'noteBy': 'note · {author}',
    'reply.placeholder': 'Reply… (Enter sends, Shift+Enter for a new line, / for canned replies)',
    'note.placeholder': 'Internal note: only operators and supervisors see it',
    'mode.reply': 'Reply', 'mode.note': 'Note', 'send': 'Send', 'addNote': 'Add note',
    'attach': 'Attach a file', 'remove': 'Remove', 'uploading': 'uploading…',
    'limit': '{length} / {max}', 'limit.split': '{length} / {max}: sent as {parts} messages',
    'transfer': 'Transfer', 'consult': 'Ask a colleague', 'close': 'Close',
    'transfer.title': 'Transfer the conversation', 'transfer.operators': 'Available colleagues',
    'transfer.queues': 'Queues', 'transfer.load': '{load} of {max}', 'transfer.waiting': '{count} waiting',
    'transfer.noneAvailable': 'Nobody is available with room right now.', 'cancel': 'Cancel',
    'consult.title': 'Ask a colleague', 'consult.help': 'They can read this conversation and answer in notes; it stays yours.',
    'consulted': 'Asked {operator} to help.', 'consult.end': 'Done helping',
    'close.title': 'Close the conversation', 'close.category': 'Category', 'close.resolution': 'Resolution',
    'close.confirm': 'Close conversation', 'close.noCategory': '— none —',
    'panel.title': 'Customer', 'panel.identities': 'Channels', 'panel.unreachable': 'unreachable',
    'panel.verified': 'Verified', 'verified.app_user': 'app user', 'verified.email': 'email',
    'verified.phone': 'phone', 'panel.attributes': 'From the CRM', 'panel.classification': 'Classification',
    'panel.category': 'Category', 'panel.language': 'Language', 'panel.spam': 'Spam', 'panel.yes': 'yes',
    'panel.no': 'no', 'panel.correct': 'Correct', 'panel.sessions': 'Conversations',
    'panel.session': '{opened} · {outcome}', 'panel.open': 'open', 'panel.noAttributes': 'nothing known',
    'delivery.PENDING': 'sending', 'delivery.SENT': 'sent', 'delivery.DELIVERED': 'delivered', 'delivery.READ': 'read',
    'delivery.FAILED': 'failed', 'file': '{name} ({size})', 'htmlSource': 'HTML source', 'typing': 'typing…',
    'sla.warning': 'SLA at risk: {customer} in {queue}', 'sla.breached': 'SLA breached: {customer} in {queue}',
    'notify.offer': 'New conversation offered', 'notify.message': 'New message from {name}',
    'notify.enable': 'Enable notifications', 'shortcuts': 'Keyboard shortcuts',
    'key.accept': 'Accept the first offer', 'key.decline': 'Decline the first offer',
    'key.next': 'Next conversation', 'key.prev': 'Previous conversation', 'key.send': 'Send (in the composer)',
    'key.transfer': 'Transfer', 'key.close': 'Close the conversation', 'key.note': 'Switch reply / note',
    'key.help': 'This list', 'key.focus': 'Write a reply',
    'sup.queues': 'Queues', 'sup.operators': 'Operators', 'sup.conversations': 'Conversations',
    'sup.queue': 'queue', 'sup.waiting': 'waiting', 'sup.longest': 'longest wait', 'sup.offered': 'offered',
    'sup.assigned': 'assigned', 'sup.operator': 'operator', 'sup.status': 'status', 'sup.since': 'in status',
    'sup.offers': 'offers', 'sup.load': 'conversations', 'sup.limit': 'limit', 'sup.asOf': 'as of {time}',
    'sup.filter': 'Queue', 'sup.all': 'all queues', 'sup.customer': 'customer', 'sup.holder': 'held by',
    'sup.open': 'Open', 'sup.takeOver': 'Take over', 'sup.reassign': 'Reassign to', 'sup.setStatus': 'Set status',
    'sup.reports': 'Reports', 'sup.nobody': 'nobody', 'sup.alerts': 'SLA alerts',
    'sup.team': 'Team', 'sup.allTeams': 'all teams', 'sup.byKind': 'load by kind', 'sup.missed': 'missed (24 h)',
    'forbidden': 'This console is for operators and supervisors.',
    'noProfile': 'You have no operator profile yet: ask an administrator.',
    'down': 'Parley cannot be reached ({detail}).',
  },
  ru: {
    'app.title': 'Консоль Parley', 'signOut': 'Выйти', 'signIn': 'Войти',
    'signIn.title': 'Вход', 'signIn.issuer': 'Войдите учётной записью организации на',
    'signIn.token': 'Войти по токену',
    'signIn.tokenHelp': 'Вставьте токен доступа от поставщика учётных записей (для интеграторов и когда он не настроен).',
    'conn.signedOut': 'не в системе', 'conn.live': 'на связи', 'conn.connecting': 'подключение…',
    'conn.lost': 'переподключение…', 'banner.lost': 'Связь с Parley потеряна, переподключаемся. Ответы не отправятся, пока связь не вернётся.',
    'banner.down': 'Parley недоступен. Консоль повторяет попытки сама.',
    'banner.signedOut': 'Срок входа истёк: войдите снова.',
    'banner.onBreak': 'Parley перевёл вас в перерыв: предложения остались без ответа. Выберите «Доступен», чтобы снова получать диалоги.',
    'status': 'Статус', 'status.AVAILABLE': 'Доступен', 'status.BUSY': 'Занят', 'status.BREAK': 'Перерыв',
    'status.MEETING': 'Совещание', 'status.OFFLINE': 'Не в сети',
    'offers': 'Предложения', 'conversations': 'Мои диалоги', 'consults': 'Просят помочь', 'handled': 'Последние обработанные',
    'none': 'нет', 'accept': 'Принять', 'decline': 'Отклонить', 'customer': 'Клиент', 'queue': 'очередь',
    'waiting': 'ждёт {time}', 'unread': 'новых: {count}', 'opened': 'открыт {time}',
    'chat.title': '{name} · {channel}', 'older': 'Более ранние сообщения', 'noOlder': 'Начало истории',
    'otherSession': 'прошлый диалог', 'note': 'Заметка', 'noteBy': 'заметка · {author}',
    'reply.placeholder': 'Ответ… (Enter — отправить, Shift+Enter — новая строка, / — шаблоны)',
    'note.placeholder': 'Внутренняя заметка: видят только операторы и супервизоры',
    'mode.reply': 'Ответ', 'mode.note': 'Заметка', 'send': 'Отправить', 'addNote': 'Добавить заметку',
    'attach': 'Прикрепить файл', 'remove': 'Убрать', 'uploading': 'загружается…',
    'limit': '{length} / {max}', 'limit.split': '{length} / {max}: уйдёт {parts} сообщениями',
    'transfer': 'Передать', 'consult': 'Спросить коллегу', 'close': 'Закрыть',
    'transfer.title': 'Передать диалог', 'transfer.operators': 'Свободные коллеги',
    'transfer.queues': 'Очереди', 'transfer.load': '{load} из {max}', 'transfer.waiting': 'ждут: {count}',
    'transfer.noneAvailable': 'Сейчас нет свободных коллег.', 'cancel': 'Отмена',
    'consult.title': 'Спросить коллегу', 'consult.help': 'Коллега увидит диалог и ответит заметкой; диалог остаётся у вас.',
    'consulted': 'Вы попросили помочь: {operator}.', 'consult.end': 'Помощь оказана',
    'close.title': 'Закрыть диалог', 'close.category': 'Категория', 'close.resolution': 'Результат',
    'close.confirm': 'Закрыть диалог', 'close.noCategory': '— без категории —',
    'panel.title': 'Клиент', 'panel.identities': 'Каналы', 'panel.unreachable': 'недоступен',
    'panel.verified': 'Подтверждено', 'verified.app_user': 'пользователь', 'verified.email': 'почта',
    'verified.phone': 'телефон', 'panel.attributes': 'Из CRM', 'panel.classification': 'Классификация',
    'panel.category': 'Категория', 'panel.language': 'Язык', 'panel.spam': 'Спам', 'panel.yes': 'да',
    'panel.no': 'нет', 'panel.correct': 'Исправить', 'panel.sessions': 'Обращения',
    'panel.session': '{opened} · {outcome}', 'panel.open': 'открыт', 'panel.noAttributes': 'ничего не известно',
    'delivery.PENDING': 'отправляется', 'delivery.SENT': 'отправлено', 'delivery.DELIVERED': 'доставлено',
    'delivery.READ': 'прочитано', 'delivery.FAILED': 'не доставлено', 'file': '{name} ({size})',
    'htmlSource': 'Исходный HTML', 'typing': 'печатает…',
    'sla.warning': 'SLA под угрозой: {customer}, очередь {queue}', 'sla.breached': 'SLA нарушен: {customer}, очередь {queue}',
    'notify.offer': 'Новый диалог', 'notify.message': 'Новое сообщение: {name}',
    'notify.enable': 'Включить уведомления', 'shortcuts': 'Горячие клавиши',
    'key.accept': 'Принять первое предложение', 'key.decline': 'Отклонить первое предложение',
    'key.next': 'Следующий диалог', 'key.prev': 'Предыдущий диалог', 'key.send': 'Отправить (в поле ответа)',
    'key.transfer': 'Передать', 'key.close': 'Закрыть диалог', 'key.note': 'Ответ / заметка',
    'key.help': 'Этот список', 'key.focus': 'Написать ответ',
    'sup.queues': 'Очереди', 'sup.operators': 'Операторы', 'sup.conversations': 'Диалоги',
    'sup.queue': 'очередь', 'sup.waiting': 'ждут', 'sup.longest': 'дольше всех', 'sup.offered': 'предложено',
    'sup.assigned': 'в работе', 'sup.operator': 'оператор', 'sup.status': 'статус', 'sup.since': 'в статусе',
    'sup.offers': 'предложения', 'sup.load': 'диалоги', 'sup.limit': 'лимит', 'sup.asOf': 'на {time}',
    'sup.filter': 'Очередь', 'sup.all': 'все очереди', 'sup.customer': 'клиент', 'sup.holder': 'у кого',
    'sup.open': 'Открыть', 'sup.takeOver': 'Забрать себе', 'sup.reassign': 'Передать', 'sup.setStatus': 'Сменить статус',
    'sup.reports': 'Отчёты', 'sup.nobody': 'никого', 'sup.alerts': 'SLA',
    'sup.team': 'Группа', 'sup.allTeams': 'все группы', 'sup.byKind': 'нагрузка по видам', 'sup.missed': 'пропущено (24 ч)',
    'forbidden': 'Эта консоль для операторов и супервизоров.',
    'noProfile': 'У вас ещё нет профиля оператора: обратитесь к администратору.',
    'down': 'Parley недоступен ({detail}).',
  },
};

const CHANNELS = {
  en: { telegram: 'Telegram', vk: 'VK', email: 'Email', inapp: 'Chat', webhook: 'Webhook' },
  ru: { telegram: 'Telegram', vk: 'ВКонтакте', email: 'Почта', inapp: 'Чат', webhook: 'Webhook' },
};

export let lang = localStorage.getItem('parley.lang')
  ?? ((navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase().startsWith('ru') ? 'ru' : 'en');

/** The text of {@code key} with {name} placeholders filled in. */
export function t(key, values = {}) {
  const text = catalogs[lang][key] ?? catalogs.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

export function channelName(type) {
  return CHANNELS[lang][type] ?? type ?? '';
}

/** Applies the catalog to the static page. */
export function translatePage(root = document) {
  document.documentElement.lang = lang;
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
}

export function setLang(value) {
  lang = value in catalogs ? value : 'en';
  localStorage.setItem('parley.lang', lang);
  translatePage();
}

/** The browser's own locale when it is of the chosen language (en-GB dates for a British browser), else the language. */
function locale() {
  return (navigator.language ?? '').toLowerCase().startsWith(lang) ? navigator.language : lang;
}

export function time(value) {
  return new Date(value).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });
}

export function dateTime(value) {
  return new Date(value).toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'short' });
}

/** A duration in the page's language, e.g. "3 min 5 s" / "3 мин 5 с". */
export function duration(ms) {
  const s = Math.max(0, Math.round(ms / 1000));
  const [sec, min, h] = lang === 'ru' ? ['с', 'мин', 'ч'] : ['s', 'min', 'h'];
  if (s < 60) return `${s} ${sec}`;
  if (s < 3600) return `${Math.floor(s / 60)} ${min} ${s % 60} ${sec}`;
  return `${Math.floor(s / 3600)} ${h} ${Math.floor(s / 60) % 60} ${min}`;
}

export function bytes(size) {
  if (!size) return '?';
  const units = lang === 'ru' ? ['Б', 'КБ', 'МБ', 'ГБ'] : ['B', 'KB', 'MB', 'GB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
}
