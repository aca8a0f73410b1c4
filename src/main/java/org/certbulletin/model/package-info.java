/** The data: weeks, bulletins, tallies, advisories, configuration, validated when built. */
@NullMarked
package org.certbulletin.model;

import org.jspecify.annotations.NullMarked;
