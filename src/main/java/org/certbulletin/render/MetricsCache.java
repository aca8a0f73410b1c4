package org.certbulletin.render;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Font metrics the PDF renderer computed once, kept for the next render: the fonts never change
 * within a run, and reading their tables again is a large part of each render.
 */
final class MetricsCache implements FSCacheEx<String, FSCacheValue> {

  private final ConcurrentMap<String, FSCacheValue> values = new ConcurrentHashMap<>();

  @Override
  public void put(String key, FSCacheValue value) {
    values.put(key, value);
  }

  @Override
  public FSCacheValue get(String key, Callable<? extends FSCacheValue> loader) {
    return values.computeIfAbsent(
        key,
        k -> {
          try {
            return loader.call();
          } catch (Exception e) {
            throw new IllegalStateException("cannot load font metrics " + k, e);
          }
        });
  }

  @Override
  public FSCacheValue get(String key) {
    return values.get(key);
  }
}
