package com.tact.inbound.copybook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte layout a copybook describes: every elementary field with its offset and length, OCCURS flattened,
 * REDEFINES overlaid on the item they redefine, several level-01 records overlaid on the first (as COBOL does for
 * the records of one file). A group's USAGE applies to its items.
 */
public final class RecordLayout {

    /** More flattened fields than this is a layout nobody reads field by field. */
    static final int MAX_FIELDS = 10_000;

    private final List<Field> fields;
    private final Map<String, List<Field>> byName = new HashMap<>();
    private final int length;

    private RecordLayout(List<Field> fields, int length) {
        this.fields = List.copyOf(fields);
        this.length = length;
        for (var f : fields) {
            byName.computeIfAbsent(f.name(), k -> new ArrayList<>(1)).add(f);
        }
    }

    /** The layout of a copybook's text. */
    public static RecordLayout of(String copybook) {
        return of(Copybook.parse(copybook));
    }

    /** The layout of entries (from a copybook or the equivalent JSON layout). */
    public static RecordLayout of(List<Entry> entries) {
        var roots = tree(entries);
        var fields = new ArrayList<Field>();
        int length = 0;
        for (int r = 0; r < roots.size(); r++) {
            var root = roots.get(r);
            if (root.entry.redefines() != null && r == 0) {
                throw CopybookException.at(root.entry.line(), root.entry.name() + " redefines nothing before it");
            }
            // the records of one file share their bytes: each level-01 starts at 0
            size(root);
            root.offset = 0;
            flatten(root, 0, "", new ArrayList<>(), roots.size() > 1 || root.alternative, fields);
            length = Math.max(length, root.size * root.entry.occurs());
        }
        if (fields.isEmpty()) {
            throw new CopybookException("the layout has no elementary items (no PIC)");
        }
        return new RecordLayout(fields, length);
    }

    public int length() {
        return length;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The field of that name (subscripts included, e.g. {@code LOT-QTY(2)}). */
    public Field field(String name) {
        var found = byName.get(name.toUpperCase(java.util.Locale.ROOT));
        if (found == null) {
            throw new CopybookException("the layout has no field " + name);
        }
        if (found.size() > 1) {
            throw new CopybookException("the layout has " + found.size() + " fields named " + name + "; name one that is unique");
        }
        return found.getFirst();
    }

    public boolean hasGroupOrField(String name) {
        var upper = name.toUpperCase(java.util.Locale.ROOT);
        return fields.stream().anyMatch(f -> f.within(upper));
    }

    private static final class Node {
        final Entry entry;
        final List<Node> children = new ArrayList<>();
        Entry.Usage usage;
        int size;
        int offset;
        boolean alternative;

        Node(Entry entry) {
            this.entry = entry;
        }

        boolean group() {
            return entry.picture() == null;
        }
    }

    private static List<Node> tree(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new CopybookException("the layout has no entries");
        }
        if (entries.getFirst().level() != 1) {
            // a fragment without its 01 level: its items make one record
            entries = new ArrayList<>(entries);
            entries.addFirst(new Entry(1, "FILLER", null, null, 1, null, 0));
        }
        var roots = new ArrayList<Node>();
        var stack = new ArrayList<Node>();
        for (var e : entries) {
            var node = new Node(e);
            while (!stack.isEmpty() && stack.getLast().entry.level() >= e.level()) {
                stack.removeLast();
            }
            if (stack.isEmpty()) {
                if (e.level() != 1 && !roots.isEmpty()) {
                    throw CopybookException.at(e.line(), e.name() + " at level " + e.level() + " belongs to no group");
                }
                roots.add(node);
            } else {
                var parent = stack.getLast();
                if (!parent.group()) {
                    throw CopybookException.at(e.line(), e.name() + " is under " + parent.entry.name() + ", which has a PIC");
                }
                parent.children.add(node);
            }
            stack.add(node);
        }
        return roots;
    }

    /** Sizes bottom-up and offsets of children relative to their group; marks REDEFINES sets. */
    private static void size(Node node) {
        if (!node.group()) {
            node.size = elementarySize(node);
            return;
        }
        if (node.children.isEmpty()) {
            throw CopybookException.at(node.entry.line(), node.entry.name() + " has neither a PIC nor items");
        }
        int cursor = 0;
        Node base = null;
        int baseEnd = 0;
        for (var child : node.children) {
            child.usage = usage(node);
            size(child);
            long total = (long) child.size * child.entry.occurs();
            if (total > Integer.MAX_VALUE / 2) {
                throw CopybookException.at(child.entry.line(), child.entry.name() + " is too large");
            }
            if (child.entry.redefines() != null) {
                if (base == null || !base.entry.name().equals(child.entry.redefines())) {
                    throw CopybookException.at(child.entry.line(), child.entry.name() + " REDEFINES " + child.entry.redefines()
                            + ", which is not the item before it at the same level");
                }
                child.offset = base.offset;
                base.alternative = true;
                child.alternative = true;
                baseEnd = Math.max(baseEnd, child.offset + (int) total);
                cursor = baseEnd;
            } else {
                child.offset = cursor;
                base = child;
                cursor += (int) total;
                baseEnd = cursor;
            }
        }
        node.size = cursor;
    }

    private static int elementarySize(Node node) {
        var e = node.entry;
        var pic = Picture.parse(e.picture(), e.line());
        var usage = usage(node);
        if (pic.alphanumeric()) {
            if (usage != Entry.Usage.DISPLAY) {
                throw CopybookException.at(e.line(), e.name() + ": an alphanumeric PIC must be DISPLAY, not " + usage);
            }
            return pic.digits();
        }
        return switch (usage) {
            case DISPLAY -> pic.digits();
            case PACKED -> pic.digits() / 2 + 1;
            case BINARY, NATIVE_BINARY -> {
                if (pic.digits() > 18) {
                    throw CopybookException.at(e.line(), e.name() + ": a binary field has at most 18 digits");
                }
                yield pic.digits() <= 4 ? 2 : pic.digits() <= 9 ? 4 : 8;
            }
        };
    }

    private static Entry.Usage usage(Node node) {
        if (node.entry.usage() != null) {
            return node.entry.usage();
        }
        return node.usage == null ? Entry.Usage.DISPLAY : node.usage;
    }

    private static void flatten(Node node, int base, String subscripts, List<String> groups, boolean alternative, List<Field> out) {
        var e = node.entry;
        boolean alt = alternative || node.alternative;
        for (int k = 1; k <= e.occurs(); k++) {
            var sub = e.occurs() > 1 ? (subscripts.isEmpty() ? String.valueOf(k) : subscripts + "," + k) : subscripts;
            int start = base + node.offset + (k - 1) * node.size;
            if (node.group()) {
                var inner = new ArrayList<>(groups);
                if (!e.filler()) {
                    inner.add(e.name());
                }
                for (var child : node.children) {
                    flatten(child, start, sub, inner, alt, out);
                }
            } else {
                if (out.size() >= MAX_FIELDS) {
                    throw CopybookException.at(e.line(), "the layout has more than " + MAX_FIELDS + " fields once OCCURS are flattened");
                }
                var pic = Picture.parse(e.picture(), e.line());
                var usage = usage(node);
                var kind = pic.alphanumeric() ? Field.Kind.ALPHANUMERIC : switch (usage) {
                    case DISPLAY -> Field.Kind.ZONED;
                    case PACKED -> Field.Kind.PACKED;
                    case BINARY -> Field.Kind.BINARY;
                    case NATIVE_BINARY -> Field.Kind.NATIVE_BINARY;
                };
                var name = e.name() + (sub.isEmpty() ? "" : "(" + sub + ")");
                out.add(new Field(name, start, node.size, kind, pic.digits(), pic.scale(), pic.signed(), List.copyOf(groups), alt));
            }
        }
    }
}
