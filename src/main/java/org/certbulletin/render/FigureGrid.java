package org.certbulletin.render;

import java.util.ArrayList;
import java.util.List;
import org.certbulletin.render.BulletinView.FigureRow;
import org.certbulletin.render.BulletinView.FigureView;

/**
 * The key figures arranged in rows that leave no hole: a figure with a breakdown has a row of its
 * own, the full width, its parts in columns beside its number; the plain figures share rows of as
 * near equal counts as can be, at most {@value #MOST_PER_ROW} to a row, gathered where the first of
 * them stands.
 */
final class FigureGrid {

  static final int MOST_PER_ROW = 4;

  private FigureGrid() {}

  static List<FigureRow> rows(List<FigureView> figures) {
    List<FigureView> plain =
        figures.stream().filter(f -> f.breakdown() == null || f.breakdown().isEmpty()).toList();
    List<FigureRow> rows = new ArrayList<>();
    boolean plainPlaced = false;
    for (FigureView figure : figures) {
      if (!plain.contains(figure)) {
        rows.add(new FigureRow(true, List.of(figure), false));
      } else if (!plainPlaced) {
        rows.addAll(plainRows(plain));
        plainPlaced = true;
      }
    }
    return rows;
  }

  /**
   * {@code plain} in the fewest rows of at most four, the longer rows first, none shorter by two.
   */
  private static List<FigureRow> plainRows(List<FigureView> plain) {
    int count = (plain.size() + MOST_PER_ROW - 1) / MOST_PER_ROW;
    List<FigureRow> rows = new ArrayList<>();
    int start = 0;
    for (int row = 0; row < count; row++) {
      int size = plain.size() / count + (row < plain.size() % count ? 1 : 0);
      boolean last = row == count - 1;
      rows.add(
          new FigureRow(false, plain.subList(start, start + size), last && plain.size() % 2 == 1));
      start += size;
    }
    return rows;
  }
}
