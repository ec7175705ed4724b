package dev.kgateway.sdk.client.internal;

import dev.kgateway.sdk.model.Backend;
import dev.kgateway.sdk.model.BackendType;
import dev.kgateway.sdk.model.InvalidBackendException;
import dev.kgateway.sdk.model.Violation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which violations stop a write before it is sent: all of them for a create, all but missing
 * members for an apply, and for replaces only those the write introduces (a stored Backend that
 * already breaks a rule can still be edited), each in its scope (spec and metadata, or status).
 */
class WriteValidationTest {

    private static final Violation NAME_REQUIRED = new Violation("metadata.name", "required", "is required", null);
    private static final Violation NAME_REQUIRED_SERVER = new Violation("metadata.name", "FieldValueRequired", "is required", null);
    private static final Violation NAME_PATTERN = new Violation("metadata.name", "pattern", "must match", "Bad");
    private static final Violation PORT_MAX = new Violation("spec.static.hosts[0].port", "maximum", "at most 65535", "70000");
    private static final Violation TYPE_REQUIRED = new Violation("spec.type", "required", "is required", null);
    private static final Violation STATUS_RULE = new Violation("status.conditions[0].type", "required", "is required", null);
    private static final Violation STATUS_ITSELF = new Violation("status", "type", "must be an object", null);
    private static final Violation STATUS_LOOKALIKE = new Violation("statusCode", "minimum", "at least 0", "-1");

    private static final Backend AFTER = backend("after");
    private static final Backend BEFORE = backend("before");

    @Test
    void withoutRulesNothingIsChecked() {
        WriteValidation off = WriteValidation.OFF;
        Backend invalid = Backend.builder().build();

        assertThatCode(() -> {
            off.forCreate(invalid);
            off.forApply(invalid);
            off.forReplace(invalid, () -> {
                throw new AssertionError("read the stored Backend without rules");
            });
            off.forStatus(invalid, () -> {
                throw new AssertionError("read the stored Backend without rules");
            });
            off.forReplace(invalid, invalid);
            off.forStatus(invalid, invalid);
        }).doesNotThrowAnyException();
        assertThat(off).hasToString("no validation");
    }

    @Test
    void aCreateIsRefusedWithEveryViolation() {
        WriteValidation validation = new WriteValidation(rules(Map.of(AFTER, List.of(NAME_REQUIRED, PORT_MAX))));

        assertThatThrownBy(() -> validation.forCreate(AFTER))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations()).containsExactly(NAME_REQUIRED, PORT_MAX));
    }

    @Test
    void aValidCreateGoesThrough() {
        WriteValidation validation = new WriteValidation(rules(Map.of()));

        assertThatCode(() -> validation.forCreate(AFTER)).doesNotThrowAnyException();
    }

    @Test
    void aCreateWithGenerateNameNeedsNoName() {
        Backend generated = Backend.builder().metadata(m -> m.generateName("openai-")).build();
        WriteValidation validation = new WriteValidation(rules(Map.of(generated, List.of(NAME_REQUIRED, NAME_REQUIRED_SERVER))));

        assertThatCode(() -> validation.forCreate(generated)).doesNotThrowAnyException();
    }

    @Test
    void aCreateWithGenerateNameKeepsEveryOtherViolation() {
        Backend generated = Backend.builder().metadata(m -> m.generateName("openai-")).build();
        WriteValidation validation = new WriteValidation(rules(Map.of(generated, List.of(NAME_REQUIRED, NAME_PATTERN, TYPE_REQUIRED))));

        assertThatThrownBy(() -> validation.forCreate(generated))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations()).containsExactly(NAME_PATTERN, TYPE_REQUIRED));
    }

    @Test
    void aCreateWithANameAndGenerateNameIsCheckedInFull() {
        Backend both = Backend.builder().metadata(m -> m.name("openai").generateName("openai-")).build();
        WriteValidation validation = new WriteValidation(rules(Map.of(both, List.of(NAME_REQUIRED))));

        assertThatThrownBy(() -> validation.forCreate(both)).isInstanceOf(InvalidBackendException.class);
    }

    @Test
    void aCreateWithoutNameOrGenerateNameNeedsAName() {
        Backend unnamed = Backend.builder().metadata(m -> m.namespace("ai")).build();
        WriteValidation validation = new WriteValidation(rules(Map.of(unnamed, List.of(NAME_REQUIRED))));

        assertThatThrownBy(() -> validation.forCreate(unnamed)).isInstanceOf(InvalidBackendException.class);
    }

    @Test
    void anApplyMaySendPartOfABackendButNothingWrong() {
        WriteValidation validation = new WriteValidation(rules(Map.of(AFTER, List.of(NAME_REQUIRED_SERVER, TYPE_REQUIRED, PORT_MAX))));

        assertThatThrownBy(() -> validation.forApply(AFTER))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations()).containsExactly(PORT_MAX));
    }

    @Test
    void anApplyOfAPartialBackendGoesThrough() {
        WriteValidation validation = new WriteValidation(rules(Map.of(AFTER, List.of(NAME_REQUIRED, TYPE_REQUIRED))));

        assertThatCode(() -> validation.forApply(AFTER)).doesNotThrowAnyException();
    }

    @Test
    void aValidReplaceDoesNotReadTheStoredBackend() {
        WriteValidation validation = new WriteValidation(rules(Map.of(AFTER, List.of(STATUS_RULE))));

        assertThatCode(() -> validation.forReplace(AFTER, neverRead())).doesNotThrowAnyException();
    }

    @Test
    void aReplaceOfAMissingBackendIsRefusedWithItsSpecViolations() {
        WriteValidation validation = new WriteValidation(rules(Map.of(AFTER, List.of(PORT_MAX, STATUS_RULE, STATUS_ITSELF, STATUS_LOOKALIKE))));

        assertThatThrownBy(() -> validation.forReplace(AFTER, Optional::empty))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations()).containsExactly(PORT_MAX, STATUS_LOOKALIKE));
    }

    @Test
    void aReplaceIsRefusedOnlyForViolationsTheStoredBackendDidNotHave() {
        Violation portOther = new Violation(PORT_MAX.path(), "minimum", "at least 1", "0");
        WriteRules rules = rules(Map.of(AFTER, List.of(PORT_MAX), BEFORE, List.of(PORT_MAX)),
                Map.of(AFTER, List.of(PORT_MAX, TYPE_REQUIRED, portOther)));
        WriteValidation validation = new WriteValidation(rules);
        AtomicInteger reads = new AtomicInteger();

        assertThatThrownBy(() -> validation.forReplace(AFTER, () -> {
            reads.incrementAndGet();
            return Optional.of(BEFORE);
        })).isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations()).containsExactly(TYPE_REQUIRED, portOther));
        assertThat(reads).hasValue(1);
    }

    @Test
    void aReplaceKeepingTheStoredBackendsOldViolationsGoesThrough() {
        WriteRules rules = rules(Map.of(AFTER, List.of(PORT_MAX), BEFORE, List.of(PORT_MAX)), Map.of(AFTER, List.of(PORT_MAX)));
        WriteValidation validation = new WriteValidation(rules);

        assertThatCode(() -> validation.forReplace(AFTER, () -> Optional.of(BEFORE))).doesNotThrowAnyException();
        assertThatCode(() -> validation.forReplace(AFTER, BEFORE)).doesNotThrowAnyException();
    }

    @Test
    void aReplaceAgainstAKnownBackendIgnoresStatusViolations() {
        WriteRules rules = rules(Map.of(), Map.of(AFTER, List.of(STATUS_RULE, TYPE_REQUIRED)));
        WriteValidation validation = new WriteValidation(rules);

        assertThatThrownBy(() -> validation.forReplace(AFTER, BEFORE))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations()).containsExactly(TYPE_REQUIRED));
    }

    @Test
    void aReplaceWhoseUpdateRulesPassGoesThroughWithoutCheckingTheStoredBackend() {
        WriteRules rules = new FakeRules(Map.of(), Map.of()) {
            @Override
            public List<Violation> validate(Backend backend) {
                if (backend == BEFORE) {
                    throw new AssertionError("checked the stored Backend though the update broke nothing");
                }
                return List.of();
            }
        };

        assertThatCode(() -> new WriteValidation(rules).forReplace(AFTER, BEFORE)).doesNotThrowAnyException();
    }

    @Test
    void aStatusWriteIsCheckedAgainstTheSdkSchemaInTheStatusOnly() {
        Backend badStatus = backend("after").withStatus(dev.kgateway.sdk.model.BackendStatus.builder()
                .addConditions(c -> c.type("Accepted")).build());
        Backend badSpec = backend("after").withSpec(badStatus.getSpec().withType(null));
        assertThat(badStatus.validate()).anyMatch(v -> v.path().startsWith("status."));
        // the CRD rules handed in are not used for the status: they would refuse everything
        WriteValidation validation = new WriteValidation(rules(Map.of(badSpec, List.of(PORT_MAX)), Map.of(badSpec, List.of(PORT_MAX))));

        assertThatThrownBy(() -> validation.forStatus(badStatus, Optional::empty))
                .isInstanceOfSatisfying(InvalidBackendException.class, e -> assertThat(e.getViolations())
                        .isNotEmpty().allMatch(v -> v.path().startsWith("status.")));
        assertThatThrownBy(() -> validation.forStatus(badStatus, BEFORE)).isInstanceOf(InvalidBackendException.class);
        assertThatCode(() -> validation.forStatus(badSpec, neverRead())).doesNotThrowAnyException();
        assertThatCode(() -> validation.forStatus(badSpec, BEFORE)).doesNotThrowAnyException();
    }

    @Test
    void aStatusWriteMayKeepAStatusTheStoredBackendAlreadyHad() {
        Backend badStatus = backend("after").withStatus(dev.kgateway.sdk.model.BackendStatus.builder()
                .addConditions(c -> c.type("Accepted")).build());
        WriteValidation validation = new WriteValidation(rules(Map.of()));

        assertThatCode(() -> validation.forStatus(badStatus, () -> Optional.of(badStatus))).doesNotThrowAnyException();
    }

    @Test
    void describesItselfByItsRules() {
        assertThat(new WriteValidation(WriteRules.SDK_SCHEMA)).hasToString("the SDK's schema");
    }

    private static Supplier<Optional<Backend>> neverRead() {
        return () -> {
            throw new AssertionError("read the stored Backend though the write broke no rule in scope");
        };
    }

    private static Backend backend(String name) {
        return Backend.builder()
                .metadata(m -> m.name(name).namespace("ai"))
                .spec(s -> s.type(BackendType.STATIC).staticBackend(st -> st.addHosts(h -> h.host("10.0.0.1").port(8080))))
                .build();
    }

    /** Rules that give each Backend its listed violations, the same for new objects and updates. */
    private static WriteRules rules(Map<Backend, List<Violation>> violations) {
        return new FakeRules(violations, violations);
    }

    private static WriteRules rules(Map<Backend, List<Violation>> create, Map<Backend, List<Violation>> update) {
        return new FakeRules(create, update);
    }

    private static class FakeRules implements WriteRules {
        private final Map<Backend, List<Violation>> create;
        private final Map<Backend, List<Violation>> update;

        FakeRules(Map<Backend, List<Violation>> create, Map<Backend, List<Violation>> update) {
            this.create = create;
            this.update = update;
        }

        @Override
        public List<Violation> validate(Backend backend) {
            return create.getOrDefault(backend, List.of());
        }

        @Override
        public List<Violation> validateUpdate(Backend updated, Backend old) {
            return update.getOrDefault(updated, List.of());
        }
    }
}
