package org.certbulletin.model;

/** Told about the progress of a long run, for a progress bar or log lines. */
public interface ProgressListener {

  /** How one week of the run ended. */
  enum Step {
    BUILT,
    FAILED
  }

  /** Nothing to tell. */
  ProgressListener NONE =
      new ProgressListener() {
        @Override
        public void start(String task, int total) {}

        @Override
        public void step(WeekId week, Step outcome) {}

        @Override
        public void finish() {}
      };

  void start(String task, int total);

  void step(WeekId week, Step outcome);

  void finish();
}
