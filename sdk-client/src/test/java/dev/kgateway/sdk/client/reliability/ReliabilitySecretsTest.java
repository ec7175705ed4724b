package dev.kgateway.sdk.client.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.kgateway.sdk.client.reliability.ReliabilitySecretScenario.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret in {@code toString()}, exception messages or log lines: {@link ReliabilitySecretScenario}
 * runs in its own JVM with every slf4j logger (slf4j-simple) at DEBUG and java.util.logging at FINE,
 * so the capture does not depend on which test configured logging first, and the secret sentinel
 * must appear in none of the log records of the SDK and the fabric8 client (or any other logger but
 * the mock server's), nor in any {@code toString()} or exception (with its causes) the scenario
 * printed. Excluded on purpose: the loggers of the mock web server under the embedded API server
 * ({@code io.fabric8.mockwebserver}, {@code io.fabric8.kubernetes.client.server.mock}), which echo
 * what they receive; a canary line
 * logged there with the secret shows that the capture would see it.
 */
class ReliabilitySecretsTest {

    /** An slf4j-simple record: "[thread] LEVEL logger - message"; JUL records as the scenario formats them. */
    private static final Pattern SLF4J = Pattern.compile("^\\[[^\\]]*] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - ");
    private static final Pattern JUL = Pattern.compile("^JUL \\S+ (\\S+) - ");
    private static final List<String> MOCK_SERVER = List.of("io.fabric8.mockwebserver", "io.fabric8.kubernetes.client.server.mock");

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void secretAppearsInNoLogLineToStringOrExceptionOfARunThroughReadsWritesErrorsWatchAndInformer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-cp", classPath,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-Dorg.slf4j.simpleLogger.showThreadName=true",
                "-Dorg.slf4j.simpleLogger.showLogName=true",
                "-Dorg.slf4j.simpleLogger.showShortLogName=false",
                "-Dorg.slf4j.simpleLogger.showDateTime=false",
                "-Dorg.slf4j.simpleLogger.logFile=System.err",
                "-Dvertx.logger-delegate-factory-class-name=io.vertx.core.logging.SLF4JLogDelegateFactory",
                ReliabilitySecretScenario.class.getName())
                .redirectErrorStream(false)
                .start();
        Output stdout = new Output(child.getInputStream());
        Output stderr = new Output(child.getErrorStream());
        boolean exited = child.waitFor(150, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        stdout.join();
        stderr.join();
        String out = stdout.text();
        String err = stderr.text();

        assertThat(exited).as("scenario finished in 150 s").isTrue();
        assertThat(child.exitValue()).as("exit code; stderr tail:\n%s", tail(err)).isZero();
        assertThat(out).contains("SCENARIO-COMPLETE steps=4").doesNotContain("CHECK-FAILED");

        // toString and exceptions
        List<String> shown = out.lines().filter(l -> l.startsWith("TOSTRING ") || l.startsWith("EXCEPTION ")).toList();
        assertThat(shown.stream().filter(l -> l.startsWith("EXCEPTION "))).hasSize(14);
        assertThat(shown.stream().filter(l -> l.startsWith("TOSTRING "))).hasSizeGreaterThan(10);
        assertThat(shown).noneMatch(l -> l.contains(SECRET));
        assertThat(out).contains("EXCEPTION dev.kgateway.sdk.client.BackendRejectedException: API server rejected Backend 'leaky'");

        // log records, grouped by logger (continuation lines, such as stack traces, belong to the record above)
        Map<String, List<String>> records = records(err);
        List<String> leaks = new ArrayList<>();
        int sdk = 0;
        int fabric8 = 0;
        for (Map.Entry<String, List<String>> logger : records.entrySet()) {
            boolean mockServer = MOCK_SERVER.stream().anyMatch(logger.getKey()::startsWith);
            for (String record : logger.getValue()) {
                if (!mockServer && record.contains(SECRET)) {
                    leaks.add(logger.getKey() + ": " + record);
                }
            }
            if (logger.getKey().startsWith("dev.kgateway.sdk")) {
                sdk += logger.getValue().size();
            } else if (logger.getKey().startsWith("io.fabric8.kubernetes.client") && !mockServer) {
                fabric8 += logger.getValue().size();
            }
        }
        assertThat(leaks).as("log records holding the secret").isEmpty();
        assertThat(sdk).as("SDK log records captured").isGreaterThanOrEqualTo(2);
        assertThat(err).contains("retrying get backends.gateway.kgateway.dev 'openai'");
        assertThat(fabric8).as("fabric8 client log records captured").isPositive();
        assertThat(records.get(ReliabilitySecretScenario.CANARY_LOGGER)).as("canary seen").anyMatch(r -> r.contains(SECRET));
        assertThat(records.get("io.fabric8.mockwebserver.ReliabilityCanary")).as("JUL canary seen").anyMatch(r -> r.contains(SECRET));

        int total = records.values().stream().mapToInt(List::size).sum();
        System.out.printf("[reliability] secrets: %d log records from %d loggers (%d SDK, %d fabric8 client), %d toString and %d exception lines,"
                        + " none with the secret outside the mock server's loggers%n", total, records.size(), sdk, fabric8,
                shown.stream().filter(l -> l.startsWith("TOSTRING")).count(), shown.stream().filter(l -> l.startsWith("EXCEPTION")).count());
    }

    private static Map<String, List<String>> records(String log) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String logger = "(no logger)";
        StringBuilder record = null;
        for (String line : log.split("\n", -1)) {
            Matcher slf4j = SLF4J.matcher(line);
            Matcher jul = JUL.matcher(line);
            String next = slf4j.find() ? slf4j.group(2) : jul.find() ? jul.group(1) : null;
            if (next != null) {
                if (record != null) {
                    out.computeIfAbsent(logger, k -> new ArrayList<>()).add(record.toString());
                }
                logger = next;
                record = new StringBuilder(line);
            } else if (record != null) {
                record.append('\n').append(line);
            } else {
                out.computeIfAbsent(logger, k -> new ArrayList<>()).add(line);
            }
        }
        if (record != null) {
            out.computeIfAbsent(logger, k -> new ArrayList<>()).add(record.toString());
        }
        return out;
    }

    private static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    /** Drains a child's stream on its own thread. */
    private static final class Output extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Output(InputStream in) {
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            try {
                in.transferTo(bytes);
            } catch (IOException ignored) {
                // the child ended
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
