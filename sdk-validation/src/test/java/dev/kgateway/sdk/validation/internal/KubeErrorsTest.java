package dev.kgateway.sdk.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Values print as Go prints them in kube-apiserver's error bodies. */
class KubeErrorsTest {

    @Test
    void floatsPrintAsGoPercentV() {
        assertThat(KubeErrors.goFloat(65535)).isEqualTo("65535");
        assertThat(KubeErrors.goFloat(1)).isEqualTo("1");
        assertThat(KubeErrors.goFloat(0.5)).isEqualTo("0.5");
        assertThat(KubeErrors.goFloat(1_000_000)).isEqualTo("1e+06");
        assertThat(KubeErrors.goFloat(2147483647)).isEqualTo("2.147483647e+09");
        assertThat(KubeErrors.goFloat(0.00001)).isEqualTo("1e-05");
        assertThat(KubeErrors.goFloat(-3)).isEqualTo("-3");
    }

    @Test
    void stringsAreQuotedAsStrconvQuote() {
        assertThat(KubeErrors.quote("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
    }

    @Test
    void pathsPrintAsFieldPath() {
        assertThat(FieldPath.ROOT.child("spec").child("hosts").index(2).child("port").toString()).isEqualTo("spec.hosts[2].port");
        assertThat(FieldPath.ROOT.child("metadata").child("labels").key("app").toString()).isEqualTo("metadata.labels[app]");
    }

    @Test
    void celNamesRoundTrip() {
        assertThat(CelNames.escape("namespace")).isEqualTo("__namespace__");
        assertThat(CelNames.escape("a-b.c/d__e")).isEqualTo("a__dash__b__dot__c__slash__d__underscores__e");
        assertThat(CelNames.unescape(CelNames.escape("a-b.c/d__e"))).isEqualTo("a-b.c/d__e");
        assertThat(CelNames.unescape("__namespace__")).isEqualTo("namespace");
    }

    @Test
    void kubernetesLibraryIsUrlFollowsGoUrlParse() {
        assertThat(KubernetesCelLibrary.isUrl("https://example.com:8443/a?b=c")).isTrue();
        assertThat(KubernetesCelLibrary.isUrl("/absolute/path")).isTrue();
        assertThat(KubernetesCelLibrary.isUrl("relative/path")).isFalse();
        assertThat(KubernetesCelLibrary.isUrl("has space")).isFalse();
        assertThat(KubernetesCelLibrary.isUrl("")).isFalse();
    }

    @Test
    void specialFloatsPrintAsGo() {
        assertThat(KubeErrors.goFloat(Double.NaN)).isEqualTo("NaN");
        assertThat(KubeErrors.goFloat(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(KubeErrors.goFloat(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(KubeErrors.goFloat(0)).isEqualTo("0");
    }

    @Test
    void floatsSwitchToExponentFormBelowTenToTheMinusFourAndFromTenToTheSix() {
        assertThat(KubeErrors.goFloat(0.0001)).isEqualTo("0.0001");
        assertThat(KubeErrors.goFloat(999_999)).isEqualTo("999999");
        assertThat(KubeErrors.goFloat(1.5e10)).isEqualTo("1.5e+10");
        assertThat(KubeErrors.goFloat(1e-10)).isEqualTo("1e-10");
        assertThat(KubeErrors.goFloat(-2.5e-7)).isEqualTo("-2.5e-07");
    }

    @Test
    void controlCharactersAreQuotedAsStrconvQuote() {
        assertThat(KubeErrors.quote("\r\t\u0001\u007f\u0080")).isEqualTo("\"\\r\\t\\x01\\x7f\\u0080\"");
    }

    @Test
    void valuesPrintAsGoPercentV() {
        assertThat(KubeErrors.goValue(null)).isEqualTo("null");
        assertThat(KubeErrors.goValue("a")).isEqualTo("\"a\"");
        assertThat(KubeErrors.goValue(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("a", 1))).isEqualTo("{\"a\":1}");
        assertThat(KubeErrors.goValue(1e6)).isEqualTo("1e+06");
        assertThat(KubeErrors.goValue(7L)).isEqualTo("7");
        assertThat(KubeErrors.goValue(true)).isEqualTo("true");
    }

    @Test
    void jsonScalarsBecomeTheGoValuesKubeOpenapiReports() {
        var nodes = tools.jackson.databind.node.JsonNodeFactory.instance;
        assertThat(KubeErrors.scalar(null)).isNull();
        assertThat(KubeErrors.scalar(nodes.nullNode())).isNull();
        assertThat(KubeErrors.scalar(nodes.stringNode("s"))).isEqualTo("s");
        assertThat(KubeErrors.scalar(nodes.numberNode(3))).isEqualTo(3L);
        assertThat(KubeErrors.scalar(nodes.numberNode(3_000_000_000L))).isEqualTo(3_000_000_000L);
        assertThat(KubeErrors.scalar(nodes.numberNode(new java.math.BigInteger("3")))).isEqualTo(3L);
        assertThat(KubeErrors.scalar(nodes.numberNode(new java.math.BigInteger("123456789012345678901234567890"))))
                .isEqualTo("123456789012345678901234567890");
        assertThat(KubeErrors.scalar(nodes.numberNode(0.5))).isEqualTo(0.5);
        assertThat(KubeErrors.scalar(nodes.booleanNode(false))).isEqualTo(false);
        assertThat(KubeErrors.scalar(nodes.arrayNode().add(1))).isEqualTo("[1]");
    }

    @Test
    void aViolationKeepsTheValueAsTextAndNoneWhenOmitted() {
        FieldPath p = FieldPath.ROOT.child("spec");
        assertThat(KubeErrors.invalid(p, 1e6, "d").value()).isEqualTo("1e+06");
        assertThat(KubeErrors.invalid(p, 5L, "d").value()).isEqualTo("5");
        assertThat(KubeErrors.invalid(p, null, "d").value()).isNull();
        assertThat(KubeErrors.invalid(p, KubeErrors.OMIT, "d").value()).isNull();
        assertThat(KubeErrors.invalid(p, KubeErrors.OMIT, "d").message()).isEqualTo("Invalid value: d");
        assertThat(KubeErrors.forbidden(p, "").message()).isEqualTo("Forbidden");
        assertThat(KubeErrors.notSupported(p, tools.jackson.databind.node.JsonNodeFactory.instance.stringNode("x"), java.util.List.of()).message())
                .isEqualTo("Unsupported value: \"x\"");
    }

    @Test
    void rootIsTheOnlyPathWithoutParent() {
        assertThat(FieldPath.ROOT.isRoot()).isTrue();
        assertThat(FieldPath.ROOT.child("spec").isRoot()).isFalse();
        assertThat(FieldPath.ROOT.index(0)).hasToString("[0]");
    }

    @Test
    void isUrlChecksAnAuthorityJavaCannotSplitAsGoWould() {
        assertThat(KubernetesCelLibrary.isUrl("http://my_host:8080/x")).isTrue();
        assertThat(KubernetesCelLibrary.isUrl("http://host:notaport")).isFalse();
        assertThat(KubernetesCelLibrary.isUrl("mailto:someone@example.com")).isTrue();
        assertThat(KubernetesCelLibrary.isUrl("a\u007fb")).isFalse();
        assertThat(KubernetesCelLibrary.isUrl("http://[::1")).isFalse();
    }

    @Test
    void charactersGoDoesNotPrintAreEscapedAndOthersKept() {
        // unassigned U+0383, no-break space U+00A0 (a separator), a tag character U+E0001; letters and emoji stay
        assertThat(KubeErrors.quote("x\u0383\u00a0\uDB40\uDC01é\uD83D\uDE00 ")).isEqualTo("\"x\\u0383\\u00a0\\U000e0001é\uD83D\uDE00 \"");
    }

    @Test
    void objectsPrintAsGoMarshalsThemWithSortedKeys() {
        assertThat(KubeErrors.goJson(dev.kgateway.sdk.model.BackendJson.jsonMapper().readTree("{\"b\":1,\"a\":[1.5,1e21,\"<\"]}")))
                .isEqualTo("{\"a\":[1.5,1e+21,\"\\u003c\"],\"b\":1}");
    }
}
