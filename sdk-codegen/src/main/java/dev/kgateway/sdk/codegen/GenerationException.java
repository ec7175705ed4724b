package dev.kgateway.sdk.codegen;

/** A schema the generator cannot turn into a model; the message names the schema path. */
public class GenerationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the schema, and where */
    public GenerationException(String message) {
        super(message);
    }
}
