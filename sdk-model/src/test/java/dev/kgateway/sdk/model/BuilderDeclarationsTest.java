package dev.kgateway.sdk.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every builder method a user can call is declared, and so documented, on the public
 * {@code X.Builder}, not only inherited from the package-private {@code ImmutableX.Builder}.
 */
class BuilderDeclarationsTest {

    /** Every generated value type, found by its Immutables implementation next to {@link Backend}. */
    static List<Class<?>> modelTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Backend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = classes.resolve(Backend.class.getPackageName().replace('.', '/'));
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("Immutable") && name.endsWith(".class") && !name.contains("$")) {
                    out.add(Class.forName(Backend.class.getPackageName() + "." + name.substring("Immutable".length(), name.length() - 6)));
                }
            }
        }
        return out;
    }

    static Class<?> nested(Class<?> owner, String name) {
        return Arrays.stream(owner.getDeclaredClasses()).filter(c -> c.getSimpleName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(owner + " has no nested " + name));
    }

    @Test
    void everyModelTypeIsFound() throws Exception {
        assertThat(modelTypes()).contains(Backend.class, BackendSpec.class, StaticHost.class, ObjectMeta.class).hasSizeGreaterThan(10);
    }

    @Test
    void everyPublicMethodOfTheImplementationsBuilderIsDeclaredOnThePublicBuilder() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : modelTypes()) {
            Class<?> implementation = nested(Class.forName(type.getPackageName() + ".Immutable" + type.getSimpleName()), "Builder");
            Class<?> builder = nested(type, "Builder");
            for (Method m : implementation.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
                    continue;
                }
                try {
                    Method declared = builder.getDeclaredMethod(m.getName(), m.getParameterTypes());
                    if (!Modifier.isPublic(declared.getModifiers())) {
                        missing.add(type.getSimpleName() + ".Builder#" + m.getName() + " is not public");
                    }
                } catch (NoSuchMethodException e) {
                    missing.add(type.getSimpleName() + ".Builder lacks " + m.getName() + Arrays.toString(m.getParameterTypes()));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void publicBuildersReturnThemselvesSoCallsChain() throws Exception {
        for (Class<?> type : modelTypes()) {
            Class<?> builder = nested(type, "Builder");
            for (Method m : builder.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.getName().equals("build")) {
                    assertThat(m.getReturnType()).as(type.getSimpleName() + ".Builder#" + m.getName()).isEqualTo(builder);
                }
            }
            assertThat(builder.getDeclaredMethod("build").getReturnType()).isEqualTo(type);
        }
    }

    @Test
    void usersCannotSubclassThePublicBuilder() throws Exception {
        for (Class<?> type : modelTypes()) {
            Class<?> builder = nested(type, "Builder");
            assertThat(Modifier.isPublic(builder.getModifiers())).isTrue();
            assertThat(builder.getDeclaredConstructors()).allMatch(c -> !Modifier.isPublic(c.getModifiers())
                    && !Modifier.isProtected(c.getModifiers()));
        }
    }
}
