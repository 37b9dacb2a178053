package io.deepsentiment.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code deepsentiment-spark}: jobs that run on Apache Spark. */
@Command(name = "deepsentiment-spark", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sentiment jobs on Apache Spark.", subcommands = ScoreCommand.class)
public final class Main implements Runnable {

    /** The build's version, from deepsentiment-spark.properties (filtered by Maven). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/deepsentiment-spark.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"deepsentiment-spark " + properties.getProperty("version", "unknown")};
        }
    }

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
