#!/usr/bin/env bash
# Runs activity-live on WildFly in the foreground, on 127.0.0.1:${PORT:-8080}, serving the WAR at /.
#
#   mvn -B package && server-config/wildfly/run.sh
#
# The JVM replaces this shell (exec), so this script's PID is the server's: stop it with `kill PID` (SIGTERM;
# clients get 1001 "Server shutting down"). Settings come from the environment, as with server-config/run.sh: the
# ACTIVITY_* variables pass through as MicroProfile Config. JAVA_OPTS adds JVM flags (default heap and collector as
# in server-config/run.sh). The JVM is $JAVA_HOME/bin/java if JAVA_HOME is set, else java from PATH.
#
# WildFly (the version is the pom's wildfly.version) is fetched from Maven and unpacked into target/servers/ when
# missing. Its standalone-microprofile.xml, changed by configure.cli next to this script, runs from a directory of
# its own (ACTIVITY_LIVE_WORKDIR, default target/wildfly-run), made afresh at every start; the WAR is deployed as
# ROOT.war. Health is on the management port, 127.0.0.1:${MANAGEMENT_PORT:-9990}/health.
#
# Network: loopback only: every socket WildFly opens (HTTP, HTTPS 8443, management) is bound to 127.0.0.1, and
# this configuration has nothing that calls out.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$(dirname "$here")")"
war="${ACTIVITY_LIVE_WAR:-$root/target/activity-live.war}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
version="$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' "$root/pom.xml")"
home="${JBOSS_HOME:-$root/target/servers/wildfly-$version}"
port="${PORT:-8080}"
workdir="${ACTIVITY_LIVE_WORKDIR:-$root/target/wildfly-run}"

if [ ! -f "$war" ]; then
    echo "run.sh: $war is missing; build first with: mvn -B package" >&2
    exit 1
fi
if [ ! -f "$home/jboss-modules.jar" ]; then
    echo "run.sh: fetching WildFly $version into $root/target/servers" >&2
    mvn -B -q -f "$root/pom.xml" dependency:unpack \
        -Dartifact="org.wildfly:wildfly-dist:$version:zip" -DoutputDirectory="$root/target/servers" >&2
fi

# A fresh server directory: the distribution's configuration, changed by configure.cli, and the WAR.
rm -rf "$workdir"
mkdir -p "$workdir/deployments"
cp -r "$home/standalone/configuration" "$workdir/"
JAVA_OPTS="-Djboss.server.base.dir=$workdir" "$home/bin/jboss-cli.sh" --file="$here/configure.cli" > /dev/null
cp "$war" "$workdir/deployments/ROOT.war"
echo "run.sh: activity-live on http://127.0.0.1:$port/ (WebSocket ws://127.0.0.1:$port/api/v1/activity/live)" \
    "once WildFly reports it deployed ROOT.war; stop it with kill $$" >&2

# WildFly's own launcher (bin/standalone.sh) keeps a shell between the caller and the JVM; this starts the JVM
# itself, with the module options that launcher computes (bin/common.sh).
# shellcheck disable=SC2034 # read by common.sh
JAVA="$java_bin" GREP=grep DIRNAME="$home/bin"
set +eu # common.sh reads unset variables and tests with grep, whose "no match" is no error
# shellcheck source=/dev/null
. "$home/bin/common.sh"
setDefaultModularJvmOptions "${JAVA_OPTS:-}"
set -eu

jvm_defaults=()
[[ "${JAVA_OPTS:-}" =~ -Xmx|MaxRAM|MaxHeapSize ]] || jvm_defaults+=(-Xmx256m)
[[ "${JAVA_OPTS:-}" =~ Use[A-Za-z0-9]+GC ]] || jvm_defaults+=(-XX:+UseSerialGC)

# shellcheck disable=SC2086 # JAVA_OPTS and the module options are lists of flags
exec "$java_bin" "${jvm_defaults[@]}" ${DEFAULT_MODULAR_JVM_OPTIONS:-} ${JAVA_OPTS:-} \
    -Djava.net.preferIPv4Stack=true \
    -Djava.awt.headless=true \
    -Djboss.modules.system.pkgs=org.jboss.byteman \
    "-Dorg.jboss.boot.log.file=$workdir/log/server.log" \
    "-Dlogging.configuration=file:$workdir/configuration/logging.properties" \
    -jar "$home/jboss-modules.jar" \
    -mp "$home/modules" \
    org.jboss.as.standalone \
    "-Djboss.home.dir=$home" \
    "-Djboss.server.base.dir=$workdir" \
    -Djboss.bind.address=127.0.0.1 \
    -Djboss.bind.address.management=127.0.0.1 \
    "-Djboss.http.port=$port" \
    "-Djboss.management.http.port=${MANAGEMENT_PORT:-9990}" \
    -c standalone-microprofile.xml
