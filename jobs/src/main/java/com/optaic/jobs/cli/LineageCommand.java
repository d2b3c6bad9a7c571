package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.Optaic;
import com.optaic.metadata.Actor;
import com.optaic.metadata.LineageEdge;
import com.optaic.metadata.LineageNode;
import com.optaic.metadata.LineageQuery;
import com.optaic.metadata.MetadataErrorCode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "lineage",
        mixinStandardHelpOptions = true,
        description = "Walks lineage from a resource, data version or definition version.")
final class LineageCommand extends StoreCommand {
    @Parameters(index = "0", paramLabel = "ID")
    UUID id;

    @ArgGroup(exclusive = true)
    Direction direction = new Direction();

    static final class Direction {
        @Option(names = "--up", description = "Towards what it came from (default).")
        boolean up;

        @Option(names = "--down", description = "Towards what came from it.")
        boolean down;
    }

    @Option(names = "--depth", defaultValue = "10")
    int depth;

    @Override
    int run(Optaic optaic) {
        Actor actor = optaic.actor();
        LineageNode start = node(optaic, actor, id);
        List<LineageEdge> edges = optaic.store()
                .lineage()
                .walk(
                        actor,
                        direction.down ? LineageQuery.downstream(start, depth) : LineageQuery.upstream(start, depth));
        if (json) {
            Output.json(out(), edges);
        } else {
            out().println((direction.down ? "downstream of " : "upstream of ") + Views.node(start));
            Views.lineage(out(), edges);
        }
        return 0;
    }

    /** What the id names: a resource, else a data version, else a definition version. */
    static LineageNode node(Optaic optaic, Actor actor, UUID id) {
        Optional<LineageNode> found = attempt(() -> {
            optaic.store().resources().get(actor, id);
            return LineageNode.resource(id);
        });
        if (found.isEmpty()) {
            found = attempt(() -> {
                optaic.store().dataVersions().getById(actor, id);
                return LineageNode.dataVersion(id);
            });
        }
        if (found.isEmpty()) {
            found = attempt(() -> {
                optaic.store().definitions().versionById(actor, id);
                return LineageNode.definitionVersion(id);
            });
        }
        return found.orElseThrow(() -> new OptaicException(
                MetadataErrorCode.METADATA_NOT_FOUND,
                "No resource, data version or definition version " + id + " that you may read"));
    }

    private static Optional<LineageNode> attempt(Supplier<LineageNode> lookup) {
        try {
            return Optional.of(lookup.get());
        } catch (OptaicException e) {
            if (e.category() == com.optaic.common.ErrorCategory.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
