package io.ipcbench.cli.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipcbench.cli.usage.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a JSON file, turning every way it can be unreadable into one line that names the file. */
final class JsonFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFiles() {
    }

    static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(file + ": missing");
        }
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            if (tree == null || tree.isMissingNode()) {
                throw new CliException(file + ": empty, no JSON in it");
            }
            return tree;
        } catch (JsonProcessingException e) {
            if (e instanceof JsonEOFException || e.getOriginalMessage().contains("end-of-input")) {
                throw new CliException(file + ": truncated JSON, it ends inside a value (" + where(e.getLocation())
                        + "); the run that wrote it was probably interrupted");
            }
            throw new CliException(file + ": not valid JSON (" + where(e.getLocation()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": missing");
        } catch (IOException e) {
            throw new CliException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "position unknown" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
