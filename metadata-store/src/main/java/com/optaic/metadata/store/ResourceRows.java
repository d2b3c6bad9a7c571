package com.optaic.metadata.store;

import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceStatus;
import com.optaic.metadata.ResourceType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;

/** The column list and row mapper for {@code resources}, aliased {@code r}. */
final class ResourceRows {
    static final String COLUMNS = """
            r.id, r.tenant_id, r.parent_id, r.resource_type, r.name, r.kind, r.owner_id, r.status, r.description,
            r.tags, r.settings, r.path, r.created_by, r.created_at, r.updated_at, r.row_version""";

    static final RowMapper<Resource> MAPPER = (rs, rowNum) -> map(rs);

    private ResourceRows() {}

    static Resource map(ResultSet rs) throws SQLException {
        return new Resource(
                Sql.uuid(rs, "id"),
                Sql.uuid(rs, "tenant_id"),
                Sql.optionalUuid(rs, "parent_id"),
                ResourceType.valueOf(rs.getString("resource_type")),
                rs.getString("name"),
                Optional.ofNullable(rs.getString("kind")),
                Sql.uuid(rs, "owner_id"),
                ResourceStatus.fromWireName(rs.getString("status")),
                rs.getString("description"),
                Sql.strings(rs, "tags"),
                Json.read(rs.getString("settings")),
                Sql.uuids(rs, "path"),
                Sql.uuid(rs, "created_by"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                rs.getLong("row_version"));
    }
}
