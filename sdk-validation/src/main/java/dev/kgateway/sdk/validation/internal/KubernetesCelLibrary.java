package dev.kgateway.sdk.validation.internal;

import com.google.common.collect.ImmutableList;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of Kubernetes' CEL libraries that Google's CEL for Java lacks, declared and bound
 * with kube-apiserver's semantics: {@code isURL} (URLs library), {@code find}/{@code findAll} (regex
 * library), and {@code isSorted}, {@code sum}, {@code min}, {@code max} (lists library; on lists of int, double or string,
 * the element type a type parameter as in kube-apiserver).
 */
final class KubernetesCelLibrary {

    private KubernetesCelLibrary() {
    }

    static List<CelFunctionDecl> declarations() {
        ListType strings = ListType.create(SimpleType.STRING);
        TypeParamType t = TypeParamType.create("T");
        ListType list = ListType.create(t);
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("isURL",
                        CelOverloadDecl.newGlobalOverload("is_url_string", SimpleType.BOOL, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("find",
                        CelOverloadDecl.newMemberOverload("string_find_string", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("findAll",
                        CelOverloadDecl.newMemberOverload("string_find_all_string", strings, SimpleType.STRING, SimpleType.STRING),
                        CelOverloadDecl.newMemberOverload("string_find_all_string_int", strings, SimpleType.STRING, SimpleType.STRING, SimpleType.INT)),
                CelFunctionDecl.newFunctionDeclaration("isSorted",
                        CelOverloadDecl.newMemberOverload("list_is_sorted", SimpleType.BOOL, list)),
                CelFunctionDecl.newFunctionDeclaration("sum",
                        CelOverloadDecl.newMemberOverload("list_sum", t, list)),
                CelFunctionDecl.newFunctionDeclaration("min",
                        CelOverloadDecl.newMemberOverload("list_min", t, list)),
                CelFunctionDecl.newFunctionDeclaration("max",
                        CelOverloadDecl.newMemberOverload("list_max", t, list)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> out = new ArrayList<>();
        out.add(CelFunctionBinding.from("is_url_string", String.class, KubernetesCelLibrary::isUrl));
        out.add(CelFunctionBinding.from("string_find_string", String.class, String.class, (s, re) -> {
            Matcher m = compile(re).matcher(s);
            return m.find() ? m.group() : "";
        }));
        out.add(CelFunctionBinding.from("string_find_all_string", String.class, String.class, (s, re) -> findAll(s, re, -1)));
        out.add(CelFunctionBinding.from("string_find_all_string_int", ImmutableList.of(String.class, String.class, Long.class),
                args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
        out.add(CelFunctionBinding.from("list_is_sorted", List.class, l -> {
            List<Comparable> list = (List<Comparable>) l;
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i - 1).compareTo(list.get(i)) > 0) {
                    return false;
                }
            }
            return true;
        }));
        out.add(CelFunctionBinding.from("list_min", List.class, l -> extreme((List<Comparable>) l, -1)));
        out.add(CelFunctionBinding.from("list_max", List.class, l -> extreme((List<Comparable>) l, 1)));
        out.add(CelFunctionBinding.from("list_sum", List.class, l -> {
            List<Object> list = (List<Object>) l;
            if (!list.isEmpty() && list.get(0) instanceof Double) {
                double sum = 0;
                for (Object o : list) {
                    sum += (Double) o;
                }
                return sum;
            }
            long sum = 0;
            for (Object o : list) {
                sum = Math.addExact(sum, (Long) o);
            }
            return sum;
        }));
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object extreme(List<Comparable> list, int sign) throws CelEvaluationException {
        if (list.isEmpty()) {
            throw new CelEvaluationException(sign < 0 ? "min called on empty list" : "max called on empty list");
        }
        Comparable best = list.get(0);
        for (Comparable c : list) {
            if (c.compareTo(best) * sign > 0) {
                best = c;
            }
        }
        return best;
    }

    private static List<String> findAll(String s, String re, long limit) throws CelEvaluationException {
        Matcher m = compile(re).matcher(s);
        List<String> out = new ArrayList<>();
        while ((limit < 0 || out.size() < limit) && m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static Pattern compile(String re) throws CelEvaluationException {
        try {
            return Pattern.compile(re);
        } catch (RuntimeException e) {
            throw new CelEvaluationException("invalid regular expression: " + re, e);
        }
    }

    /**
     * Go's {@code url.Parse} accepts: an absolute URI or an absolute path; no relative references,
     * no spaces, a port made of digits.
     */
    static boolean isUrl(String s) {
        if (s.isEmpty() || s.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return false;
        }
        try {
            URI uri = new URI(s);
            if (uri.getScheme() == null) {
                return s.startsWith("/");
            }
            if (uri.getRawAuthority() != null && uri.getHost() == null && !uri.getRawAuthority().isEmpty()) {
                // an authority Java could not split into host and port, such as host:notaport
                return uri.getRawAuthority().matches("[^:@/]*(:[0-9]*)?");
            }
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
