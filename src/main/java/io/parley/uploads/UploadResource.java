package io.parley.uploads;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.parley.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * An operator's (or supervisor's) file to send with a reply: the body is the file itself, its Content-Type the file's
 * type, {@code ?name=} its name. The answer's {@code url} goes into the reply's {@code attachments}.
 */
@Path("/api/uploads")
@RolesAllowed({ Roles.OPERATOR, Roles.SUPERVISOR })
class UploadResource {

    private final Uploads uploads;
    private final SecurityIdentity identity;

    UploadResource(Uploads uploads, SecurityIdentity identity) {
        this.uploads = uploads;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(201)
    public Uni<Uploads.Upload> upload(@QueryParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, byte[] file) {
        return uploads.store(file, name, type, identity.getPrincipal().getName());
    }
}
