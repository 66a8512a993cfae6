#!/usr/bin/env bash
# Benchmarks: starts Postgres, Kafka and the service under test the way the launcher does, measures
# time to ready and RSS, drives load on loopback and prints the numbers. Usage: bench/run.sh [accounts|bots|telegram] [seconds]
# ai-gateway's retrieval cases need no running platform (embedded Postgres, like its tests):
# bench/run.sh eval (the retrieval quality table), bench/run.sh retrieval (retrieval latency p50/p99).
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
    SERVICES=(account-service:8081 bot-service:8082 billing-service:8083)
    start_everything
    local owners="${BENCH_OWNERS:-50}" concurrency="${BENCH_CONCURRENCY:-32}"
    step "load on bot-service: $owners owners, $concurrency callers, $seconds s"
    java -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" app.botfactory.bench.BotBench \
        http://127.0.0.1:8081 http://127.0.0.1:8083 http://127.0.0.1:8082 "$KAFKA_BOOTSTRAP_SERVERS" \
        "$owners" "$concurrency" "$seconds"
    info "bot-service RSS after load: $(rss_mb "$(cat "$PIDS/bot-service.pid")") MB"
}

bench_telegram() {
    trap 'stop_started; [ -z "${bench_pid:-}" ] || kill "$bench_pid" 2>/dev/null || true' EXIT
    local port=18999 bots="${BENCH_BOTS:-100}" concurrency="${BENCH_CONCURRENCY:-32}"
    need_java_and_maven
    build
    # The stand-in Telegram lives in the benchmark JVM; it must listen before channel-telegram starts.
    java -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" app.botfactory.bench.TelegramBench \
        http://127.0.0.1:8081 http://127.0.0.1:8085 "$KAFKA_BOOTSTRAP_SERVERS" "$port" "$bots" "$concurrency" \
        "$seconds" &
    bench_pid=$!
    wait_for telegram-stand-in 60 port_open "$port"
    SERVICES=(account-service:8081 channel-telegram:8085)
    TELEGRAM_API_BASE_URL="http://127.0.0.1:$port"
    start_everything
    wait "$bench_pid"
    bench_pid=
    info "channel-telegram RSS after load: $(rss_mb "$(cat "$PIDS/channel-telegram.pid")") MB"
}

# Runs one ai-gateway test class (its deps built first) and prints the report file it writes.
ai_gateway_report() {
    local test="$1" report="$ROOT/ai-gateway/target/$2" log="$ROOT/ai-gateway/target/bench-$1.log" rc=0
    need_java_and_maven
    mkdir -p "$ROOT/ai-gateway/target"
    rm -f "$report"
    step "ai-gateway: $test (embedded Postgres and Kafka; Maven output in $log)"
    (cd "$ROOT" && mvn -B -ntp -pl ai-gateway -am verify -Dskip.e2e -Dbench.excluded=none -Dtest="$test" \
        -Dsurefire.failIfNoSpecifiedTests=false) > "$log" 2>&1 || rc=$?
    if [ -f "$report" ]; then cat "$report"; else tail -40 "$log"; fi
    return "$rc"
}

bench_eval() { ai_gateway_report RetrievalQualityTests retrieval-eval.txt; }

bench_retrieval() { ai_gateway_report RetrievalLatencyBenchmark retrieval-latency.txt; }

case "$what" in
    accounts) bench_accounts ;;
    bots) bench_bots ;;
    telegram) bench_telegram ;;
    eval) bench_eval ;;
    retrieval) bench_retrieval ;;
    *) echo "unknown benchmark: $what (known: accounts, bots, telegram, eval, retrieval)"; exit 2 ;;
esac
