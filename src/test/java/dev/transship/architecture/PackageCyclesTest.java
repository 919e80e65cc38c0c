package dev.transship.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Every package of the main code is its own slice, so a subpackage that reaches back into its
 * parent (or any longer loop) fails the build with the classes that close the cycle.
 */
class PackageCyclesTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.transship");

  @Test
  void noPackageCycles() {
    slices().matching("dev.transship.(**)").should().beFreeOfCycles().check(MAIN);
  }
}
