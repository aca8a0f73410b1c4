package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.certbulletin.render.BulletinView.ChangeView;
import org.certbulletin.render.BulletinView.FigureRow;
import org.certbulletin.render.BulletinView.FigureView;
import org.certbulletin.render.BulletinView.PartView;
import org.junit.jupiter.api.Test;

/**
 * The key figures' rows: a figure with a breakdown alone, the plain ones in rows of equal counts.
 */
class FigureGridTest {

  @Test
  void theSamplesEightFiguresMakeAWideRowTwoRowsOfThreeAndAWideRow() {
    List<FigureView> figures = new ArrayList<>();
    figures.add(figure("incidents", true));
    for (String key : List.of("cross", "breaches", "hosts", "defaced", "backdoors", "phishing")) {
      figures.add(figure(key, false));
    }
    figures.add(figure("vulnerabilities", true));

    List<FigureRow> rows = FigureGrid.rows(figures);

    assertThat(rows).extracting(FigureRow::wide).containsExactly(true, false, false, true);
    assertThat(rows).extracting(r -> r.figures().size()).containsExactly(1, 3, 3, 1);
    assertThat(rows).noneMatch(FigureRow::lastSpansNarrow);
  }

  @Test
  void plainFiguresShareRowsOfAtMostFourThatDifferByOneAtMost() {
    for (int count = 1; count <= 13; count++) {
      List<FigureView> figures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        figures.add(figure("f" + i, false));
      }
      List<Integer> sizes = FigureGrid.rows(figures).stream().map(r -> r.figures().size()).toList();
      assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
      assertThat(sizes).as("%d figures", count).allMatch(s -> s <= FigureGrid.MOST_PER_ROW);
      assertThat(sizes.get(0) - sizes.get(sizes.size() - 1))
          .as("%d figures", count)
          .isBetween(0, 1);
      assertThat(sizes.size()).isEqualTo((count + 3) / 4);
    }
  }

  @Test
  void plainFiguresGatherWhereTheFirstStandsAndAnOddCountSpansThePhonesRow() {
    List<FigureView> figures =
        List.of(
            figure("a", true),
            figure("b", false),
            figure("c", true),
            figure("d", false),
            figure("e", false));

    List<FigureRow> rows = FigureGrid.rows(figures);

    assertThat(rows)
        .extracting(r -> r.figures().stream().map(FigureView::key).toList())
        .containsExactly(List.of("a"), List.of("b", "d", "e"), List.of("c"));
    assertThat(rows.get(1).lastSpansNarrow()).isTrue();
  }

  private static FigureView figure(String key, boolean breakdown) {
    List<PartView> parts =
        breakdown ? List.of(new PartView("x", "X", "1", "100%", "100")) : List.of();
    return new FigureView(
        key,
        key,
        "1",
        null,
        null,
        new ChangeView("up", "\u25b2", "+1%", "up", "up", "", "+1%", "vs. last week"),
        parts,
        List.of());
  }
}
