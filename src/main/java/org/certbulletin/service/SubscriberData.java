package org.certbulletin.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.certbulletin.model.Subscriber;
import org.certbulletin.store.Subscribers;

/**
 * A subscriber's own data as plain values, for the page that shows it and the JSON file it exports
 * (GDPR article 15 and 20): every member the database keeps about them, and what the ledger
 * recorded of each message sent to them.
 */
public final class SubscriberData {

  private SubscriberData() {}

  /** {@code data} as members in a stable order: texts, lists of texts, and the deliveries. */
  public static Map<String, Object> of(Subscriptions.Data data) {
    Subscriber s = data.subscriber();
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("list", s.list());
    all.put("address", s.address());
    all.put("status", s.status().code());
    all.put("origin", s.origin().code());
    all.put("language", s.language().map(Locale::toLanguageTag).orElse(""));
    all.put("format", s.format().map(f -> f.code()).orElse(""));
    all.put("sectors", s.preferences().sectors());
    all.put("products", s.preferences().products());
    all.put("organisation", s.organisation().orElse(""));
    all.put("reason", s.reason().orElse(""));
    all.put("decided_by", s.decidedBy().orElse(""));
    all.put("created", s.created().toString());
    all.put("confirmed", time(s.confirmed()));
    all.put("updated", s.updated().toString());
    List<Map<String, String>> deliveries = new ArrayList<>();
    for (Subscribers.Delivery d : data.deliveries()) {
      Map<String, String> delivery = new LinkedHashMap<>();
      delivery.put("week", d.week());
      delivery.put("status", d.status());
      delivery.put("edition", d.edition());
      delivery.put("sent", time(d.sent()));
      delivery.put("bounce", d.bounce().orElse(""));
      deliveries.add(delivery);
    }
    all.put("deliveries", deliveries);
    return all;
  }

  private static String time(Optional<Instant> at) {
    return at.map(Instant::toString).orElse("");
  }
}
