package dev.kgateway.sdk.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Java names for schema nodes. */
class NamesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode node(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void constantNameOfACapitalizedWordIsUpperCase() {
        assertThat(Names.constantName("Static")).isEqualTo("STATIC");
    }

    @Test
    void constantNameSplitsCamelCaseWords() {
        assertThat(Names.constantName("DynamicForwardProxy")).isEqualTo("DYNAMIC_FORWARD_PROXY");
    }

    @Test
    void constantNameOfALowerCaseWordIsUpperCase() {
        assertThat(Names.constantName("openai")).isEqualTo("OPENAI");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "AWS, AWS",
            "AI, AI",
            "True, TRUE",
            "Unknown, UNKNOWN",
            "light-blue, LIGHT_BLUE",
            "a.b/c, A_B_C",
            "snake_case_value, SNAKE_CASE_VALUE",
            "-leading, LEADING",
            "trailing-, TRAILING",
            "double--dash, DOUBLE_DASH",
            "v1beta1, V1BETA1",
            "OpenAI, OPEN_AI",
    })
    void constantNameExamples(String value, String expected) {
        assertThat(Names.constantName(value)).isEqualTo(expected);
    }

    @Test
    void constantNameThatWouldStartWithADigitGetsAPrefix() {
        assertThat(Names.constantName("2xx")).isEqualTo("V_2XX");
        assertThat(Names.constantName("404")).isEqualTo("V_404");
    }

    @Test
    void constantNameOfNothingUsableIsStillAnIdentifier() {
        assertThat(Names.constantName("")).isEqualTo("V_");
        assertThat(Names.constantName("--")).isEqualTo("V_");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "foo-bar, fooBar",
            "foo_bar_baz, fooBarBaz",
            "a.b, aB",
            "already, already",
            "camelCase, camelCase",
            "-x, x",
            "x-, x",
            "host-tls, hostTls",
    })
    void camelJoinsWordsAndDropsSeparators(String value, String expected) {
        assertThat(Names.camel(value)).isEqualTo(expected);
    }

    @Test
    void capitalizeUpperCasesOnlyTheFirstCharacter() {
        assertThat(Names.capitalize("staticBackend")).isEqualTo("StaticBackend");
        assertThat(Names.capitalize("")).isEmpty();
        assertThat(Names.capitalize("X")).isEqualTo("X");
    }

    @Test
    void classNameUsesJavaTypeWhenPresent() {
        assertThat(Names.className("static", node("{\"javaType\": \"StaticBackend\"}"))).isEqualTo("StaticBackend");
        assertThat(Names.className("static", node("{\"javaType\": \"dev.kgateway.sdk.model.StaticBackend\"}"))).isEqualTo("StaticBackend");
    }

    @Test
    void classNameDefaultsToTheCapitalizedCamelCasedNodeName() {
        assertThat(Names.className("host-tls", node("{}"))).isEqualTo("HostTls");
        assertThat(Names.className("provider", node("{\"javaType\": null}"))).isEqualTo("Provider");
    }

    @Test
    void propertyNameIsTheCamelCasedJsonName() {
        assertThat(Names.propertyName("lambdaFunctionName", node("{}"), "#/p")).isEqualTo("lambdaFunctionName");
        assertThat(Names.propertyName("x-forwarded-for", node("{}"), "#/p")).isEqualTo("xForwardedFor");
    }

    @Test
    void propertyNameUsesJavaNameWhenPresent() {
        assertThat(Names.propertyName("static", node("{\"javaName\": \"staticBackend\"}"), "#/properties/static"))
                .isEqualTo("staticBackend");
    }

    @ParameterizedTest
    @ValueSource(strings = {"static", "class", "default", "enum", "new", "package", "true", "null", "_"})
    void propertyNameThatIsAJavaKeywordIsRejectedNamingThePath(String jsonName) {
        assertThatThrownBy(() -> Names.propertyName(jsonName, node("{}"), "file:/s.json#/properties/spec/properties/" + jsonName))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("'" + jsonName + "'")
                .hasMessageContaining("file:/s.json#/properties/spec/properties/" + jsonName)
                .hasMessageContaining("\"javaName\"");
    }

    @Test
    void propertyNameThatIsNotAnIdentifierIsRejected() {
        assertThatThrownBy(() -> Names.propertyName("123abc", node("{}"), "#/properties/123abc"))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("'123abc'");
        assertThatThrownBy(() -> Names.propertyName("--", node("{}"), "#/properties/--"))
                .isInstanceOf(GenerationException.class);
    }

    @Test
    void javaNameThatIsAKeywordIsRejectedToo() {
        assertThatThrownBy(() -> Names.propertyName("static", node("{\"javaName\": \"static\"}"), "#/properties/static"))
                .isInstanceOf(GenerationException.class)
                .hasMessageContaining("'static' is a keyword");
    }
}
