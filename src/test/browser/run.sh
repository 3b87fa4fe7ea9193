#!/usr/bin/env bash
# Runs the real-browser test against the embedded build (target/embedded, built with `./parley mvn package -Dembedded`):
# starts Parley on free ports with a fresh data folder, waits until it is ready, runs the test, stops Parley.
# Needs Debian's Chromium (/usr/bin/chromium, or CHROMIUM) and `npm ci` done in this folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jar="$root/target/embedded/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "missing $jar: build it with ./parley mvn package -Dembedded -DskipTests" >&2; exit 1; }

free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
http_port=$(free_port); pg_port=$(free_port); kafka_port=$(free_port); controller_port=$(free_port)
data="$(mktemp -d /tmp/parley-browser-XXXXXX)"
chmod 755 "$data"   # embedded PostgreSQL runs as nobody when started by root
log="$data/parley.log"
server=""
stop() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server"
    for _ in $(seq 60); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$server" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap stop EXIT
trap "exit 143" TERM INT

echo "starting embedded Parley on 127.0.0.1:$http_port (PostgreSQL $pg_port, Kafka $kafka_port)"
(cd "$root" && exec ./parley java -Dquarkus.profile=embedded -Dparley.embedded.dir="$data/embedded" \
  -Dquarkus.http.port="$http_port" -Dparley.embedded.postgres-port="$pg_port" \
  -Dparley.embedded.kafka-port="$kafka_port" -Dparley.embedded.kafka-controller-port="$controller_port" \
  -jar "$jar" >"$log" 2>&1) &
server=$!

url="http://127.0.0.1:$http_port"
for i in $(seq 180); do
  if node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" \
    "$url/q/health/ready"; then break; fi
  if ! kill -0 "$server" 2>/dev/null || [ "$i" = 180 ]; then
    echo "Parley did not become ready; its log:" >&2
    tail -n 80 "$log" >&2
    exit 1
  fi
  sleep 1
done
echo "Parley ready after ${i}s"

status=0
(cd "$here" && PARLEY_URL="$url" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" npm test) || status=$?
if [ "$status" != 0 ]; then
  echo "browser test failed; the last lines of Parley's log:" >&2
  tail -n 60 "$log" >&2
fi
exit "$status"
