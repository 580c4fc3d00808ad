#!/usr/bin/env bash
# Runs activity-live on Open Liberty in the foreground, on 127.0.0.1:${PORT:-8080}, serving the WAR at /.
#
#   mvn -B package && server-config/liberty/run.sh
#
# Liberty's launcher replaces this shell with the JVM (exec), so this script's PID is the server's: stop it with
# `kill PID` (SIGTERM; clients get 1001 "Server shutting down"). Settings come from the environment, as with
# server-config/run.sh: the ACTIVITY_* variables pass through as MicroProfile Config. JAVA_OPTS adds JVM flags
# (default heap and collector as in server-config/run.sh). The JVM is $JAVA_HOME/bin/java if JAVA_HOME is set.
#
# Open Liberty (the version is the pom's liberty.version) is fetched from Maven and unpacked into target/servers/
# when missing. The server, configured by server.xml next to this script, runs from a user directory of its own
# (ACTIVITY_LIVE_WORKDIR, default target/liberty-run), made afresh at every start. Health: /health on the same port.
#
# Network: loopback only: the one listener is HTTP on 127.0.0.1, and nothing in this configuration calls out.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$(dirname "$here")")"
war="${ACTIVITY_LIVE_WAR:-$root/target/activity-live.war}"
version="$(sed -n 's:.*<liberty.version>\(.*\)</liberty.version>.*:\1:p' "$root/pom.xml")"
home="${WLP_HOME:-$root/target/servers/liberty-$version/wlp}"
port="${PORT:-8080}"
workdir="${ACTIVITY_LIVE_WORKDIR:-$root/target/liberty-run}"

if [ ! -f "$war" ]; then
    echo "run.sh: $war is missing; build first with: mvn -B package" >&2
    exit 1
fi
if [ ! -x "$home/bin/server" ]; then
    echo "run.sh: fetching Open Liberty $version into $root/target/servers/liberty-$version" >&2
    mvn -B -q -f "$root/pom.xml" dependency:unpack \
        -Dartifact="io.openliberty:openliberty-runtime:$version:zip" \
        -DoutputDirectory="$root/target/servers/liberty-$version" >&2
fi

# A fresh server: server.xml, the port, and the WAR at /.
server="$workdir/servers/activity-live"
rm -rf "$workdir"
mkdir -p "$server/configDropins/overrides"
cp "$here/server.xml" "$server/server.xml"
echo "http.port=$port" > "$server/bootstrap.properties"
cat > "$server/configDropins/overrides/application.xml" <<XML
<server>
    <webApplication location="$war" contextRoot="/"/>
</server>
XML
echo "run.sh: activity-live on http://127.0.0.1:$port/ (WebSocket ws://127.0.0.1:$port/api/v1/activity/live)" \
    "once Liberty reports the application started; stop it with kill $$" >&2

jvm_defaults=()
[[ "${JAVA_OPTS:-}" =~ -Xmx|MaxRAM|MaxHeapSize ]] || jvm_defaults+=(-Xmx256m)
[[ "${JAVA_OPTS:-}" =~ Use[A-Za-z0-9]+GC ]] || jvm_defaults+=(-XX:+UseSerialGC)

export WLP_USER_DIR="$workdir"
export JVM_ARGS="${jvm_defaults[*]} ${JAVA_OPTS:-} -Djava.net.preferIPv4Stack=true"
exec "$home/bin/server" run activity-live
