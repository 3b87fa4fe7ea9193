package io.parley.channel.vk;

import java.time.Duration;
import java.util.Map;

import org.jboss.logging.Logger;

import io.parley.channel.spi.Attachment;
import io.parley.channel.spi.ChannelException;
import io.parley.channel.spi.ChannelFailure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.multipart.MultipartForm;

/**
 * Puts a reply's file on VK's servers, the only files {@code messages.send} accepts: fetched from its URL, then an
 * image (JPEG, PNG, GIF) through {@code photos.getMessagesUploadServer} → upload (field {@code photo}) →
 * {@code photos.saveMessagesPhoto} → {@code photo<owner>_<id>[_<access key>]}, any other file through
 * {@code docs.getMessagesUploadServer} (type {@code doc}) → upload (field {@code file}) → {@code docs.save} →
 * {@code doc<owner>_<id>}. A file that cannot be fetched gives null (the caller sends its link instead); VK's failures
 * are typed like any API call.
 */
final class VkUploads {

    private static final Logger LOG = Logger.getLogger(VkUploads.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final WebClient http;
    private final VkApi api;
    private final long maxBytes;

    VkUploads(WebClient http, VkApi api, long maxBytes) {
        this.http = http;
        this.api = api;
        this.maxBytes = maxBytes;
    }

    /** The attachment id for {@code messages.send}, or null when the file could not be fetched. */
    Uni<String> upload(String peerId, Attachment attachment) {
        return fetch(attachment).chain(file -> {
            if (file == null) {
                return Uni.createFrom().nullItem();
            }
            return photo(attachment) ? photo(peerId, attachment, file) : document(peerId, attachment, file);
        });
    }

    private static boolean photo(Attachment attachment) {
        String type = attachment.mediaType() == null ? "" : attachment.mediaType().toLowerCase();
        return type.equals("image/jpeg") || type.equals("image/png") || type.equals("image/gif");
    }

    private Uni<Buffer> fetch(Attachment attachment) {
        return http.getAbs(attachment.url()).timeout(TIMEOUT.toMillis()).send()
                .map(response -> {
                    if (response.statusCode() != 200 || response.body() == null
                            || response.body().length() > maxBytes) {
                        LOG.infof("A reply's file could not be fetched for VK (HTTP %d); sending its link",
                                response.statusCode());
                        return null;
                    }
                    return response.body();
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.infof("A reply's file could not be fetched for VK (%s); sending its link",
                            e.getClass().getSimpleName());
                    return null;
                });
    }

    private Uni<String> photo(String peerId, Attachment attachment, Buffer file) {
        return api.call("photos.getMessagesUploadServer", Map.of("peer_id", peerId))
                .chain(server -> post(uploadUrl(server), "photo", attachment, file))
                .chain(uploaded -> api.call("photos.saveMessagesPhoto", Map.of(
                        "server", String.valueOf(uploaded.getValue("server")),
                        "photo", String.valueOf(uploaded.getValue("photo")),
                        "hash", String.valueOf(uploaded.getValue("hash")))))
                .map(saved -> {
                    JsonObject photo = saved instanceof JsonArray list && !list.isEmpty() ? list.getJsonObject(0)
                            : null;
                    if (photo == null) {
                        throw unexpected("photos.saveMessagesPhoto");
                    }
                    String key = photo.getString("access_key");
                    return "photo" + photo.getLong("owner_id") + "_" + photo.getLong("id")
                            + (key == null ? "" : "_" + key);
                });
    }

    private Uni<String> document(String peerId, Attachment attachment, Buffer file) {
        return api.call("docs.getMessagesUploadServer", Map.of("type", "doc", "peer_id", peerId))
                .chain(server -> post(uploadUrl(server), "file", attachment, file))
                .chain(uploaded -> api.call("docs.save", Map.of("file", String.valueOf(uploaded.getValue("file")),
                        "title", name(attachment))))
                .map(saved -> {
                    JsonObject doc = saved instanceof JsonObject answer ? answer.getJsonObject("doc") : null;
                    if (doc == null) {
                        throw unexpected("docs.save");
                    }
                    return "doc" + doc.getLong("owner_id") + "_" + doc.getLong("id");
                });
    }

    private static String uploadUrl(Object server) {
        if (server instanceof JsonObject answer && answer.getString("upload_url") != null) {
            return answer.getString("upload_url");
        }
        throw unexpected("getMessagesUploadServer");
    }

    /** Uploads the file; the upload server answers JSON, with {@code error} when it refused the file. */
    private Uni<JsonObject> post(String url, String field, Attachment attachment, Buffer file) {
        String type = attachment.mediaType() == null ? "application/octet-stream" : attachment.mediaType();
        return http.postAbs(url).timeout(TIMEOUT.toMillis())
                .sendMultipartForm(MultipartForm.create().binaryFileUpload(field, name(attachment), file, type))
                .onFailure().transform(e -> new ChannelException(new ChannelFailure.Retryable(
                        "VK upload server unreachable: " + e.getClass().getSimpleName())))
                .map(VkUploads::uploaded);
    }

    private static JsonObject uploaded(HttpResponse<Buffer> response) {
        if (response.statusCode() != 200) {
            throw new ChannelException(new ChannelFailure.Retryable("VK upload answered HTTP "
                    + response.statusCode()));
        }
        JsonObject body;
        try {
            body = response.bodyAsJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw unexpected("the upload");
        }
        if (body == null || body.containsKey("error")) {
            throw new ChannelException(new ChannelFailure.Permanent("VK refused the file", false));
        }
        return body;
    }

    private static String name(Attachment attachment) {
        return attachment.name() == null || attachment.name().isBlank() ? "file" : attachment.name();
    }

    private static ChannelException unexpected(String what) {
        return new ChannelException(new ChannelFailure.Retryable("VK answered " + what + " unexpectedly"));
    }
}
