using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gonghui.Modules.MutualAid.Plans;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.MutualAid.Claims;

/// <summary>One parsed row of a claims spreadsheet.</summary>
public sealed record ClaimRow(int Row, string IdNumber, string? Name, DateOnly AdmittedOn, string Hospital, string? Diagnosis, Bill Bill);

/// <summary>The columns of a claims spreadsheet (中文 or English headers) and the pure per-row parse.</summary>
public static class ClaimRowParser
{
    public static readonly (string Key, string[] Names, bool Required)[] Columns =
    [
        ("idNumber", ["身份证号", "身份证号码", "idNumber", "ID number"], true),
        ("name", ["姓名", "name"], false),
        ("admittedOn", ["入院日期", "就诊日期", "admittedOn"], true),
        ("hospital", ["医院", "医疗机构", "hospital"], true),
        ("diagnosis", ["诊断", "diagnosis"], false),
        ("total", ["医疗总费用", "总费用", "total"], true),
        ("insuranceCovered", ["医保统筹支付", "医保支付", "insuranceCovered"], true),
        ("selfPaid", ["个人自付", "selfPaid"], true),
    ];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy/MM/dd", "yyyyMMdd", "yyyy-M-d", "yyyy.M.d"];

    /// <summary>Where each column of <see cref="Columns"/> is in one file (-1: absent), found once per file.</summary>
    public sealed class Layout(ColumnMap map)
    {
        public readonly int IdNumber = map.IndexOf("idNumber"), Name = map.IndexOf("name"), AdmittedOn = map.IndexOf("admittedOn"),
            Hospital = map.IndexOf("hospital"), Diagnosis = map.IndexOf("diagnosis"), Total = map.IndexOf("total"),
            InsuranceCovered = map.IndexOf("insuranceCovered"), SelfPaid = map.IndexOf("selfPaid");
    }

    public static ClaimRow? Parse(TabularRow row, ColumnMap map, List<RowError> errors) => Parse(row, new Layout(map), errors);

    public static ClaimRow? Parse(TabularRow row, Layout columns, List<RowError> errors)
    {
        var before = errors.Count;
        var id = ColumnMap.Get(row, columns.IdNumber) ?? "";
        if (!ResidentId.TryParse(id, out var info, out _)) errors.Add(new(row.RowNumber, "身份证号", "claim.idNumber"));
        DateOnly admitted = default;
        var dateText = ColumnMap.Get(row, columns.AdmittedOn) ?? "";
        if (!TryParseIsoDate(dateText, out admitted) && !DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out admitted)
            && !(DateTime.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt) && (admitted = DateOnly.FromDateTime(dt)) != default))
            errors.Add(new(row.RowNumber, "入院日期", "claim.date"));
        var hospital = ColumnMap.Get(row, columns.Hospital) ?? "";
        if (hospital.Length is 0 or > 200) errors.Add(new(row.RowNumber, "医院", "claim.hospitalRequired"));
        Fen total = default, insured = default, self = default;
        if (!TryYuan(ColumnMap.Get(row, columns.Total), out total)) errors.Add(new(row.RowNumber, "医疗总费用", "claim.amount"));
        if (!TryYuan(ColumnMap.Get(row, columns.InsuranceCovered), out insured)) errors.Add(new(row.RowNumber, "医保统筹支付", "claim.amount"));
        if (!TryYuan(ColumnMap.Get(row, columns.SelfPaid), out self)) errors.Add(new(row.RowNumber, "个人自付", "claim.amount"));
        if (errors.Count > before) return null;
        var bill = new Bill(total.Value, insured.Value, self.Value);
        if (PayoutRules.ValidateBill(bill) is { } e) { errors.Add(new(row.RowNumber, "医疗总费用", e)); return null; }
        var diagnosis = ColumnMap.Get(row, columns.Diagnosis);
        return new ClaimRow(row.RowNumber, info.Number, ColumnMap.Get(row, columns.Name), admitted, hospital, string.IsNullOrWhiteSpace(diagnosis) ? null : diagnosis[..Math.Min(200, diagnosis.Length)], bill);
    }

    /// <summary>yyyy-MM-dd without the general parser (the common case of a machine-written file).</summary>
    internal static bool TryParseIsoDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        int y = 0, m = 0, d = 0;
        for (var i = 0; i < 4; i++) { if (!char.IsAsciiDigit(s[i])) return false; y = y * 10 + s[i] - '0'; }
        for (var i = 5; i < 7; i++) { if (!char.IsAsciiDigit(s[i])) return false; m = m * 10 + s[i] - '0'; }
        for (var i = 8; i < 10; i++) { if (!char.IsAsciiDigit(s[i])) return false; d = d * 10 + s[i] - '0'; }
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>Plain "123" / "123.4" / "123.45" yuan parsed on the span; anything else (separators, ¥, 元) goes to <see cref="Fen.TryParseYuan"/>.</summary>
    internal static bool TryYuan(string? s, out Fen fen)
    {
        fen = Fen.Zero;
        if (s is { Length: > 0 and <= 15 })
        {
            long yuan = 0, cents = 0;
            int i = 0, fracDigits = -1;
            for (; i < s.Length; i++)
            {
                var c = s[i];
                if (char.IsAsciiDigit(c))
                {
                    if (fracDigits < 0) yuan = yuan * 10 + (c - '0');
                    else if (++fracDigits <= 2) cents = cents * 10 + (c - '0');
                    else break;
                }
                else if (c == '.' && fracDigits < 0 && i > 0) fracDigits = 0;
                else break;
            }
            if (i == s.Length && fracDigits != 0)
            {
                if (fracDigits == 1) cents *= 10;
                if (!Fen.IsWithinLimit(yuan * 100 + cents)) return false; // the domain maximum, as Fen.TryParseYuan
                fen = new Fen(yuan * 100 + cents);
                return true;
            }
        }
        return Fen.TryParseYuan(s, out fen);
    }

    /// <summary>A stable key per (plan, member, admission, hospital, bill) so a file imported twice is refused row by row.</summary>
    public static string ImportRef(Guid planId, string idHash, ClaimRow r)
    {
        var text = $"{planId:N}|{idHash}|{r.AdmittedOn:yyyyMMdd}|{r.Hospital}|{r.Bill.TotalFen}|{r.Bill.SelfPaidFen}";
        return "imp:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
    }

    /// <summary>
    /// The same key as <see cref="ImportRef"/> without the intermediate strings: the text is written as UTF-8 on the stack,
    /// hashed once, and the first 128 bits of the digest come back as the de-duplication key (= <c>HexKey(ref, 4)</c>).
    /// </summary>
    internal static (string Ref, UInt128 Key) ImportRefFast(ReadOnlySpan<byte> planIdN, UInt128 hashHi, UInt128 hashLo, ClaimRow r)
    {
        Span<byte> buf = stackalloc byte[32 + 1 + 64 + 1 + 8 + 1 + 3 * 200 + 1 + 20 + 1 + 20];
        var n = 0;
        planIdN.CopyTo(buf); n += planIdN.Length;
        buf[n++] = (byte)'|';
        Span<byte> raw = stackalloc byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(raw, hashHi);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(raw[16..], hashLo);
        n += LowerHex(raw, buf[n..]);
        buf[n++] = (byte)'|';
        n += Digits8(r.AdmittedOn, buf[n..]);
        buf[n++] = (byte)'|';
        n += Encoding.UTF8.GetBytes(r.Hospital.AsSpan(0, Math.Min(200, r.Hospital.Length)), buf[n..]);
        buf[n++] = (byte)'|';
        r.Bill.TotalFen.TryFormat(buf[n..], out var w, default, CultureInfo.InvariantCulture); n += w;
        buf[n++] = (byte)'|';
        r.Bill.SelfPaidFen.TryFormat(buf[n..], out w, default, CultureInfo.InvariantCulture); n += w;
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(buf[..n], digest);
        var key = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(digest);
        Span<char> text = stackalloc char[44];
        "imp:".CopyTo(text);
        const string digits = "0123456789abcdef";
        for (var i = 0; i < 20; i++) { text[4 + 2 * i] = digits[digest[i] >> 4]; text[5 + 2 * i] = digits[digest[i] & 15]; }
        return (new string(text), key);
    }

    /// <summary>yyyyMMdd as ASCII (the years of a claim, 1–9999, have four digits), as <c>TryFormat(…, "yyyyMMdd")</c> writes it.</summary>
    private static int Digits8(DateOnly d, Span<byte> dest)
    {
        var v = d.Year * 10000 + d.Month * 100 + d.Day;
        for (var i = 7; i >= 0; i--) { dest[i] = (byte)('0' + v % 10); v /= 10; }
        return 8;
    }

    private static int LowerHex(ReadOnlySpan<byte> bytes, Span<byte> dest)
    {
        const string digits = "0123456789abcdef";
        for (var i = 0; i < bytes.Length; i++) { dest[2 * i] = (byte)digits[bytes[i] >> 4]; dest[2 * i + 1] = (byte)digits[bytes[i] & 15]; }
        return bytes.Length * 2;
    }
}
