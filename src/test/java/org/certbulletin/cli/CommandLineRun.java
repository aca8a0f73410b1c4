package org.certbulletin.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code cert-bulletin} command line in process and captures what it prints. */
record CommandLineRun(int exitCode, String out, String err) {

  static CommandLineRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CommandLineRun(code, out.toString(), err.toString());
  }

  static String[] join(String[] options, String... args) {
    String[] all = new String[args.length + options.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(options, 0, all, args.length, options.length);
    return all;
  }
}
