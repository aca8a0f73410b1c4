package org.certbulletin.schedule;

import java.util.concurrent.atomic.AtomicInteger;
import org.certbulletin.service.RunResult;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.listeners.JobListenerSupport;

/** Counts the runs one daemon process did, by outcome, for what it says when it stops. */
final class RunTally extends JobListenerSupport {

  private final AtomicInteger succeeded = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  @Override
  public String getName() {
    return "cert-bulletin-run-tally";
  }

  @Override
  public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
    if (context.getResult() instanceof RunResult result && result.succeeded()) {
      succeeded.incrementAndGet();
    } else {
      failed.incrementAndGet();
    }
  }

  int succeeded() {
    return succeeded.get();
  }

  int failed() {
    return failed.get();
  }
}
