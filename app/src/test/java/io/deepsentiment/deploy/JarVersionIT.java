package io.deepsentiment.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepsentiment.serve.ServiceVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged jar names the service's version (the pom's, see ServiceVersionTest) in its manifest and on --version. */
class JarVersionIT {

    @Test
    void the_jar_manifest_and_java_jar_version_name_the_services_version() throws Exception {
        Path jar = Path.of(System.getProperty("deepsentiment.jar", "app/target/deepsentiment.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged jar (run with mvn verify)").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Implementation-Version"))
                    .isEqualTo(ServiceVersion.get());
        }

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--version")
                .redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).isEqualTo("deepsentiment " + ServiceVersion.get());
    }
}
