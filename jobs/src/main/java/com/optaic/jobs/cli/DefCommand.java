package com.optaic.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.Optaic;
import com.optaic.jobs.run.CodeVersion;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Definition;
import com.optaic.metadata.DefinitionContent;
import com.optaic.metadata.DefinitionVersion;
import com.optaic.metadata.NewDefinition;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceFilter;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SearchRequest;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "def",
        mixinStandardHelpOptions = true,
        description = "Definitions (plugins by code_ref).",
        subcommands = {DefCommand.ListDefinitions.class, DefCommand.Show.class, DefCommand.Submit.class})
final class DefCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the definitions you may read.")
    static final class ListDefinitions extends StoreCommand {
        @Override
        int run(Optaic optaic) {
            Actor actor = optaic.actor();
            EnumSet<ResourceType> types = EnumSet.noneOf(ResourceType.class);
            for (ResourceType type : ResourceType.values()) {
                if (type.tier() == ResourceType.Tier.DEFINITION) {
                    types.add(type);
                }
            }
            List<Definition> definitions = new ArrayList<>();
            for (Resource r : optaic.store()
                    .resources()
                    .search(
                            actor,
                            new SearchRequest(
                                    Optional.empty(), new ResourceFilter.TypeIn(types), PageRequest.first(1000)))
                    .items()) {
                definitions.add(optaic.store().definitions().get(actor, r.id()));
            }
            if (json) {
                Output.json(out(), definitions);
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            definitions.forEach(d -> rows.add(List.of(
                    d.resource().id().toString(),
                    d.resource().type().name(),
                    d.resource().name(),
                    d.codeRef(),
                    "v" + d.latestVersion(),
                    d.resource().description())));
            Output.table(out(), List.of("id", "type", "name", "code_ref", "latest", "description"), rows);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a definition and its versions.")
    static final class Show extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ID")
        UUID id;

        @Override
        int run(Optaic optaic) {
            Definition definition = optaic.store().definitions().get(optaic.actor(), id);
            List<DefinitionVersion> versions = optaic.store().definitions().versions(optaic.actor(), id);
            if (json) {
                Output.json(out(), Map.of("definition", definition, "versions", versions));
                return 0;
            }
            Views.resource(out(), definition.resource());
            out().println("code_ref:    " + definition.codeRef());
            List<List<String>> rows = new ArrayList<>();
            versions.forEach(v -> rows.add(List.of(
                    "v" + v.version(),
                    v.id().toString(),
                    v.status().wireName(),
                    v.content().codeVersion(),
                    v.contentHash().substring(0, 12),
                    v.content().configSchema().toString())));
            Output.table(out(), List.of("version", "id", "status", "code", "hash", "config schema"), rows);
            return 0;
        }
    }

    /** The members a definition file may have; anything else is refused by name. */
    static final Set<String> FILE_MEMBERS = Set.of("code_ref", "config_schema", "spec", "description");

    @Command(
            name = "submit",
            mixinStandardHelpOptions = true,
            description = {
                "Submits a definition version from a JSON file: {\"code_ref\": \"...\", \"config_schema\": {JSON schema},",
                "\"spec\": {...}, \"description\": \"...\"}. A new definition (--parent PROJECT --type T --name N) gets",
                "version 1; --definition ID adds the next version to an existing one. The schema is validated (unsupported",
                "keywords are refused); the version starts as 'submitted'."
            })
    static final class Submit extends StoreCommand {
        @Option(names = "--file", required = true, paramLabel = "FILE")
        Path file;

        @Option(names = "--definition", paramLabel = "ID", description = "Add a version to this definition.")
        UUID definition;

        @Option(names = "--parent", paramLabel = "PROJECT")
        UUID parent;

        @Option(names = "--type", description = "PipelineDef, OpDef, PortfolioOptimizerDef, MLModuleDef, ...")
        String type;

        @Option(names = "--name")
        String name;

        @Override
        int run(Optaic optaic) {
            DefinitionContent content = content(readFile(file), file, CodeVersion.current());
            Actor actor = optaic.actor();
            DefinitionVersion version;
            if (definition != null) {
                if (parent != null || type != null || name != null) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_RUN_CONFIG,
                            "--definition adds a version; --parent, --type and --name are for a new definition");
                }
                version = optaic.store().definitions().addVersion(actor, definition, content);
            } else {
                if (parent == null || type == null || name == null) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_RUN_CONFIG,
                            "A new definition needs --parent PROJECT, --type and --name (or --definition ID)");
                }
                ResourceType definitionType = ResourceType.parse(type);
                if (definitionType.tier() != ResourceType.Tier.DEFINITION) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_RUN_CONFIG, "--type " + type + " is not a definition type");
                }
                Definition created = optaic.store()
                        .definitions()
                        .submit(
                                actor,
                                new NewDefinition(
                                        parent,
                                        definitionType,
                                        name,
                                        readFile(file).path("description").asText(""),
                                        content));
                version = optaic.store()
                        .definitions()
                        .version(actor, created.resource().id(), 1);
            }
            if (json) {
                Output.json(out(), version);
            } else {
                out().println("definition " + version.definitionId() + " v" + version.version() + " (" + version.id()
                        + ") " + version.status().wireName() + ", code_ref " + version.codeRef());
            }
            return 0;
        }
    }

    static JsonNode readFile(Path file) {
        try {
            return Output.JSON.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": not valid JSON: "
                            + e.getOriginalMessage());
        } catch (CharacterCodingException e) { // Files.readString's "Input length = 1" names neither file nor cause
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG, file + ": not valid JSON: the file is not UTF-8 text");
        } catch (IOException e) {
            throw new OptaicException(JobsErrorCode.FILE_NOT_READABLE, "Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The definition content a file describes; a missing or misspelt member is refused with its name. */
    static DefinitionContent content(JsonNode node, Path file, String codeVersion) {
        if (!node.isObject()) {
            throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, file + ": a definition file holds a JSON object");
        }
        node.fieldNames().forEachRemaining(member -> {
            if (!FILE_MEMBERS.contains(member)) {
                throw new OptaicException(
                        JobsErrorCode.BAD_RUN_CONFIG,
                        file + ": unknown member '" + member + "'; expected " + new TreeSet<>(FILE_MEMBERS));
            }
        });
        if (!node.path("code_ref").isTextual() || node.get("code_ref").asText().isBlank()) {
            throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, file + ": 'code_ref' must be a non-empty string");
        }
        if (!node.path("config_schema").isObject()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG, file + ": 'config_schema' must be a JSON schema object");
        }
        JsonNode spec = node.has("spec") ? node.get("spec") : Output.JSON.createObjectNode();
        if (!spec.isObject()) {
            throw new OptaicException(JobsErrorCode.BAD_RUN_CONFIG, file + ": 'spec' must be a JSON object");
        }
        return new DefinitionContent(node.get("code_ref").asText(), node.get("config_schema"), spec, codeVersion);
    }
}
