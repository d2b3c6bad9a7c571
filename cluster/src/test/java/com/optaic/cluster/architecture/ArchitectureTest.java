package com.optaic.cluster.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.optaic.common.ErrorCode;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of DESIGN.md and the project's bans, checked on the compiled main classes of every module
 * on this module's class path (cluster, the top module, sees all the others). A module is its package: {@code com.optaic.<name>}.
 */
class ArchitectureTest {
    /** DESIGN.md's table: each module and every module it may use (besides itself). */
    static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("common", Set.of());
        MAY_USE.put("spi", Set.of("common"));
        MAY_USE.put("operators", Set.of("common", "spi"));
        MAY_USE.put("metadata", Set.of("common"));
        MAY_USE.put("engine", Set.of("operators", "spi", "common"));
        MAY_USE.put("jobs", Set.of("metadata", "engine", "operators", "spi", "common"));
        MAY_USE.put("cluster", Set.of("jobs", "engine", "operators", "spi", "common"));
    }

    /** Where writing to the standard streams is the job: the command line. */
    static final String COMMAND_LINE = "com.optaic.jobs.cli..";

    /** The documented exceptions (with their nested classes), each with its reason. */
    static final Map<String, String> STANDARD_STREAM_EXCEPTIONS = Map.of(
            "com.optaic.operators.eval.BlockEvaluator",
            "-Doptaic.profile=true prints a developer's per-node timing as the plan runs",
            "com.optaic.cluster.Main",
            "the optaic entry point (jobs' command line plus the cluster commands) hands the streams to it",
            "com.optaic.cluster.SubmitMain",
            "the assembly jar's entry point under spark-submit hands the streams to the command line");

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/test-classes/") && !location.matches(TEST_JAR))
                .importPackages("com.optaic");
    }

    @Test
    void everyModuleOfTheTableIsOnTheClassPath() {
        Set<String> found = new TreeSet<>();
        main.forEach(c -> found.add(module(c.getPackageName())));
        // spi is not a module yet; the others must be here for the rules to mean anything
        assertThat(found).containsAll(Set.of("common", "operators", "metadata", "engine", "jobs", "cluster"));
    }

    @Test
    void modulesUseOnlyTheModulesBelowThem() {
        MAY_USE.forEach((module, allowed) -> {
            List<String> forbidden = MAY_USE.keySet().stream()
                    .filter(other -> !other.equals(module) && !allowed.contains(other))
                    .map(other -> "com.optaic." + other + "..")
                    .toList();
            noClasses()
                    .that()
                    .resideInAPackage("com.optaic." + module + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("DESIGN.md: " + module + " may use " + (allowed.isEmpty() ? "nothing" : allowed))
                    .allowEmptyShould(true)
                    .check(main);
        });
    }

    @Test
    void onlyTheMetadataStoreModuleNamesItsImplementation() {
        noClasses()
                .that()
                .resideOutsideOfPackage("com.optaic.metadata..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.optaic.metadata.store..")
                .because("com.optaic.metadata is the store's contract; its implementation stays inside the module")
                .check(main);
    }

    @Test
    void onlyTheCommandLineWritesToTheStandardStreams() {
        noClasses()
                .that()
                .resideOutsideOfPackage(COMMAND_LINE)
                .and()
                .haveNameNotMatching(STANDARD_STREAM_EXCEPTIONS.keySet().stream()
                        .map(name -> Pattern.quote(name) + "(\\$.*)?")
                        .collect(Collectors.joining("|")))
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("output goes through the command line's writers (testable, redirectable)")
                .check(main);
    }

    @Test
    void errorCodesAreEnumConstants() {
        ArchRule rule = classes()
                .that()
                .areAssignableTo(ErrorCode.class)
                .and()
                .doNotHaveFullyQualifiedName(ErrorCode.class.getName())
                .should()
                .beEnums()
                .because("error codes are numbered constants of one enum per module, none made at run time");
        rule.check(main);
    }

    static String module(String packageName) {
        String rest = packageName.startsWith("com.optaic.") ? packageName.substring("com.optaic.".length()) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
