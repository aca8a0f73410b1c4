package org.certbulletin.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.certbulletin.files.JsonMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Changes to a data folder's {@code config.json}, made on its JSON tree. */
final class ConfigFile {

  private ConfigFile() {}

  /** Reads {@code config.json} of {@code data}, lets {@code change} edit it and writes it back. */
  static void edit(Path data, Consumer<ObjectNode> change) throws IOException {
    java.io.File file = data.resolve("config.json").toFile();
    ObjectNode config = (ObjectNode) JsonMapping.mapper().readTree(file);
    change.accept(config);
    JsonMapping.mapper().writeValue(file, config);
  }

  /** Sends the mail of {@code data} through the local server on {@code port}, unencrypted. */
  static void smtp(Path data, int port, int ratePerSecond) throws IOException {
    edit(
        data,
        config ->
            config
                .putObject("smtp")
                .put("host", "127.0.0.1")
                .put("port", port)
                .put("security", "none")
                .put("from", "bulletin@cert.example")
                .put("rate_per_second", ratePerSecond));
  }

  /** The mailing list called {@code name}. */
  static ObjectNode list(ObjectNode config, String name) {
    for (JsonNode list : config.path("lists")) {
      if (list.path("name").asString().equals(name)) {
        return (ObjectNode) list;
      }
    }
    throw new IllegalStateException("config.json has no list " + name);
  }
}
