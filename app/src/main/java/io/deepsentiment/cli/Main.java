package io.deepsentiment.cli;

import io.deepsentiment.hashtag.analysis.StoreException;
import io.deepsentiment.model.artifact.ArtifactException;
import io.deepsentiment.train.data.DataException;
import io.deepsentiment.train.embedding.WordVectorsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code deepsentiment} command line: one subcommand per verb. */
@Command(
        name = "deepsentiment",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        // the subcommands inherit the version: "deepsentiment serve --version" printed nothing
        scope = CommandLine.ScopeType.INHERIT,
        description = "Sentiment analysis of tweets and reviews with a convolutional network.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ServeCommand.class})
public final class Main {

    private Main() {}

    /** {@code --version}: the version the build recorded. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"deepsentiment " + io.deepsentiment.serve.ServiceVersion.get()};
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; user errors print one clear line, no stack trace. */
    public static int run(String... args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof DataException || e instanceof ArtifactException || e instanceof WordVectorsException
                    || e instanceof StoreException || e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
