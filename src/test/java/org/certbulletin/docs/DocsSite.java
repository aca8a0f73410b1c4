package org.certbulletin.docs;

public final class DocsSite {
  private DocsSite() {}

  public static void main(String[] args) {}
}
