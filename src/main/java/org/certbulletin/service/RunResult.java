package org.certbulletin.service;

import org.certbulletin.model.WeekId;

/**
 * How a scheduled run ended.
 *
 * @param retry true when another attempt could still succeed (recipients still due, data missing)
 */
public record RunResult(long runId, WeekId week, boolean succeeded, boolean retry, String detail) {}
