package org.certbulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.certbulletin.testing.SampleWorkspace;
import org.certbulletin.testing.SampleWorkspaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mutates a valid week file at random (types, numbers, text in many scripts, deletions,
 * duplications, truncation) and runs {@code validate}, and for some mutants {@code build}: every
 * outcome is exit 0 or 2, never another code or a stack trace; a 2 comes with a located message and
 * leaves {@code out/} untouched. {@code -Dfuzz.cases=N} runs more cases (default 300), and {@code
 * -Dfuzz.seed=S} repeats a run.
 */
@ExtendWith(SampleWorkspaceExtension.class)
class WeekFileFuzzTest {

  private static final Pattern LOCATED = Pattern.compile("(?m)^.+\\.json:\\d+(:\\d+)?: /\\S*: .+$");
  private static final String[] TEXTS = {
    "",
    " ",
    "x",
    "\u0000",
    "\u202e\u202dpayload",
    "\u200b",
    "\r\nBcc: a@b.example",
    "146",
    "二〇二四年第五十一期",
    "تحذير أمني",
    "שלום",
    "ภาษาไทย",
    "देवनागरी",
    "한국어",
    "日本語のテキスト",
    "Ελληνικά",
    "Кириллица",
    "Tiếng Việt",
    "🦠",
    "<script>alert(1)</script>",
    "${7*7}",
    "%s%n",
    "a".repeat(5000),
    "2024-W51",
    "CLEAR",
    "AMBER+STRICT",
    "CVSS:3.1/AV:N"
  };
  private static final String[] NUMBERS = {
    "0",
    "-1",
    "1.5",
    "1e400",
    "-1e400",
    "9223372036854775807",
    "9223372036854775808",
    "123456789012345678901234567890",
    "0.1",
    "10.0",
    "11",
    "NaN"
  };

  private final JsonMapper mapper = JsonMapper.builder().build();

  @Test
  void everyMutantIsAcceptedOrRefusedWithALocationNeverACrash(SampleWorkspace sample)
      throws Exception {
    long seed = Long.getLong("fuzz.seed", 20241222L);
    int cases = Integer.getInteger("fuzz.cases", 300);
    Random random = new Random(seed);
    Path weekFile = sample.weekFile("2024-W51");
    String original = Files.readString(weekFile);
    JsonNode tree = mapper.readTree(original);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < cases; i++) {
      String mutant = mutate(tree, original, random);
      Files.writeString(weekFile, mutant, StandardCharsets.UTF_8);
      boolean build = i % 10 == 0;
      Map<String, String> before = withoutState(sample.out());
      CommandLineRun run =
          CommandLineRun.of(
              CommandLineRun.join(sample.options(), build ? "build" : "validate", "2024-W51"));
      String context = "case " + i + " (seed " + seed + "):\n" + shorten(mutant) + "\n" + run.err();
      assertThat(run.exitCode()).as(context).isIn(0, 2);
      assertThat(run.err()).as(context).doesNotContain("unexpected failure", "Exception", "\tat ");
      if (run.exitCode() == 2) {
        refused++;
        assertThat(LOCATED.matcher(run.err()).find()).as(context).isTrue();
        assertThat(withoutState(sample.out())).as(context).isEqualTo(before);
      } else {
        accepted++;
      }
    }
    System.out.printf(
        java.util.Locale.ROOT,
        "fuzz: %d cases (seed %d): %d accepted, %d refused%n",
        cases,
        seed,
        accepted,
        refused);
    assertThat(refused).as("control: the mutations do break files").isPositive();
  }

  private String mutate(JsonNode tree, String original, Random random) throws Exception {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return original.substring(0, random.nextInt(original.length()));
    }
    if (kind == 1) {
      StringBuilder text = new StringBuilder(original);
      text.insert(
          random.nextInt(text.length()),
          pick(random, new String[] {"{", "}", ",", "\"", "[", "\u0001"}));
      return text.toString();
    }
    if (kind == 2) {
      int at = original.indexOf("\"tlp\"");
      return original.substring(0, at) + "\"tlp\": \"CLEAR\", " + original.substring(at);
    }
    JsonNode copy = tree.deepCopy();
    List<JsonNode> containers = new ArrayList<>();
    collect(copy, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode object && !object.isEmpty()) {
      List<String> names = new ArrayList<>();
      object.propertyNames().forEach(names::add);
      String name = names.get(random.nextInt(names.size()));
      switch (kind) {
        case 3 -> object.remove(name);
        case 4 -> object.set(name + pick(random, new String[] {"_", "x", "s"}), object.get(name));
        default -> object.set(name, value(random));
      }
    } else if (target instanceof ArrayNode array && !array.isEmpty()) {
      int index = random.nextInt(array.size());
      switch (kind) {
        case 3 -> array.remove(index);
        case 4 -> array.add(array.get(index).deepCopy());
        default -> array.set(index, value(random));
      }
    }
    return mapper
        .writerWithDefaultPrettyPrinter()
        .writeValueAsString(copy)
        .replaceAll("\"@@number:([^@\"]*)@@\"", "$1");
  }

  private JsonNode value(Random random) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (random.nextInt(7)) {
      case 0 -> nodes.stringNode(pick(random, TEXTS));
      case 1 -> nodes.stringNode("@@number:" + pick(random, NUMBERS) + "@@");
      case 2 -> nodes.booleanNode(random.nextBoolean());
      case 3 -> nodes.nullNode();
      case 4 -> nodes.arrayNode().add(pick(random, TEXTS));
      case 5 -> nodes.objectNode().put("value", random.nextInt(1000));
      default -> nodes.numberNode(random.nextInt(2000) - 1000);
    };
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainer()) {
      containers.add(node);
      Iterator<JsonNode> children = node.values().iterator();
      children.forEachRemaining(child -> collect(child, containers));
    }
  }

  private static String pick(Random random, String[] options) {
    return options[random.nextInt(options.length)];
  }

  private static String shorten(String text) {
    return text.length() > 400 ? text.substring(0, 400) + "..." : text;
  }

  /** What is under {@code out} but the state database, where each build leaves its audit entry. */
  private static Map<String, String> withoutState(Path out) {
    Map<String, String> files = new java.util.TreeMap<>(SampleWorkspace.snapshot(out));
    files.keySet().removeIf(name -> name.startsWith("state/"));
    return files;
  }
}
