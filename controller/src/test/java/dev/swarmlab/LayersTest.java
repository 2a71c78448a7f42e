package dev.swarmlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controller's packages in layers, bottom to top, each importing only from below (the picture is in
 * docs/architecture.md). Packages on one line share a level and do not import each other. A cycle, or an import of a
 * package above, fails the test and names the class that made it.
 */
class LayersTest {
    /** Bottom to top; each level's packages may use every level below theirs, and nothing else. */
    static final List<List<String>> LEVELS = List.of(
            List.of("dev.swarmlab"),                      // Deadline, the exception family, Parallel, Locks, StateFiles
            List.of("dev.swarmlab.yaml", "dev.swarmlab.net", "dev.swarmlab.system"),
            List.of("dev.swarmlab.inventory"),            // the hosts a lab runs on
            List.of("dev.swarmlab.ssh"),                  // the one package that imports jsch
            List.of("dev.swarmlab.docker"),               // the one package that imports docker-java
            List.of("dev.swarmlab.lab"),                  // the lab file, the model
            List.of("dev.swarmlab.session"),              // host connections, the lab's state and journal, progress
            List.of("dev.swarmlab.provision"),            // a host made a Docker host over SSH
            List.of("dev.swarmlab.emulated"),
            List.of("dev.swarmlab.image"),
            List.of("dev.swarmlab.fleet"),
            List.of("dev.swarmlab.deploy"),
            List.of("dev.swarmlab.plan"),
            List.of("dev.swarmlab.run"),
            List.of("dev.swarmlab.web"),
            List.of("dev.swarmlab.cli"));

    private static final JavaClasses CONTROLLER = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.swarmlab");

    static LayeredArchitecture layers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> level : LEVELS) {
            for (String pkg : level) {
                layers = layers.layer(pkg).definedBy(pkg.equals("dev.swarmlab") ? pkg : pkg + "..");
            }
        }
        List<String> below = new ArrayList<>();
        for (List<String> level : LEVELS) {
            for (String pkg : level) {
                layers = below.isEmpty() ? layers.whereLayer(pkg).mayNotAccessAnyLayer()
                        : layers.whereLayer(pkg).mayOnlyAccessLayers(below.toArray(String[]::new));
            }
            below.addAll(level);
        }
        return layers;
    }

    @Test
    void packagesImportOnlyFromTheLevelsBelowThem() {
        layers().check(CONTROLLER);
    }

    /**
     * The judge is pure: plain facts in, cells and expectations out. It may use the lab model, the JDK's
     * values and Jackson's trees, and nothing that talks to hosts or files (issue 15).
     */
    @Test
    void thePlannerIsPureCode() {
        classes().that().resideInAPackage("dev.swarmlab.plan..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.swarmlab.plan..", "dev.swarmlab.lab..", "java.lang..", "java.util..", "java.time..",
                        "java.math..", "com.fasterxml.jackson.databind..")
                .because("the model takes facts, not Docker, fleet, deploy or image types, and does no I/O").check(CONTROLLER);
    }

    @Test
    void noPackagesFormACycle() {
        slices().matching("dev.swarmlab.(*)..").should().beFreeOfCycles().check(CONTROLLER);
    }

    @Test
    void everyPackageHasItsLevel() {
        List<String> placed = LEVELS.stream().flatMap(List::stream).toList();
        List<String> unplaced = CONTROLLER.stream().map(c -> c.getPackageName()).distinct()
                .filter(p -> placed.stream().noneMatch(l -> p.equals(l) || !l.equals("dev.swarmlab") && p.startsWith(l + ".")))
                .filter(p -> !p.startsWith("dev.swarmlab.agent")).sorted().toList();
        assertEquals(List.of(), unplaced, "a new package needs its level in LEVELS");
    }
}
