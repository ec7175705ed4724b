package dev.kgateway.sdk.benchmarks;

import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The floors: what reading every token of a document, and writing the same tokens back, costs with
 * Jackson's streaming API alone, no data binding. Every string and number value is materialized
 * (a {@code String}, a {@code long}/{@code double}) and handed to a Blackhole, as binding would.
 */
public final class TokenFloor {

    private TokenFloor() {
    }

    /** Reads every token of {@code json}; returns the token count. */
    public static int scan(byte[] json, Blackhole bh) {
        int count = 0;
        try (JsonParser p = Codecs.PLAIN.createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                count++;
                switch (t) {
                    case PROPERTY_NAME -> bh.consume(p.currentName());
                    case VALUE_STRING -> bh.consume(p.getString());
                    case VALUE_NUMBER_INT -> bh.consume(p.getLongValue());
                    case VALUE_NUMBER_FLOAT -> bh.consume(p.getDoubleValue());
                    case VALUE_TRUE, VALUE_FALSE -> bh.consume(p.getBooleanValue());
                    default -> bh.consume(t);
                }
            }
        }
        return count;
    }

    /** A document's tokens and values, captured once, to replay into a generator. */
    public static final class Recording {
        private final JsonToken[] tokens;
        private final Object[] values;

        private Recording(JsonToken[] tokens, Object[] values) {
            this.tokens = tokens;
            this.values = values;
        }

        public static Recording of(byte[] json) {
            List<JsonToken> tokens = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            try (JsonParser p = Codecs.PLAIN.createParser(json)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    tokens.add(t);
                    values.add(switch (t) {
                        case PROPERTY_NAME -> p.currentName();
                        case VALUE_STRING -> p.getString();
                        case VALUE_NUMBER_INT -> p.getLongValue();
                        case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                        default -> null;
                    });
                }
            }
            return new Recording(tokens.toArray(new JsonToken[0]), values.toArray());
        }

        /** Writes the recorded tokens to {@code out} (reset first); returns the byte count. */
        public int replay(ByteArrayOutputStream out) {
            out.reset();
            try (JsonGenerator g = Codecs.PLAIN.createGenerator(out)) {
                for (int i = 0; i < tokens.length; i++) {
                    switch (tokens[i]) {
                        case START_OBJECT -> g.writeStartObject();
                        case END_OBJECT -> g.writeEndObject();
                        case START_ARRAY -> g.writeStartArray();
                        case END_ARRAY -> g.writeEndArray();
                        case PROPERTY_NAME -> g.writeName((String) values[i]);
                        case VALUE_STRING -> g.writeString((String) values[i]);
                        case VALUE_NUMBER_INT -> g.writeNumber((long) values[i]);
                        case VALUE_NUMBER_FLOAT -> g.writeNumber((double) values[i]);
                        case VALUE_TRUE -> g.writeBoolean(true);
                        case VALUE_FALSE -> g.writeBoolean(false);
                        case VALUE_NULL -> g.writeNull();
                        default -> throw new IllegalStateException("unexpected token " + tokens[i]);
                    }
                }
            }
            return out.size();
        }
    }
}
