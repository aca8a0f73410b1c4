package org.certbulletin.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The issuer's settings from {@code data/config.json}, mapped by Jackson. A settings object the
 * file leaves out takes its defaults.
 *
 * @param languages the languages the bulletin is written in, the main one first; each is an
 *     edition. The issuer's language is the one of the edition at hand.
 * @param schedule empty when the daemon is not configured
 * @param smtp empty when mail goes to the outbox only
 * @param operators who is told about failed scheduled runs
 * @param lists the distribution lists
 * @param dkim DKIM signing, when configured
 * @param openpgp OpenPGP signing of the archive and the mail, when configured
 * @param render limits on rendering with the user's templates
 * @param tallies the CERT's own tallies, beyond the built-in ones, by key
 * @param imports which hosts of the CERT's own network the imports may read from
 * @param http the HTTP API {@code run} serves beside the scheduler; none if absent
 * @param audit how long the audit log keeps its entries
 * @param approval whether a week must be approved before it leaves, and by whom
 * @param bounces where bounces come back, when the CERT reads them
 */
public record Config(
    Issuer issuer,
    List<Locale> languages,
    PdfSettings pdf,
    ChartSettings charts,
    SiteSettings site,
    Optional<ScheduleSettings> schedule,
    StateSettings state,
    Optional<SmtpSettings> smtp,
    List<String> operators,
    List<DistributionList> lists,
    Optional<DkimSettings> dkim,
    Optional<OpenPgpSettings> openpgp,
    RenderSettings render,
    Map<String, TallyDeclaration> tallies,
    ImportSettings imports,
    Optional<HttpSettings> http,
    AuditSettings audit,
    ApprovalSettings approval,
    Optional<BounceSettings> bounces) {

  public Config {
    Objects.requireNonNull(issuer, "issuer == null");
    languages =
        languages == null || languages.isEmpty()
            ? List.of(issuer.language())
            : List.copyOf(languages);
    pdf = pdf == null ? PdfSettings.defaults() : pdf;
    charts = charts == null ? ChartSettings.defaults() : charts;
    site = site == null ? SiteSettings.defaults() : site;
    Objects.requireNonNull(schedule, "schedule == null");
    state = state == null ? StateSettings.defaults() : state;
    Objects.requireNonNull(smtp, "smtp == null");
    operators = List.copyOf(operators);
    lists = List.copyOf(lists);
    Objects.requireNonNull(dkim, "dkim == null");
    openpgp = openpgp == null ? Optional.empty() : openpgp;
    render = render == null ? RenderSettings.defaults() : render;
    tallies =
        tallies == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tallies));
    imports = imports == null ? ImportSettings.defaults() : imports;
    http = http == null ? Optional.empty() : http;
    audit = audit == null ? AuditSettings.defaults() : audit;
    approval = approval == null ? ApprovalSettings.NONE : approval;
    bounces = bounces == null ? Optional.empty() : bounces;
  }

  /** A configuration with only the issuer and layout settings. */
  public static Config of(Issuer issuer, PageSize pageSize, List<String> trend) {
    return new Config(
        issuer,
        List.of(issuer.language()),
        new PdfSettings(pageSize),
        new ChartSettings(trend),
        SiteSettings.defaults(),
        Optional.empty(),
        StateSettings.defaults(),
        Optional.empty(),
        List.of(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        RenderSettings.defaults(),
        Map.of(),
        ImportSettings.defaults(),
        Optional.empty(),
        AuditSettings.defaults(),
        ApprovalSettings.NONE,
        Optional.empty());
  }

  public PageSize pageSize() {
    return pdf.pageSize();
  }

  /** The tallies this bulletin can carry: the built-in ones, then those declared here. */
  public TallyCatalogue catalogue() {
    return TallyCatalogue.of(tallies);
  }

  /**
   * The tallies drawn in the trend chart: those {@code charts.trend} names (or its default), then
   * each declared tally that asks to be.
   */
  public List<TallyDefinition> trendTallies() {
    TallyCatalogue catalogue = catalogue();
    List<TallyDefinition> trend = new ArrayList<>();
    charts.trend().forEach(key -> catalogue.find(key).ifPresent(trend::add));
    catalogue.all().stream().filter(d -> d.trend() && !trend.contains(d)).forEach(trend::add);
    return List.copyOf(trend);
  }

  /** The list called {@code name}. */
  public Optional<DistributionList> list(String name) {
    return lists.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  public Config withIssuer(Issuer replacement) {
    return new Config(
        replacement,
        languages,
        pdf,
        charts,
        site,
        schedule,
        state,
        smtp,
        operators,
        lists,
        dkim,
        openpgp,
        render,
        tallies,
        imports,
        http,
        audit,
        approval,
        bounces);
  }

  /** The bulletin's main language: its edition has the archive's plain file names. */
  public Locale mainLanguage() {
    return languages.get(0);
  }

  /** The language of the edition at hand (the issuer's as this configuration reads it). */
  public Locale language() {
    return issuer.language();
  }
}
