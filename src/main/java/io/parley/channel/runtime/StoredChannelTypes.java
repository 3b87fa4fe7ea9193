package io.parley.channel.runtime;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/** Refuses to start when stored channel instances have a type this build has no adapter for. */
@ApplicationScoped
class StoredChannelTypes {

    private final ChannelRegistry registry;
    private final AgroalDataSource dataSource;

    StoredChannelTypes(ChannelRegistry registry, AgroalDataSource dataSource) {
        this.registry = registry;
        this.dataSource = dataSource;
    }

    /** Right after the schema migrations. */
    void check(@Observes @Priority(20) StartupEvent event) throws SQLException {
        List<String> unknown = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet types = connection.createStatement().executeQuery("SELECT DISTINCT type FROM channels")) {
            while (types.next()) {
                if (registry.factory(types.getString(1)).isEmpty()) {
                    unknown.add(types.getString(1));
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("Channel instances of unknown type " + unknown + " are stored, but this"
                    + " build has adapters only for " + registry.types() + ". Deploy a build that includes those"
                    + " adapters.");
        }
    }
}
