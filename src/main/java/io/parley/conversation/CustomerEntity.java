package io.parley.conversation;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One person, whatever channels they write from. {@code mergedInto} points to the survivor of a manual merge. */
@Entity
@Table(name = "customers")
public class CustomerEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "display_name")
    public String displayName;

    public String username;
    public String phone;
    public String email;
    public String language;

    @Column(name = "merged_into")
    public UUID mergedInto;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
