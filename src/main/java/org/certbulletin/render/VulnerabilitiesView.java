package org.certbulletin.render;

import java.util.List;
import org.certbulletin.render.BulletinView.ChangeView;
import org.certbulletin.render.BulletinView.ChartView;

/**
 * The week's vulnerabilities as CNCERT's report gives them: a lead sentence, the total with its
 * share (all of it) and change, the rows by severity and by affected object, and the chart of the
 * objects (a sentence instead when every count is zero).
 *
 * @param objectsTitle what the catalogue calls the breakdown by affected object
 * @param byObject empty when the week does not count vulnerabilities by affected object
 */
public record VulnerabilitiesView(
    String lead,
    ChangeView change,
    String total,
    String totalShare,
    List<Row> bySeverity,
    List<Row> byObject,
    String objectsTitle,
    List<ChartView> charts) {

  /** One part: its label, count, share of the total, and change on the week before. */
  public record Row(
      String key, String label, long count, String value, String share, ChangeView change) {}
}
