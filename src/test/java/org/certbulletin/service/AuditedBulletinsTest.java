package org.certbulletin.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.certbulletin.model.Format;
import org.certbulletin.model.Principal;
import org.certbulletin.model.WeekId;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service, not the door, writes the audit entry of a change: whoever asks (here the scheduler
 * of a node) is the actor, from where it says it is.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class AuditedBulletinsTest {

  @Test
  void theSchedulersChangesAreAttributedToItsNode(SampleWorkspace sample) {
    try (Application application =
        Application.open(sample.workspace(), Map.of(), Clock.systemUTC())) {
      Bulletins asScheduler = application.bulletins(Application.scheduler("node-1"), "node-1");
      Bulletins asOperator = application.bulletins(Principal.system("cli:test"), "local");

      asScheduler.build(WeekId.parse("2024-W51"), EnumSet.of(Format.HTML));
      assertThatThrownBy(() -> asScheduler.build(WeekId.parse("2024-W30"), EnumSet.of(Format.HTML)))
          .isInstanceOf(ServiceFailure.BadInput.class);
      asOperator.build(WeekId.parse("2024-W50"), EnumSet.of(Format.HTML));

      List<String> lines =
          application
              .access()
              .listAudit(Principal.system("test"), "test", AuditQuery.newest(10))
              .entries()
              .stream()
              .map(
                  e ->
                      e.actor()
                          + " "
                          + e.from()
                          + " "
                          + e.operation()
                          + " "
                          + e.target()
                          + " "
                          + e.outcome())
              .toList();
      assertThat(lines)
          .containsExactly(
              "cli:test local buildWeek 2024-W50 OK",
              "scheduler:node-1 node-1 buildWeek 2024-W30 REFUSED",
              "scheduler:node-1 node-1 buildWeek 2024-W51 OK");
    }
  }
}
