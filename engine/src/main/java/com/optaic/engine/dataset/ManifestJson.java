package com.optaic.engine.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Manifests as JSON: dates as {@code yyyy-MM-dd}, instants as ISO-8601 UTC, fields in record order. Unknown
 * properties are ignored, so a newer writer may add some without breaking older readers.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("optaic-manifest")
                    .addSerializer(LocalDate.class, new TextSerializer<>())
                    .addDeserializer(LocalDate.class, new TextDeserializer<>(LocalDate::parse))
                    .addSerializer(Instant.class, new TextSerializer<>())
                    .addDeserializer(Instant.class, new TextDeserializer<>(Instant::parse)))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {}

    /** The manifest as UTF-8 JSON. */
    public static byte[] write(VersionManifest manifest) {
        try {
            return MAPPER.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the manifest of version " + manifest.version(), e);
        }
    }

    /**
     * Parses a manifest.
     *
     * @throws IOException if the bytes are not the JSON of a valid manifest
     */
    public static VersionManifest read(byte[] json) throws IOException {
        try {
            return MAPPER.readValue(json, VersionManifest.class);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Writes a value as its {@code toString()}. */
    private static final class TextSerializer<T> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toString());
        }
    }

    /** Reads a value from its text form. */
    private static final class TextDeserializer<T> extends JsonDeserializer<T> {
        private final Function<String, T> parse;

        TextDeserializer(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                throw new IOException("'" + text + "' is not a valid date or instant", e);
            }
        }
    }
}
