package org.certbulletin.ingest;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.certbulletin.model.Problem;
import tools.jackson.databind.JsonNode;

/** Checks a document against one of the JSON Schemas shipped in {@code /schema/}. */
public final class SchemaCheck {

  private final Schema schema;
  private final JsonNode schemaRoot;

  private SchemaCheck(Schema schema) {
    this.schema = schema;
    this.schemaRoot = schema.getSchemaNode();
  }

  /** The checks of the data files' schemas, loaded once per process. */
  private static final Map<String, SchemaCheck> DATA = new ConcurrentHashMap<>();

  /**
   * The check of {@code /schema/<name>.schema.json} from the class path, loaded the first time it
   * is asked for; the data files' schemas share one registry, which learns the draft's meta-schema
   * once.
   */
  static SchemaCheck load(String name) {
    return DATA.computeIfAbsent(
        name, n -> load(DataRegistry.REGISTRY, "/schema/" + n + ".schema.json"));
  }

  /** The registry of the data files' schemas, made when the first is loaded. */
  private static final class DataRegistry {
    static final SchemaRegistry REGISTRY = registry(Map.of());
  }

  /**
   * Loads the schema at class-path {@code resource}; {@code prefixes} maps the addresses of the
   * schemas it refers to (say {@code https://www.first.org/cvss/}) to class-path folders ({@code
   * classpath:schema/csaf/}). Nothing is ever fetched from the network.
   */
  public static SchemaCheck load(String resource, Map<String, String> prefixes) {
    return load(registry(prefixes), resource);
  }

  private static SchemaRegistry registry(Map<String, String> prefixes) {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .errorMessageKeyword("errorMessage")
            .formatAssertionsEnabled(true)
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder
                    .schemaRegistryConfig(config)
                    .schemaLoader(
                        loader ->
                            loader
                                .fetchRemoteResources(false)
                                .schemaIdResolvers(
                                    resolvers -> prefixes.forEach(resolvers::mapPrefix))));
    return registry;
  }

  private static SchemaCheck load(SchemaRegistry registry, String resource) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema missing from the class path: " + resource);
      }
      return new SchemaCheck(registry.getSchema(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every schema violation in the document, in document order. */
  public List<Problem> check(SourceDocument document) {
    return verdict(document).schemaProblems();
  }

  /**
   * Every schema violation in the document, in document order, with the values it rejects, so the
   * rules can check the rest.
   */
  CheckedDocument verdict(SourceDocument document) {
    List<Problem> problems = new ArrayList<>();
    Set<String> rejected = new HashSet<>();
    Set<String> incomplete = new HashSet<>();
    for (Error error : schema.validate(document.root())) {
      String pointer = error.getInstanceLocation().toString();
      String message = SchemaMessages.describe(error, schemaRoot);
      if (isAboutMember(error)) {
        pointer = pointer + "/" + escape(error.getProperty());
      }
      if ("required".equals(error.getKeyword())) {
        incomplete.add(pointer);
      } else {
        rejected.add(pointer);
      }
      problems.add(document.problem(pointer, message));
    }
    problems.sort(
        Comparator.comparing((Problem p) -> p.location().line())
            .thenComparing(p -> p.location().column()));
    return new CheckedDocument(document, problems, rejected, incomplete);
  }

  private static boolean isAboutMember(Error error) {
    return error.getProperty() != null
        && ("additionalProperties".equals(error.getKeyword())
            || "propertyNames".equals(error.getKeyword()));
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
