-- The versions of each week's bulletin and where each stands in review. A version is drafted
-- (edited), submitted for review (its content frozen here, with its SHA-256), approved or
-- rejected, then published. Editing a week whose latest version is published starts the next
-- version. The snapshot is what the archive and the mail are made from once approved: never the
-- file on disk, which may have moved on. Times are epoch milliseconds, as in the other tables.
-- status: DRAFT, IN_REVIEW, APPROVED, PUBLISHED.
CREATE TABLE cb_week_version (
  week           VARCHAR(8)    NOT NULL,
  version        INTEGER       NOT NULL,
  status         VARCHAR(12)   NOT NULL,
  content_hash   VARCHAR(64),
  content        BYTEA,
  edited_by      VARCHAR(200),
  edited_at      BIGINT,
  submitted_by   VARCHAR(200),
  submitted_at   BIGINT,
  note           VARCHAR(2000),
  approved_by    VARCHAR(200),
  approved_at    BIGINT,
  release_at     BIGINT,
  published_by   VARCHAR(200),
  published_at   BIGINT,
  rejected_by    VARCHAR(200),
  rejected_at    BIGINT,
  rejection      VARCHAR(2000),
  updated_at     BIGINT        NOT NULL,
  PRIMARY KEY (week, version)
);
-- A correction is delivered through the same ledger under its own key (2024-W51/v2), to the
-- recipients of the earlier version, in the edition they received: the ledger now records the
-- language of each edition sent (empty on rows written before: the list's language then).
ALTER TABLE cb_delivery ALTER COLUMN week SET DATA TYPE VARCHAR(16);
ALTER TABLE cb_delivery_run ALTER COLUMN week SET DATA TYPE VARCHAR(16);
ALTER TABLE cb_delivery ADD COLUMN edition_language VARCHAR(35);
