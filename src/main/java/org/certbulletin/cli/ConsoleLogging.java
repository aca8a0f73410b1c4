package org.certbulletin.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The program's logging, which logback sets up with this the first time a logger is asked for (a
 * service in {@code META-INF/services}): warnings and errors on standard error, more for {@code
 * org.certbulletin} with {@code CERT_BULLETIN_LOG=info} (or {@code debug}). A message or stack
 * trace that quotes the data shows a control, direction or invisible character by its code ({@code
 * U+202E}). Set up in code rather than read from a {@code logback.xml}, whose parsing took longer
 * than most commands; a file named by {@code -Dlogback.configurationFile} still replaces it.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

  /** The environment variable (or system property) that sets the program's own log level. */
  static final String LEVEL_VARIABLE = "CERT_BULLETIN_LOG";

  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %safeMsg%n%safeEx";

  /** The libraries' own chatter that is no use to an operator, and the level each logs at. */
  private static final Map<String, Level> QUIET =
      Map.of(
          "com.openhtmltopdf", Level.ERROR,
          "org.apache.pdfbox", Level.ERROR,
          "org.apache.fontbox", Level.ERROR,
          // FIRST's CVSS schemas carry a "license" member that is not a JSON Schema keyword
          "com.networknt.schema.keyword.UnknownKeywordFactory", Level.ERROR);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.getInstanceConverterMap().put("safeMsg", LogMessageConverter::new);
    layout.getInstanceConverterMap().put("safeEx", LogThrowableConverter::new);
    layout.setPattern(PATTERN);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    context.getLogger("org.certbulletin").setLevel(programLevel());
    QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * The level of the program's own loggers: {@code CERT_BULLETIN_LOG} as a system property or in
   * the environment, {@code warn} without it; a value that names no level is {@code debug}, as
   * logback reads it.
   */
  private static Level programLevel() {
    String value = System.getProperty(LEVEL_VARIABLE, System.getenv(LEVEL_VARIABLE));
    return value == null || value.isBlank() ? Level.WARN : Level.toLevel(value.strip());
  }
}
