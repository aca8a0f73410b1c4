package org.certbulletin.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.certbulletin.model.InvalidDataException;
import org.certbulletin.testing.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A list readers may join needs the public address its mailed links start with. */
class SignupConfigTest {

  @TempDir Path root;

  @Test
  void aListWithSignupNeedsThePublicUrlAndSaysWhereAndHow() {
    SampleWorkspace sample = SampleWorkspace.copyTo(root);
    sample.editConfig(
        json ->
            json.replace(
                "\"recipients_file\": \"lists/public.txt\",",
                "\"recipients_file\": \"lists/public.txt\", \"signup\": {},"));

    InvalidDataException refused =
        catchThrowableOfType(
            InvalidDataException.class, () -> new DataDirectory(sample.data()).config());

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pointer()).isEqualTo("/lists/0/signup");
              assertThat(p.message()).contains("http.public_url", "\"public_url\":");
            });

    // the control: with the address, the same configuration is taken
    sample.configure("http", "{\"public_url\": \"https://cert.example/bulletins/\"}");
    assertThat(new DataDirectory(sample.data()).config().lists().get(0).signup()).isPresent();
  }
}
