package org.certbulletin.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.certbulletin.ingest.DataDirectory;
import org.certbulletin.mail.MailTransport;
import org.certbulletin.model.Principal;

/**
 * The application, built once per process from a workspace, the process's environment (where
 * secrets come from) and a clock: the one place that constructs the services, so every door (the
 * command line, the daemon, the HTTP server) works on the same objects. Nothing heavy happens here:
 * the renderer, the state database and the mail connection are made when first needed.
 */
public final class Application implements AutoCloseable {

  private final Workspace workspace;
  private final Map<String, String> environment;
  private final Clock clock;
  // looked up when mail is first sent: the SMTP transport loads Jakarta Mail
  private final Supplier<MailTransport> transport;
  private BulletinService bulletins;
  private MailService mail;
  private AccessService access;
  private Editions editions;
  private ReviewDesk reviews;
  private InvitationMailer invitations;

  private Application(
      Workspace workspace,
      Map<String, String> environment,
      Clock clock,
      Supplier<MailTransport> transport) {
    this.workspace = Objects.requireNonNull(workspace, "workspace == null");
    this.environment = Map.copyOf(environment);
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.transport = Objects.requireNonNull(transport, "transport == null");
  }

  /** The application on {@code workspace}, sending mail over SMTP. */
  public static Application open(
      Workspace workspace, Map<String, String> environment, Clock clock) {
    return new Application(workspace, environment, clock, () -> MailTransport.SMTP);
  }

  /** The application sending mail through {@code transport} (a test's sender that fails on cue). */
  public static Application open(
      Workspace workspace, Map<String, String> environment, Clock clock, MailTransport transport) {
    Objects.requireNonNull(transport, "transport == null");
    return new Application(workspace, environment, clock, () -> transport);
  }

  public Workspace workspace() {
    return workspace;
  }

  /** Where secrets (SMTP, DKIM, OpenPGP) come from. */
  public Map<String, String> environment() {
    return environment;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * What the doors may ask of the bulletin, for {@code by} asking from {@code from} ({@code local},
   * an address, a node), to whom the audit log attributes each change; every call shares one
   * renderer (made on first use).
   */
  public synchronized Bulletins bulletins(Principal by, String from) {
    return new Bulletins(engine(), this::mail, this::access, this::reviews, by, from);
  }

  /**
   * Bulletin operations for {@code by} that read the data folder afresh (a week may have changed
   * since the last call) and share the warm renderer: what a long-running server uses for each
   * request.
   */
  public Bulletins rereadBulletins(Principal by, String from) {
    return new Bulletins(engine().reread(), this::mail, this::access, this::reviews, by, from);
  }

  /**
   * Who the scheduler of node {@code node} is in the audit log: {@code scheduler:NODE}, with every
   * right. Its changes are made through {@link #bulletins(Principal, String)} as this principal,
   * from the node.
   */
  public static Principal scheduler(String node) {
    return Principal.system("scheduler:" + node);
  }

  /** The week files as documents with entity tags. */
  public WeekDocuments weekDocuments() {
    return new WeekDocuments(workspace, this::reviews);
  }

  /** One week's editions for one reader, rendered with the warm renderer and kept for a while. */
  public synchronized Editions editions() {
    if (editions == null) {
      editions = new Editions(engine());
    }
    return editions;
  }

  /**
   * Users, tokens, sessions and the audit log, on the state database, opened on first use and
   * closed with the application.
   *
   * @throws ServiceFailure.Failed if the database cannot be opened
   */
  public synchronized AccessService access() {
    if (access == null) {
      access = AccessService.open(workspace, clock);
    }
    return access;
  }

  /**
   * The bounce mailbox: bounces and unsubscribe requests piped in or read over IMAP, acted on in
   * the state database, audited in the access service's log.
   */
  public Bounces bounces() {
    return new Bounces(workspace, environment, clock, this::access, this::subscriptions);
  }

  /**
   * The lists' subscribers, on the state database, under the configuration as it is at each call.
   *
   * @throws ServiceFailure.Failed if the database cannot be opened
   */
  public Subscriptions subscriptions() {
    return access()
        .subscriptions(() -> new DataDirectory(workspace.data()).config(), environment, mailer());
  }

  /** The choices the sign-up pages offer, from the data folder's recent weeks. */
  public SignupTopics signupTopics() {
    return new SignupTopics(workspace);
  }

  private synchronized InvitationMailer mailer() {
    if (invitations == null) {
      invitations = new InvitationMailer(workspace, transport, environment, clock);
    }
    return invitations;
  }

  /**
   * Copies the addresses {@code config.json} and the recipients file give {@code list} (each list
   * that has some, if empty) into the state database: {@code cert-bulletin subscribers import}. The
   * files stay as they are and are still read.
   */
  public List<Subscriptions.Imported> importSubscribers(
      Principal by, String from, Optional<String> list) {
    DataDirectory data = new DataDirectory(workspace.data());
    return subscriptions().importRecipients(by, from, list, data::recipients);
  }

  /** The scheduler's operations; the daemon itself comes from the {@code schedule} package. */
  public Scheduling scheduling() {
    return new Scheduling(this);
  }

  /**
   * The HTTP API, from the {@code http} package found at run time.
   *
   * @throws IllegalStateException if this build has no HTTP server
   */
  public HttpServing http() {
    return ServiceLoader.load(HttpServing.Provider.class, Application.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("this build has no HTTP server"))
        .on(this);
  }

  /** The bulletin service every call shares (its renderer, render slots and weeks built). */
  synchronized BulletinService engine() {
    if (bulletins == null) {
      bulletins = new BulletinService(workspace, environment);
    }
    return bulletins;
  }

  private synchronized MailService mail() {
    if (mail == null) {
      mail = new MailService(engine(), transport.get(), reviews());
    }
    return mail;
  }

  /**
   * The review of the weeks, on the state database (opened when first needed), under the approval
   * settings of the configuration as it is at each call.
   */
  synchronized ReviewDesk reviews() {
    if (reviews == null) {
      reviews =
          new ReviewDesk(
              () -> access().weekVersions(),
              clock,
              () -> new DataDirectory(workspace.data()).config().approval());
    }
    return reviews;
  }

  /**
   * Bulletin operations with a renderer of their own, which reads the templates afresh: the daemon
   * takes new ones for each run, so that a template edited while it runs counts at the next firing
   * (a renderer keeps the templates it has read).
   */
  public BulletinService freshBulletins() {
    return new BulletinService(workspace, environment);
  }

  /** Email with a renderer of its own: see {@link #freshBulletins()}. */
  public MailService freshMail() {
    return new MailService(freshBulletins(), transport.get(), reviews());
  }

  /**
   * Closes the access service's database, if it was opened; each other operation closes its own.
   */
  @Override
  public synchronized void close() {
    if (invitations != null) {
      invitations.close();
      invitations = null;
    }
    if (access != null) {
      access.close();
      access = null;
    }
  }
}
