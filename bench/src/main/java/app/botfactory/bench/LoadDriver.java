// Closed-loop HTTP load driver: C concurrent callers repeat one scenario for a fixed time and the
// driver prints throughput and latency percentiles (HdrHistogram). Bounded in time; loopback only.
package app.botfactory.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

public final class LoadDriver {

    /** One request to send; built fresh per call so scenarios can vary users. */
    public record Call(String method, String path, String body, Map<String, String> headers) { }

    private final HttpClient http;
    private final String baseUrl;

    public LoadDriver(String baseUrl, int concurrency) {
        this.baseUrl = baseUrl;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, concurrency));
        this.http = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public HttpResponse<String> send(Call call) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
                .timeout(Duration.ofSeconds(30));
        call.headers().forEach(b::header);
        b.method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body()));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs `concurrency` callers for `duration`; `scenario.apply(n)` builds the n-th call. */
    public Result run(String name, int concurrency, Duration duration, int expectedStatus,
                      IntFunction<Call> scenario) throws Exception {
        Histogram histogram = new Histogram(60_000_000L, 3);
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                while (System.nanoTime() < deadline) {
                    int n = (int) sent.getAndIncrement();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = send(scenario.apply(n));
                        if (response.statusCode() != expectedStatus) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    long micros = (System.nanoTime() - t0) / 1_000;
                    synchronized (histogram) {
                        histogram.recordValue(Math.min(micros, 60_000_000L));
                    }
                }
            }, callers));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        callers.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(name, concurrency, histogram.getTotalCount(), errors.get(), seconds,
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0);
    }

    /** What one run measured. Latencies in milliseconds. */
    public record Result(String name, int concurrency, long requests, long errors, double seconds,
                         double p50, double p99, double max) {
        public void print() {
            System.out.printf("%-28s c=%-3d requests=%-7d errors=%-4d throughput=%8.1f req/s  p50=%7.2f ms"
                    + "  p99=%7.2f ms  max=%7.2f ms%n", name, concurrency, requests, errors, requests / seconds,
                    p50, p99, max);
        }
    }
}
