// The operator push connection (docs/push-api.md): ticket, auth frame with the last sequence number, heartbeats,
// requests answered by requestId, and reconnects that resume after the last event seen (a page load starts fresh and
// loads its state through REST).
import { api, newKey } from './api.js';

export class PushConnection {
  constructor({ onEvent, onResync, onState }) {
    Object.assign(this, { onEvent, onResync, onState });
    this.lastSeq = undefined;
    this.pending = new Map();
    this.retryMs = 1000;
  }

  async open() {
    this.onState('connecting');
    let ticket;
    try {
      ({ ticket } = await api('POST', '/api/operator/push/tickets'));
    } catch (error) {
      return this.retry();
    }
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/api/operator/ws`);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', ticket, after: this.lastSeq }));
    ws.onmessage = ({ data }) => this.receive(JSON.parse(data));
    ws.onclose = () => {
      clearInterval(this.heartbeat);
      for (const { reject } of this.pending.values()) reject(new Error('Connection lost'));
      this.pending.clear();
      if (this.ws === ws) this.retry();
    };
  }

  retry() {
    this.onState('lost');
    setTimeout(() => this.open(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 15000);
  }

  receive(frame) {
    switch (frame.type) {
      case 'ready':
      case 'resync':
        this.retryMs = 1000;
        this.heartbeat = setInterval(() => this.ws.send('{"type":"ping"}'), frame.heartbeatSeconds * 1000);
        this.onState('live');
        if (frame.type === 'resync' || this.lastSeq === undefined) this.seen(frame.seq);
        if (frame.type === 'resync') this.onResync();
        break;
      case 'event':
        if (this.lastSeq !== undefined && frame.seq <= this.lastSeq) return;
        this.seen(frame.seq);
        this.onEvent(frame.event, frame.data);
        break;
      case 'result':
      case 'error': {
        const request = this.pending.get(frame.requestId);
        this.pending.delete(frame.requestId);
        if (frame.type === 'result') request?.resolve(frame);
        else request?.reject(new Error(frame.detail || frame.title || `Request failed: ${frame.status}`));
        break;
      }
    }
  }

  seen(seq) {
    this.lastSeq = seq;
  }

  /** Sends a request and resolves with its result frame (rejects with the problem's detail). */
  request(type, fields) {
    if (this.ws?.readyState !== WebSocket.OPEN) return Promise.reject(new Error('Not connected'));
    const requestId = newKey();
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.ws.send(JSON.stringify({ type, requestId, ...fields }));
    });
  }
}
