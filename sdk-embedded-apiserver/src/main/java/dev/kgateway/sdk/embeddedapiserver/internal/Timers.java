package dev.kgateway.sdk.embeddedapiserver.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One daemon timer thread for every test server: watch timeouts and periodic bookmarks. */
public final class Timers {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kgateway-test-timer");
        t.setDaemon(true);
        return t;
    });

    private Timers() {
    }

    public static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return TIMER.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static ScheduledFuture<?> every(Runnable task, Duration period) {
        return TIMER.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }
}
