package io.firebreak.platform;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Wording files a process owner edits: Mustache templates named {@code <name>.<suffix>.mustache},
 * read from the folder {@code firebreak.templates.dir} on every render (no restart), else the
 * shipped ones in {@code classpath:messages/}. The base of the message templates (comms) and of the
 * timeline wording (incident); they add the formats and escaping.
 */
@Component
public class Templates {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final Path overrideDir;

  Templates(FirebreakProperties properties) {
    this.overrideDir = properties.templates().dir();
  }

  /** Renders {@code <name>.<suffix>.mustache}; {@code {{> other}}} includes {@code other.<suffix>.mustache}. */
  public String render(String name, String suffix, Mustache.Escaper escaper, Map<String, ?> model) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("template name '" + name + "' must be lower-case letters, digits and dashes");
    }
    Template template = Mustache.compiler()
        .withEscaper(escaper)
        .defaultValue("")
        .withLoader(partial -> new StringReader(load(partial + "." + suffix + ".mustache")))
        .compile(load(name + "." + suffix + ".mustache"));
    return template.execute(model);
  }

  /** Whether a template exists for this name and suffix (shipped or overridden). */
  public boolean exists(String name, String suffix) {
    String file = name + "." + suffix + ".mustache";
    return (overrideDir != null && Files.isRegularFile(overrideDir.resolve(file)))
        || new ClassPathResource("messages/" + file).exists();
  }

  private String load(String file) {
    try {
      if (overrideDir != null) {
        Path candidate = overrideDir.resolve(file);
        if (Files.isRegularFile(candidate)) {
          return Files.readString(candidate, StandardCharsets.UTF_8);
        }
      }
      ClassPathResource shipped = new ClassPathResource("messages/" + file);
      if (!shipped.exists()) {
        throw new IllegalArgumentException("no message template " + file
            + (overrideDir != null ? " in " + overrideDir + " or" : "") + " among the shipped ones");
      }
      try (InputStream in = shipped.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read message template " + file, e);
    }
  }

  /**
   * A page template shipped on the classpath (Firebreak's own HTML pages), every value HTML-escaped
   * and missing values empty; {@code options} may add compiler settings.
   */
  public static Template htmlPage(String path, java.util.function.UnaryOperator<Mustache.Compiler> options) {
    try (var reader = new java.io.InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8)) {
      return options.apply(Mustache.compiler().withEscaper(com.samskivert.mustache.Escapers.HTML).defaultValue(""))
          .compile(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  public static Template htmlPage(String path) {
    return htmlPage(path, compiler -> compiler);
  }
}
