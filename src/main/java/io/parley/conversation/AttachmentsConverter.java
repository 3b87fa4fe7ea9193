package io.parley.conversation;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.channel.spi.Attachment;

/**
 * Stores a message's attachments as a JSON array in a text column (Hibernate Reactive binds JSON parameters as
 * objects, which a top-level array is not).
 */
@Converter
class AttachmentsConverter implements AttributeConverter<List<Attachment>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Attachment>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<Attachment> attachments) {
        return toJson(attachments);
    }

    /** The stored form of a message's attachments. */
    static String toJson(List<Attachment> attachments) {
        try {
            return JSON.writeValueAsString(attachments == null ? List.of() : attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public List<Attachment> convertToEntityAttribute(String column) {
        try {
            return column == null ? List.of() : JSON.readValue(column, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored attachments are unreadable", e);
        }
    }
}
