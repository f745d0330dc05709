package com.tact.inbound.copybook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the data description entries of a COBOL copybook: fixed format (sequence area in columns 1-6, indicator in
 * column 7, code in 8-72) or free format, {@code *} and {@code *>} comments. Level-88 condition names are skipped;
 * what the decoder cannot honour (RENAMES, OCCURS DEPENDING ON, SYNC, SIGN LEADING or SEPARATE, COMP-1/COMP-2,
 * continuation lines) is refused with the copybook's line, never guessed.
 */
public final class Copybook {

    private static final Set<String> CLAUSES = Set.of("PIC", "PICTURE", "USAGE", "OCCURS", "REDEFINES", "VALUE", "VALUES",
            "SIGN", "SYNC", "SYNCHRONIZED", "JUST", "JUSTIFIED", "BLANK", "INDEXED", "ASCENDING", "DESCENDING", "EXTERNAL",
            "GLOBAL", "RENAMES");
    private static final int MAX_TEXT = 1 << 20;

    private record Token(String text, int line, boolean endsEntry) {
    }

    private Copybook() {
    }

    /** The entries of the copybook, in order. */
    public static List<Entry> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CopybookException("the copybook is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new CopybookException("the copybook is longer than " + MAX_TEXT + " characters");
        }
        var tokens = tokens(text);
        var entries = new ArrayList<Entry>();
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).endsEntry()) {
                var entry = entry(tokens.subList(start, i + 1));
                if (entry != null) {
                    entries.add(entry);
                }
                start = i + 1;
            }
        }
        if (start < tokens.size()) {
            throw CopybookException.at(tokens.get(start).line(), "the entry starting here does not end with a period");
        }
        if (entries.isEmpty()) {
            throw new CopybookException("the copybook declares no data items");
        }
        return entries;
    }

    private static List<Token> tokens(String text) {
        var tokens = new ArrayList<Token>();
        var lines = text.split("\r\n|\r|\n", -1);
        for (int n = 0; n < lines.length; n++) {
            var code = code(lines[n], n + 1);
            int i = 0;
            while (i < code.length()) {
                char c = code.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int end = i;
                if (c == '\'' || c == '"') {
                    end = code.indexOf(c, i + 1);
                    if (end < 0) {
                        throw CopybookException.at(n + 1, "unterminated literal (continuation lines are not supported)");
                    }
                    end++;
                } else {
                    while (end < code.length() && !Character.isWhitespace(code.charAt(end))) {
                        end++;
                    }
                }
                var word = code.substring(i, end);
                boolean period = false;
                if (word.endsWith(".") && word.length() >= 1 && (end == code.length() || Character.isWhitespace(code.charAt(end)))) {
                    period = true;
                    word = word.substring(0, word.length() - 1);
                }
                if (!word.isEmpty()) {
                    tokens.add(new Token(word, n + 1, period));
                } else if (period && !tokens.isEmpty()) {
                    var last = tokens.removeLast();
                    tokens.add(new Token(last.text(), last.line(), true));
                }
                i = end;
            }
        }
        return tokens;
    }

    /** The code part of one line, without sequence area, indicator, identification area or comment. */
    private static String code(String line, int n) {
        String code;
        boolean fixed = line.length() > 6 && line.substring(0, 6).chars().allMatch(ch -> ch == ' ' || Character.isDigit(ch))
                && " */-".indexOf(line.charAt(6)) >= 0;
        if (fixed) {
            char indicator = line.charAt(6);
            if (indicator == '*' || indicator == '/') {
                return "";
            }
            if (indicator == '-') {
                throw CopybookException.at(n, "continuation lines are not supported");
            }
            code = line.substring(7, Math.min(line.length(), 72));
        } else {
            code = line;
            if (code.strip().startsWith("*")) {
                return "";
            }
        }
        int inline = code.indexOf("*>");
        return inline >= 0 ? code.substring(0, inline) : code;
    }

    private static Entry entry(List<Token> tokens) {
        var first = tokens.getFirst();
        int line = first.line();
        int level;
        try {
            level = Integer.parseInt(first.text());
        } catch (NumberFormatException e) {
            throw CopybookException.at(line, "expected a level number, found '" + first.text() + "'");
        }
        if (level == 88) {
            return null;
        }
        if (level == 66) {
            throw CopybookException.at(line, "level 66 (RENAMES) is not supported");
        }
        if (level == 77) {
            level = 1;
        }
        if (level < 1 || level > 49) {
            throw CopybookException.at(line, "level " + level + " is not a data level (01-49, 77, 88)");
        }
        int i = 1;
        String name = null;
        if (i < tokens.size() && !isClause(tokens.get(i).text())) {
            name = tokens.get(i).text().toUpperCase(Locale.ROOT);
            i++;
        }
        String picture = null;
        Entry.Usage usage = null;
        int occurs = 1;
        String redefines = null;
        while (i < tokens.size()) {
            var word = tokens.get(i).text().toUpperCase(Locale.ROOT);
            int at = tokens.get(i).line();
            i++;
            switch (word) {
                case "PIC", "PICTURE" -> {
                    i = skip(tokens, i, "IS");
                    picture = need(tokens, i++, at, "a picture after PIC");
                }
                case "USAGE" -> {
                    i = skip(tokens, i, "IS");
                    var u = need(tokens, i++, at, "a usage after USAGE");
                    usage = Entry.usage(u);
                    if (usage == null) {
                        throw CopybookException.at(at, "usage " + u + " is not supported (DISPLAY, COMP, COMP-3, COMP-4, COMP-5, BINARY, PACKED-DECIMAL)");
                    }
                }
                case "OCCURS" -> {
                    var count = need(tokens, i++, at, "a count after OCCURS");
                    try {
                        occurs = Integer.parseInt(count);
                    } catch (NumberFormatException e) {
                        throw CopybookException.at(at, "OCCURS " + count + ": not a count");
                    }
                    if (occurs < 1 || occurs > 10_000) {
                        throw CopybookException.at(at, "OCCURS " + count + " out of range (1-10000)");
                    }
                    i = skip(tokens, i, "TIMES");
                    if (i < tokens.size() && List.of("TO", "DEPENDING").contains(tokens.get(i).text().toUpperCase(Locale.ROOT))) {
                        throw CopybookException.at(at, "OCCURS DEPENDING ON (variable occurrences) is not supported");
                    }
                }
                case "REDEFINES" -> redefines = need(tokens, i++, at, "a name after REDEFINES").toUpperCase(Locale.ROOT);
                case "VALUE", "VALUES" -> {
                    // the value is not part of the layout: skip it up to the next clause
                    while (i < tokens.size() && !isClause(tokens.get(i).text())) {
                        i++;
                    }
                }
                case "SIGN" -> {
                    i = skip(tokens, i, "IS");
                    var where = need(tokens, i++, at, "LEADING or TRAILING after SIGN").toUpperCase(Locale.ROOT);
                    if (!where.equals("TRAILING") || (i < tokens.size() && tokens.get(i).text().equalsIgnoreCase("SEPARATE"))) {
                        throw CopybookException.at(at, "only the trailing overpunched sign is supported (not SIGN " + where + " or SEPARATE)");
                    }
                }
                case "SYNC", "SYNCHRONIZED" -> throw CopybookException.at(at, "SYNC (slack bytes) is not supported");
                case "JUST", "JUSTIFIED" -> i = skip(tokens, i, "RIGHT");
                case "BLANK" -> {
                    i = skip(tokens, i, "WHEN");
                    i++;
                }
                case "INDEXED" -> {
                    i = skip(tokens, i, "BY");
                    i++;
                }
                case "ASCENDING", "DESCENDING" -> {
                    i = skip(tokens, i, "KEY");
                    i = skip(tokens, i, "IS");
                    i++;
                }
                case "EXTERNAL", "GLOBAL" -> { }
                case "RENAMES" -> throw CopybookException.at(at, "RENAMES is not supported");
                default -> {
                    var u = Entry.usage(word);
                    if (u != null) {
                        usage = u;
                    } else if (word.equals("COMP-1") || word.equals("COMP-2") || word.startsWith("COMPUTATIONAL-")) {
                        throw CopybookException.at(at, word + " (floating point) is not supported");
                    } else {
                        throw CopybookException.at(at, "unexpected '" + tokens.get(i - 1).text() + "' in the entry of "
                                + (name == null ? "FILLER" : name));
                    }
                }
            }
        }
        return new Entry(level, name == null ? "FILLER" : name, picture, usage, occurs, redefines, line);
    }

    private static boolean isClause(String word) {
        var upper = word.toUpperCase(Locale.ROOT);
        return CLAUSES.contains(upper) || Entry.usage(upper) != null;
    }

    private static int skip(List<Token> tokens, int i, String optional) {
        return i < tokens.size() && tokens.get(i).text().equalsIgnoreCase(optional) ? i + 1 : i;
    }

    private static String need(List<Token> tokens, int i, int line, String what) {
        if (i >= tokens.size()) {
            throw CopybookException.at(line, "expected " + what);
        }
        return tokens.get(i).text();
    }
}
