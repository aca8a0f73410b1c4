package org.certbulletin.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the used heap every few milliseconds and remembers the highest value seen. */
final class HeapSampler {

  private final AtomicLong peak = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private HeapSampler() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    thread =
        new Thread(
            () -> {
              while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    thread.setDaemon(true);
  }

  static HeapSampler start() {
    HeapSampler sampler = new HeapSampler();
    sampler.thread.start();
    return sampler;
  }

  /** Stops sampling and returns the peak in bytes. */
  long stop() {
    running.set(false);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return peak.get();
  }
}
