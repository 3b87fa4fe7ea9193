"""A stand-in for the Telegram Bot API's long polling, for bench/polling-restart.sh: one private text message every
INTERVAL seconds (default 0.1), each carrying its creation time in epoch milliseconds as its text; getUpdates answers
the queued updates from `offset` as soon as there are any, waiting up to its `timeout` like Telegram's long polling;
every other method answers ok. Loopback only."""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(sys.argv[1])
INTERVAL = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
updates = []
lock = threading.Lock()


def produce():
    n = 0
    while True:
        n += 1
        now = time.time()
        with lock:
            updates.append({"update_id": n, "message": {
                "message_id": n, "date": int(now), "text": str(int(now * 1000)),
                "from": {"id": 777000 + n % 50, "is_bot": False, "first_name": "Bench"},
                "chat": {"id": 777000 + n % 50, "type": "private", "first_name": "Bench"}}})
        time.sleep(INTERVAL)


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        result = True
        if self.path.endswith("/getUpdates"):
            params = json.loads(body or b"{}")
            offset = params.get("offset") or 0
            deadline = time.time() + (params.get("timeout") or 0)
            while True:
                with lock:
                    result = [u for u in updates if u["update_id"] >= offset][:100]
                if result or time.time() >= deadline:
                    break
                time.sleep(0.01)
        answer = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


threading.Thread(target=produce, daemon=True).start()
ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
