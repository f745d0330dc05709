import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.math.BigDecimal;
import org.postgresql.PGConnection;

/**
 * The two baselines of the inbound benchmark, on the same CSV file and the same Postgres:
 *   copy-upsert: CopyManager COPY FROM STDIN into a temp staging table, then one INSERT ... ON CONFLICT into
 *                the target table (the practical limit for an idempotent load);
 *   jdbc-batch:  plain JDBC batch inserts of 1000 with reWriteBatchedInserts (what a batch framework writer does).
 * usage: java -cp postgresql.jar Baselines.java copy-upsert|jdbc-batch JDBC_URL USER FILE FILE_ID
 * prints: rows seconds
 */
public class Baselines {

    public static void main(String[] args) throws Exception {
        var mode = args[0];
        var url = args[1] + (mode.equals("jdbc-batch") ? (args[1].contains("?") ? "&" : "?") + "reWriteBatchedInserts=true" : "");
        long fileId = Long.parseLong(args[4]);
        try (Connection c = DriverManager.getConnection(url, args[2], "")) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = mode.equals("copy-upsert") ? copyUpsert(c, args[3], fileId) : batch(c, args[3], fileId);
            c.commit();
            System.out.printf("%d %.3f%n", rows, (System.nanoTime() - start) / 1e9);
        }
    }

    static long copyUpsert(Connection c, String file, long fileId) throws Exception {
        try (var st = c.createStatement()) {
            st.execute("create temp table stage (bucket_id text, security_id text, weight numeric, effective_date date, source text, currency text, asset_class text) on commit drop");
        }
        long rows;
        try (var in = new FileInputStream(file)) {
            rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy stage from stdin with (format csv, header true)", in);
        }
        try (var st = c.prepareStatement("""
                insert into allocation_candidate (bucket_id, security_id, weight, effective_date, source, currency, asset_class, file_id, line_no, file_version)
                select bucket_id, security_id, weight, effective_date, source, currency, asset_class, ?, 0, now() from stage
                on conflict (bucket_id, security_id, effective_date, source) do update set weight = excluded.weight,
                    currency = excluded.currency, asset_class = excluded.asset_class, file_id = excluded.file_id, updated_at = now()""")) {
            st.setLong(1, fileId);
            st.executeUpdate();
        }
        return rows;
    }

    static long batch(Connection c, String file, long fileId) throws Exception {
        long rows = 0;
        try (var in = new BufferedReader(new InputStreamReader(new FileInputStream(file), StandardCharsets.UTF_8), 1 << 16);
             var st = c.prepareStatement("""
                insert into allocation_candidate (bucket_id, security_id, weight, effective_date, source, currency, asset_class, file_id, line_no, file_version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())""")) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                var f = line.split(",", -1);
                st.setString(1, f[0]);
                st.setString(2, f[1]);
                st.setBigDecimal(3, new BigDecimal(f[2]));
                st.setDate(4, Date.valueOf(f[3]));
                st.setString(5, f[4]);
                st.setString(6, f[5]);
                st.setString(7, f[6]);
                st.setLong(8, fileId);
                st.setLong(9, ++rows);
                st.addBatch();
                if (rows % 1000 == 0) {
                    st.executeBatch();
                }
            }
            st.executeBatch();
        }
        return rows;
    }
}
