package dev.kgateway.sdk.jackson2;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.Module;
import dev.kgateway.sdk.jackson2.internal.Jackson2TypeGuard;
import dev.kgateway.sdk.jackson2.internal.ModelDeserializers;
import dev.kgateway.sdk.jackson2.internal.ModelSerializers;

/**
 * Teaches a Jackson 2 ({@code com.fasterxml.jackson.databind}) {@code ObjectMapper} the kgateway SDK's
 * model types ({@code Backend}, {@code BackendSpec}, ..., the open enums such as {@code BackendType})
 * and the Jackson 3 trees they hold for unknown members ({@code getAdditionalProperties()}).
 *
 * <p>The model is written for Jackson 3 ({@code tools.jackson}); plain Jackson 2 refuses to write or
 * read it ("Plain Jackson 2 cannot write or read the kgateway SDK's model ... Register
 * dev.kgateway.sdk.jackson2.KgatewayJackson2Module ..."): each model type carries a guard so that
 * Jackson 2 fails instead of writing every unknown member as a dump of Jackson 3's node object. This
 * module lifts the guard. With it, Jackson 2
 * delegates each model value to the model's own Jackson 3 codec ({@code BackendJson}), so the JSON
 * is exactly what {@code BackendJson.toJson} writes and reads, losslessly, with the same size
 * limits and the same errors (turned into Jackson 2 {@code JsonMappingException}s that name the
 * path). It works with any Jackson 2 format (JSON, YAML, ...) and in any position (a field of your
 * own class, a {@code List<Backend>}, a Spring MVC request or response body).
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new KgatewayJackson2Module());
 * String json = mapper.writeValueAsString(backend);
 * Backend back = mapper.readValue(json, Backend.class);
 * }</pre>
 *
 * <p>The module is also registered as a {@code java.util.ServiceLoader} service, so
 * {@code mapper.findAndRegisterModules()} finds it, and so does Spring Boot 3: any {@code Module}
 * bean is added to its mapper, so declare
 * {@code @Bean Module kgatewayModule() { return new KgatewayJackson2Module(); }}.
 *
 * <p>Not supported: polymorphic type ids around a model value (Jackson 2's default typing); such a
 * write fails with Jackson 2's "type id handling not implemented" error rather than writing
 * something that cannot be read back.
 */
public final class KgatewayJackson2Module extends Module {

    /** @return the name Jackson 2 uses to register the module once per mapper */
    @Override
    public String getModuleName() {
        return "kgateway-sdk-jackson2";
    }

    /** @return {@link Version#unknownVersion()}: the SDK's version is its artifact's */
    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    /** @return the same id for every instance, so registering it twice has no effect */
    @Override
    public Object getTypeId() {
        return KgatewayJackson2Module.class.getName();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.insertAnnotationIntrospector(new Jackson2TypeGuard());
        context.addSerializers(new ModelSerializers());
        context.addDeserializers(new ModelDeserializers());
    }
}
