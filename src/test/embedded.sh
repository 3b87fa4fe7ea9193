# Sourced by the test scripts that run against the embedded build (target/embedded, built with
# `./parley mvn package -Dembedded`): starts Parley on free ports with a fresh data folder, waits until it is ready and
# stops it (and removes the folder) when the script exits. After `embedded_start NAME [java options…]`: $url, $log,
# $data and $server are set. A script that starts more sets $stop_first to a function run before Parley is stopped.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/target/embedded/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "missing $jar: build it with ./parley mvn package -Dembedded -DskipTests" >&2; exit 1; }
server=""
data=""
stop_first=""

# N ports nothing listens on, asked of the OS all at once (so they differ), separated by spaces.
free_ports() {
  node -e 'const net = require("net"); const n = +process.argv[1]; const servers = [];
    for (let i = 0; i < n; i++) servers.push(net.createServer().listen(0, "127.0.0.1", () => {
      if (servers.every((s) => s.listening)) {
        console.log(servers.map((s) => s.address().port).join(" "));
        servers.forEach((s) => s.close());
      }
    }));' "$1"
}

free_port() { free_ports 1; }

stop_pid() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1"
    for _ in $(seq 120); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$1" 2>/dev/null || true
  fi
}

embedded_stop() {
  [ -z "$stop_first" ] || "$stop_first"
  stop_pid "$server"
  [ -z "$data" ] || rm -rf "$data"
}

embedded_start() {
  local name=$1
  shift
  local http_port pg_port kafka_port controller_port
  read -r http_port pg_port kafka_port controller_port < <(free_ports 4)
  data="$(mktemp -d "/tmp/parley-$name-XXXXXX")"
  chmod 755 "$data"   # embedded PostgreSQL runs as nobody when started by root
  log="$data/parley.log"
  trap embedded_stop EXIT
  trap "exit 143" TERM INT
  echo "starting embedded Parley on 127.0.0.1:$http_port (PostgreSQL $pg_port, Kafka $kafka_port)"
  (cd "$root" && exec ./parley java -Dquarkus.profile=embedded -Dparley.embedded.dir="$data/embedded" \
    -Dquarkus.http.port="$http_port" -Dparley.embedded.postgres-port="$pg_port" \
    -Dparley.embedded.kafka-port="$kafka_port" -Dparley.embedded.kafka-controller-port="$controller_port" \
    "$@" -jar "$jar" >"$log" 2>&1) &
  server=$!
  url="http://127.0.0.1:$http_port"
  local i
  for i in $(seq 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/q/health/ready")" = 200 ] && break
    if ! kill -0 "$server" 2>/dev/null || [ "$i" = 180 ]; then
      echo "Parley did not become ready; its log:" >&2
      tail -n 80 "$log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "Parley ready after ${i}s"
}
