package io.parley.reports;

import java.util.Arrays;
import java.util.regex.Pattern;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Statements inside the caller's transaction, whichever kind it is: a plain SQL connection (the hot paths) or the
 * current Hibernate Reactive session. Statements are written with {@code ?1, ?2…} placeholders; nullable parameters
 * carry a cast in the SQL.
 */
sealed interface Sql {

    /** Runs a statement. */
    Uni<Void> update(String sql, Object... params);

    /** The first column of the first row as text, or {@code null} without rows. */
    Uni<String> text(String sql, Object... params);

    static Sql of(SqlConnection connection) {
        return new Connection(connection);
    }

    static Sql session() {
        return new Session();
    }

    /** On a plain SQL connection. */
    record Connection(SqlConnection c) implements Sql {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\?(\\d+)");

        @Override
        public Uni<Void> update(String sql, Object... params) {
            return c.preparedQuery(dollars(sql)).execute(Tuple.from(Arrays.asList(params))).replaceWithVoid();
        }

        @Override
        public Uni<String> text(String sql, Object... params) {
            return c.preparedQuery(dollars(sql)).execute(Tuple.from(Arrays.asList(params))).map(rows -> {
                Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
                return row == null ? null : row.getString(0);
            });
        }

        static String dollars(String sql) {
            return PLACEHOLDER.matcher(sql).replaceAll("\\$$1");
        }
    }

    /** On the current Hibernate Reactive session. */
    record Session() implements Sql {

        @Override
        public Uni<Void> update(String sql, Object... params) {
            return Panache.getSession().chain(s -> {
                var query = s.createNativeQuery(sql);
                for (int i = 0; i < params.length; i++) {
                    query.setParameter(i + 1, params[i]);
                }
                return query.executeUpdate();
            }).replaceWithVoid();
        }

        @Override
        public Uni<String> text(String sql, Object... params) {
            return Panache.getSession().chain(s -> {
                var query = s.createNativeQuery(sql, String.class);
                for (int i = 0; i < params.length; i++) {
                    query.setParameter(i + 1, params[i]);
                }
                return query.getResultList();
            }).map(rows -> rows.isEmpty() ? null : rows.get(0));
        }
    }
}
