#!/usr/bin/env bash
# Runs the Keycloak interop test: Keycloak (org.keycloak:keycloak-quarkus-dist from Maven Central, in the local Maven
# repository; fetched with Maven's dependency:get when missing) in dev mode with the realm in keycloak/parley-realm.json, and the
# embedded build of Parley configured against it as its OIDC issuer (the embedded PostgreSQL and Kafka, but Keycloak's
# tokens and the console's sign-in through Keycloak's login page). Needs Debian's Chromium and `npm ci` done here.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
version="${KEYCLOAK_VERSION:-26.5.0}"
dist="${MAVEN_REPOSITORY:-$HOME/.m2/repository}/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.tar.gz"
jar="$root/target/embedded/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "missing $jar: build it with ./parley mvn package -Dembedded -DskipTests" >&2; exit 1; }
if [ ! -f "$dist" ]; then
  echo "fetching Keycloak $version from Maven Central"
  (cd "$root" && ./parley mvn -B -q dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:tar.gz" \
    -Dtransitive=false)
fi

free_port() { node -e 's=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
kc_port=$(free_port); kc_management_port=$(free_port)
http_port=$(free_port); pg_port=$(free_port); kafka_port=$(free_port); controller_port=$(free_port)
data="$(mktemp -d /tmp/parley-keycloak-XXXXXX)"
chmod 755 "$data"   # embedded PostgreSQL runs as nobody when started by root
kc_url="http://127.0.0.1:$kc_port"
url="http://127.0.0.1:$http_port"
issuer="$kc_url/realms/parley"
keycloak=""; server=""
stop_pid() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1"
    for _ in $(seq 60); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$1" 2>/dev/null || true
  fi
}
stop() { stop_pid "$server"; stop_pid "$keycloak"; rm -rf "$data"; }
trap stop EXIT
trap "exit 143" TERM INT

started=$SECONDS
tar xzf "$dist" -C "$data"
kc_home="$data/keycloak-$version"
mkdir -p "$kc_home/data/import"
sed "s#PARLEY_ORIGIN#$url#g" "$here/keycloak/parley-realm.json" >"$kc_home/data/import/parley-realm.json"
java_home="$(cd "$root" && ./parley java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"

echo "starting Keycloak $version on $kc_url"
(JAVA_HOME="$java_home" exec "$kc_home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$kc_port" \
  --http-management-port="$kc_management_port" --import-realm >"$data/keycloak.log" 2>&1) &
keycloak=$!

# Parley starts at the same time and waits (connection-delay) for Keycloak's discovery document.
echo "starting embedded Parley on $url against $issuer"
(cd "$root" && exec ./parley java -Dquarkus.profile=embedded -Dparley.embedded.dir="$data/embedded" \
  -Dquarkus.http.port="$http_port" -Dparley.embedded.postgres-port="$pg_port" \
  -Dparley.embedded.kafka-port="$kafka_port" -Dparley.embedded.kafka-controller-port="$controller_port" \
  -D%embedded.quarkus.oidc.public-key= -D%embedded.quarkus.oidc.token.issuer="$issuer" \
  -Dquarkus.oidc.auth-server-url="$issuer" -Dquarkus.oidc.connection-delay=120S \
  -D%embedded.parley.console.issuer-url="$issuer" -Dparley.console.client-id=parley-console \
  -jar "$jar" >"$data/parley.log" 2>&1) &
server=$!

ready() { node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1"; }
await_ready() { # $1 = name, $2 = URL that answers 2xx when ready, $3 = its process, $4 = its log
  for i in $(seq 240); do
    if ready "$2"; then echo "$1 ready after $((SECONDS - started))s"; return; fi
    if ! kill -0 "$3" 2>/dev/null || [ "$i" = 240 ]; then
      echo "$1 did not become ready; its log:" >&2; tail -n 80 "$4" >&2; exit 1
    fi
    sleep 1
  done
}
await_ready Keycloak "$issuer/.well-known/openid-configuration" "$keycloak" "$data/keycloak.log"
await_ready Parley "$url/q/health/ready" "$server" "$data/parley.log"

status=0
(cd "$here" && PARLEY_URL="$url" KEYCLOAK_ISSUER="$issuer" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" \
  node --test --test-reporter=spec keycloak.test.mjs) || status=$?
if [ "$status" != 0 ]; then
  echo "Keycloak test failed; the last lines of Parley's log:" >&2; tail -n 60 "$data/parley.log" >&2
  echo "and of Keycloak's:" >&2; tail -n 30 "$data/keycloak.log" >&2
fi
echo "Keycloak interop test took $((SECONDS - started))s"
exit "$status"
