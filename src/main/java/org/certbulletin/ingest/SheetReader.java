package org.certbulletin.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.model.Location;
import org.certbulletin.model.Problem;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * The cells of a spreadsheet export as text, row by row: a CSV file (UTF-8, comma or semicolon
 * separated) or the first sheet of an {@code .xlsx} workbook. What is read is bounded: the file's
 * size, the bytes its zip entries inflate to (a zip bomb fails before it is parsed), the rows and
 * the columns.
 */
final class SheetReader {

  static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
  static final long MAX_INFLATED_BYTES = 64L * 1024 * 1024;
  static final int MAX_ROWS = 10_000;
  static final int MAX_COLUMNS = 1_000;
  static final int MAX_CELL_LENGTH = 1_000;

  /** One row: its number in the sheet (from 1) and its cells' texts, stripped. */
  record SheetRow(int number, List<String> cells) {
    SheetRow {
      cells = Collections.unmodifiableList(new ArrayList<>(cells));
    }

    /** The text of column {@code index} (from 0); empty past the row's end. */
    String cell(int index) {
      return index < cells.size() ? cells.get(index) : "";
    }

    boolean blank() {
      return cells.stream().allMatch(String::isEmpty);
    }
  }

  private SheetReader() {}

  /**
   * The rows of {@code file}, named {@code name} in problems.
   *
   * @throws InvalidDataException if it is missing, too large, of an unknown kind, or unreadable
   */
  static List<SheetRow> read(Path file, String name) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw InvalidDataException.of(name, "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (size > MAX_FILE_BYTES) {
      throw InvalidDataException.of(
          name, "is " + size + " bytes; a sheet of figures is at most 16 MiB");
    }
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
      return csv(file, name);
    }
    if (lower.endsWith(".xlsx")) {
      return xlsx(file, name);
    }
    throw InvalidDataException.of(
        name,
        "is neither a .csv nor an .xlsx file; export the sheet as CSV (UTF-8) or Excel workbook"
            + " (.xlsx)");
  }

  private static List<SheetRow> csv(Path file, String name) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (CharacterCodingException e) {
      throw InvalidDataException.of(
          name, "is not UTF-8 text; export the sheet as \"CSV UTF-8\" or as .xlsx");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (text.startsWith("\ufeff")) {
      text = text.substring(1);
    }
    String firstLine = text.lines().findFirst().orElse("");
    char delimiter =
        firstLine.chars().filter(c -> c == ';').count()
                > firstLine.chars().filter(c -> c == ',').count()
            ? ';'
            : ',';
    CsvQuotes.problem(text, delimiter, name)
        .ifPresent(
            problem -> {
              throw InvalidDataException.of(problem);
            });
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
    List<SheetRow> rows = new ArrayList<>();
    try (Reader in = new java.io.StringReader(text);
        CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
      Iterator<CSVRecord> records = parser.iterator();
      while (true) {
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          // CsvQuotes finds the mistakes the parser knows of; this is for one it does not
          throw InvalidDataException.of(
              new Problem(
                  name,
                  new Location((int) parser.getCurrentLineNumber(), 1),
                  "",
                  "is not valid CSV here; check the quotes of this line (a quote inside a"
                      + " quoted cell is written twice: \"\")"));
        }
        int number = (int) record.getRecordNumber();
        checkBounds(name, number, record.size());
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < record.size(); i++) {
          cells.add(cell(name, number, i, record.get(i)));
        }
        rows.add(new SheetRow(number, cells));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return rows;
  }

  private static List<SheetRow> xlsx(Path file, String name) {
    checkInflatedSize(file, name);
    List<SheetRow> rows = new ArrayList<>();
    try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile());
        Stream<Row> sheet = workbook.getFirstSheet().openStream()) {
      Iterator<Row> iterator = sheet.iterator();
      while (iterator.hasNext()) {
        Row row = iterator.next();
        checkBounds(name, row.getRowNum(), row.getCellCount());
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.getCellCount(); i++) {
          cells.add(cell(name, row.getRowNum(), i, text(row.getCell(i))));
        }
        rows.add(new SheetRow(row.getRowNum(), cells));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidDataException invalid) {
        throw invalid;
      }
      throw InvalidDataException.of(
          name,
          "cannot be read as an Excel workbook ("
              + e.getClass().getSimpleName()
              + "); save it again as .xlsx, or export the sheet as CSV");
    }
    return rows;
  }

  /** A cell as the sheet shows it; a number in plain digits, whatever its format. */
  private static String text(Cell cell) {
    if (cell == null) {
      return "";
    }
    if (cell.getType() == CellType.NUMBER) {
      BigDecimal number = cell.asNumber();
      return number.stripTrailingZeros().toPlainString();
    }
    if (cell.getType() == CellType.FORMULA) {
      String raw = cell.getRawValue();
      return raw == null ? "" : raw.strip();
    }
    String text = cell.getText();
    return text == null ? "" : text.strip();
  }

  /**
   * Inflates every entry of the workbook once, counting the bytes, so that a small file that would
   * inflate to gigabytes is refused before the workbook reader holds any of it.
   */
  private static void checkInflatedSize(Path file, String name) {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        try (InputStream in = zip.getInputStream(entry)) {
          int read;
          while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > MAX_INFLATED_BYTES) {
              throw InvalidDataException.of(
                  name,
                  "inflates to more than 64 MiB; a sheet of figures is far smaller (is it the"
                      + " right file?)");
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidDataException invalid) {
        throw invalid;
      }
      throw InvalidDataException.of(
          name,
          "is not an Excel workbook that can be read (an .xlsx file is a zip archive of XML);"
              + " save it again as .xlsx, or export the sheet as CSV");
    }
  }

  private static void checkBounds(String name, int row, int columns) {
    if (row > MAX_ROWS) {
      throw InvalidDataException.of(
          new Problem(
              name,
              new Location(row, 1),
              "",
              "has more than " + MAX_ROWS + " rows; a sheet of figures is far smaller"));
    }
    if (columns > MAX_COLUMNS) {
      throw InvalidDataException.of(
          new Problem(
              name,
              new Location(row, MAX_COLUMNS + 1),
              "",
              "has more than " + MAX_COLUMNS + " columns; a sheet of figures is far smaller"));
    }
  }

  /**
   * A cell's text, stripped (a byte-order mark an export left at its start too); one longer than a
   * sheet of figures has is refused, not cut.
   */
  private static String cell(String name, int row, int column, String text) {
    String t = text.strip();
    if (t.startsWith("\ufeff")) {
      t = t.substring(1).strip();
    }
    if (t.length() > MAX_CELL_LENGTH) {
      throw InvalidDataException.of(
          new Problem(
              name,
              new Location(row, column + 1),
              "",
              String.format(
                  Locale.ROOT,
                  "a cell of %,d characters; a cell of a sheet of figures is at most %,d (is this"
                      + " the right file?)",
                  t.length(),
                  MAX_CELL_LENGTH)));
    }
    return t;
  }
}
