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

  @Override
  public String getName() {
    return "cert-bulletin-misfires";
  }

  @Override
  public void triggerMisfired(Trigger trigger) {
    misfired.add(trigger.getKey());
  }

  /** True, once, if {@code trigger}'s last firing was missed and this execution catches it up. */
  boolean takeCatchUp(TriggerKey trigger) {
    return misfired.remove(trigger);
  }
}
