-- One row per daemon process that used this database: who it is, where it runs, and when it last
-- checked in. A node that stops cleanly records when; one that dies just stops checking in.
CREATE TABLE cb_node (
  node_id        VARCHAR(64)   PRIMARY KEY,
  host           VARCHAR(255)  NOT NULL,
  pid            BIGINT        NOT NULL,
  started_at     BIGINT        NOT NULL,
  checked_in_at  BIGINT        NOT NULL,
  stopped_at     BIGINT,
  clustered      BOOLEAN       NOT NULL,
  schedule       VARCHAR(600)  NOT NULL
);
CREATE INDEX cb_node_checked_in ON cb_node (checked_in_at);
-- A row to lock (SELECT ... FOR UPDATE) while a node decides whether it may join, so that two
-- nodes starting at once decide one after the other.
CREATE TABLE cb_node_admission (
  name  VARCHAR(20)  PRIMARY KEY
);
INSERT INTO cb_node_admission (name) VALUES ('nodes');
-- Facts about the whole cluster: 'archive' is the id of the one output folder its nodes share
-- (the same id is in that folder's state/archive-id).
CREATE TABLE cb_cluster (
  name   VARCHAR(40)   PRIMARY KEY,
  val    VARCHAR(200)  NOT NULL
);
