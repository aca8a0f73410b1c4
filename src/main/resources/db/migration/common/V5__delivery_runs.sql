-- Which run claimed a delivery, and the runs that are sending now. A run holds a row lock on its
-- cb_delivery_run row (an open transaction on its own connection) for as long as it lives; the
-- database drops the lock when the process dies, so a SENDING row whose run's row is not locked
-- belongs to a dead run and is uncertain, while one whose run's row is locked is in flight.
ALTER TABLE cb_delivery ADD COLUMN claimed_by VARCHAR(64);
CREATE TABLE cb_delivery_run (
  run_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
  week          VARCHAR(8)    NOT NULL,
  list_name     VARCHAR(40)   NOT NULL,
  started_at    BIGINT        NOT NULL
);
