#!/usr/bin/env bash
# Benchmarks: starts Postgres, Kafka and the service under test the way the launcher does, measures
# time to ready and RSS, drives load on loopback and prints the numbers.
# Usage: bench/run.sh [accounts|bots|telegram|chat|eval|retrieval] [seconds]
# ai-gateway's retrieval cases need no running platform (embedded Postgres, like its tests):
# bench/run.sh eval (the retrieval quality table), bench/run.sh retrieval (retrieval latency p50/p99).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" = chat ]; then
    # The whole platform, beside anyone's `up` or e2e run: every port +12000, state in a folder of its own
    # (wiped at every start, git-ignored).
    export BOTFACTORY_PORT_OFFSET="${BOTFACTORY_PORT_OFFSET:-12000}"
    export BOTFACTORY_RUN_DIR="${BOTFACTORY_RUN_DIR:-$ROOT/.run-bench}"
    unset BOTFACTORY_STANDINS   # the stand-ins live in the benchmark JVM (it times their calls)
fi
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
    # Ports follow BOTFACTORY_PORT_OFFSET like the launcher's, so this runs beside a developer's `up`.
    local port=$((18999 + OFFSET)) accounts=$((8081 + OFFSET)) channel=$((8085 + OFFSET))
    local bots="${BENCH_BOTS:-100}" concurrency="${BENCH_CONCURRENCY:-32}"
    need_java_and_maven
    build
    # The stand-in Telegram lives in the benchmark JVM; it must listen before channel-telegram starts.
    java -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" app.botfactory.bench.TelegramBench \
        "http://127.0.0.1:$accounts" "http://127.0.0.1:$channel" "$KAFKA_BOOTSTRAP_SERVERS" "$port" "$bots" \
        "$concurrency" "$seconds" &
    bench_pid=$!
    wait_for telegram-stand-in 60 port_open "$port"
    SERVICES=(account-service:$accounts channel-telegram:$channel)
    TELEGRAM_API_BASE_URL="http://127.0.0.1:$port"
    start_gateway() { :; }   # measured directly, not through the gateway (which needs every service)
    start_everything
    wait "$bench_pid"
    bench_pid=
    info "channel-telegram RSS after load: $(rss_mb "$(cat "$PIDS/channel-telegram.pid")") MB"
}

# End to end: webhook -> channel-telegram -> chat.inbound -> ai-gateway (instant stand-in Gemini) -> chat.outbound
# -> channel-telegram -> sendMessage (stand-in Telegram), open-loop load at each of BENCH_RATES (msg/s) across
# BENCH_BOTS bots set up through the gateway (BENCH_KB: documents of ~7,000 characters per bot, default 0;
# BENCH_TELEGRAM_MS / BENCH_TELEGRAM_SLOW=N:MS: how long the stand-in Telegram takes to answer sendMessage).
# The stand-ins run in the benchmark JVM, which must listen before the services start; the launcher then
# starts everything (ports +12000, state in .run-bench/, wiped first).
bench_chat() {
    local bots="${BENCH_BOTS:-100}" rates="${BENCH_RATES:-100,250,500,1000}"
    bench_pid=
    trap 'rc=$?; trap - EXIT INT TERM; [ -z "${bench_pid:-}" ] || kill "$bench_pid" 2>/dev/null || true; stop_started; exit $rc' EXIT
    trap 'exit 130' INT TERM
    need_java_and_maven; need_tools
    build
    [ -f "$ROOT/bench/target/classes/app/botfactory/bench/ChatBench.class" ] && [ -d "$ROOT/bench/target/lib" ] \
        || die "bench/target is not built: run 'mvn -B -DskipTests package' (or drop BOTFACTORY_SKIP_BUILD)"
    # A fresh platform every time: stop what an aborted earlier run may have left, then wipe its folder.
    cmd_stop >/dev/null 2>&1 || true
    rm -rf "$RUN"
    mkdir -p "$LOGS" "$PIDS"
    step "benchmark JVM: stand-in Telegram :$STANDIN_TELEGRAM_PORT and instant Gemini :$STANDIN_GEMINI_PORT"
    java -Xms256m -Xmx1g -XX:+UseParallelGC -cp "$ROOT/bench/target/classes:$ROOT/bench/target/lib/*" \
        app.botfactory.bench.ChatBench "http://127.0.0.1:$GATEWAY_PORT" "$KAFKA_BOOTSTRAP_SERVERS" \
        "$STANDIN_TELEGRAM_PORT" "$STANDIN_GEMINI_PORT" "$bots" "$seconds" "$rates" "$RUN" \
        "${BENCH_WARMUP:-50x10,100x30,150x30}" &
    bench_pid=$!
    wait_for chat-bench 60 port_open "$STANDIN_GEMINI_PORT"
    TELEGRAM_API_BASE_URL="http://127.0.0.1:$STANDIN_TELEGRAM_PORT"
    GEMINI_BASE_URL="http://127.0.0.1:$STANDIN_GEMINI_PORT"
    GOOGLE_API_KEY="bench-stand-in-key"
    start_everything
    if [ -n "${BENCH_PG_STATS:-}" ]; then
        as_pg "$(pg_bin)/psql" -h "$RUN/pg/socket" -p "$DB_PORT" -U postgres -d "$DB_NAME" -qc \
            "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
    fi
    local rc=0
    wait "$bench_pid" || rc=$?
    bench_pid=
    # ai-gateway's own split of its stage over the whole run (all steps): waiting vs answering.
    curl -fs "http://127.0.0.1:$((8084 + OFFSET))/q/metrics" 2>/dev/null \
        | grep -E '^botfactory_ai_(inbound_wait|answer|record_batch)' | tee "$LOGS/ai-timers.txt" || true
    if [ -n "${BENCH_PG_STATS:-}" ]; then
        # Where Postgres spent its time during the run (needs pg_stat_statements preloaded, see README).
        as_pg "$(pg_bin)/psql" -h "$RUN/pg/socket" -p "$DB_PORT" -U postgres -d "$DB_NAME" -c \
            "SELECT calls, round(total_exec_time::numeric) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
                    rows, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS query
             FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT ${BENCH_PG_STATS}" | tee "$LOGS/pg-stats.txt"
    fi
    case $rc in
        0) ;;
        3) die "the benchmark wedged (see the BENCH WEDGED line above); logs in $LOGS" ;;
        *) die "the benchmark failed (exit $rc); logs in $LOGS" ;;
    esac
    info "logs of this run: $LOGS (kept until the next run)"
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
    chat) bench_chat ;;
    eval) bench_eval ;;
    retrieval) bench_retrieval ;;
    *) echo "unknown benchmark: $what (known: accounts, bots, telegram, chat, eval, retrieval)"; exit 2 ;;
esac
