#!/usr/bin/env bash
# Runs activity-live on Payara Micro in the foreground, on 127.0.0.1:${PORT:-8080}, serving the WAR at /.
#
#   mvn -B package && server-config/run.sh
#
# The JVM replaces this shell (exec), so this script's PID is the server's: stop it with `kill PID` (SIGTERM;
# clients get 1001 "Server shutting down"). Settings come from the environment: the ACTIVITY_* variables of the
# README pass through as MicroProfile Config. JAVA_OPTS adds JVM flags; without a heap or GC flag of its own the JVM
# gets -Xmx256m and the serial collector, and gives freed native memory back (see below).
# The JVM is $JAVA_HOME/bin/java if JAVA_HOME is set (Payara Micro 7 needs JDK 21+), else java from PATH.
#
# A local cluster (README "Cluster"): CLUSTER_INSTANCE=N starts instance N (1, 2, 3...) of a loopback cluster of
# CLUSTER_SIZE instances (default 3), with clustering on (ACTIVITY_LIVE_CLUSTER=on):
#
#   CLUSTER_INSTANCE=1 server-config/run.sh &    # HTTP 127.0.0.1:8080, Hazelcast 127.0.0.1:25900
#   CLUSTER_INSTANCE=2 server-config/run.sh &    # HTTP 127.0.0.1:8081, Hazelcast 127.0.0.1:25901
#   CLUSTER_INSTANCE=3 server-config/run.sh &    # HTTP 127.0.0.1:8082, Hazelcast 127.0.0.1:25902
#
# Instance N listens for HTTP on PORT (default 8080+N-1) and for Hazelcast on CLUSTER_PORT_BASE+N-1 (default base
# 25900), and finds the others by TCP on the CLUSTER_SIZE ports from CLUSTER_PORT_BASE. CLUSTER_NAME (default
# activity-live) keeps separate clusters on one machine apart. Each instance unpacks Payara into its own
# ACTIVITY_LIVE_WORKDIR (default target/payara-run-N).
#
# Network: loopback only. No phone-home (Payara's or Hazelcast's); HTTP bound to 127.0.0.1; without
# CLUSTER_INSTANCE no Hazelcast at all; with it, Hazelcast bound to and advertising 127.0.0.1, members found by TCP
# on loopback ports, never by multicast.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="${PAYARA_MICRO_JAR:-$root/target/payara-micro.jar}"
war="${ACTIVITY_LIVE_WAR:-$root/target/activity-live.war}"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

for file in "$jar" "$war"; do
    if [ ! -f "$file" ]; then
        echo "run.sh: $file is missing; build first with: mvn -B package" >&2
        exit 1
    fi
done

jvm_cluster=()
micro_cluster=(--nohazelcast)
if [ -n "${CLUSTER_INSTANCE:-}" ]; then
    instance="$CLUSTER_INSTANCE"
    size="${CLUSTER_SIZE:-3}"
    base="${CLUSTER_PORT_BASE:-25900}"
    if ! [[ "$instance" =~ ^[1-9][0-9]*$ && "$size" =~ ^[1-9][0-9]*$ && "$base" =~ ^[1-9][0-9]*$ ]] \
            || [ "$instance" -gt "$size" ]; then
        echo "run.sh: CLUSTER_INSTANCE must be 1..CLUSTER_SIZE ($size); CLUSTER_PORT_BASE a port" >&2
        exit 1
    fi
    members=""
    for ((i = 0; i < size; i++)); do
        members+="${members:+,}127.0.0.1:$((base + i))"
    done
    port="${PORT:-$((8080 + instance - 1))}"
    workdir="${ACTIVITY_LIVE_WORKDIR:-$root/target/payara-run-$instance}"
    export ACTIVITY_LIVE_CLUSTER="${ACTIVITY_LIVE_CLUSTER:-on}"
    jvm_cluster=(-Dhazelcast.socket.bind.any=false)
    micro_cluster=(--clustermode "tcpip:$members" --clustername "${CLUSTER_NAME:-activity-live}"
        --interfaces 127.0.0.1 --hzpublicaddress 127.0.0.1 --startport "$((base + instance - 1))")
else
    port="${PORT:-8080}"
    workdir="${ACTIVITY_LIVE_WORKDIR:-$root/target/payara-run}"
fi
mkdir -p "$workdir"

# The HTTP listener opens only once the application is deployed (post-deploy-commands.txt), so that a booting
# server refuses connections instead of answering them with the container's pages; Payara's runtime is unpacked
# afresh into a root directory of ours (a persisted one would deploy the WAR a second time at the next start).
boot_commands="$workdir/pre-boot-commands.txt"
{
    cat "$here/pre-boot-commands.txt"
    echo "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.enabled=false"
} > "$boot_commands"
rm -rf "$workdir/payara-root"
echo "run.sh: activity-live on http://127.0.0.1:$port/ (WebSocket ws://127.0.0.1:$port/api/v1/activity/live)" \
    "once Payara reports ready; stop it with kill $$" >&2

# Payara Micro 7.2025.1 names a JACC policy factory but no policy provider, and warns at every start that it falls
# back to the JDK's policy; later releases name Exousia's default policy themselves, as this does. Payara 6 has a
# provider of its own in its domain.xml.
jvm_runtime=()
boot_properties="$(unzip -p "$jar" MICRO-INF/payara-boot.properties 2>/dev/null || true)"
if grep -q '^jakarta.security.jacc.PolicyFactory.provider=' <<< "$boot_properties" \
        && ! grep -q '^jakarta.security.jacc.policy.provider=' <<< "$boot_properties"; then
    jvm_runtime=(-Djakarta.security.jacc.policy.provider=org.glassfish.exousia.modules.def.DefaultPolicy)
fi

# A heap that fits a small container, whatever the machine: without it the JVM takes a quarter of the machine's memory
# and, under bursts, grows into it (RSS ~800 MB on 24 GiB). The serial collector holds the least beside the heap and,
# on a machine of two cores, costs no more CPU than G1. A heap or GC flag in JAVA_OPTS replaces these.
# Memory the C library keeps after the JIT compilers and the container free it (~50 MB after a burst) goes back to
# the system every few seconds, if this JVM has the flag: read from its release file for the versions checked
# (17.0.15+, 25+), asked with one `java -version` (~0.15 s of start-up) for any other.
jvm_defaults=()
[[ "${JAVA_OPTS:-}" =~ -Xmx|MaxRAM|MaxHeapSize ]] || jvm_defaults+=(-Xmx256m)
[[ "${JAVA_OPTS:-}" =~ Use[A-Za-z0-9]+GC ]] || jvm_defaults+=(-XX:+UseSerialGC)
trims_native_heap() {
    local release version
    release="$(dirname "$(dirname "$(readlink -f "$(command -v "$java_bin")")")")/release"
    version="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$release" 2>/dev/null || true)"
    if [[ "$version" =~ ^([0-9]+)(\.0\.([0-9]+))? ]] \
            && { [ "${BASH_REMATCH[1]}" -ge 25 ] || { [ "${BASH_REMATCH[1]}" -eq 17 ] && [ "${BASH_REMATCH[3]:-0}" -ge 15 ]; }; }; then
        return 0
    fi
    "$java_bin" -XX:TrimNativeHeapInterval=5000 -version > /dev/null 2>&1
}
if [[ ! "${JAVA_OPTS:-}" =~ TrimNativeHeapInterval ]] && trims_native_heap; then
    jvm_defaults+=(-XX:TrimNativeHeapInterval=5000)
fi

export HZ_PHONE_HOME_ENABLED=false
# Payara Micro 6.2025.10 prints one line of its own with System.out when it stops; its log goes to stderr.
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
exec "$java_bin" "${jvm_defaults[@]}" ${JAVA_OPTS:-} \
    -Djava.io.tmpdir="$workdir" \
    -Djava.net.preferIPv4Stack=true \
    -Dhazelcast.phone.home.enabled=false \
    -Dorg.apache.coyote.USE_CUSTOM_STATUS_MSG_IN_HEADER=false \
    "${jvm_runtime[@]}" \
    "${jvm_cluster[@]}" \
    -jar "$jar" \
    --deploy "$war" \
    --contextroot / \
    --port "$port" \
    "${micro_cluster[@]}" \
    --disablephonehome \
    --rootdir "$workdir/payara-root" \
    --shutdowngrace 1000 \
    --prebootcommandfile "$boot_commands" \
    --postbootcommandfile "$here/post-boot-commands.txt" \
    --postdeploycommandfile "$here/post-deploy-commands.txt" \
    --logproperties "$here/logging.properties" \
    > >(grep --line-buffered -v '^JdbcRuntimeExtension, ')
