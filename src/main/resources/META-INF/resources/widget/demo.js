// Creates the widget's script tag from the query string (?channel=<uuid>[&user=<id>&hash=<hex>]).
(() => {
  const params = new URLSearchParams(location.search);
  const channel = params.get('channel');
  const status = document.getElementById('demo-status');
  if (!channel) {
    status.className = 'demo-warning';
    status.textContent = 'No channel given: open this page as demo.html?channel=<uuid of an in-app channel>.';
    return;
  }
  status.textContent = `Channel: ${channel}`;
  const script = document.createElement('script');
  script.src = '/widget/parley-chat.js';
  script.dataset.channelId = channel;
  if (params.get('user')) script.dataset.userId = params.get('user');
  if (params.get('hash')) script.dataset.userHash = params.get('hash');
  document.body.append(script);
})();
