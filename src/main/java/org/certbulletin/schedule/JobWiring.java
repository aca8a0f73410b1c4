package org.certbulletin.schedule;

import java.util.List;
import org.certbulletin.service.DaemonNode;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * Gives Quartz the daemon's jobs with their collaborators passed in, instead of looked up by name.
 */
final class JobWiring implements JobFactory {

  private final DaemonNode node;
  private final MisfireTracker misfires;
  private final List<String> lists;

  JobWiring(DaemonNode node, MisfireTracker misfires, List<String> lists) {
    this.node = node;
    this.misfires = misfires;
    this.lists = List.copyOf(lists);
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> type = bundle.getJobDetail().getJobClass();
    if (type == PublishJob.class) {
      return new PublishJob(node, misfires, lists);
    }
    if (type == SendJob.class) {
      return new SendJob(node);
    }
    if (type == BounceJob.class) {
      return new BounceJob(node);
    }
    throw new SchedulerException("no such cert-bulletin job: " + type.getName());
  }
}
