package dev.ratchet.runtime.rest;

import java.lang.reflect.Type;
import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads a request body with unknown fields refused ({@code @CustomDeserialization(StrictJson.class)} on a resource
 * method): a misspelt {@code timeoutSecond} is a 400 naming it, not a check silently run with the default timeout.
 * Only request bodies: Quarkus' mapper, which everything else shares, keeps ignoring unknown fields.
 */
public class StrictJson implements BiFunction<ObjectMapper, Type, ObjectReader> {

    @Override
    public ObjectReader apply(ObjectMapper mapper, Type type) {
        return mapper.readerFor(mapper.constructType(type)).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
