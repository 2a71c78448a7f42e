package dev.swarmlab.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a cell is expected as it is: message keys of {@code reasons.properties} with their parameters,
 * and the concept whose citation ends it, so that it can be said in another language; {@link #text()}
 * says it in English. A key is checked where the reason is made: one the bundle lacks, or given another
 * number of parameters than its text has placeholders, is a bug and fails at once. Placeholders are
 * {@code {0}}, {@code {1}}...; a text is taken as written (no MessageFormat quoting), so apostrophes
 * need no escaping.
 */
public record Reason(List<Part> parts, String concept) {
    /** One message: its key and what fills its placeholders. */
    public record Part(String key, List<String> args) {
        public Part {
            args = List.copyOf(args);
        }
    }

    /** The key of a reason in the lab file's own words, which no bundle translates. */
    public static final String SAID = "said";
    private static final String BUNDLE = "dev.swarmlab.plan.reasons";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");

    public Reason {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a reason says something: no message given");
        }
        parts.forEach(Reason::check);
    }

    /** The message KEY with these parameters, citing nothing (yet). */
    public static Reason of(String key, Object... args) {
        return new Reason(List.of(part(key, args)), "");
    }

    /** A reason in the words the lab file gave it. */
    public static Reason said(String words) {
        return of(SAID, words);
    }

    /** This reason with the citation of concepts.md's KEY at its end ({@link Citations}). */
    public Reason cited(String key) {
        Citations.page(key);
        return new Reason(parts, key);
    }

    /** This reason followed by another message (a default route, said only where it decides). */
    public Reason and(String key, Object... args) {
        List<Part> more = new ArrayList<>(parts);
        more.add(part(key, args));
        return new Reason(more, concept);
    }

    /** The first message's key: which rule or circumstance decided the cell. */
    public String key() {
        return parts.get(0).key();
    }

    /** In English. */
    public String text() {
        return text(Locale.ROOT);
    }

    public String text(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale);
        StringBuilder text = new StringBuilder();
        parts.forEach(p -> text.append(fill(bundle.getString(p.key()), p.args())));
        if (!concept.isEmpty()) {
            text.append(fill(bundle.getString("citation"), List.of(concept, Citations.page(concept), Citations.OBSERVED)));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    static String english(String key, Object... args) {
        return of(key, args).text();
    }

    private static Part part(String key, Object... args) {
        return new Part(key, Arrays.stream(args).map(String::valueOf).toList());
    }

    private static void check(Part part) {
        String text;
        try {
            text = ResourceBundle.getBundle(BUNDLE, Locale.ROOT).getString(part.key());
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no message " + part.key() + " in " + BUNDLE + ": add it", e);
        }
        int placeholders = placeholders(text);
        if (placeholders != part.args().size()) {
            throw new IllegalArgumentException("message " + part.key() + " takes " + placeholders + " parameter(s), given "
                    + part.args().size() + ": " + part.args());
        }
    }

    /** How many parameters a text takes: one more than its highest placeholder. */
    static int placeholders(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        int highest = -1;
        while (m.find()) {
            highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
        return highest + 1;
    }

    private static String fill(String text, List<String> args) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(args.get(Integer.parseInt(m.group(1)))));
        }
        return m.appendTail(out).toString();
    }
}
