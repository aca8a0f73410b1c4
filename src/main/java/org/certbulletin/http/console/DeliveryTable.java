package org.certbulletin.http.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.certbulletin.model.Role;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.Application;
import org.certbulletin.service.ServiceFailure;
import org.certbulletin.service.StatusReport;
import org.certbulletin.service.WeekReport;

/**
 * The operate page's deliveries: each list's counts for the latest week the ledger knows, as the
 * status reports them, and for those who may read the week's report (operators, admins), the
 * recipients whose delivery is uncertain.
 */
final class DeliveryTable {

  private DeliveryTable() {}

  /** The table's model; empty when the status has no deliveries (no list, nothing sent). */
  static Map<String, Object> of(StatusReport report, Application services, Visit visit) {
    Optional<StatusReport.Deliveries> deliveries = report.state().deliveries();
    if (deliveries.isEmpty()) {
      return Map.of();
    }
    Map<String, Set<String>> uncertain = uncertain(deliveries.get(), services, visit);
    List<Map<String, Object>> lists = new ArrayList<>();
    int uncertainTotal = 0;
    for (StatusReport.ListDeliveries list : deliveries.get().lists()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("list", list.list());
      row.put("sent", list.sent());
      row.put("pending", list.pending());
      row.put("inFlight", list.inFlight());
      row.put("failed", list.failed());
      row.put("uncertain", list.uncertain());
      row.put("recipients", List.copyOf(uncertain.getOrDefault(list.list(), Set.of())));
      uncertainTotal += list.uncertain();
      lists.add(row);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("week", deliveries.get().week().orElse(""));
    model.put("lists", lists);
    model.put("uncertain", uncertainTotal);
    return model;
  }

  /** The uncertain recipients by list, from the week's report, when there are any to name. */
  private static Map<String, Set<String>> uncertain(
      StatusReport.Deliveries deliveries, Application services, Visit visit) {
    boolean any = deliveries.lists().stream().anyMatch(l -> l.uncertain() > 0);
    if (!any
        || deliveries.week().isEmpty()
        || !(visit.has(Role.OPERATOR) || visit.has(Role.ADMIN))) {
      return Map.of();
    }
    Map<String, Set<String>> byList = new LinkedHashMap<>();
    try {
      WeekReport week =
          services
              .rereadBulletins(visit.who(), visit.from())
              .report(WeekId.parse(deliveries.week().get()));
      for (WeekReport.ListReport list : week.lists()) {
        Set<String> recipients = new LinkedHashSet<>();
        list.versions().forEach(v -> recipients.addAll(v.uncertain()));
        byList.put(list.list(), recipients);
      }
    } catch (ServiceFailure | IllegalArgumentException e) {
      // the counts still say how many; the names are a convenience
      return Map.of();
    }
    return byList;
  }
}
