package org.certbulletin.mail;

import jakarta.mail.MessagingException;
import org.certbulletin.model.ProgramName;

/**
 * A list requires encryption and the recipient has no usable key: the message is not built, so it
 * can never go out in clear text, and the recipient stays due until its key is added.
 */
public final class RecipientKeyMissing extends MessagingException {

  RecipientKeyMissing(String problem) {
    super(
        "not sent: the list requires encryption and "
            + problem
            + "; add the recipient's public key (gpg --export --armor ADDRESS) to the keyring and"
            + " run '"
            + ProgramName.command("send")
            + "' again");
  }
}
