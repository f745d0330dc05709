package com.tact.inbound.copybook;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.Locale;

/**
 * A single-byte code page as two 256-entry tables built once from the JDK's charset (module jdk.charsets):
 * decoding a field is a table look-up per byte, with no decoder object per record. Bytes the charset does not map,
 * and control characters, are marked, so that a field holding them is reported rather than read as text.
 */
public enum CodePage {
    CP037("IBM037", true),
    CP1047("IBM1047", true),
    CP500("IBM500", true),
    CP273("IBM273", true),
    ASCII("US-ASCII", false);

    /** In {@link #table()}: the byte is no text character of this code page. */
    static final char NOT_TEXT = '\uFFFF';

    private final String charset;
    private final boolean ebcdic;
    private volatile char[] decode;
    private int[] encode;

    CodePage(String charset, boolean ebcdic) {
        this.charset = charset;
        this.ebcdic = ebcdic;
    }

    /** The code page a feed names: CP037, IBM037, 037, CP1047, CP500, CP273, ASCII (case-insensitive). */
    public static CodePage named(String name) {
        if (name == null) {
            throw new CopybookException("no code page declared; one of " + Arrays.toString(values()));
        }
        var n = name.trim().toUpperCase(Locale.ROOT).replace("-", "");
        for (var cp : values()) {
            var digits = cp.name().substring(2);
            if (n.equals(cp.name()) || n.equals("IBM" + digits) || n.equals(digits) || n.equals(cp.charset.replace("-", ""))) {
                return cp;
            }
        }
        if (n.equals("USASCII")) {
            return ASCII;
        }
        throw new CopybookException("code page " + name + " is not supported; one of " + Arrays.toString(values()));
    }

    public boolean ebcdic() {
        return ebcdic;
    }

    public String charsetName() {
        return charset;
    }

    /** The byte of a space: 0x40 in EBCDIC, 0x20 in ASCII. */
    public byte space() {
        return (byte) (ebcdic ? 0x40 : 0x20);
    }

    /** byte (0-255) -> character, or {@link #NOT_TEXT}. */
    char[] table() {
        build();
        return decode;
    }

    /** character (0-65535) -> byte, or -1. */
    int byteOf(char c) {
        build();
        return encode[c];
    }

    private synchronized void build() {
        if (decode != null) {
            return;
        }
        var cs = Charset.forName(charset);
        var decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        var table = new char[256];
        var reverse = new int[65536];
        Arrays.fill(reverse, -1);
        for (int b = 0; b < 256; b++) {
            char c;
            try {
                c = decoder.decode(ByteBuffer.wrap(new byte[] {(byte) b})).charAt(0);
            } catch (CharacterCodingException e) {
                c = NOT_TEXT;
            }
            if (c != NOT_TEXT && (c < 0x20 || (c >= 0x7F && c <= 0x9F))) {
                c = NOT_TEXT;
            }
            table[b] = c;
            if (c != NOT_TEXT && reverse[c] < 0) {
                reverse[c] = b;
            }
        }
        encode = reverse;
        decode = table;
    }
}
