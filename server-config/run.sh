#!/usr/bin/env bash
# Runs activity-live on Payara Micro in the foreground, on 127.0.0.1:${PORT:-8080}, serving the WAR at /.
#
#   mvn -B package && server-config/run.sh
#
# The JVM replaces this shell (exec), so this script's PID is the server's: stop it with `kill PID` (SIGTERM;
# clients get 1001 "Server shutting down"). Settings come from the environment: the ACTIVITY_* variables of the
# README pass through as MicroProfile Config. JAVA_OPTS adds JVM flags (default: none beyond the network rules).
#
# Network: loopback only. No phone-home (Payara's or Hazelcast's), no Hazelcast at all, HTTP bound to 127.0.0.1.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
port="${PORT:-8080}"
jar="${PAYARA_MICRO_JAR:-$root/target/payara-micro.jar}"
war="${ACTIVITY_LIVE_WAR:-$root/target/activity-live.war}"
workdir="${ACTIVITY_LIVE_WORKDIR:-$root/target/payara-run}"

for file in "$jar" "$war"; do
    if [ ! -f "$file" ]; then
        echo "run.sh: $file is missing; build first with: mvn -B package" >&2
        exit 1
    fi
done
mkdir -p "$workdir"

export HZ_PHONE_HOME_ENABLED=false
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
exec java ${JAVA_OPTS:-} \
    -Djava.io.tmpdir="$workdir" \
    -Djava.net.preferIPv4Stack=true \
    -Dhazelcast.phone.home.enabled=false \
    -jar "$jar" \
    --deploy "$war" \
    --contextroot / \
    --port "$port" \
    --nohazelcast \
    --disablephonehome \
    --prebootcommandfile "$here/pre-boot-commands.txt" \
    --postbootcommandfile "$here/post-boot-commands.txt" \
    --logproperties "$here/logging.properties"
