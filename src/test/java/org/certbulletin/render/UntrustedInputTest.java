package org.certbulletin.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.certbulletin.model.Format;
import org.certbulletin.model.WeekId;
import org.certbulletin.service.BulletinService;
import org.certbulletin.testing.PdfText;
import org.certbulletin.testing.SampleWorkspace;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data and templates are untrusted: markup stays text, and nothing is loaded from outside the
 * templates.
 */
class UntrustedInputTest {

  private static final WeekId W51 = WeekId.parse("2024-W51");

  @TempDir Path root;

  SampleWorkspace sample;
  HttpServer server;
  AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void setUp() throws IOException {
    sample = SampleWorkspace.copyTo(root.resolve("ws"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void markupInDataAppearsAsText() throws IOException {
    String hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    sample.editWeek(
        "2024-W51",
        json ->
            json.replace("Document-security system flaw", hostile.replace("\"", "\\\"") + " flaw"));

    new BulletinService(sample.workspace()).build(W51, EnumSet.allOf(Format.class));

    Path folder = sample.out().resolve("site/2024/W51");
    Document page = Jsoup.parse(Files.readString(folder.resolve("bulletin.html")));
    assertThat(page.select("script")).isEmpty();
    assertThat(page.select("img[onerror]")).isEmpty();
    assertThat(page.select(".highlight h3").first().text()).startsWith(hostile);
    assertThat(String.join("", PdfText.pages(Files.readAllBytes(folder.resolve("bulletin.pdf")))))
        .contains("<script>alert");
  }

  @Test
  void aTemplateCannotLoadFilesOutsideTheTemplatesFolderOrFromTheNetwork() throws IOException {
    Path outside = root.resolve("secret.png");
    Files.copy(sample.templates().resolve("assets/logo.svg"), root.resolve("secret.svg"));
    writeTinyPng(outside);
    writeTinyPng(sample.templates().resolve("assets/inside.png"));
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    injectIntoTemplate(
        "<img src=\""
            + outside.toUri()
            + "\" alt=\"\"/>"
            + "<img src=\"../secret.png\" alt=\"\"/>"
            + "<img src=\"file:///etc/passwd\" alt=\"\"/>"
            + "<img src=\""
            + url
            + "/tracker.png\" alt=\"\"/>"
            + "<img src=\"//127.0.0.1:"
            + server.getAddress().getPort()
            + "/relative.png\" alt=\"\"/>",
        "<style>@import url(" + url + "/remote.css);</style>");

    new BulletinService(sample.workspace()).build(W51, EnumSet.of(Format.PDF));

    assertThat(requests).hasValue(0);
    assertThat(imagesIn(sample.out().resolve("site/2024/W51/bulletin.pdf"))).isZero();
  }

  @Test
  void xmlEntitiesInATemplateAreNotResolved() throws IOException {
    Path template = sample.templates().resolve("bulletin/bulletin.ftlh");
    String text =
        Files.readString(template)
            .replace(
                "<!DOCTYPE html>", "<!DOCTYPE html [<!ENTITY leak SYSTEM \"file:///etc/passwd\">]>")
            .replace("<main>", "<main><p>&leak;</p>");
    Files.writeString(template, text);

    try {
      new BulletinService(sample.workspace()).build(W51, EnumSet.of(Format.PDF));
    } catch (RenderException expected) {
      assertThat(expected).hasMessageContaining("well-formed XHTML");
      return;
    }
    String pdfText =
        String.join(
            "",
            PdfText.pages(Files.readAllBytes(sample.out().resolve("site/2024/W51/bulletin.pdf"))));
    assertThat(pdfText).doesNotContain("root:");
  }

  @Test
  void aTemplateCanLoadImagesFromTheTemplatesFolder() throws IOException {
    writeTinyPng(sample.templates().resolve("assets/inside.png"));
    injectIntoTemplate("<img src=\"assets/inside.png\" alt=\"\"/>", "");

    new BulletinService(sample.workspace()).build(W51, EnumSet.of(Format.PDF));

    assertThat(imagesIn(sample.out().resolve("site/2024/W51/bulletin.pdf"))).isEqualTo(1);
  }

  private void injectIntoTemplate(String body, String head) throws IOException {
    Path template = sample.templates().resolve("bulletin/bulletin.ftlh");
    String text =
        Files.readString(template)
            .replace("<main>", "<main>" + body)
            .replace("</head>", head + "</head>");
    Files.writeString(template, text);
  }

  private static int imagesIn(Path pdf) throws IOException {
    int images = 0;
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      for (PDPage page : document.getPages()) {
        for (COSName name : page.getResources().getXObjectNames()) {
          if (page.getResources().getXObject(name)
              instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) {
            images++;
          }
        }
      }
    }
    return images;
  }

  private static void writeTinyPng(Path file) throws IOException {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
    Files.createDirectories(file.getParent());
    javax.imageio.ImageIO.write(image, "png", file.toFile());
    assertThat(Files.size(file)).isPositive();
    assertThat(new String(Files.readAllBytes(file), 1, 3, StandardCharsets.US_ASCII))
        .isEqualTo("PNG");
  }
}
