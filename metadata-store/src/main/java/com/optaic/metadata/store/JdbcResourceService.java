package com.optaic.metadata.store;

import com.optaic.common.OptaicException;
import com.optaic.metadata.Actor;
import com.optaic.metadata.EdgeType;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.Page;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Permission;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceService;
import com.optaic.metadata.ResourceStatus;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SearchRequest;
import com.optaic.metadata.SubspaceKind;
import com.optaic.metadata.TreeNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link ResourceService} over the {@code resources} table. */
final class JdbcResourceService implements ResourceService {
    static final String FIND_CHILD = """
            SELECT %s FROM resources r WHERE r.parent_id = ? AND r.tenant_id = ? AND r.name = ?
            """.formatted(ResourceRows.COLUMNS);

    static final String CHILDREN = """
            SELECT %s FROM resources r
            WHERE r.parent_id = ? AND r.tenant_id = ? AND (?::text IS NULL OR (r.name, r.id) > (?::text, ?::uuid))
            ORDER BY r.name, r.id
            LIMIT ?
            """.formatted(ResourceRows.COLUMNS);

    static final String SUBTREE = """
            SELECT %s FROM resources r
            WHERE r.tenant_id = ? AND r.path @> ARRAY[?::uuid] AND r.depth <= ?
            ORDER BY r.depth, r.name, r.id
            LIMIT ?
            """.formatted(ResourceRows.COLUMNS);

    static final String SEARCH = """
            SELECT %s FROM resources r
            LEFT JOIN instances i ON i.resource_id = r.id
            LEFT JOIN runs ru ON ru.resource_id = r.id
            WHERE r.tenant_id = ? AND r.path && %s
            """.formatted(ResourceRows.COLUMNS, AccessControl.READABLE_ROOTS);

    static final int MAX_TREE_NODES = 10_000;

    private static final EnumSet<ResourceType> CREATABLE_HERE = EnumSet.of(ResourceType.Subspace, ResourceType.Project);
    private static final EnumSet<ResourceType> COPYABLE = copyable();

    private final JdbcTemplate jdbc;
    private final Tx tx;
    private final AccessControl access;
    private final ResourceWriter writer;
    private final LineageWriter lineage;
    private final Activities activities;
    private final JdbcDefinitionService definitions;
    private final JdbcInstanceService instances;

    JdbcResourceService(StoreContext context, JdbcDefinitionService definitions, JdbcInstanceService instances) {
        this.jdbc = context.jdbc();
        this.tx = context.tx();
        this.access = context.access();
        this.writer = context.writer();
        this.lineage = context.lineage();
        this.activities = context.activities();
        this.definitions = definitions;
        this.instances = instances;
    }

    @Override
    public Resource create(Actor actor, com.optaic.metadata.NewResource resource) {
        if (!CREATABLE_HERE.contains(resource.type())) {
            throw new OptaicException(
                    MetadataErrorCode.INVALID_INPUT,
                    "Cannot create a " + resource.type()
                            + " with ResourceService: spaces come from SpaceService, definitions, instances and runs from"
                            + " their own services");
        }
        Optional<String> kind = resource.kind();
        if (resource.type() == ResourceType.Subspace) {
            String given =
                    kind.orElseThrow(() -> Inputs.invalid("A Subspace needs a kind: official, staging or custom"));
            kind = Optional.of(parseSubspaceKind(given).wireName());
        } else if (kind.isPresent()) {
            throw Inputs.invalid("A " + resource.type() + " has no kind, got '" + kind.get() + "'");
        }
        Optional<String> finalKind = kind;
        return tx.write(() -> {
            Resource parent = access.requireActive(
                    actor, resource.parentId(), Permission.CREATE, "create a " + resource.type() + " under");
            return writer.insert(
                    actor,
                    new ResourceWriter.Spec(
                            UUID.randomUUID(),
                            actor.tenantId(),
                            Optional.of(parent),
                            resource.type(),
                            resource.name(),
                            finalKind,
                            actor.principalId(),
                            resource.description(),
                            resource.tags(),
                            Json.object()));
        });
    }

    static SubspaceKind parseSubspaceKind(String given) {
        try {
            return SubspaceKind.valueOf(given.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Inputs.invalid("Unknown subspace kind '" + given + "'; known kinds: official, staging, custom");
        }
    }

    @Override
    public Resource get(Actor actor, UUID id) {
        return tx.read(() -> access.require(actor, id, Permission.READ, "read"));
    }

    @Override
    public Optional<Resource> findChild(Actor actor, UUID parentId, String name) {
        return tx.read(() -> {
            access.require(actor, parentId, Permission.READ, "list children of");
            return jdbc.query(FIND_CHILD, ResourceRows.MAPPER, parentId, actor.tenantId(), name).stream()
                    .findFirst();
        });
    }

    @Override
    public Page<Resource> children(Actor actor, UUID parentId, PageRequest page) {
        return tx.read(() -> {
            access.require(actor, parentId, Permission.READ, "list children of");
            Optional<Cursors.NameKey> after = Cursors.nameKey(page);
            List<Resource> rows = jdbc.query(
                    CHILDREN,
                    ResourceRows.MAPPER,
                    parentId,
                    actor.tenantId(),
                    after.map(Cursors.NameKey::name).orElse(null),
                    after.map(Cursors.NameKey::name).orElse(null),
                    after.map(Cursors.NameKey::id).orElse(null),
                    page.limit() + 1);
            return pageOf(rows, page.limit());
        });
    }

    static Page<Resource> pageOf(List<Resource> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<Resource> items = rows.subList(0, limit);
        Resource last = items.get(items.size() - 1);
        return new Page<>(items, Optional.of(Cursors.byName(last.name(), last.id())));
    }

    @Override
    public TreeNode tree(Actor actor, UUID rootId, int maxDepth) {
        if (maxDepth < 0 || maxDepth > 64) {
            throw Inputs.invalid("Tree depth must be between 0 and 64, got " + maxDepth);
        }
        return tx.read(() -> {
            Resource root = access.require(actor, rootId, Permission.READ, "read the tree of");
            List<Resource> rows = jdbc.query(
                    SUBTREE,
                    ResourceRows.MAPPER,
                    actor.tenantId(),
                    rootId,
                    root.depth() + maxDepth,
                    MAX_TREE_NODES + 1);
            if (rows.size() > MAX_TREE_NODES) {
                throw Inputs.invalid("The tree under '" + root.name() + "' has more than " + MAX_TREE_NODES
                        + " nodes within depth " + maxDepth + "; ask for less depth or page through children");
            }
            Map<UUID, List<Resource>> byParent = new HashMap<>();
            for (Resource row : rows) {
                row.parentId()
                        .ifPresent(p -> byParent.computeIfAbsent(p, k -> new ArrayList<>())
                                .add(row));
            }
            return build(root, byParent);
        });
    }

    private static TreeNode build(Resource node, Map<UUID, List<Resource>> byParent) {
        List<TreeNode> children = new ArrayList<>();
        for (Resource child : byParent.getOrDefault(node.id(), List.of())) {
            children.add(build(child, byParent));
        }
        return new TreeNode(node, children);
    }

    @Override
    public Resource rename(Actor actor, UUID id, long expectedRowVersion, String newName) {
        Inputs.name("Resource name", newName);
        return tx.write(() -> {
            Resource before = access.requireActive(actor, id, Permission.UPDATE, "rename");
            if (before.type() == ResourceType.TenantRoot) {
                throw Inputs.invalid("The tenant root cannot be renamed");
            }
            return writer.updateGuarded(
                    actor, before, expectedRowVersion, "resource.renamed", "rename", "name = ?", newName);
        });
    }

    @Override
    public Resource describe(Actor actor, UUID id, long expectedRowVersion, String description, List<String> tags) {
        Inputs.text("Description", description, Inputs.MAX_TEXT_CHARS);
        List<String> checkedTags = Inputs.tags(tags);
        return tx.write(() -> {
            Resource before = access.requireActive(actor, id, Permission.UPDATE, "update");
            return writer.updateGuarded(
                    actor,
                    before,
                    expectedRowVersion,
                    "resource.updated",
                    "update",
                    "description = ?, tags = ?",
                    description,
                    Sql.textArray(checkedTags));
        });
    }

    @Override
    public Resource archive(Actor actor, UUID id, long expectedRowVersion) {
        return tx.write(() -> {
            Resource before = access.requireActive(actor, id, Permission.DELETE, "archive");
            if (before.type().tier() == ResourceType.Tier.CONTAINER && before.type() != ResourceType.Project) {
                throw Inputs.invalid("Cannot archive " + before.type() + " '" + before.name()
                        + "': only projects, definitions, instances and runs are archived");
            }
            return writer.updateGuarded(
                    actor,
                    before,
                    expectedRowVersion,
                    "resource.archived",
                    "archive",
                    "status = ?",
                    ResourceStatus.ARCHIVED.wireName());
        });
    }

    @Override
    public Resource copy(Actor actor, UUID sourceId, UUID targetParentId, String newName) {
        return tx.write(() -> {
            Resource source = access.require(actor, sourceId, Permission.READ, "copy");
            if (!COPYABLE.contains(source.type())) {
                throw Inputs.invalid("Cannot copy " + source.type() + " '" + source.name() + "': only projects,"
                        + " definitions and instances other than signals can be copied");
            }
            Resource target =
                    access.requireActive(actor, targetParentId, Permission.CREATE, "copy a " + source.type() + " into");
            Resource copy = writer.insert(
                    actor,
                    new ResourceWriter.Spec(
                            UUID.randomUUID(),
                            actor.tenantId(),
                            Optional.of(target),
                            source.type(),
                            newName,
                            Optional.empty(),
                            actor.principalId(),
                            source.description(),
                            source.tags(),
                            source.settings()));
            List<LineageNode[]> extraEdges = new ArrayList<>();
            switch (source.type().tier()) {
                case DEFINITION -> extraEdges.add(definitions.copyLatestVersion(actor, source, copy));
                case INSTANCE -> instances.copyCurrentVersion(actor, source, copy);
                default -> {}
            }
            lineage.link(
                    actor, LineageNode.resource(source.id()), LineageNode.resource(copy.id()), EdgeType.DERIVED_FROM);
            for (LineageNode[] edge : extraEdges) {
                lineage.link(actor, edge[0], edge[1], EdgeType.DERIVED_FROM);
            }
            activities.resource(actor, "resource.copied", copy.id(), source, copy);
            return copy;
        });
    }

    @Override
    public Page<Resource> search(Actor actor, SearchRequest request) {
        SearchSql compiler = new SearchSql();
        String predicate = compiler.compile(request.filter());
        return tx.read(() -> {
            List<Object> args = new ArrayList<>();
            StringBuilder sql = new StringBuilder(SEARCH);
            args.add(actor.tenantId());
            args.add(actor.principalId());
            args.add(actor.tenantId());
            if (request.under().isPresent()) {
                access.require(actor, request.under().get(), Permission.READ, "search under");
                sql.append(" AND r.path @> ARRAY[?::uuid]");
                args.add(request.under().get());
            }
            sql.append(" AND (").append(predicate).append(')');
            args.addAll(compiler.args());
            Optional<Cursors.NameKey> after = Cursors.nameKey(request.page());
            if (after.isPresent()) {
                sql.append(" AND (r.name, r.id) > (?::text, ?::uuid)");
                args.add(after.get().name());
                args.add(after.get().id());
            }
            sql.append(" ORDER BY r.name, r.id LIMIT ?");
            args.add(request.page().limit() + 1);
            List<Resource> rows = jdbc.query(sql.toString(), ResourceRows.MAPPER, args.toArray());
            return pageOf(rows, request.page().limit());
        });
    }

    private static EnumSet<ResourceType> copyable() {
        EnumSet<ResourceType> types = EnumSet.of(ResourceType.Project);
        Arrays.stream(ResourceType.values())
                .filter(t -> t.tier() == ResourceType.Tier.DEFINITION || t.tier() == ResourceType.Tier.INSTANCE)
                .filter(t -> t != ResourceType.SignalInstance)
                .forEach(types::add);
        return types;
    }
}
