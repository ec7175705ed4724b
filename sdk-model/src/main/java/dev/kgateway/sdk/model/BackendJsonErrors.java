package dev.kgateway.sdk.model;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;

import java.io.CharConversionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.annotation.Nullable;

import static dev.kgateway.sdk.model.BackendJson.MAX_DOCUMENT_LENGTH;
import static dev.kgateway.sdk.model.BackendJson.MAX_NESTING_DEPTH;
import static dev.kgateway.sdk.model.BackendJson.MAX_STRING_LENGTH;
import static dev.kgateway.sdk.model.BackendJson.MAX_TOKEN_COUNT;
import static dev.kgateway.sdk.model.BackendJson.MAX_YAML_DOCUMENTS;

/**
 * Maps Jackson's read failures to {@link BackendReadException}s that say where (a path, a line and
 * column) and what kind of problem, never quoting the document (it may contain secrets).
 */
final class BackendJsonErrors {

    /** The position in a decoder's message ("... at char #12, byte #51)"), without the offending bytes it also quotes. */
    private static final Pattern DECODER_POSITION = Pattern.compile("at char #(\\d+), byte #(\\d+)");

    private BackendJsonErrors() {
    }

    /** A Jackson read. */
    @FunctionalInterface
    interface ReadAction<T> {
        T run();
    }

    static <T> T read(ReadAction<T> action) {
        return read(action, null);
    }

    /**
     * Runs a Jackson read and maps its failures to {@link BackendReadException}.
     *
     * @param parser the parser reading, whose position locates failures that carry none (the YAML
     *               parser's limit checks), or {@code null}
     */
    static <T> T read(ReadAction<T> action, @Nullable JsonParser parser) {
        try {
            return action.run();
        } catch (StreamConstraintsException e) {
            // some limits (a string's length, the token count) are checked where no position is
            // known: the read covers one document, so name that
            String where = location(e, parser);
            throw sizeLimit(where.isEmpty() ? " (in document 1)" : where, path(e));
        } catch (YamlAliasException e) {
            throw new BackendReadException("YAML aliases (*name) are not supported" + location(e)
                    + ": write the value out instead of referring to an anchor", path(e));
        } catch (InputCoercionException e) {
            // A well-formed number that does not fit the member's Java type (a port of 99999999999).
            String path = path(e);
            throw new BackendReadException("cannot read Backend at " + (path.isEmpty() ? "the document root" : path)
                    + location(e) + ": number out of range for this member", path);
        } catch (StreamReadException e) {
            if (isDuplicate(e)) {
                String path = path(e).isEmpty() && e.processor() != null ? objectPath(e.processor().streamReadContext()) : path(e);
                throw new BackendReadException("duplicate member name in " + (path.isEmpty() ? "the document root" : path)
                        + location(e) + ": each name may appear once per object", path);
            }
            throw new BackendReadException("document is not well-formed JSON/YAML" + location(e), path(e));
        } catch (JacksonIOException e) {
            // Jackson's readers for UTF-16 and UTF-32 input report undecodable bytes as I/O errors
            Throwable decoding = cause(e, CharConversionException.class);
            if (decoding != null) {
                Matcher at = DECODER_POSITION.matcher(String.valueOf(decoding.getMessage()));
                throw new BackendReadException("document is not well-formed JSON/YAML: invalid character encoding"
                        + (at.find() ? " (at byte " + at.group(2) + ")" : location(e)), path(e));
            }
            throw new BackendReadException("the input could not be read" + location(e) + ": "
                    + (e.getCause() == null ? "I/O error" : e.getCause().getClass().getSimpleName()), path(e));
        } catch (JacksonException e) {
            String path = path(e);
            throw new BackendReadException("cannot read Backend at " + (path.isEmpty() ? "the document root" : path)
                    + location(e) + ": " + describe(e), path);
        }
    }

    static BackendReadException sizeLimit(String location, String path) {
        return new BackendReadException("document exceeds a size limit" + location + " (input length " + MAX_DOCUMENT_LENGTH
                + ", nesting depth " + MAX_NESTING_DEPTH + ", string length " + MAX_STRING_LENGTH + ", tokens " + MAX_TOKEN_COUNT
                + ", YAML documents " + MAX_YAML_DOCUMENTS + ")", path);
    }

    /** JSON path of the object or array {@code context} is reading, from the parser's own state. */
    private static String objectPath(TokenStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (TokenStreamContext parent = context.getParent(); parent != null; parent = parent.getParent()) {
            if (parent.inObject() && parent.currentName() != null) {
                segments.add(0, "." + parent.currentName());
            } else if (parent.inArray()) {
                segments.add(0, "[" + parent.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", segments);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** The first exception of {@code type} in a chain of causes, or {@code null}. */
    @Nullable
    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** Jackson reports a duplicate name only by its message ("Duplicate Object property ..."). */
    private static boolean isDuplicate(StreamReadException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Duplicate ");
    }

    /** Thrown at a YAML alias, which Jackson would read as the anchor's name instead of its value. */
    static final class YamlAliasException extends StreamReadException {
        private static final long serialVersionUID = 1L;

        YamlAliasException(JsonParser p) {
            super(p, "YAML alias");
        }
    }

    /** JSON path from Jackson's reference chain: {@code spec.static.hosts[0].port}. */
    static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /**
     * Where reading stopped: the exception's location, else the parser's; for the input length
     * limit, which Jackson checks outside the parser, the offset of the limit.
     */
    private static String location(JacksonException e) {
        return location(e, null);
    }

    private static String location(JacksonException e, @Nullable JsonParser reading) {
        TokenStreamLocation at = e.getLocation();
        if ((at == null || at.getLineNr() < 0) && e.processor() instanceof JsonParser parser) {
            at = parser.currentLocation();
        }
        if ((at == null || at.getLineNr() < 0) && reading != null) {
            at = reading.currentLocation();
        }
        if (at != null && at.getLineNr() >= 0) {
            return " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Document length")) {
            return " (after " + MAX_DOCUMENT_LENGTH + " bytes or characters)";
        }
        return "";
    }

    private static final java.util.regex.Pattern EXPECTED = java.util.regex.Pattern.compile("expected a JSON (string|integer|number|boolean|array|object)");

    /**
     * "wrong JSON type for this member: expected a JSON integer": the type the member needs comes from
     * the generated readers' own message (never the document's content).
     */
    private static String wrongType(JacksonException e) {
        String message = e.getOriginalMessage();
        java.util.regex.Matcher expected = message == null ? null : EXPECTED.matcher(message);
        return "wrong JSON type for this member" + (expected != null && expected.find() ? ": " + expected.group() : "");
    }

    /** What kind of problem it was, without quoting the document (it may contain secrets). */
    private static String describe(JacksonException e) {
        String type = e.getClass().getSimpleName();
        if (type.equals("DatabindException") && e.getCause() instanceof RuntimeException cause && !(cause instanceof JacksonException)) {
            // a builder method refused the value: a null element of a list or map (Immutables
            // collections hold no nulls) or an unknown member named like a declared one
            return "a null or invalid element where a value is required";
        }
        return switch (type) {
            case "MismatchedInputException", "InvalidFormatException", "InvalidTypeIdException" -> wrongType(e);
            case "ValueInstantiationException" -> "a null or invalid element where a value is required";
            case "UnexpectedEndOfInputException", "JsonEOFException" -> "unexpected end of input";
            default -> type.replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        };
    }
}
