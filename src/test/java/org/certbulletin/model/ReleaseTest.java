package org.certbulletin.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The build's identity, as Maven writes it into the class path. */
class ReleaseTest {

  @Test
  void knowsItsVersionCommitAndRenderDigest() {
    Release release = Release.current();
    assertThat(release.version()).isNotBlank().doesNotContain("${").isNotEqualTo(Release.UNKNOWN);
    assertThat(release.commit()).isNotBlank().doesNotContain("${");
    assertThat(release.renderDigest()).matches("[0-9a-f]{64}");
  }

  @Test
  void isReadOnce() {
    assertThat(Release.current()).isSameAs(Release.current());
  }

  @Test
  void namesItselfWithVersionAndCommit() {
    assertThat(new Release("1.2.0", "1a2b3c4", "0".repeat(64)).label())
        .isEqualTo("cert-bulletin 1.2.0 (1a2b3c4)");
  }

  @Test
  void rejectsABlankPart() {
    assertThatThrownBy(() -> new Release("1.2.0", " ", "0".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("commit is blank");
  }
}
