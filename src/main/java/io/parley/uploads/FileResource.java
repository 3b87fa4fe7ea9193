package io.parley.uploads;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.parley.channel.runtime.Downloads;
import io.parley.security.PublicEndpoint;
import io.smallrye.mutiny.Uni;

/**
 * An uploaded file at its signed link (see {@link Uploads}): public, because providers' servers, email recipients and
 * visitors fetch it without a Parley sign-in; the signature is the credential. Served like every download: images
 * inline, anything else as an attachment, under a sandbox CSP.
 */
@Path("/files/{id}/{signature}/{name}")
@PermitAll
@PublicEndpoint(reason = "signed links to uploaded files, fetched by providers, email recipients and visitors")
class FileResource {

    private final Uploads uploads;

    FileResource(Uploads uploads) {
        this.uploads = uploads;
    }

    @GET
    public Uni<Response> get(UUID id, String signature, String name) {
        return uploads.read(id, signature).map(file -> Downloads.of(file.data(), file.name(), file.mediaType()));
    }
}
