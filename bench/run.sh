#!/usr/bin/env bash
# Benchmarks: starts Postgres, Kafka and the service under test the way the launcher does, measures
# time to ready and RSS, drives load on loopback and prints the numbers. Usage: bench/run.sh [accounts|bots] [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../botfactory
source "$ROOT/botfactory"

what="${1:-accounts}"
seconds="${2:-20}"

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

bench_accounts() {
    trap 'stop_started' EXIT
    export_platform_env; need_java_and_maven; need_tools; ensure_keys
    build
    start_postgres
    start_kafka
    step "starting account-service alone, timing until /q/health/ready"
    local t0=$(date +%s%N)
    start_service account-service:8081
    until ready 8081; do sleep 0.1; done
    local t1=$(date +%s%N) pid
    pid="$(cat "$PIDS/account-service.pid")"
    info "time to ready: $(( (t1 - t0) / 1000000 )) ms (JVM launch included)"
    info "log says: $(grep -o 'started in [0-9.]*s' "$LOGS/account-service.log" | tail -1)"
    sleep 2
    info "RSS idle: $(rss_mb "$pid") MB"
    step "load: $seconds s per step, $(nproc) cores shared by driver, service, Postgres and Kafka"
    java -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" app.botfactory.bench.AccountBench \
        http://127.0.0.1:8081 "$seconds"
    info "RSS after load: $(rss_mb "$pid") MB"
}

bench_bots() {
    trap 'stop_started' EXIT
    start_everything
    local owners="${BENCH_OWNERS:-50}" concurrency="${BENCH_CONCURRENCY:-32}"
    step "load on bot-service: $owners owners, $concurrency callers, $seconds s"
    java -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" app.botfactory.bench.BotBench \
        http://127.0.0.1:8081 http://127.0.0.1:8083 http://127.0.0.1:8082 "$KAFKA_BOOTSTRAP_SERVERS" \
        "$owners" "$concurrency" "$seconds"
    info "bot-service RSS after load: $(rss_mb "$(cat "$PIDS/bot-service.pid")") MB"
}

case "$what" in
    accounts) bench_accounts ;;
    bots) bench_bots ;;
    *) echo "unknown benchmark: $what (known: accounts, bots)"; exit 2 ;;
esac
