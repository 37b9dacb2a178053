package io.deepsentiment.serve;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Downloads as CSV (RFC 4180, UTF-8, a header row) or JSON, chosen by {@code ?format=csv|json}
 * (JSON by default). Cells that a spreadsheet would run as a formula (starting with =, +, -, @) get
 * a leading apostrophe.
 */
final class CsvDownload {

    private CsvDownload() {}

    /** True for {@code ?format=csv}, false for none or {@code json}; 400 for anything else. */
    static boolean wantsCsv(Context ctx) {
        String format = ctx.queryParam("format");
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw ApiException.badRequest("invalid_field", "format must be csv or json");
    }

    /** Answers {@code rows} under {@code header} as a CSV attachment named {@code filename}. */
    static void send(Context ctx, String filename, List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                .get())) {
            for (List<Object> row : rows) {
                csv.printRecord(row.stream().map(CsvDownload::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        ctx.result(out.toString());
    }

    private static Object cell(Object value) {
        if (value instanceof String text && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value == null ? "" : value;
    }
}
