/**
 * Files and folders written safely: atomic writes, locks, permissions, digests, I/O failures said
 * plainly.
 */
@NullMarked
package org.certbulletin.files;

import org.jspecify.annotations.NullMarked;
