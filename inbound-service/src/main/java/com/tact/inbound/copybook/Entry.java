package com.tact.inbound.copybook;

/**
 * One data description entry of a copybook (or of the equivalent JSON layout): level, name (FILLER when
 * unnamed), picture (null for a group), usage (inherited from the group when null), OCCURS count (1 when
 * absent) and the name it REDEFINES. {@code line} is where it starts in the copybook (0 for JSON).
 */
public record Entry(int level, String name, String picture, Usage usage, int occurs, String redefines, int line) {

    public enum Usage { DISPLAY, PACKED, BINARY, NATIVE_BINARY }

    public Entry {
        if (occurs < 1) {
            throw CopybookException.at(line, name + ": OCCURS must be at least 1");
        }
    }

    public boolean filler() {
        return name == null || name.equalsIgnoreCase("FILLER");
    }

    /** The usage a word names (COMP-3, PACKED-DECIMAL, COMP, BINARY, COMP-5, DISPLAY, ...), or null for another word. */
    public static Usage usage(String word) {
        return switch (word.toUpperCase(java.util.Locale.ROOT)) {
            case "DISPLAY" -> Usage.DISPLAY;
            case "COMP-3", "COMPUTATIONAL-3", "PACKED-DECIMAL" -> Usage.PACKED;
            case "COMP", "COMPUTATIONAL", "COMP-4", "COMPUTATIONAL-4", "BINARY" -> Usage.BINARY;
            case "COMP-5", "COMPUTATIONAL-5" -> Usage.NATIVE_BINARY;
            default -> null;
        };
    }
}
