package com.optaic.jobs.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The version of the code a run executed with: {@code git:<commit>} when the classes come from a git checkout
 * (read from {@code .git/HEAD}, no git process), else {@code jar:<first 16 hex of the jar's SHA-256>}, else
 * {@code unknown}.
 */
public final class CodeVersion {
    private static volatile String cached;

    private CodeVersion() {}

    public static String current() {
        String value = cached;
        if (value == null) {
            value = detect();
            cached = value;
        }
        return value;
    }

    private static String detect() {
        Optional<Path> location = codeLocation();
        if (location.isEmpty()) {
            return "unknown";
        }
        for (Path dir = location.get().toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                Optional<String> commit = gitHead(git);
                if (commit.isPresent()) {
                    return "git:" + commit.get();
                }
                break;
            }
        }
        if (Files.isRegularFile(location.get())) {
            try (InputStream in = Files.newInputStream(location.get())) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
                return "jar:" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
            } catch (IOException | NoSuchAlgorithmException e) {
                return "unknown";
            }
        }
        return "unknown";
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(CodeVersion.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<String> gitHead(Path git) {
        try {
            String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8)
                    .trim();
            if (!head.startsWith("ref: ")) {
                return Optional.of(head);
            }
            String ref = head.substring(5).trim();
            Path refFile = git.resolve(ref);
            if (Files.isRegularFile(refFile)) {
                return Optional.of(
                        Files.readString(refFile, StandardCharsets.UTF_8).trim());
            }
            Path packed = git.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (line.endsWith(" " + ref)) {
                        return Optional.of(line.substring(0, line.indexOf(' ')));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
