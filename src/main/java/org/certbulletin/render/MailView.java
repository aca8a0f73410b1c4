package org.certbulletin.render;

/**
 * What the mail templates see besides the bulletin: the note on the attached PDF, the web address
 * of a public edition, and how to unsubscribe. Absent values are {@code null}.
 */
public record MailView(String attachmentNote, String webUrl, String webNote, String unsubscribe) {}
