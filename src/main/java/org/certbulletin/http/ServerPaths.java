package org.certbulletin.http;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.certbulletin.model.Problem;
import org.certbulletin.service.Workspace;

/**
 * The folders of this server as a client may see them: by their own names ({@code data/weeks/...},
 * {@code templates/...}, {@code out/...}), never where they lie on the server's disk.
 */
public final class ServerPaths {

  /** The absolute path of each folder, longest first, and the name it is shown by. */
  private final Map<String, String> shown = new LinkedHashMap<>();

  public ServerPaths(Workspace workspace) {
    List.of(workspace.data(), workspace.templates(), workspace.out()).stream()
        .map(p -> p.toAbsolutePath().normalize())
        .sorted((a, b) -> b.toString().length() - a.toString().length())
        .forEach(folder -> shown.put(folder.toString(), name(folder)));
  }

  private static String name(Path folder) {
    Path name = folder.getFileName();
    return name == null ? "" : name.toString();
  }

  /** {@code text} with each folder's absolute path replaced by its name. */
  public String shown(String text) {
    String result = text;
    for (Map.Entry<String, String> folder : shown.entrySet()) {
      result = result.replace(folder.getKey(), folder.getValue());
    }
    return result;
  }

  /** {@code problems} with their files and messages as {@link #shown(String)} gives them. */
  public List<Problem> shown(List<Problem> problems) {
    return problems.stream()
        .map(p -> new Problem(shown(p.file()), p.location(), p.pointer(), shown(p.message())))
        .toList();
  }
}
