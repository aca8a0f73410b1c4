package org.certbulletin.render;

/** The email edition of a bulletin: subject line, HTML body (inline styles) and plain-text body. */
public record MailBodies(String subject, String html, String text) {}
