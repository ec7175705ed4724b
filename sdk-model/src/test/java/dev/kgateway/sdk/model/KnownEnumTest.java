package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each open enum's {@code Known}: a real Java enum of the known values plus {@code UNRECOGNIZED}. */
class KnownEnumTest {

    static String describe(BackendType type) {
        switch (type.known()) {
            case STATIC:
                return "hosts";
            case AWS:
                return "lambda";
            case UNRECOGNIZED:
                return "newer than this SDK: " + type.value();
            default:
                return "other";
        }
    }

    @Test
    void openEnumsWorkInASwitchThroughKnown() {
        assertThat(describe(BackendType.STATIC)).isEqualTo("hosts");
        assertThat(describe(BackendType.of("AWS"))).isEqualTo("lambda");
        assertThat(describe(BackendType.AI)).isEqualTo("other");
    }

    @Test
    void unknownValuesAreUnrecognized() {
        BackendType future = BackendType.of("SomethingNew");

        assertThat(future.known()).isEqualTo(BackendType.Known.UNRECOGNIZED);
        assertThat(describe(future)).isEqualTo("newer than this SDK: SomethingNew");
        assertThat(BackendType.of("static").known()).isEqualTo(BackendType.Known.UNRECOGNIZED);
    }

    @Test
    void knownWorksInEnumSetAndEnumMap() {
        EnumSet<BackendType.Known> needsHosts = EnumSet.of(BackendType.Known.STATIC);
        Map<BackendType.Known, Integer> counts = new EnumMap<>(BackendType.Known.class);
        for (BackendType t : List.of(BackendType.STATIC, BackendType.AWS, BackendType.of("X"), BackendType.of("Y"))) {
            counts.merge(t.known(), 1, Integer::sum);
        }

        assertThat(needsHosts.contains(BackendType.STATIC.known())).isTrue();
        assertThat(needsHosts.contains(BackendType.AWS.known())).isFalse();
        assertThat(counts).containsEntry(BackendType.Known.STATIC, 1).containsEntry(BackendType.Known.AWS, 1)
                .containsEntry(BackendType.Known.UNRECOGNIZED, 2);
    }

    @Test
    void knownHasOneConstantPerKnownValueInSchemaOrderThenUnrecognized() {
        List<String> names = Arrays.stream(BackendType.Known.values()).map(Enum::name).toList();

        assertThat(names).hasSize(BackendType.knownValues().size() + 1).endsWith("UNRECOGNIZED");
        for (int i = 0; i < BackendType.knownValues().size(); i++) {
            assertThat(BackendType.knownValues().get(i).known()).isEqualTo(BackendType.Known.values()[i]);
        }
    }

    @Test
    void fromKnownIsTheReverseOfKnown() {
        for (AiProviderType t : AiProviderType.knownValues()) {
            assertThat(AiProviderType.fromKnown(t.known())).isSameAs(t);
        }
    }

    @Test
    void unrecognizedHasNoOpenEnumConstant() {
        assertThatThrownBy(() -> BackendType.fromKnown(BackendType.Known.UNRECOGNIZED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BackendType.of(String)");
    }

    @Test
    void aSchemaValueCalledUnknownStaysDistinctFromUnrecognizedValues() {
        assertThat(ConditionStatus.UNKNOWN.known()).isEqualTo(ConditionStatus.Known.UNKNOWN);
        assertThat(ConditionStatus.of("Maybe").known()).isEqualTo(ConditionStatus.Known.UNRECOGNIZED);
    }

    @Test
    void theOpenEnumInterfaceExposesKnownToGenericCode() {
        OpenEnum value = ConditionStatus.TRUE;

        assertThat(value.known()).isSameAs(ConditionStatus.Known.TRUE);
        assertThat(value.isKnown()).isTrue();
    }
}
