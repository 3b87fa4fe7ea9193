package io.parley.common.problem;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * How the REST API reads request bodies: as written or refused, never guessed. A key that appears twice (which one
 * would count differs between parsers, and JSON leaves it open) is refused; a number or boolean where text is expected
 * is refused instead of being turned into text ({@code 1.50} would become {@code "1.5"}); a {@code null} element of a
 * list or value of a map is refused instead of reaching code that expects none. All are answered 400 naming the field
 * ({@link ProblemMappers}). Numbers with a fraction or exponent in free-form values (attributes, the conversation of a
 * dry run) are read exactly as decimals, so {@code 1e400} is a large number, never infinity.
 * <p>
 * Only the REST layer uses this mapper: providers' payloads, Kafka records and database JSON are read by the
 * application's own mapper, where a {@code null} is an ordinary value.
 */
@Provider
public class StrictJson implements ContextResolver<ObjectMapper> {

    private final ObjectMapper strict;

    public StrictJson(ObjectMapper mapper) {
        strict = mapper.copy();
        strict.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        strict.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict;
    }
}
