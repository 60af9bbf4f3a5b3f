using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Gonghui.Platform.Http;
using Sylvan.Data.Csv;

namespace Gonghui.Platform.Importing;

/// <summary>One data row of a spreadsheet: its row number as the user sees it (header is row 1) and its cells as text.</summary>
public readonly record struct TabularRow(int RowNumber, string?[] Values)
{
    public string? this[int column] => column >= 0 && column < Values.Length ? Values[column] : null;
}

/// <summary>A problem with one cell or row of an imported file, as shown in the error report.</summary>
public sealed record RowError(int Row, string Column, string Reason);

/// <summary>
/// Streams rows from CSV (UTF-8 with or without BOM, or GB18030/GBK as Chinese spreadsheets are often saved) or XLSX,
/// without loading the file into memory. Progress is the fraction of the underlying stream read so far.
/// </summary>
public sealed class TabularFile : IDisposable
{
    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly Stream _stream;
    private readonly CsvDataReader? _csv;
    private readonly IEnumerator<IDictionary<string, object?>>? _xlsx;
    private readonly long _length;

    public IReadOnlyList<string> Headers { get; }
    public Encoding? DetectedEncoding { get; }

    private TabularFile(Stream stream, CsvDataReader csv, Encoding encoding)
    {
        _stream = stream;
        _length = stream.CanSeek ? stream.Length : 0;
        _csv = csv;
        DetectedEncoding = encoding;
        Headers = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
    }

    private TabularFile(Stream stream, IEnumerable<IDictionary<string, object?>> rows, IReadOnlyList<string> headers)
    {
        _stream = stream;
        _length = stream.CanSeek ? stream.Length : 0;
        _xlsx = rows.GetEnumerator();
        Headers = headers;
    }

    /// <summary>
    /// Opens by file name: .xlsx is read as a workbook (first sheet), anything else as CSV. A file that is empty or
    /// whose content is not what its name says (a PDF named .xlsx, a workbook or a PDF named .csv, binary data) is
    /// refused with a <see cref="BadInputException"/> naming the <c>file</c> field, which the API answers as a 400.
    /// </summary>
    public static TabularFile Open(Stream stream, string fileName)
    {
        if (WhyNotReadable(stream, fileName) is { } why) throw new BadInputException("file", why.Message, why.Code);
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var headers = MiniExcel.GetColumns(stream, useHeaderRow: true).Select(h => h?.ToString()?.Trim() ?? "").ToList();
                stream.Position = 0;
                var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>();
                return new TabularFile(stream, rows, headers);
            }
            catch (Exception e) when (e is not OperationCanceledException and not BadInputException)
            {
                throw new BadInputException("file", "The file is not a readable .xlsx workbook.", "file.unreadable");
            }
        }
        var encoding = DetectEncoding(stream);
        var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16 });
            return new TabularFile(stream, csv, encoding);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new BadInputException("file", "The file is not a readable CSV file.", "file.unreadable");
        }
    }

    /// <summary>
    /// Why the file cannot be what its name says, from its first bytes (stream position is kept), or null when it may be:
    /// empty; .xlsx but not a zip; CSV/text but a zip (xlsx, docx), an old binary Office file, a PDF, an image, or with
    /// NUL bytes (UTF-16 or binary data).
    /// </summary>
    public static (string Message, string Code)? WhyNotReadable(Stream stream, string fileName)
    {
        var start = stream.CanSeek ? stream.Position : 0;
        var head = new byte[4096];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (stream.CanSeek) stream.Position = start;
        if (n == 0) return ("The file is empty.", "file.empty");
        bool Starts(params byte[] sig) => n >= sig.Length && head.AsSpan(0, sig.Length).SequenceEqual(sig);
        var zip = Starts((byte)'P', (byte)'K', 3, 4);
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            return zip ? null : ("The file is named .xlsx but is not an Excel workbook.", "file.type");
        if (zip || Starts(0xD0, 0xCF, 0x11, 0xE0) || Starts((byte)'%', (byte)'P', (byte)'D', (byte)'F') || Starts(0x89, (byte)'P', (byte)'N', (byte)'G')
            || Starts(0xFF, 0xD8, 0xFF) || Starts((byte)'G', (byte)'I', (byte)'F', (byte)'8') || head.AsSpan(0, n).Contains((byte)0))
            return ("The file is not a CSV text file (save the sheet as CSV or .xlsx).", "file.type");
        return null;
    }

    /// <summary>UTF-8 when the file has a BOM or its first 64 KB decode as strict UTF-8; GB18030 otherwise.</summary>
    public static Encoding DetectEncoding(Stream stream)
    {
        var start = stream.Position;
        var buffer = new byte[65536];
        var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (n >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) return new UTF8Encoding(false);
        // A multi-byte character may be cut at the buffer's end: drop up to 3 trailing bytes before judging.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var cut = 0; cut <= Math.Min(3, n); cut++)
        {
            try { strict.GetCharCount(buffer, 0, n - cut); return new UTF8Encoding(false); }
            catch (DecoderFallbackException) when (n == buffer.Length && cut < 3) { }
            catch (DecoderFallbackException) { break; }
        }
        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>Fraction of the file read, 0 to 1 (0 when the length is unknown).</summary>
    public double Progress => _length > 0 ? Math.Min(1.0, (double)_stream.Position / _length) : 0;

    public IEnumerable<TabularRow> Rows()
    {
        var row = 1;
        if (_csv is not null)
        {
            while (Next(_csv.Read, row + 1))
            {
                row++;
                var values = new string?[Headers.Count];
                var any = false; // a row of empty cells is skipped
                for (var i = 0; i < values.Length && i < _csv.RowFieldCount; i++)
                {
                    var s = _csv.GetString(i);
                    if (s.Length == 0) continue;
                    values[i] = s;
                    any = true;
                }
                if (!any) continue;
                yield return new TabularRow(row, values);
            }
            yield break;
        }
        while (Next(_xlsx!.MoveNext, row + 1))
        {
            row++;
            var dict = _xlsx.Current;
            var values = new string?[Headers.Count];
            for (var i = 0; i < values.Length; i++)
                values[i] = dict.TryGetValue(Headers[i], out var v) ? CellText(v) : null;
            if (values.All(v => v is null)) continue;
            yield return new TabularRow(row, values);
        }
    }

    /// <summary>A row the reader cannot parse (a broken quote, a corrupt sheet) is the file's fault: a 400 naming the row.</summary>
    private static bool Next(Func<bool> read, int row)
    {
        try { return read(); }
        catch (Exception e) when (e is not OperationCanceledException and not BadInputException)
        {
            throw new BadInputException("file", $"Row {row} of the file cannot be read.", "file.row.unreadable");
        }
    }

    private static string? CellText(object? v) => v switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("0.############", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };

    public void Dispose()
    {
        _csv?.Dispose();
        _xlsx?.Dispose();
        _stream.Dispose();
    }
}

/// <summary>Finds each expected column in a file's header row by any of its accepted names (中文 or English).</summary>
public sealed class ColumnMap
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _headers;

    public ColumnMap(IReadOnlyList<string> headers, IEnumerable<(string Key, string[] Names, bool Required)> columns, List<RowError> errors)
    {
        _headers = headers;
        foreach (var (key, names, required) in columns)
        {
            var i = headers.ToList().FindIndex(h => names.Any(n => string.Equals(h, n, StringComparison.OrdinalIgnoreCase)));
            if (i >= 0) _index[key] = i;
            else if (required) errors.Add(new RowError(1, names[0], "import.column.missing"));
        }
    }

    public bool Has(string key) => _index.ContainsKey(key);
    public string? Get(TabularRow row, string key) => _index.TryGetValue(key, out var i) ? row[i]?.Trim() : null;

    /// <summary>The column of <paramref name="key"/> in the file, or -1: for <see cref="Get(TabularRow, int)"/> in a loop over millions of rows.</summary>
    public int IndexOf(string key) => _index.TryGetValue(key, out var i) ? i : -1;

    /// <summary>As <see cref="Get(TabularRow, string)"/> for a column found once with <see cref="IndexOf"/>.</summary>
    public static string? Get(TabularRow row, int column) => column >= 0 ? row[column]?.Trim() : null;

    /// <summary>The column's name as the file's header spells it (for error reports), or the key when absent.</summary>
    public string HeaderOf(string key) => _index.TryGetValue(key, out var i) ? _headers[i] : key;
}

/// <summary>Writes an error report that opens in Excel (UTF-8 with BOM): row, column, reason.</summary>
public static class RowErrorReport
{
    public static async Task WriteCsvAsync(Stream output, IEnumerable<RowError> errors, Func<string, string> localize, CancellationToken ct = default)
    {
        await using var w = new StreamWriter(output, new UTF8Encoding(true), leaveOpen: true);
        await w.WriteLineAsync(localize("import.report.header"));
        foreach (var e in errors)
        {
            ct.ThrowIfCancellationRequested();
            await w.WriteLineAsync($"{e.Row},{Quote(e.Column)},{Quote(localize(e.Reason))}");
        }
    }

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') || s.Contains('\n') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
