using System.Text;
using Gonghui.Platform.Importing;
using MiniExcelLibs;

namespace Gonghui.Tests.Platform;

/// <summary>The generic import pieces every module reuses: encoding detection, rows, columns, error report, CSV writing.</summary>
public sealed class TabularFileTests
{
    static TabularFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Bytes(string s, Encoding e, bool bom = false) => (bom ? e.GetPreamble() : []).Concat(e.GetBytes(s)).ToArray();

    [Theory]
    [InlineData("utf8-bom")]
    [InlineData("utf8")]
    [InlineData("gb18030")]
    public void Encoding_is_detected_and_chinese_survives(string kind)
    {
        const string text = "姓名,城市\r\n欧阳䶮,北京\r\n";
        var bytes = kind switch
        {
            "utf8-bom" => Bytes(text, new UTF8Encoding(true), bom: true),
            "utf8" => Bytes(text, new UTF8Encoding(false)),
            _ => Bytes(text, Encoding.GetEncoding("GB18030")),
        };
        using var file = TabularFile.Open(new MemoryStream(bytes), "x.csv");
        Assert.Equal(["姓名", "城市"], file.Headers);
        var row = Assert.Single(file.Rows());
        Assert.Equal("欧阳䶮", row[0]);
        Assert.Equal(kind == "gb18030" ? "gb18030" : "utf-8", file.DetectedEncoding!.WebName.ToLowerInvariant());
    }

    [Fact]
    public void A_utf8_character_cut_at_the_sniffing_window_is_still_utf8()
    {
        // "中" takes bytes 65,535–65,537: the 64 KB window ends inside it.
        var prefix = "a," + new string('x', 65536 - 3);
        Assert.Equal(65535, Encoding.UTF8.GetByteCount(prefix));
        var bytes = Bytes(prefix + "中\r\n", new UTF8Encoding(false));
        Assert.Equal("utf-8", TabularFile.DetectEncoding(new MemoryStream(bytes)).WebName);
    }

    [Fact]
    public void Row_numbers_match_the_spreadsheet_and_blank_rows_are_skipped()
    {
        const string csv = "a,b\r\n1,\"x, y\"\r\n,\r\n3,\"multi\nline\"\r\n4\r\n";
        using var file = TabularFile.Open(new MemoryStream(Bytes(csv, Encoding.UTF8)), "x.csv");
        var rows = file.Rows().ToList();
        Assert.Equal([2, 4, 5], rows.Select(r => r.RowNumber));
        Assert.Equal("x, y", rows[0][1]);
        Assert.Equal("multi\nline", rows[1][1]);
        Assert.Null(rows[2][1]);
        Assert.Null(rows[2][7]);
        Assert.Equal(1.0, file.Progress);
    }

    [Fact]
    public void Xlsx_cells_become_text_and_dates_iso()
    {
        var ms = new MemoryStream();
        ms.SaveAs(new[] { new Dictionary<string, object?> { ["日期"] = new DateTime(2024, 2, 29), ["数"] = 12.5, ["文"] = "甲" } });
        ms.Position = 0;
        using var file = TabularFile.Open(ms, "x.XLSX");
        var row = Assert.Single(file.Rows());
        Assert.Equal(new string?[] { "2024-02-29", "12.5", "甲" }, row.Values.AsEnumerable());
    }

    [Fact]
    public void Columns_are_found_by_any_name_and_missing_required_ones_are_reported()
    {
        var errors = new List<RowError>();
        var map = new ColumnMap(["NAME", "手机号", "extra"],
            [("name", ["姓名", "name"], true), ("phone", ["手机号", "phone"], false), ("id", ["身份证号", "idNumber"], true), ("card", ["会员卡号"], false)], errors);
        Assert.True(map.Has("name"));
        Assert.False(map.Has("card"));
        Assert.Equal("NAME", map.HeaderOf("name"));
        Assert.Equal("card", map.HeaderOf("card"));
        Assert.Equal("张三", map.Get(new TabularRow(2, [" 张三 ", null, null]), "name"));
        Assert.Equal([new RowError(1, "身份证号", "import.column.missing")], errors);
    }

    [Fact]
    public async Task Error_sink_keeps_the_first_errors_counts_rows_and_streams_every_error_to_the_report()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "sub", "errors.csv");
        await using (var sink = new RowErrorSink(path, code => code == "import.report.header" ? "行号,列,原因" : "原因：" + code, keep: 2))
        {
            sink.Add(new RowError(2, "姓名", "a"));
            sink.Add(new RowError(2, "手机号", "b"));
            sink.Add(new RowError(5, "备注, 其他", "c\"d"));
            Assert.Equal(3, sink.Count);
            Assert.Equal(2, sink.RejectedRows);
            Assert.Equal(2, sink.First.Count);
            Assert.Equal(path, sink.ReportPath);
        }
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("行号,列,原因\r\n2,姓名,原因：a\r\n2,手机号,原因：b\r\n5,\"备注, 其他\",\"原因：c\"\"d\"\r\n".ReplaceLineEndings(),
            Encoding.UTF8.GetString(bytes[3..]).ReplaceLineEndings());

        await using var none = new RowErrorSink(null, c => c);
        none.Add(new RowError(3, "x", "y"));
        Assert.Null(none.ReportPath);
    }

    [Fact]
    public async Task Csv_writer_quotes_and_starts_with_a_bom()
    {
        var ms = new MemoryStream();
        await Csv.WriteAsync(ms, ["名", "备注"], new[] { new string?[] { "甲", "a,b" }, ["乙", null] }.ToAsyncEnumerable());
        var bytes = ms.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("名,备注\r\n甲,\"a,b\"\r\n乙,\r\n", Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal("plain", Csv.Quote("plain"));
        Assert.Equal("\"line\nbreak\"", Csv.Quote("line\nbreak"));
    }
}
