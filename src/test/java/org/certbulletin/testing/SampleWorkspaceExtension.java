package org.certbulletin.testing;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test a fresh {@link SampleWorkspace} as a parameter, in a temporary folder deleted
 * when the test is over. A test method and its {@code @BeforeEach} and {@code @AfterEach} methods
 * get the same workspace; a {@code @BeforeAll} method gets one for the whole class.
 *
 * <pre>{@code
 * @ExtendWith(SampleWorkspaceExtension.class)
 * class SomeTest {
 *   SampleWorkspace sample;
 *
 *   @BeforeEach
 *   void setUp(SampleWorkspace sample) {
 *     this.sample = sample;
 *   }
 * }
 * }</pre>
 */
public final class SampleWorkspaceExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SampleWorkspaceExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SampleWorkspace.class;
  }

  @Override
  public SampleWorkspace resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // keyed by the context's own id: a test method does not see the one its class's @BeforeAll got
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(context.getUniqueId(), id -> Copy.create(), Copy.class)
        .sample;
  }

  /**
   * A workspace in its own temporary folder; JUnit closes it, deleting the folder, when its context
   * ends.
   */
  private static final class Copy implements AutoCloseable {

    private final Path folder;
    private final SampleWorkspace sample;

    private Copy(Path folder) {
      this.folder = folder;
      this.sample = SampleWorkspace.copyTo(folder);
    }

    static Copy create() {
      try {
        return new Copy(Files.createTempDirectory("sample-workspace-"));
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot create a temporary folder for the sample workspace", e);
      }
    }

    @Override
    public void close() throws IOException {
      Files.walkFileTree(
          folder,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    }
  }
}
