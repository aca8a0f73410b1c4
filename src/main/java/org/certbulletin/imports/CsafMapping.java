package org.certbulletin.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Maps a CSAF 2.0 document (already checked against the OASIS schema) to one advisory: the document
 * is the advisory, its vulnerabilities give the CVE ids, scores and remediations, and its product
 * tree names the vendor, products and versions as readers know them.
 */
final class CsafMapping {

  /** A bulletin gives the first few remediations and counts the others. */
  private static final int REMEDIATION_LINES = 3;

  private static final List<String> REMEDIATIONS =
      List.of("vendor_fix", "workaround", "mitigation", "none_available", "no_fix_planned");

  private final JsonNode root;
  private final List<Locale> languages;
  private final Map<String, ProductInfo> products = new HashMap<>();
  private final List<String> cpes = new ArrayList<>();

  private CsafMapping(JsonNode root, List<Locale> languages) {
    this.root = root;
    this.languages = List.copyOf(languages);
    JsonNode tree = root.path("product_tree");
    walk(tree.path("branches"), new ProductInfo("", "", "", ""));
    tree.findValues("product_identification_helper")
        .forEach(helper -> cpes.add(helper.path("cpe").asString("")));
    for (JsonNode named : tree.path("full_product_names")) {
      String name = named.path("name").asString("");
      products.put(named.path("product_id").asString(""), new ProductInfo("", name, "", name));
    }
    for (JsonNode relation : tree.path("relationships")) {
      ProductInfo component =
          products.getOrDefault(relation.path("product_reference").asString(""), ProductInfo.NONE);
      ProductInfo platform =
          products.getOrDefault(
              relation.path("relates_to_product_reference").asString(""), ProductInfo.NONE);
      JsonNode full = relation.path("full_product_name");
      products.put(
          full.path("product_id").asString(""),
          new ProductInfo(
              platform.vendor().isEmpty() ? component.vendor() : platform.vendor(),
              platform.label(),
              component.versionOrName(),
              full.path("name").asString("")));
    }
  }

  /** The advisory of a checked CSAF document, its version lists in each of {@code languages}. */
  static ImportedAdvisory advisory(JsonNode root, Provenance provenance, List<Locale> languages) {
    return new CsafMapping(root, languages).map(provenance);
  }

  private ImportedAdvisory map(Provenance provenance) {
    JsonNode document = root.path("document");
    JsonNode tracking = document.path("tracking");
    JsonNode vulnerabilities = root.path("vulnerabilities");
    Set<String> affected = new LinkedHashSet<>();
    Set<String> fixed = new LinkedHashSet<>();
    List<String> cves = new ArrayList<>();
    List<AdvisoryFields.Score> scores = new ArrayList<>();
    for (JsonNode vulnerability : vulnerabilities) {
      cves.add(vulnerability.path("cve").asString(""));
      JsonNode status = vulnerability.path("product_status");
      for (String category : List.of("known_affected", "first_affected", "last_affected")) {
        status.path(category).forEach(id -> affected.add(id.asString()));
      }
      for (String category : List.of("fixed", "first_fixed")) {
        status.path(category).forEach(id -> fixed.add(id.asString()));
      }
      for (JsonNode score : vulnerability.path("scores")) {
        JsonNode v3 = score.path("cvss_v3");
        if (v3.isObject()) {
          scores.add(
              new AdvisoryFields.Score(
                  v3.path("version").asString(),
                  v3.path("baseScore").decimalValue(),
                  Optional.ofNullable(v3.path("vectorString").asString(null))));
        }
      }
    }
    boolean onlyV2 =
        scores.isEmpty()
            && vulnerabilities.findValues("cvss_v2").stream().anyMatch(JsonNode::isObject);
    Set<String> named = new LinkedHashSet<>(affected);
    named.addAll(fixed);
    if (named.isEmpty()) {
      named.addAll(products.keySet().stream().sorted().toList());
    }
    List<ProductInfo> relevant = named.stream().map(this::info).toList();
    List<String> vendors =
        relevant.stream().map(ProductInfo::vendor).filter(v -> !v.isEmpty()).toList();
    String publisher = document.path("publisher").path("name").asString("");
    AdvisoryFields fields = new AdvisoryFields();
    fields
        .id("id", tracking.path("id").asString())
        .text("title", document.path("title").asString(), Texts.LINE_LENGTH)
        .cves(cves)
        .list("vendor", vendors.isEmpty() ? List.of(publisher) : vendors, Texts.LINE_LENGTH)
        .list(
            "product",
            relevant.stream().map(ProductInfo::label).filter(p -> !p.isEmpty()).toList(),
            Texts.LINE_LENGTH)
        .versions("versions", named(affected), languages, Texts.LINE_LENGTH)
        .versions("fixed_versions", named(fixed), languages, Texts.LINE_LENGTH)
        .putIfPresent("affected_object", CpeNames.affectedObject(cpes))
        .cvss(scores)
        .severityIfUnscored(
            AdvisoryFields.severity(document.path("aggregate_severity").path("text").asString("")))
        .text("summary", summary(document, vulnerabilities), Texts.SUMMARY_LENGTH)
        .text("remediation", remediation(vulnerabilities), Texts.SUMMARY_LENGTH)
        .references(references(document, vulnerabilities))
        .date("published", AdvisoryFields.date(tracking.path("initial_release_date").asString("")));
    tlp(document).ifPresent(tlp -> fields.put("tlp", tlp));
    ensureRequired(fields, publisher, document);
    List<String> warnings = new ArrayList<>(fields.warnings());
    if (onlyV2) {
      warnings.add("the document gives only CVSS v2 scores, which the bulletin does not show");
    }
    return new ImportedAdvisory(fields.build(), provenance, warnings);
  }

  /** The versions (else the names) of the products {@code ids}, as the product tree names them. */
  private List<VersionRange> named(Set<String> ids) {
    return ids.stream()
        .map(this::info)
        .map(ProductInfo::versionOrName)
        .map(VersionRange::named)
        .toList();
  }

  private ProductInfo info(String id) {
    return products.getOrDefault(id, new ProductInfo("", "", "", id));
  }

  /** Vendor, product and summary are required; a sparse document still gives something true. */
  private static void ensureRequired(AdvisoryFields fields, String publisher, JsonNode document) {
    var node = fields.build();
    if (!node.has("vendor")) {
      fields.put("vendor", publisher.isEmpty() ? "unknown vendor" : Texts.cut(publisher, 300));
    }
    if (!node.has("product")) {
      fields.put("product", node.path("title").asString("unnamed product"));
    }
    if (!node.has("summary")) {
      fields.put("summary", Texts.cut(Texts.line(document.path("title").asString("")), 600));
    }
  }

  /** The {@code summary} note, else the first paragraph of a {@code description}. */
  private static String summary(JsonNode document, JsonNode vulnerabilities) {
    for (String category : List.of("summary", "description")) {
      for (JsonNode note : document.path("notes")) {
        if (category.equals(note.path("category").asString(""))) {
          return Texts.concise(note.path("text").asString(""), Texts.SUMMARY_LENGTH);
        }
      }
      for (JsonNode vulnerability : vulnerabilities) {
        for (JsonNode note : vulnerability.path("notes")) {
          if (category.equals(note.path("category").asString(""))) {
            return Texts.concise(note.path("text").asString(""), Texts.SUMMARY_LENGTH);
          }
        }
      }
    }
    return "";
  }

  /** Vendor fixes, workarounds and mitigations, one short sentence each, with their links. */
  private static String remediation(JsonNode vulnerabilities) {
    Set<String> lines = new LinkedHashSet<>();
    for (String category : REMEDIATIONS) {
      for (JsonNode vulnerability : vulnerabilities) {
        for (JsonNode remediation : vulnerability.path("remediations")) {
          if (!category.equals(remediation.path("category").asString(""))) {
            continue;
          }
          String details = Texts.concise(remediation.path("details").asString(""), 240);
          String url = remediation.path("url").asString("");
          String line = label(category) + ": " + details + (url.isEmpty() ? "" : " (" + url + ")");
          lines.add(line.endsWith(".") || line.endsWith(")") ? line : line + ".");
        }
      }
    }
    return Texts.sentences(List.copyOf(lines), REMEDIATION_LINES, Texts.SUMMARY_LENGTH);
  }

  private static String label(String category) {
    return switch (category) {
      case "vendor_fix" -> "Vendor fix";
      case "workaround" -> "Workaround";
      case "mitigation" -> "Mitigation";
      case "none_available" -> "No fix available";
      default -> "No fix planned";
    };
  }

  private static List<String> references(JsonNode document, JsonNode vulnerabilities) {
    List<String> urls = new ArrayList<>();
    List<JsonNode> all = new ArrayList<>();
    document.path("references").forEach(all::add);
    all.sort(
        (a, b) ->
            Boolean.compare(
                !"self".equals(a.path("category").asString("")),
                !"self".equals(b.path("category").asString(""))));
    all.forEach(r -> urls.add(r.path("url").asString("")));
    for (JsonNode vulnerability : vulnerabilities) {
      vulnerability.path("remediations").forEach(r -> urls.add(r.path("url").asString("")));
      vulnerability.path("references").forEach(r -> urls.add(r.path("url").asString("")));
    }
    return urls;
  }

  /** CSAF 2.0's TLP label as TLP 2.0's: WHITE is CLEAR. */
  private static Optional<String> tlp(JsonNode document) {
    String label = document.path("distribution").path("tlp").path("label").asString("");
    return switch (label) {
      case "WHITE" -> Optional.of("CLEAR");
      case "GREEN", "AMBER", "RED" -> Optional.of(label);
      default -> Optional.empty();
    };
  }

  private void walk(JsonNode branches, ProductInfo context) {
    for (JsonNode branch : branches) {
      String name = branch.path("name").asString("");
      ProductInfo here =
          switch (branch.path("category").asString("")) {
            case "vendor" -> new ProductInfo(name, context.product(), context.version(), "");
            case "product_name" -> new ProductInfo(context.vendor(), name, context.version(), "");
            case "product_family" ->
                new ProductInfo(
                    context.vendor(),
                    context.product().isEmpty() ? name : context.product(),
                    context.version(),
                    "");
            case "product_version", "product_version_range" ->
                new ProductInfo(context.vendor(), context.product(), name, "");
            default -> context;
          };
      JsonNode product = branch.path("product");
      if (product.isObject()) {
        products.put(
            product.path("product_id").asString(""),
            new ProductInfo(
                here.vendor(), here.product(), here.version(), product.path("name").asString("")));
      }
      walk(branch.path("branches"), here);
    }
  }

  /** What the product tree says of one product id. */
  private record ProductInfo(String vendor, String product, String version, String fullName) {

    static final ProductInfo NONE = new ProductInfo("", "", "", "");

    /** The product as readers know it: its product name, else its full name. */
    String label() {
      return product.isEmpty() ? fullName : product;
    }

    String versionOrName() {
      return version.isEmpty() ? fullName : version;
    }
  }
}
