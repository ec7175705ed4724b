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
}
