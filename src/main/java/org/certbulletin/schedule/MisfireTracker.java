package org.certbulletin.schedule;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.listeners.TriggerListenerSupport;

/**
 * Remembers which triggers Quartz found misfired (their firing passed while the daemon was down or
 * busy), so that the next execution of such a trigger is recorded as a catch-up.
 */
final class MisfireTracker extends TriggerListenerSupport {

  private final Set<TriggerKey> misfired = ConcurrentHashMap.newKeySet();
  private final boolean catchUp;

  /**
   * @param catchUp false when missed firings are skipped, so there is never a catch-up to record
   */
  MisfireTracker(boolean catchUp) {
    this.catchUp = catchUp;
  }

  @Override
  public String getName() {
    return "cert-bulletin-misfires";
  }

  @Override
  public void triggerMisfired(Trigger trigger) {
    if (catchUp || !trigger.getKey().equals(WeeklySchedule.TRIGGER)) {
      misfired.add(trigger.getKey());
    }
  }

  /** True, once, if {@code trigger}'s last firing was missed and this execution catches it up. */
  boolean takeCatchUp(TriggerKey trigger) {
    return misfired.remove(trigger);
  }
}
