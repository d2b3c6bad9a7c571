package com.optaic.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.operators.BuiltinOperators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Counts the README and docs state ("all 64 operators") are the code's, so they cannot drift from it. */
class DocsCountsTest {
    private static final Pattern OPERATORS = Pattern.compile("(\\d+) operators");

    @Test
    void everyOperatorCountInTheDocsIsTheCatalogues() throws IOException {
        int catalogue = BuiltinOperators.registry().all().size();
        List<String> stated = new ArrayList<>();
        List<Path> pages = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        for (Path page : pages) {
            Matcher m = OPERATORS.matcher(Files.readString(page));
            while (m.find()) {
                stated.add(page.getFileName() + ": " + m.group(1));
            }
        }
        assertThat(stated).as("the docs state the operator count somewhere").isNotEmpty();
        assertThat(stated).allSatisfy(s -> assertThat(s).endsWith(": " + catalogue));
    }
}
