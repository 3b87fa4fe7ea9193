package io.parley.common.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StartupFilesTest {

    @Test
    void builtinIsTheCopyOfConfigShippedInParleyWhateverTheWorkingDirectory() throws IOException {
        // Given the default setting, When the workflow is read, Then it is config/workflow.json as packaged by the build
        assertThat(StartupFiles.read("parley.routing.workflow-file", "builtin", "workflow.json")).get()
                .satisfies(file -> {
                    assertThat(file.content()).isEqualTo(Files.readString(Path.of("config/workflow.json")));
                    assertThat(file.source()).isEqualTo("config/workflow.json shipped with Parley");
                });
        assertThat(StartupFiles.read("parley.classification.rules-file", "builtin", "classification-rules.json"))
                .isPresent();
        assertThat(StartupFiles.read("parley.classification.seed-file", "builtin", "classification-seed.tsv"))
                .isPresent();
    }

    @Test
    void aConfiguredFileThatDoesNotExistStopsStartUpNamingTheSettingAndWhereItLooked() {
        assertThatThrownBy(() -> StartupFiles.read("parley.routing.workflow-file", "elsewhere/workflow.json",
                "workflow.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parley.routing.workflow-file=elsewhere/workflow.json: no such file")
                .hasMessageContaining(Path.of("elsewhere/workflow.json").toAbsolutePath().toString())
                .hasMessageContaining("the working directory is");
    }

    @Test
    void aConfiguredFileIsReadAndNoneMeansNone() throws IOException {
        Path file = Files.createTempFile("workflow", ".json");
        Files.writeString(file, "{\"defaultTarget\":[]}");
        assertThat(StartupFiles.read("p", file.toString(), "workflow.json")).get()
                .satisfies(read -> assertThat(read.content()).isEqualTo("{\"defaultTarget\":[]}"));
        assertThat(StartupFiles.read("p", "none", "workflow.json")).isEmpty();
    }
}
