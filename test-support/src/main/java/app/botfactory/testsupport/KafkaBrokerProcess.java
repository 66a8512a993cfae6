// A real Kafka broker in its own process (Apache Kafka's kafka.Kafka, KRaft, from the test
// classpath), for tests that must take the broker down and bring it back on the same port.
package app.botfactory.testsupport;

import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

public final class KafkaBrokerProcess implements AutoCloseable {

    private final int port;
    private final int controllerPort;
    private final Path dir;
    private Process process;
    private boolean hookInstalled;

    private KafkaBrokerProcess(int port, int controllerPort, Path dir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dir = dir;
    }

    /** Formats storage for a fresh single-node cluster; call {@link #start()} to run it. */
    public static KafkaBrokerProcess create() {
        try {
            KafkaBrokerProcess broker = new KafkaBrokerProcess(freePort(), freePort(),
                    Files.createTempDirectory("kafka-process-"));
            broker.writeConfig();
            int exit = broker.java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", broker.dir.resolve("server.properties").toString())
                    .redirectOutput(broker.dir.resolve("format.log").toFile())
                    .redirectErrorStream(true).start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kafka storage format failed, see " + broker.dir.resolve("format.log"));
            }
            return broker;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not prepare a Kafka broker process", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = java("kafka.Kafka", dir.resolve("server.properties").toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                    .redirectErrorStream(true).start();
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
                hookInstalled = true;
            }
            awaitPort(true, Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new IllegalStateException("could not start the Kafka broker process", e);
        }
    }

    /** Kills the broker the hard way, like a crashed host; data on disk stays for a restart. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            awaitPort(false, Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void writeConfig() throws IOException {
        Files.writeString(dir.resolve("server.properties"), String.join("\n", List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=4",
                "message.max.bytes=5242880",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0")) + "\n");
    }

    private ProcessBuilder java(String mainClass, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    private void awaitPort(boolean open, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (isOpen() == open) {
                return;
            }
            if (open && process != null && !process.isAlive()) {
                throw new IllegalStateException("Kafka broker process exited; see " + dir.resolve("broker.log"));
            }
            sleep(100);
        }
        throw new IllegalStateException("Kafka broker port " + port + " did not " + (open ? "open" : "close")
                + " in " + timeout + "; see " + dir + File.separator + "broker.log");
    }

    private boolean isOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
