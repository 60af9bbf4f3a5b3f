using System.Globalization;

namespace Gonghui.Platform.Money;

/// <summary>An amount of money in integer fen (分). Never floating point.</summary>
public readonly record struct Fen(long Value) : IComparable<Fen>
{
    public static readonly Fen Zero = new(0);

    /// <summary>
    /// The domain maximum of any single amount: 10^12 fen (100 亿元), far above any real grant, fund or payroll and far
    /// below <see cref="long.MaxValue"/>, so sums of millions of capped amounts cannot overflow. Every money field
    /// accepted from outside is checked against it (JSON bodies by <c>Platform/Http/JsonInputGuards</c>, text by
    /// <see cref="TryParseYuan"/>, anything else by <see cref="Check"/>).
    /// </summary>
    public const long MaxValue = 1_000_000_000_000;

    /// <summary>True when |fen| is at most <see cref="MaxValue"/>.</summary>
    public static bool IsWithinLimit(long fen) => fen is >= -MaxValue and <= MaxValue;

    /// <summary>The amount, or a 400 naming <paramref name="field"/> when it is beyond the domain maximum.</summary>
    public static long Check(long fen, string field) => IsWithinLimit(fen) ? fen
        : throw new Http.BadInputException(field, $"An amount may be at most {MaxValue} fen (100 亿元).", "money.tooLarge");
    public static Fen FromYuan(long yuan) => new(checked(yuan * 100));
    public static Fen operator +(Fen a, Fen b) => new(checked(a.Value + b.Value));
    public static Fen operator -(Fen a, Fen b) => new(checked(a.Value - b.Value));
    public static Fen operator -(Fen a) => new(checked(-a.Value));
    public static bool operator <(Fen a, Fen b) => a.Value < b.Value;
    public static bool operator >(Fen a, Fen b) => a.Value > b.Value;
    public static bool operator <=(Fen a, Fen b) => a.Value <= b.Value;
    public static bool operator >=(Fen a, Fen b) => a.Value >= b.Value;
    public int CompareTo(Fen other) => Value.CompareTo(other.Value);

    /// <summary>Parses "1234.56", "¥1,234.56" or "1234" (yuan) into fen, exactly; more than two decimals is refused.</summary>
    public static bool TryParseYuan(string? s, out Fen fen)
    {
        fen = Zero;
        var t = (s ?? "").Trim().Replace("¥", "").Replace("￥", "").Replace(",", "").Replace("元", "");
        if (t.Length == 0) return false;
        var neg = t.StartsWith('-');
        if (neg) t = t[1..];
        var parts = t.Split('.');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiDigit)) return false;
        var frac = parts.Length == 2 ? parts[1] : "";
        if (frac.Length > 2 || !frac.All(char.IsAsciiDigit)) return false;
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var yuan)) return false;
        var cents = frac.Length == 0 ? 0 : int.Parse(frac.PadRight(2, '0'), CultureInfo.InvariantCulture);
        try { fen = new Fen(checked((yuan * 100 + cents) * (neg ? -1 : 1))); } catch (OverflowException) { return false; }
        if (IsWithinLimit(fen.Value)) return true;
        fen = Zero;
        return false;
    }

    /// <summary>¥1,234.56</summary>
    public override string ToString()
    {
        var abs = Math.Abs(Value);
        return (Value < 0 ? "-" : "") + "¥" + (abs / 100).ToString("#,0", CultureInfo.InvariantCulture) + "." + (abs % 100).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Report style: 3.96亿元, 1,307.00万元 or 3,000.00元 (English: 396 million yuan style is left to the caller).</summary>
    public string ToReportString()
    {
        var yuan = Value / 100m;
        if (Math.Abs(yuan) >= 100_000_000m) return (yuan / 100_000_000m).ToString("#,0.00", CultureInfo.InvariantCulture) + "亿元";
        if (Math.Abs(yuan) >= 10_000m) return (yuan / 10_000m).ToString("#,0.00", CultureInfo.InvariantCulture) + "万元";
        return yuan.ToString("#,0.00", CultureInfo.InvariantCulture) + "元";
    }
}
