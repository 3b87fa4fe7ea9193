#!/usr/bin/env bash
# Checks the Prometheus rules and the Grafana dashboards against a real Prometheus scraping a real Parley:
# promtool checks the rules and the example config; the embedded build (target/embedded, built with
# `./parley mvn package -Dembedded`) starts on free ports with a fresh data folder; Debian's Prometheus scrapes it
# every second on loopback; check.mjs drives a little traffic through the REST API, validates every dashboard's
# JSON, runs every PromQL expression of the dashboards and rules through Prometheus' HTTP API and checks that the main
# series return data. Installs Debian's prometheus package when promtool is missing. Stops what it started.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jar="$root/target/embedded/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "missing $jar: build it with ./parley mvn package -Dembedded -DskipTests" >&2; exit 1; }

if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q prometheus >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q prometheus >/dev/null; } \
    || { echo "could not install Debian's prometheus" >&2; exit 1; }
fi
echo "promtool: checking the rules and the example configuration"
promtool check rules "$root/config/prometheus/alerts.yml"
promtool check config "$root/config/prometheus/prometheus.yml"

free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
http_port=$(free_port); pg_port=$(free_port); kafka_port=$(free_port); controller_port=$(free_port)
prom_port=$(free_port)
data="$(mktemp -d /tmp/parley-prometheus-XXXXXX)"
chmod 755 "$data"   # embedded PostgreSQL runs as nobody when started by root
log="$data/parley.log"
server=""
prometheus=""
stop_pid() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1"
    for _ in $(seq 60); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$1" 2>/dev/null || true
  fi
}
stop() {
  stop_pid "$prometheus"
  stop_pid "$server"
  rm -rf "$data"
}
trap stop EXIT
trap "exit 143" TERM INT

echo "starting embedded Parley on 127.0.0.1:$http_port (PostgreSQL $pg_port, Kafka $kafka_port)"
(cd "$root" && exec ./parley java -Dquarkus.profile=embedded -Dparley.embedded.dir="$data/embedded" \
  -Dquarkus.http.port="$http_port" -Dparley.embedded.postgres-port="$pg_port" \
  -Dparley.embedded.kafka-port="$kafka_port" -Dparley.embedded.kafka-controller-port="$controller_port" \
  -Dparley.metrics.refresh-interval=1s -jar "$jar" >"$log" 2>&1) &
server=$!

# Prometheus with the repository's rules, scraping this Parley every second and evaluating the rules every second
mkdir -p "$data/prometheus"
cp "$root/config/prometheus/alerts.yml" "$data/prometheus/alerts.yml"
cat >"$data/prometheus/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - alerts.yml
scrape_configs:
  - job_name: parley
    metrics_path: /q/metrics
    static_configs:
      - targets: ['127.0.0.1:$http_port']
YAML
promtool check config "$data/prometheus/prometheus.yml" >/dev/null
prometheus --config.file="$data/prometheus/prometheus.yml" --storage.tsdb.path="$data/prometheus/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$data/prometheus.log" 2>&1 &
prometheus=$!

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
echo "Parley ready after ${i}s; Prometheus on 127.0.0.1:$prom_port"
kill -0 "$prometheus" 2>/dev/null || { echo "Prometheus did not start:" >&2; cat "$data/prometheus.log" >&2; exit 1; }

status=0
PARLEY_URL="$url" PROMETHEUS_URL="http://127.0.0.1:$prom_port" ROOT="$root" node "$here/check.mjs" || status=$?
if [ "$status" != 0 ]; then
  echo "Prometheus check failed; the last lines of Parley's and Prometheus' logs:" >&2
  tail -n 40 "$log" >&2
  tail -n 20 "$data/prometheus.log" >&2
fi
exit "$status"
