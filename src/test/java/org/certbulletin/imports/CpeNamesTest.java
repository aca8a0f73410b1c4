package org.certbulletin.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The type of object CPE names say an advisory affects, when they say one. */
class CpeNamesTest {

  @Test
  void applicationsAndOperatingSystemsInEitherBinding() {
    assertThat(CpeNames.affectedObject(List.of("cpe:2.3:a:apache:nimble:1.7.0:*:*:*:*:*:*:*")))
        .contains("application");
    assertThat(CpeNames.affectedObject(List.of("cpe:/o:redhat:rhel_eus:8.4::baseos")))
        .contains("operating_system");
    assertThat(CpeNames.affectedObject(List.of("CPE:2.3:O:google:android:14:*:*:*:*:*:*:*")))
        .contains("operating_system");
  }

  @Test
  void hardwareMixedOrNoNamesSayNothing() {
    assertThat(CpeNames.affectedObject(List.of("cpe:2.3:h:cisco:catalyst_9300:-:*:*:*:*:*:*:*")))
        .as("a device could be a network device, a smart device or a security appliance")
        .isEmpty();
    assertThat(
            CpeNames.affectedObject(
                List.of("cpe:/a:redhat:openshift:4.6::el8", "cpe:/o:redhat:enterprise_linux:8")))
        .as("an application and the system it runs on")
        .isEmpty();
    assertThat(CpeNames.affectedObject(List.of("", "not a cpe", "cpe:2.3:x:odd"))).isEmpty();
    assertThat(CpeNames.affectedObject(List.of())).isEmpty();
    assertThat(
            CpeNames.affectedObject(
                List.of("cpe:/a:x:y:1", "not a cpe", "cpe:2.3:a:x:z:2:*:*:*:*:*:*:*")))
        .as("control: names that agree, beside one that is not a name")
        .contains("application");
  }
}
