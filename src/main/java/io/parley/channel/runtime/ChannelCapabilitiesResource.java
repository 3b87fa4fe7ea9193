package io.parley.channel.runtime;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.parley.channel.spi.ChannelCapabilities;
import io.parley.security.Roles;
import io.smallrye.mutiny.Uni;

/** What a channel instance can carry, for the desk's composer (the text limit it shows, attachments). */
@Path("/api/channels/{id}/capabilities")
@RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
class ChannelCapabilitiesResource {

    /** The limits of one provider message; longer texts are split by Parley. */
    record Limits(String type, int maxTextLength, String textUnit, int maxAttachments, long maxAttachmentBytes) {
    }

    private final ChannelDirectory directory;

    ChannelCapabilitiesResource(ChannelDirectory directory) {
        this.directory = directory;
    }

    @GET
    public Uni<Limits> get(UUID id) {
        return directory.resolve(id).map(channel -> {
            ChannelCapabilities c = channel.adapter().capabilities();
            return new Limits(channel.type(), c.maxTextLength(), c.textUnit().name(), c.maxAttachments(),
                    c.maxAttachmentBytes());
        });
    }
}
