package io.parley.uploads;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.runtime.ChannelRuntimeConfig;
import io.parley.common.problem.ProblemException;
import io.parley.security.SecretsCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores uploaded files in PostgreSQL and hands out their links: {@code <public base>/files/<id>/<signature>/<name>},
 * signed with a key derived from the secrets key, so a link works for whoever has it (a Telegram or VK server
 * fetching it, an email recipient, the widget) and cannot be guessed or altered.
 */
@ApplicationScoped
public class Uploads {

    static final String PURPOSE = "upload";

    /** A stored file and its link. */
    public record Upload(UUID id, String name, String mediaType, long size, String url) {
    }

    /** A stored file's bytes. */
    record Stored(String name, String mediaType, byte[] data) {
    }

    private final Pool pool;
    private final SecretsCipher cipher;
    private final UploadsConfig config;
    private final ChannelRuntimeConfig channels;

    Uploads(Pool pool, SecretsCipher cipher, UploadsConfig config, ChannelRuntimeConfig channels) {
        this.pool = pool;
        this.cipher = cipher;
        this.config = config;
        this.channels = channels;
    }

    /** Stores a file; 400 naming the field when it is empty, too large, or unnamed. */
    public Uni<Upload> store(byte[] data, String name, String mediaType, String uploadedBy) {
        String clean = FileNames.clean(name);
        if (clean == null) {
            throw ProblemException.invalidField("name", "a file name of 1 to 200 characters, without / or \\\\");
        }
        if (data == null || data.length == 0) {
            throw ProblemException.invalidField("file", "is empty");
        }
        if (data.length > config.maxSize().asLongValue()) {
            throw ProblemException.invalidField("file", "is larger than " + config.maxSize().asLongValue() + " bytes");
        }
        String type = FileNames.mediaType(mediaType);
        UUID id = UUID.randomUUID();
        return pool.preparedQuery("INSERT INTO uploads (id, name, media_type, size, sha256, data, uploaded_by,"
                + " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[] { id, clean, type, (long) data.length, sha256(data),
                        Buffer.buffer(data), uploadedBy,
                        OffsetDateTime.now(ZoneOffset.UTC) }))
                .replaceWith(new Upload(id, clean, type, data.length, url(id, clean)));
    }

    /** The file of a signed link; 404 for a wrong signature as for an unknown id. */
    Uni<Stored> read(UUID id, String signature) {
        if (!cipher.verify(PURPOSE, id.toString(), signature)) {
            return Uni.createFrom().failure(ProblemException.notFound("File " + id));
        }
        return pool.preparedQuery("SELECT name, media_type, data FROM uploads WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.notFound("File " + id);
                    }
                    Row row = rows.iterator().next();
                    return new Stored(row.getString("name"), row.getString("media_type"),
                            row.getBuffer("data").getBytes());
                });
    }

    private String url(UUID id, String name) {
        return channels.publicBaseUrl().replaceAll("/+$", "") + "/files/" + id + "/" + cipher.sign(PURPOSE,
                id.toString()) + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
