package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Comparison;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.ResourceFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@link ResourceFilter} to a SQL predicate over {@code resources r}, {@code instances i} and
 * {@code runs ru}. Every value becomes a bind parameter; only fixed SQL text is concatenated.
 */
final class SearchSql {
    static final int MAX_FILTER_NODES = 200;

    private final List<Object> args = new ArrayList<>();
    private int nodes;

    List<Object> args() {
        return args;
    }

    String compile(ResourceFilter filter) {
        if (++nodes > MAX_FILTER_NODES) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT, "Search filter has more than " + MAX_FILTER_NODES + " terms");
        }
        if (filter instanceof ResourceFilter.TypeIn t) {
            args.add(Sql.textArray(t.types().stream().map(Enum::name).toList()));
            return "r.resource_type = ANY (?)";
        }
        if (filter instanceof ResourceFilter.NameIs n) {
            args.add(Inputs.text("Name filter", n.name(), Inputs.MAX_NAME_CHARS));
            return "r.name = ?";
        }
        if (filter instanceof ResourceFilter.NameContains n) {
            args.add(Inputs.text("Name filter", n.text(), Inputs.MAX_NAME_CHARS));
            return "strpos(lower(r.name), lower(?)) > 0";
        }
        if (filter instanceof ResourceFilter.HasTag t) {
            args.add(Inputs.text("Tag filter", t.tag(), Inputs.MAX_NAME_CHARS));
            return "r.tags @> ARRAY[?::text]";
        }
        if (filter instanceof ResourceFilter.StatusIs s) {
            args.add(s.status().wireName());
            return "r.status = ?";
        }
        if (filter instanceof ResourceFilter.ConfigField c) {
            return configField(c);
        }
        if (filter instanceof ResourceFilter.Metric m) {
            return metric(m);
        }
        if (filter instanceof ResourceFilter.All all) {
            return all.filters().isEmpty() ? "TRUE" : join(all.filters(), " AND ");
        }
        if (filter instanceof ResourceFilter.Any any) {
            return join(any.filters(), " OR ");
        }
        throw new OptaicException(
                MetadataErrorCode.METADATA_STORE_INTERNAL,
                "Unknown filter " + filter.getClass().getName());
    }

    private String join(List<ResourceFilter> filters, String operator) {
        List<String> parts = new ArrayList<>();
        for (ResourceFilter filter : filters) {
            parts.add("(" + compile(filter) + ")");
        }
        return String.join(operator, parts);
    }

    private String configField(ResourceFilter.ConfigField c) {
        for (String key : c.path()) {
            Inputs.text("Config path", key, Inputs.MAX_NAME_CHARS);
        }
        Inputs.json("Config filter value", c.value());
        if (!c.comparison().isOrdering()) {
            args.add(Sql.textArray(c.path()));
            args.add(Json.write(c.value()));
            String op = c.comparison() == Comparison.EQ ? "=" : "IS DISTINCT FROM";
            return "i.resource_id IS NOT NULL AND (i.current_config #> ?) " + op + " ?::jsonb";
        }
        args.add(Sql.textArray(c.path()));
        args.add(Sql.textArray(c.path()));
        args.add(c.value().decimalValue());
        return "CASE WHEN jsonb_typeof(i.current_config #> ?) = 'number' THEN (i.current_config #>> ?)::numeric END "
                + c.comparison().sql() + " ?";
    }

    private String metric(ResourceFilter.Metric m) {
        Inputs.text("Metric name", m.name(), Inputs.MAX_NAME_CHARS);
        if (Double.isNaN(m.value()) || Double.isInfinite(m.value())) {
            throw Inputs.invalid("Metric filter on '" + m.name() + "' needs a finite value, got " + m.value());
        }
        args.add(m.name());
        args.add(m.name());
        args.add(BigDecimal.valueOf(m.value()));
        return "CASE WHEN jsonb_typeof(ru.metrics -> ?) = 'number' THEN (ru.metrics ->> ?)::numeric END "
                + m.comparison().sql() + " ?";
    }
}
