#!/usr/bin/env bash
# Checks the Prometheus rules and the Grafana dashboards against a real Prometheus scraping a real Parley:
# promtool checks the rules and the example config; the embedded build (target/embedded, built with
# `./parley mvn package -Dembedded`) starts on free ports with a fresh data folder; Debian's Prometheus scrapes it
# every second on loopback; check.mjs drives a little traffic through the REST API, validates every dashboard's
# JSON, runs every PromQL expression of the dashboards and rules through Prometheus' HTTP API and checks that the main
# series return data. Installs Debian's prometheus package when promtool is missing. Stops what it started.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../embedded.sh"

if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q prometheus >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q prometheus >/dev/null; } \
    || { echo "could not install Debian's prometheus" >&2; exit 1; }
fi
echo "promtool: checking the rules and the example configuration"
promtool check rules "$root/config/prometheus/alerts.yml"
promtool check config "$root/config/prometheus/prometheus.yml"

embedded_start prometheus -Dparley.metrics.refresh-interval=1s
prom_port=$(free_port)
prometheus=""
stop_prometheus() { stop_pid "$prometheus"; }
stop_first=stop_prometheus

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
      - targets: ['${url#http://}']
YAML
promtool check config "$data/prometheus/prometheus.yml" >/dev/null
prometheus --config.file="$data/prometheus/prometheus.yml" --storage.tsdb.path="$data/prometheus/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$data/prometheus.log" 2>&1 &
prometheus=$!

sleep 1
kill -0 "$prometheus" 2>/dev/null || { echo "Prometheus did not start:" >&2; cat "$data/prometheus.log" >&2; exit 1; }
echo "Prometheus on 127.0.0.1:$prom_port"

status=0
PARLEY_URL="$url" PROMETHEUS_URL="http://127.0.0.1:$prom_port" ROOT="$root" node "$here/check.mjs" || status=$?
if [ "$status" != 0 ]; then
  echo "Prometheus check failed; the last lines of Parley's and Prometheus' logs:" >&2
  tail -n 40 "$log" >&2
  tail -n 20 "$data/prometheus.log" >&2
fi
exit "$status"
