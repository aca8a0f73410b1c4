package org.certbulletin.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The doors onto the application (the command line, the HTTP API and the scheduler daemon) use only
 * the service and the model: what they call is read from the compiled classes, not from their
 * import lines, so a fully qualified name counts too.
 */
class OneDoorTest {

  private static JavaClasses product;

  @BeforeAll
  static void readTheProduct() {
    product =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.certbulletin");
  }

  /**
   * A door's classes use, of the product, only their own package, the service and the model; the
   * libraries a door presents with (picocli, a progress bar, an HTTP server) are its own business.
   */
  private static ArchRule onlyTheServiceFrom(String door) {
    return classes()
        .that()
        .resideInAPackage("org.certbulletin." + door + "..")
        .should()
        .onlyDependOnClassesThat(
            resideOutsideOfPackage("org.certbulletin..")
                .or(
                    resideInAnyPackage(
                        "org.certbulletin." + door + "..",
                        "org.certbulletin.service..",
                        "org.certbulletin.model..")))
        .allowEmptyShould(true);
  }

  @Test
  void theCommandLineUsesOnlyTheServiceAndTheModel() {
    assertThat(product.stream().anyMatch(c -> c.getPackageName().equals("org.certbulletin.cli")))
        .isTrue();
    onlyTheServiceFrom("cli").check(product);
  }

  @Test
  void theHttpApiUsesOnlyTheServiceAndTheModel() {
    // empty until the package exists; then it holds as for the command line
    onlyTheServiceFrom("http").check(product);
  }

  @Test
  void theSchedulerUsesOnlyTheServiceAndTheModel() {
    // Quartz and its jobs are the daemon's business; the runs, the nodes and the status are the
    // service's
    assertThat(
            product.stream().anyMatch(c -> c.getPackageName().equals("org.certbulletin.schedule")))
        .isTrue();
    onlyTheServiceFrom("schedule").check(product);
  }

  @Test
  void theRuleSeesADoorReachingPastTheService() {
    // the control: a door of the tests' own that names the store in full, with no import line
    JavaClasses reaching =
        new ClassFileImporter().importPackages("org.certbulletin.architecture.reaching");
    assertThat(reaching).isNotEmpty();

    assertThatThrownBy(() -> onlyTheServiceFrom("architecture.reaching").check(reaching))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.certbulletin.store.RunHistory");
  }
}
