/**
 * The channel adapter SPI: how a messaging channel (Telegram, VK, email, an app's chat, an integrator's system) is
 * plugged into Parley. It uses only JDK and Mutiny types.
 * <p>
 * <b>Shape.</b> One {@link io.parley.channel.spi.ChannelAdapterFactory} per channel <em>type</em> (a CDI bean, found
 * by its {@link io.parley.channel.spi.ChannelAdapterFactory#type() type name}); one
 * {@link io.parley.channel.spi.ChannelAdapter} per configured channel <em>instance</em> (a bot, a community, a
 * mailbox), created from the instance's settings. An adapter adds capabilities by implementing
 * {@link io.parley.channel.spi.WebhookReceiver}, {@link io.parley.channel.spi.Poller},
 * {@link io.parley.channel.spi.MessageSender}, {@link io.parley.channel.spi.TypingSender} and
 * {@link io.parley.channel.spi.Activatable}.
 * <p>
 * <b>Adapters only translate.</b> They turn provider payloads into {@link io.parley.channel.spi.InboundEvent}s and
 * {@link io.parley.channel.spi.OutboundMessage}s into provider calls. They never touch the database, Kafka or sessions;
 * the runtime persists, deduplicates, retries, rate-limits and dead-letters. Failures are reported as a
 * {@link io.parley.channel.spi.ChannelException} carrying a typed {@link io.parley.channel.spi.ChannelFailure}.
 * <p>
 * <b>Threading.</b> Adapter methods are called on a Vert.x event loop and must not block; return a {@code Uni}.
 * An adapter instance may be called concurrently for different chats and is replaced when its channel is updated.
 */
package io.parley.channel.spi;
