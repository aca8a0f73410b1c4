package org.certbulletin.pgp;

/** What a key is needed for. */
public enum KeyUse {
  SIGN,
  ENCRYPT
}
