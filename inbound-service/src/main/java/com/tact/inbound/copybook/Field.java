package com.tact.inbound.copybook;

import java.util.List;

/**
 * An elementary item of a layout, OCCURS flattened: {@code name} carries its subscripts ({@code LOT-QTY(2)},
 * {@code CELL(1,3)}). {@code offset} and {@code length} are bytes within the record. {@code groups} names the
 * groups it lies in, outermost first; {@code alternative} is true when it or one of them takes part in a REDEFINES
 * (one of several record types sharing the same bytes).
 */
public record Field(String name, int offset, int length, Kind kind, int digits, int scale, boolean signed,
                    List<String> groups, boolean alternative) {

    public enum Kind { ALPHANUMERIC, ZONED, PACKED, BINARY, NATIVE_BINARY }

    public boolean numeric() {
        return kind != Kind.ALPHANUMERIC;
    }

    public boolean filler() {
        return name.startsWith("FILLER");
    }

    /** Whether the field lies in the named group (or is that item). */
    public boolean within(String group) {
        return groups.contains(group) || baseName().equals(group);
    }

    /** The name without subscripts. */
    public String baseName() {
        int paren = name.indexOf('(');
        return paren < 0 ? name : name.substring(0, paren);
    }

    /** The clause as a copybook would write it, for error messages and the record viewer. */
    public String picture() {
        return switch (kind) {
            case ALPHANUMERIC -> "X(" + length + ")";
            case ZONED -> number();
            case PACKED -> number() + " COMP-3";
            case BINARY -> number() + " COMP";
            case NATIVE_BINARY -> number() + " COMP-5";
        };
    }

    private String number() {
        return (signed ? "S" : "") + "9(" + (digits - scale) + ")" + (scale > 0 ? "V9(" + scale + ")" : "");
    }
}
