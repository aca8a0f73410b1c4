/** OpenPGP keys: reading and checking them, signing with ours and encrypting to readers' keys. */
@NullMarked
package org.certbulletin.pgp;

import org.jspecify.annotations.NullMarked;
