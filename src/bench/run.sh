#!/usr/bin/env bash
# The benchmark. Builds the WAR and the bench if needed, then starts activity-live on Payara Micro with run.sh's own
# JVM defaults (plus a GC log) — the WAR with the bench producer added, for the CDI workloads — and, on request, the
# portable send path, a two-instance cluster, the same WAR on WildFly and Open Liberty (each by its own run.sh), the
# original handler (src/peers/seed-peer) and the Vert.x peer (src/peers/vertx-peer), all on 127.0.0.1; runs every
# workload against each in turn (A B C A B C), prints the table and writes it to target/bench/results.md. Stops every
# server it started by PID.
#
#   src/bench/run.sh [--rounds 2] [--warm-ups 3]
#                    [--servers live,portable,unconflated,cluster,wildfly,liberty,seed,vertx]
#                    [--only fanout-1000,fanout-100,fanout-1000-sse,steady-100,steady-1000,steady-100-cdi,
#                            steady-1000-cdi,quiet,idle,connections,slow-baseline,slow,slow-dashboards]
#                    [--live-url URL] [--seed-url URL] [--vertx-url URL] [--seed-peer DIR] [--vertx-peer DIR]
#                    [--live-jvm "JVM flags"]
#
# Needs Node.js (and the npm registry once, for the seed peer's `npm ci`) and Maven's repository for the Vert.x peer.
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
