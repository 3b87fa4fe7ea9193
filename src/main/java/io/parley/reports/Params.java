package io.parley.reports;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/** The parameters of one report query, numbered as they are added. */
final class Params {

    private final List<Object> values = new ArrayList<>();

    /** Adds a value; returns its placeholder. */
    String add(Object value) {
        values.add(value);
        return "$" + values.size();
    }

    Tuple tuple() {
        return Tuple.from(values);
    }
}
