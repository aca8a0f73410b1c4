package org.certbulletin.http.console;

/**
 * A form a page refuses before any service sees it (two passwords that differ, no file chosen), in
 * the reader's language: the page shows it beside the form, as a 400.
 */
final class FormRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  FormRefusal(String message) {
    super(message, null, false, false);
  }
}
