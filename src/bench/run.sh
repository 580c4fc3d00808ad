#!/usr/bin/env bash
# The fan-out benchmark. Builds the WAR and the bench if needed, then starts activity-live twice on Payara Micro
# (raw-frame path and portable path, production JVM settings: -Xmx512m and a GC log, no test flags) and the original
# handler (src/peers/seed-peer, MAX_CLIENTS=100000), all on 127.0.0.1, runs every workload against each in turn
# (A B C A B C), prints the table and writes it to target/bench/results.md. Stops every server it started by PID.
#
#   src/bench/run.sh [--rounds 2] [--only fanout-1000,fanout-100,steady-100,steady-1000,slow-baseline,slow,connections]
#                         [--servers live,portable,cluster,seed] [--live-url URL] [--seed-url URL] [--seed-peer DIR]
#
# --servers cluster adds a two-instance loopback cluster (server-config/run.sh CLUSTER_INSTANCE=1 and 2): clients
# split across both, events published on the first.
#
# About 10 minutes with the defaults. Needs Node.js (and the npm registry once, for the seed peer's `npm ci`).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ ! -f target/activity-live.war ] || [ ! -f target/test-classes/dev/activitylive/bench/Bench.class ] \
        || [ -n "$(find src pom.xml -newer target/activity-live.war -print -quit)" ]; then
    mvn -B -q package -DskipTests
fi
ulimit -n 65536 2>/dev/null || true
export HZ_PHONE_HOME_ENABLED=false
# Idle HTTP connections are dropped by the client after 2 s, before Node's 5 s keep-alive timeout closes them under
# a request (a reset publish, seen once a server sat idle while the others ran).
exec java -Xmx3g -XX:+UseParallelGC -Djdk.httpclient.keepalive.timeout=2 -cp target/test-classes \
    dev.activitylive.bench.Bench --root "$root" "$@"
