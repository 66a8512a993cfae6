// Turns a list of rows into the parallel arrays a multi-row statement binds
// (`INSERT ... SELECT FROM unnest($1::uuid[], $2::text[], ...)`): one array per column.
package app.botfactory.telegram.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

final class SqlColumns {

    private SqlColumns() { }

    static <R, C> C[] column(List<R> rows, Function<R, C> value, IntFunction<C[]> array) {
        C[] column = array.apply(rows.size());
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }

    /** The reactive Postgres client binds timestamptz from OffsetDateTime. */
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
