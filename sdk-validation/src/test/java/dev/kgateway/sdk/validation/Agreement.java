package dev.kgateway.sdk.validation;

import dev.kgateway.sdk.model.Violation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How far a {@link CrdValidator} agrees with kube-apiserver: per case (accepted or refused; each
 * cause's field, reason and message; the members pruned), and per release as a table.
 *
 * <p>The server answers a dry-run create with {@code fieldValidation=Warn}: it prunes undeclared
 * members, warns {@code unknown field "spec.x"} for each (the same list {@code Strict} refuses with a
 * 400), then validates what is left. So the validator's {@link ViolationTypes#PRUNED} violations are
 * compared with those warnings, and its other violations of severity ERROR with the refusal's causes.
 */
final class Agreement {

    /** One case compared. Lines are {@code field | reason | message}. */
    record Outcome(String id, boolean serverAccepted, boolean accept, boolean field, boolean reason, boolean message, boolean pruned,
            boolean messageButForUnicode, List<String> server, List<String> validator, List<String> serverPruned,
            List<String> validatorPruned) {

        /** Agreement the suite demands: all of it, but for the one documented message difference (see {@link #newerUnicode}). */
        boolean agrees() {
            return accept && field && reason && pruned && (message || messageButForUnicode);
        }

        String explain() {
            return id + "\n    server:    " + (serverAccepted ? "accepted" : String.join("\n               ", server))
                    + "\n    validator: " + (validator.isEmpty() ? "accepts" : String.join("\n               ", validator))
                    + (pruned ? "" : "\n    server warned unknown " + serverPruned + ", validator pruned " + validatorPruned);
        }
    }

    private static final String UNKNOWN_FIELD = "unknown field \"";

    private Agreement() {
    }

    static Outcome compare(String id, DryRunServer.Answer answer, List<Violation> violations) {
        List<String> server = new ArrayList<>();
        if (!answer.accepted()) {
            if (answer.causes().isEmpty()) {
                server.add("(" + answer.code() + " " + answer.reason() + ") | | " + answer.message());
            }
            for (DryRunServer.Cause c : answer.causes()) {
                server.add(c.field() + " | " + c.reason() + " | " + c.message());
            }
        }
        List<String> validator = new ArrayList<>();
        List<String> validatorPruned = new ArrayList<>();
        for (Violation v : violations) {
            if (v.severity() != Violation.Severity.ERROR) {
                continue;
            }
            if (v.rule().equals(ViolationTypes.PRUNED)) {
                validatorPruned.add(v.message());
            } else {
                validator.add(v.path() + " | " + v.rule() + " | " + v.message());
            }
        }
        List<String> serverPruned = answer.warnings().stream().filter(w -> w.startsWith(UNKNOWN_FIELD)).toList();
        boolean accept = answer.accepted() == validator.isEmpty();
        return new Outcome(id, answer.accepted(), accept,
                sameBag(server, validator, l -> l.substring(0, l.indexOf(" | "))),
                sameBag(server, validator, l -> l.substring(0, l.lastIndexOf(" | "))),
                sameBag(server, validator, Function.identity()),
                sameBag(serverPruned, validatorPruned, Function.identity()),
                sameBag(server, validator.stream().map(Agreement::newerUnicode).toList(), Function.identity()),
                server, validator, serverPruned, validatorPruned);
    }

    private static final java.util.regex.Pattern ESCAPE = java.util.regex.Pattern.compile("\\\\u([0-9a-f]{4})|\\\\U([0-9a-f]{8})");

    /**
     * The known message difference: Go prints a character its Unicode 15 tables know, Java 17's Unicode 13 tables call it
     * unassigned and the validator escapes it ({@code \\u08b5}). Undoes exactly those escapes.
     */
    static String newerUnicode(String line) {
        java.util.regex.Matcher m = ESCAPE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int cp = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2), 16);
            String replacement = Character.getType(cp) == Character.UNASSIGNED ? new String(Character.toChars(cp)) : m.group();
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean sameBag(List<String> a, List<String> b, Function<String, String> key) {
        List<String> x = new ArrayList<>(a.stream().map(key).toList());
        List<String> y = new ArrayList<>(b.stream().map(key).toList());
        Collections.sort(x);
        Collections.sort(y);
        return x.equals(y);
    }

    /** The outcomes of one release CRD. */
    record Tally(String release, int fixtures, List<Outcome> outcomes) {

        long count(java.util.function.Predicate<Outcome> p) {
            return outcomes.stream().filter(p).count();
        }

        String percent(java.util.function.Predicate<Outcome> p) {
            long n = count(p);
            if (n == outcomes.size()) {
                return "100 %";
            }
            return String.format(Locale.ROOT, "%.2f %% (%d off)", 100.0 * n / outcomes.size(), outcomes.size() - n);
        }

        /** Distinct message differences (validator's line, server's line), counted; only where field and reason agree. */
        Map<String, Integer> messageDifferences() {
            Map<String, Integer> out = new TreeMap<>();
            for (Outcome o : outcomes) {
                if (!o.reason() || o.message()) {
                    continue;
                }
                List<String> s = new ArrayList<>(o.server());
                List<String> v = new ArrayList<>(o.validator());
                s.removeAll(o.validator());
                v.removeAll(o.server());
                Collections.sort(s);
                Collections.sort(v);
                for (int i = 0; i < Math.min(s.size(), v.size()); i++) {
                    out.merge("validator `" + v.get(i) + "`, server `" + s.get(i) + "`", 1, Integer::sum);
                }
            }
            return out;
        }
    }

    static String table(List<Tally> tallies, String command) {
        StringBuilder out = new StringBuilder();
        out.append("| CRD | cases (fixtures and catalog + variants) | refused by the server | accepted/refused | fields | reasons | messages | pruned members |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Tally t : tallies) {
            out.append("| ").append(t.release())
                    .append(" | ").append(t.outcomes().size()).append(" (").append(t.fixtures()).append(" + ").append(t.outcomes().size() - t.fixtures()).append(")")
                    .append(" | ").append(t.count(o -> !o.serverAccepted()))
                    .append(" | ").append(t.percent(Outcome::accept))
                    .append(" | ").append(t.percent(Outcome::field))
                    .append(" | ").append(t.percent(Outcome::reason))
                    .append(" | ").append(t.percent(Outcome::message))
                    .append(" | ").append(t.percent(Outcome::pruned))
                    .append(" |\n");
        }
        out.append("\nMessage differences (field and reason agree):");
        boolean any = false;
        for (Tally t : tallies) {
            for (Map.Entry<String, Integer> d : t.messageDifferences().entrySet()) {
                out.append("\n- ").append(t.release()).append(", ").append(d.getValue()).append(" x: ").append(d.getKey());
                any = true;
            }
        }
        out.append(any ? "\n" : " none.\n");
        out.append("\nReproduce: `").append(command).append("`\n");
        return out.toString();
    }
}
