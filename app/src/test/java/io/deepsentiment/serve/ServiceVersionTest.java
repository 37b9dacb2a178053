package io.deepsentiment.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepsentiment.cli.Main;
import io.deepsentiment.testing.TinyModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One version for the build, the command line, the API document and /healthz (which the page shows). */
class ServiceVersionTest {

    @Test
    void the_pom_the_command_line_the_api_document_and_healthz_say_the_same_version() throws Exception {
        Matcher pom = Pattern.compile("<artifactId>deepsentiment-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).isTrue();
        String version = pom.group(1);
        assertThat(ServiceVersion.get()).isEqualTo(version);

        assertThat(versionPrinted("--version")).isEqualTo("deepsentiment " + version);
        for (String command : new String[] {"train", "evaluate", "predict", "serve"}) {
            assertThat(versionPrinted(command, "--version")).as("%s --version", command)
                    .isEqualTo("deepsentiment " + version);
        }

        try (SentimentServer server = SentimentServer.start(ServeOptions.defaults(0,
                Map.of("tiny", TinyModel.threeLabels())))) {
            ApiClient client = new ApiClient(server.port());
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(client.get("/openapi.json").body()).at("/info/version").asText()).isEqualTo(version);
            assertThat(json.readTree(client.get("/healthz").body()).get("version").asText()).isEqualTo(version);
            assertThat(client.get("/").body()).contains("id=\"service-version\"");
        }
    }

    private static String versionPrinted(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(out);
        }
        return printed.toString(StandardCharsets.UTF_8).strip();
    }
}
