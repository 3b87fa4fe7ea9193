package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A customer's account in one channel instance (a Telegram user of one bot, a mailbox sender, an app user). */
@Entity
@Table(name = "channel_identities")
public class IdentityEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "channel_id")
    public UUID channelId;

    @Column(name = "external_user_id")
    public String externalUserId;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "display_name")
    public String displayName;

    public String username;
    public String phone;
    public String email;

    /** The customer blocked the channel or the provider refused to deliver to them. */
    public boolean unreachable;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
