using System.Text;

namespace Gonghui.Platform.Money;

/// <summary>An amount in Chinese capital numerals, as vouchers and cheques write it (大写金额): 壹仟贰佰叁拾肆元伍角陆分, 壹万元整, 壹亿零壹万元整.</summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] Places = ["", "拾", "佰", "仟"];
    private static readonly string[] Groups = ["", "万", "亿", "万亿"];
    private static readonly int[] Pow10 = [1, 10, 100, 1000];

    public static string InCapitals(long fen)
    {
        if (fen < 0) return "负" + InCapitals(-fen);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var f = (int)(fen % 10);
        var sb = new StringBuilder();
        if (yuan > 0) sb.Append(Integer(yuan)).Append('元');
        if (jiao == 0 && f == 0) return (yuan == 0 ? "零元" : sb.ToString()) + "整";
        if (jiao > 0) sb.Append(Digits[jiao]).Append('角');
        else if (yuan > 0) sb.Append('零');
        if (f > 0) sb.Append(Digits[f]).Append('分');
        else sb.Append('整');
        return sb.ToString();
    }

    private static string Integer(long n)
    {
        var groups = new List<int>();
        for (; n > 0; n /= 10_000) groups.Add((int)(n % 10_000));
        var sb = new StringBuilder();
        var skipped = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var v = groups[g];
            if (v == 0) { skipped = sb.Length > 0; continue; }
            // A zero between two groups is read once: 壹万零伍, 壹亿零壹万.
            if (sb.Length > 0 && (v < 1000 || skipped)) sb.Append('零');
            skipped = false;
            sb.Append(Group(v)).Append(Groups[g]);
        }
        return sb.ToString();
    }

    private static string Group(int v)
    {
        var sb = new StringBuilder();
        var zero = false;
        for (var i = 3; i >= 0; i--)
        {
            var d = v / Pow10[i] % 10;
            if (d == 0) { zero = sb.Length > 0; continue; }
            if (zero) { sb.Append('零'); zero = false; }
            sb.Append(Digits[d]).Append(Places[i]);
        }
        return sb.ToString();
    }
}
