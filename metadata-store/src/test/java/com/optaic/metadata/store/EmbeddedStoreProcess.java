package com.optaic.metadata.store;

import com.optaic.metadata.MetadataStoreConfig;
import com.optaic.metadata.NewResource;
import com.optaic.metadata.Resource;
import com.optaic.metadata.ResourceType;
import com.optaic.metadata.SystemIds;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A process holding a store open on the embedded server of {@code OPTAIC_HOME} until it is killed: it creates a
 * project named by its argument, prints {@code ready <project id>} and sleeps.
 */
public final class EmbeddedStoreProcess {
    private EmbeddedStoreProcess() {}

    /** Starts this class in a child JVM on the test class path, with output to {@code log}. */
    static Process start(Path home, Path log, String projectName) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D"))
                .toList());
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), EmbeddedStoreProcess.class.getName(), projectName));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OPTAIC_HOME", home.toString());
        builder.environment().remove("OPTAIC_DB_URL");
        return builder.start();
    }

    public static void main(String[] args) throws InterruptedException {
        MetadataStoreConfig config = MetadataStoreConfig.fromEnvironment(System.getenv());
        try (JdbcMetadataStore store = JdbcMetadataStore.open(config)) {
            store.bootstrap().run(TestingStore.builtins());
            Resource project = store.resources()
                    .create(
                            TestingStore.ADMIN,
                            NewResource.of(SystemIds.SYSTEM_STAGING_SUBSPACE, ResourceType.Project, args[0]));
            System.out.println("ready " + project.id());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
