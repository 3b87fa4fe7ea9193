// Verifies deliveries the way a receiver would, with the standardwebhooks package (not Parley's code).
// stdin: a JSON array of {secret, id, timestamp, signature, body}; stdout: a JSON array of {ok, error?, type?}.
import { Webhook } from "standardwebhooks";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = JSON.parse(input).map(({ secret, id, timestamp, signature, body }) => {
  try {
    const event = new Webhook(secret).verify(body, {
      "webhook-id": id,
      "webhook-timestamp": timestamp,
      "webhook-signature": signature,
    });
    return { ok: true, type: event.type };
  } catch (e) {
    return { ok: false, error: String(e.message ?? e) };
  }
});
process.stdout.write(JSON.stringify(results));
