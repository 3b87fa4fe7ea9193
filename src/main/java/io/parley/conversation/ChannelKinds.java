package io.parley.conversation;

/** The capacity kind a channel type uses for operators' load: email is {@code email}, every chat is {@code chat}. */
public final class ChannelKinds {

    private ChannelKinds() {
    }

    public static String of(String channelType) {
        return "email".equals(channelType) ? "email" : "chat";
    }
}
