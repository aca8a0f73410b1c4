package org.certbulletin.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.certbulletin.service.Application;
import org.certbulletin.service.Workspace;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/openapi.json} read by a real OpenAPI parser (swagger-parser, 3.1): it parses without
 * messages, and it documents exactly the operations the server routes, by method, path and {@code
 * operationId}.
 */
class OpenApiDocumentTest {

  @Test
  void theDocumentIsValidOpenApi31() throws IOException {
    SwaggerParseResult result = parse(document());

    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
  }

  @Test
  void theParserWouldReportABrokenDocument() throws IOException {
    String broken =
        document()
            .replace(
                "\"$ref\": \"#/components/schemas/Problem\"",
                "\"$ref\": \"#/components/schemas/Nothing\"");
    assertThat(broken).isNotEqualTo(document());

    assertThat(parse(broken).getMessages()).isNotEmpty();
  }

  @Test
  void theDocumentNamesExactlyTheOperationsTheServerRoutes() throws IOException {
    OpenAPI api = parse(document()).getOpenAPI();
    Set<String> documented = new TreeSet<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) ->
                            documented.add(
                                method.name() + " " + path + " " + operation.getOperationId())));
    Set<String> routed = new TreeSet<>();
    for (Operation operation :
        ApiServer.operations(Application.open(Workspace.defaults(), Map.of(), Clock.systemUTC()))) {
      routed.add(
          operation.method().toString().toUpperCase(Locale.ROOT)
              + " "
              + operation.path()
              + " "
              + operation.id());
    }

    assertThat(documented).isEqualTo(routed);
    assertThat(routed)
        .anySatisfy(r -> assertThat(r).endsWith(" getEdition"))
        .anySatisfy(r -> assertThat(r).endsWith(" putWeek"));
  }

  private static SwaggerParseResult parse(String json) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIV3Parser().readContents(json, null, options);
  }

  private static String document() throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
