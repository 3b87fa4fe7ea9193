package io.parley.channel.inapp;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.channel.runtime.ChannelDirectory;
import io.parley.channel.runtime.ResolvedChannel;
import io.parley.common.problem.Problem;
import io.parley.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Looks up in-app channel instances for the visitor-facing API. */
@ApplicationScoped
class InAppChannels {

    /** An in-app channel with its adapter and configuration. */
    record InAppChannel(ResolvedChannel channel, InAppAdapter adapter) {

        InAppConfig config() {
            return adapter.config();
        }
    }

    private final ChannelDirectory directory;

    InAppChannels(ChannelDirectory directory) {
        this.directory = directory;
    }

    /** The channel; 404 when it does not exist or is not an in-app channel. */
    Uni<InAppChannel> find(UUID channelId) {
        return directory.resolve(channelId).map(channel -> {
            if (!(channel.adapter() instanceof InAppAdapter adapter)) {
                throw ProblemException.notFound("In-app channel " + channelId);
            }
            return new InAppChannel(channel, adapter);
        });
    }

    /** The channel, refusing new input with 403 when it is disabled. */
    Uni<InAppChannel> findEnabled(UUID channelId) {
        return find(channelId).invoke(found -> {
            if (!found.channel().enabled()) {
                throw new ProblemException(Problem.of(403, "Channel disabled",
                        "This chat is not accepting messages right now"));
            }
        });
    }
}
