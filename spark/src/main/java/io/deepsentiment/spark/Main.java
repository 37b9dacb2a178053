package io.deepsentiment.spark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code deepsentiment-spark}: jobs that run on Apache Spark. */
@Command(name = "deepsentiment-spark", mixinStandardHelpOptions = true,
        description = "Sentiment jobs on Apache Spark.", subcommands = ScoreCommand.class)
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
