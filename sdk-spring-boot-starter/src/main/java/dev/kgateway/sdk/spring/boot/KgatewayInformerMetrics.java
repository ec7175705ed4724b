package dev.kgateway.sdk.spring.boot;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters of the {@link ManagedBackendInformer} beans, tagged with the informer's name
 * only (never a namespace or a Backend's name):
 * <ul>
 *   <li>{@code kgateway.informer.cache.size} (gauge): Backends in the cache;</li>
 *   <li>{@code kgateway.informer.synced} (gauge): 1 once the first list filled the cache, else 0;</li>
 *   <li>{@code kgateway.informer.events} (counter, tag {@code type} = {@code add}, {@code update},
 *       {@code delete}): changes applied to the cache, resyncs counted as updates;</li>
 *   <li>{@code kgateway.informer.last.change} (time gauge, seconds since the epoch): the last such
 *       change, NaN before the first.</li>
 * </ul>
 * Spring Boot binds every {@code MeterBinder} bean to the application's registries.
 *
 * <pre>{@code
 * new KgatewayInformerMetrics(List.of(routes)).bindTo(registry);
 * }</pre>
 */
public class KgatewayInformerMetrics implements MeterBinder {

    private final List<ManagedBackendInformer> informers;

    /** @param informers the informers to measure */
    public KgatewayInformerMetrics(List<ManagedBackendInformer> informers) {
        this.informers = List.copyOf(informers);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ManagedBackendInformer informer : informers) {
            String name = informer.name();
            Gauge.builder("kgateway.informer.cache.size", informer, i -> i.list().size())
                    .tag("informer", name).baseUnit("backends")
                    .description("Backends in the informer's cache").register(registry);
            Gauge.builder("kgateway.informer.synced", informer, i -> i.hasSynced() ? 1 : 0)
                    .tag("informer", name)
                    .description("1 once the informer's first list filled its cache, else 0").register(registry);
            events(registry, informer, "add", ManagedBackendInformer::addedCount);
            events(registry, informer, "update", ManagedBackendInformer::updatedCount);
            events(registry, informer, "delete", ManagedBackendInformer::deletedCount);
            TimeGauge.builder("kgateway.informer.last.change", informer, TimeUnit.MILLISECONDS,
                            i -> i.lastChange().map(t -> (double) t.toEpochMilli()).orElse(Double.NaN))
                    .tag("informer", name)
                    .description("When the informer's cache last changed, since the epoch").register(registry);
        }
    }

    private static void events(MeterRegistry registry, ManagedBackendInformer informer, String type,
            ToDoubleFunction<ManagedBackendInformer> count) {
        FunctionCounter.builder("kgateway.informer.events", informer, count)
                .tag("informer", informer.name()).tag("type", type)
                .description("Changes the informer applied to its cache").register(registry);
    }
}
