package io.deepsentiment.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the README's Layout describes: {@code model} (text -> prediction) depends on
 * nothing else of ours; training, serving and hashtag analyses build on it; the service never
 * reaches into training; and no two packages depend on each other.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.deepsentiment");
    }

    @Test
    void the_model_depends_on_nothing_else_of_ours() {
        noClasses().that().resideInAPackage("io.deepsentiment.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.deepsentiment.train..",
                        "io.deepsentiment.serve..", "io.deepsentiment.hashtag..", "io.deepsentiment.cli..")
                .check(classes);
    }

    @Test
    void the_service_and_hashtag_analyses_never_depend_on_training_or_the_command_line() {
        noClasses().that().resideInAnyPackage("io.deepsentiment.serve..", "io.deepsentiment.hashtag..")
                .should().dependOnClassesThat().resideInAnyPackage("io.deepsentiment.train..", "io.deepsentiment.cli..")
                .check(classes);
    }

    @Test
    void training_never_depends_on_the_service_or_hashtag_analyses() {
        noClasses().that().resideInAPackage("io.deepsentiment.train..")
                .should().dependOnClassesThat().resideInAnyPackage("io.deepsentiment.serve..",
                        "io.deepsentiment.hashtag..", "io.deepsentiment.cli..")
                .check(classes);
    }

    @Test
    void hashtag_analyses_do_not_depend_on_the_service() {
        noClasses().that().resideInAPackage("io.deepsentiment.hashtag..")
                .should().dependOnClassesThat().resideInAPackage("io.deepsentiment.serve..")
                .check(classes);
    }

    @Test
    void no_package_depends_on_another_that_depends_on_it() {
        slices().matching("io.deepsentiment.(**)").should().beFreeOfCycles().check(classes);
    }
}
