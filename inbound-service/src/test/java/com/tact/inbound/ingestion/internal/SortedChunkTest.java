package com.tact.inbound.ingestion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedChunkTest {

    @Test
    void rowsComeOutInKeyOrderColumnByColumnAndEqualKeysKeepTheirFileOrder() {
        var chunk = new SortedChunk(new int[] {0, 2}, 16);
        chunk.add(2, new String[] {"AB", "x", "C"});
        chunk.add(3, new String[] {"A", "y", "BC"});
        chunk.add(4, new String[] {"A", "z", "BC"});
        chunk.add(5, new String[] {"Ä", "tab\there", "A"});
        chunk.add(6, new String[] {"A", null, "B"});

        assertThat(lines(chunk.sorted())).containsExactly(
                "6\tA\t\\N\tB", "3\tA\ty\tBC", "4\tA\tz\tBC", "2\tAB\tx\tC", "5\tÄ\ttab\\there\tA");
    }

    @Test
    void aLargeChunkKeepsEveryRowOnceInOrder() {
        var random = new Random(7);
        var chunk = new SortedChunk(new int[] {1, 0}, 1024);
        var expected = new ArrayList<String[]>();
        for (int i = 0; i < 50_000; i++) {
            var row = new String[] {"S" + random.nextInt(3), "B" + random.nextInt(500), "v" + i};
            chunk.add(i + 2, row);
            expected.add(new String[] {Integer.toString(i + 2), row[0], row[1], row[2]});
        }
        expected.sort(Comparator.<String[], String>comparing(r -> r[2]).thenComparing(r -> r[1]));  // stable: file order within a key

        assertThat(chunk.rows()).isEqualTo(50_000);
        assertThat(lines(chunk.sorted())).containsExactlyElementsOf(expected.stream().map(r -> String.join("\t", r)).toList());
    }

    @Test
    void withoutKeyColumnsTheFileOrderStays() {
        var chunk = new SortedChunk(new int[0], 16);
        for (int i = 10; i > 0; i--) {
            chunk.add(i, new String[] {"v" + i});
        }
        assertThat(lines(chunk.sorted())).first().isEqualTo("10\tv10");
        assertThat(lines(chunk.sorted())).last().isEqualTo("1\tv1");
    }

    private static List<String> lines(byte[] text) {
        var s = new String(text, StandardCharsets.UTF_8);
        assertThat(s).endsWith("\n");
        return Arrays.asList(s.substring(0, s.length() - 1).split("\n", -1));
    }
}
