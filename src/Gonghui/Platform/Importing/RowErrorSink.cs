using System.Text;

namespace Gonghui.Platform.Importing;

/// <summary>
/// Collects an import's row errors with bounded memory: the first <see cref="Keep"/> stay in memory for the page,
/// every one is streamed to the error report file (UTF-8 with BOM, opens in Excel) as it is found.
/// </summary>
public sealed class RowErrorSink(string? reportPath, Func<string, string> localize, int keep = 200) : IAsyncDisposable
{
    private readonly List<RowError> _first = [];
    private StreamWriter? _file;
    private int _lastRow = -1;

    public int Keep { get; } = keep;
    public IReadOnlyList<RowError> First => _first;
    public int Count { get; private set; }
    /// <summary>Distinct rows with at least one error (the file-level header problems count as row 1).</summary>
    public int RejectedRows { get; private set; }
    public string? ReportPath => Count > 0 ? reportPath : null;

    public void Add(RowError e)
    {
        Count++;
        if (e.Row != _lastRow) { RejectedRows++; _lastRow = e.Row; }
        if (_first.Count < Keep) _first.Add(e);
        if (reportPath is null) return;
        if (_file is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(reportPath))!);
            _file = new StreamWriter(reportPath, false, new UTF8Encoding(true), 1 << 16) { NewLine = "\r\n" };
            _file.WriteLine(localize("import.report.header"));
        }
        _file.Write(e.Row);
        _file.Write(',');
        _file.Write(Csv.Quote(e.Column));
        _file.Write(',');
        _file.WriteLine(Csv.Quote(localize(e.Reason)));
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null) await _file.DisposeAsync();
        _file = null;
    }
}

/// <summary>Small CSV helpers shared by error reports and exports.</summary>
public static class Csv
{
    public static string Quote(string? s) =>
        s is null ? "" : s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>An import's empty template: its header line as UTF-8 with BOM, so Excel shows the Chinese.</summary>
    public static byte[] Template(IEnumerable<string> headers) => WithBom(string.Join(',', headers.Select(Quote)) + "\r\n");

    /// <summary>Text as UTF-8 with BOM (the byte-order mark tells Excel the file is UTF-8).</summary>
    public static byte[] WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>Writes a CSV file that Excel opens in Chinese (UTF-8 with BOM), row by row, without buffering the rows.</summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<string?[]> rows, CancellationToken ct = default)
    {
        await using var w = new StreamWriter(output, new UTF8Encoding(true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await w.WriteLineAsync(string.Join(',', headers.Select(Quote)));
        var line = new StringBuilder(256);
        await foreach (var r in rows.WithCancellation(ct))
        {
            line.Clear();
            for (var i = 0; i < r.Length; i++)
            {
                if (i > 0) line.Append(',');
                line.Append(Quote(r[i]));
            }
            line.Append("\r\n");
            await w.WriteAsync(line, ct);
        }
        await w.FlushAsync(ct);
    }
}

/// <summary>How far an import has got: rows read, fraction of the file read, and the phase ("reading", "saving", "done").</summary>
public sealed record ImportProgress(long Rows, double Fraction, string Phase);
