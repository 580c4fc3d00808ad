package dev.activitylive.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.activitylive.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs a user reads: every relative link of the README, CONTRIBUTING and {@code docs/} leads to a file and, with a
 * {@code #fragment}, to a heading there; none leads out of the repository; and the settings table of
 * {@code docs/configuration.md} is the {@link Setting} enum, key by key, with its environment variable, default and
 * minimum.
 */
class DocsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndItsHeadingAndNoneLeavesTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path document : documents()) {
            Matcher link = LINK.matcher(Files.readString(document, StandardCharsets.UTF_8));
            while (link.find()) {
                links++;
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    broken.add(ROOT.relativize(document) + ": " + target + " leads out of the repository");
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path linked = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
                if (!linked.startsWith(ROOT) || !Files.exists(linked)) {
                    broken.add(ROOT.relativize(document) + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
                    broken.add(ROOT.relativize(document) + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(links > 30, "links found: " + links);
        assertEquals(List.of(), broken);
    }

    /** The anchors the headings of a Markdown file get, as a repository host makes them. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!markdown.toString().endsWith(".md")) {
            return anchors;
        }
        Matcher heading = HEADING.matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        while (heading.find()) {
            anchors.add(heading.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    @Test
    void theSettingsTableIsTheSettingEnum() throws IOException {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/configuration.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("| `activity.live.")) {
                List<String> cells = Arrays.stream(line.split("\\|")).map(String::trim).skip(1).toList();
                rows.put(unquoted(cells.get(0)), cells);
            }
        }
        assertEquals(Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toCollection(java.util.TreeSet::new)),
                rows.keySet(), "every setting documented, nothing else");
        for (Setting setting : Setting.values()) {
            List<String> cells = rows.get(setting.key());
            assertEquals(setting.environmentVariable(), unquoted(cells.get(1)), setting.key());
            String documentedDefault = unquoted(cells.get(2));
            assertEquals(setting.defaultText().isEmpty() ? "(empty)" : setting.defaultText(), documentedDefault,
                    setting.key());
            if (setting.kind() == Setting.Kind.NUMBER) {
                assertEquals(Long.toString(setting.minimum()), cells.get(3), setting.key() + " minimum");
            } else {
                assertEquals("", cells.get(3), setting.key() + " has no minimum");
                for (String word : setting.words()) {
                    assertTrue(cells.get(4).contains("`" + word + "`"), setting.key() + " explains " + word);
                }
            }
        }
    }

    private static String unquoted(String cell) {
        return cell.replace("`", "");
    }
}
