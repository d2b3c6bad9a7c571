package com.optaic.jobs.cli;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.operators.plan.ExpressionFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The expressions {@code eval} computes, gathered from its {@code --expr-file}, {@code --expr} and {@code --label}
 * arguments in that order; refuses an empty set and an expression named after a key column.
 */
final class EvalExpressionArguments {
    private EvalExpressionArguments() {}

    static ExpressionFile read(List<Path> expressionFiles, List<String> expressions, List<String> labels) {
        ExpressionFile all = new ExpressionFile();
        for (Path file : expressionFiles) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "Cannot read expression file '" + file + "': no such file");
            } catch (CharacterCodingException e) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "Cannot read expression file '" + file + "': it is not UTF-8 text");
            } catch (IOException e) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "Cannot read expression file '" + file + "': " + e.getMessage());
            }
            all.addAll(ExpressionFile.parse(file.toString(), text));
        }
        for (int i = 0; i < expressions.size(); i++) {
            all.addArgument("--expr #" + (i + 1), expressions.get(i), false);
        }
        for (int i = 0; i < labels.size(); i++) {
            all.addArgument("--label #" + (i + 1), labels.get(i), true);
        }
        if (all.definitions().isEmpty()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_OPTION, "nothing to evaluate: give --expr, --label or --expr-file");
        }
        all.definitions().forEach(d -> {
            if (d.name().equals("date") || d.name().equals("asset")) {
                throw new OptaicException(
                        JobsErrorCode.BAD_OPTION, "'" + d.name() + "' is a key column; name the expression otherwise");
            }
        });
        return all;
    }
}
