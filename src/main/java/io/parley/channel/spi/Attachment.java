package io.parley.channel.spi;

/**
 * A file attached to a message, as a link Parley can serve to operators.
 *
 * @param url where the file can be fetched
 * @param name the file name shown to people
 * @param mediaType its MIME type
 * @param size its size in bytes, or -1 when unknown
 */
public record Attachment(String url, String name, String mediaType, long size) {
}
