package com.optaic.cluster.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules on the source text of every module's {@code src/main/java} (every directory beside this module that has
 * one, so a new module is covered the day it arrives): no fully qualified {@code java.}/{@code javax.} names in
 * code, which hide a class's dependencies from its imports. Where a file imports another class of the same simple
 * name (Hadoop's {@code Path} beside {@code java.nio.file.Path}), the platform's class may stay qualified.
 */
class SourceRulesTest {
    /** A qualified name of the platform: java.x. or javax.x. not preceded by part of another name. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.$])javax?(?:\\.[a-z]\\w*)+\\.([A-Z]\\w*)");

    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+([\\w.]+\\.([A-Z]\\w*))\\s*;");

    @Test
    void noFullyQualifiedPlatformNamesInCode() {
        List<Path> sources = mainSources();
        List<String> violations = new ArrayList<>();
        for (Path file : sources) {
            violations.addAll(qualifiedNames(file.toString(), read(file)));
        }
        assertThat(violations).as("import these instead of naming them in code").isEmpty();
    }

    @Test
    void theCheckFindsQualifiedNamesInCodeOnly() {
        String source = String.join(
                "\n",
                "package com.example;",
                "import java.util.List;",
                "import org.apache.hadoop.fs.Path;",
                "import static java.util.Objects.requireNonNull;",
                "/** Uses {@link java.util.Map} and java.io.File in a comment. */",
                "class A {",
                "    // java.util.Set here is a comment",
                "    String p = System.getProperty(\"java.io.tmpdir\");",
                "    String q = \"\"\"",
                "        java.nio.file.Path in a text block \\\"\"\" still inside",
                "        \"\"\";",
                "    char c = '\"';",
                "    java.util.Map<String, String> m = new java.util.HashMap<>();",
                "    /* java.time.Instant */ Object o = new java.io.File(\"x\");",
                "    Object s = javax.sql.DataSource.class;",
                "    Object t = com.example.java.util.Thing.NAME;",
                "    java.nio.file.Path local = java.nio.file.Path.of(new Path(\"/x\").toUri());",
                "    java.util.List<String> names = java.lang.String.valueOf(1).lines().toList();",
                "}");
        assertThat(qualifiedNames("A.java", source))
                .containsExactly(
                        "A.java:13: java.util.Map",
                        "A.java:13: java.util.HashMap",
                        "A.java:14: java.io.File",
                        "A.java:15: javax.sql.DataSource",
                        "A.java:18: java.util.List",
                        "A.java:18: java.lang.String");
    }

    /**
     * {@code file:line: name} of each qualified platform class named outside comments, strings and imports, unless
     * the file imports another class of that simple name.
     */
    static List<String> qualifiedNames(String file, String source) {
        String code = codeOnly(source);
        Map<String, String> imported = new HashMap<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            imported.put(imports.group(2), imports.group(1));
        }
        List<String> found = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("import ") || line.startsWith("package ")) {
                continue;
            }
            Matcher matcher = QUALIFIED.matcher(lines[i]);
            while (matcher.find()) {
                String other = imported.get(matcher.group(1));
                if (other == null || other.equals(matcher.group())) {
                    found.add(file + ":" + (i + 1) + ": " + matcher.group());
                }
            }
        }
        return found;
    }

    /** The source with comments, string and text-block contents and char literals blanked; line breaks kept. */
    static String codeOnly(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(source, i, end, code);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                blank(source, i, end, code);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                blank(source, i, end, code);
                i = end;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder code) {
        for (int k = from; k < to; k++) {
            code.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    /** The .java files under every sibling module's src/main/java; fails if it finds fewer than five modules. */
    static List<Path> mainSources() {
        Path project = Path.of(System.getProperty("basedir", "."))
                .toAbsolutePath()
                .normalize()
                .getParent();
        List<Path> roots;
        try (Stream<Path> modules = Files.list(project)) {
            roots = modules.map(m -> m.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(roots).as("module source roots under " + project).hasSizeGreaterThanOrEqualTo(5);
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
