package dev.kgateway.sdk.kubeapiserver.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One server program running as a child process, its output appended to a log file. */
public final class ServerProcess {

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    /**
     * @param name    what to call it in messages ({@code etcd}, {@code kube-apiserver})
     * @param command the program and its arguments
     * @param log     where its standard output and error go (appended across restarts)
     */
    public ServerProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
    }

    /** Starts the program; a running one is left alone. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    /** @return whether the program is running */
    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** @return the exit code of a program that ended, or {@code null} while it runs or before it started */
    public synchronized Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /**
     * Stops the program: SIGTERM and up to {@code graceMillis} to exit, then SIGKILL. With
     * {@code graceMillis} 0 it is killed at once, as a crash would end it.
     */
    public synchronized void stop(long graceMillis) {
        if (process == null) {
            return;
        }
        try {
            if (graceMillis > 0) {
                process.destroy();
                if (process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** @return the last {@code lines} lines of the program's log, for error messages */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** @return the log file */
    public Path log() {
        return log;
    }
}
