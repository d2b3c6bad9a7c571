package com.optaic.metadata;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The Jackson configuration the store's records serialise with (ISO dates, {@code Optional} as value or null). */
public final class MetadataJson {
    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private MetadataJson() {}

    /** A shared, configured mapper. Do not reconfigure it; {@link ObjectMapper#copy()} it instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        // Configs arrive from users (instance configs, definitions): a key given twice is refused, not last-wins.
        return mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
