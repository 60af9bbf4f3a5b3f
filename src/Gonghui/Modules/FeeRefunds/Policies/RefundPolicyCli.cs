using System.Globalization;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Cli;
using Gonghui.Platform.Http;
using Gonghui.Platform.Money;
using Gonghui.Modules.FeeRefunds.Refunds;

namespace Gonghui.Modules.FeeRefunds.Policies;

/// <summary>
/// <c>gonghui fee-refunds policy list | history CODE | set CODE [--name N] [--years 2020-2021] [--classes Small,Micro]
/// [--share 100] [--cap 50000|none] --reason R</c>: the same editor as the API and the page, so every change is a new version.
/// </summary>
public static class RefundPolicyCli
{
    public const string Usage = "gonghui fee-refunds policy list | history CODE | set CODE [--name N] [--years 2020-2021] [--classes Small,Micro] [--share 100] [--cap YUAN|none] --reason R";

    public static async Task<int> RunAsync(IServiceProvider sp, Command cmd, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var editor = sp.GetRequiredService<RefundPolicyEditor>();
        var words = cmd.Verb.Skip(2).ToArray(); // after "fee-refunds policy"
        switch (words)
        {
            case ["list"]:
                foreach (var p in await editor.ListAsync(ct))
                    stdout.WriteLine($"{p.Code}\tv{p.Version}\t{p.FromYear}-{p.ToYear}\t{p.Classes}\t{BasisPoints.FormatPercent(p.ShareBp)}%\t{(p.CapFen is { } c ? new Fen(c).ToString() : "no cap")}\t{p.Name}");
                return 0;
            case ["history", var code]:
            {
                var p = await editor.FindByCodeAsync(code.ToUpperInvariant(), ct) ?? throw new CliException($"fee-refunds policy: no policy {code}.");
                foreach (var v in await editor.VersionsAsync(p.Id, ct))
                    stdout.WriteLine($"v{v.Version}\t{v.ChangedAt:yyyy-MM-dd HH:mm}Z\t{v.ChangedBy}\t{v.FromYear}-{v.ToYear}\t{v.Classes}\t{BasisPoints.FormatPercent(v.ShareBp)}%\t{(v.CapFen is { } c ? new Fen(c).ToString() : "no cap")}\t{v.Reason}");
                return 0;
            }
            case ["set", var code]:
                return await SetAsync(editor, code.ToUpperInvariant(), cmd, stdout, stderr, ct);
            default:
                throw new CliException("Usage: " + Usage);
        }
    }

    private static async Task<int> SetAsync(RefundPolicyEditor editor, string code, Command cmd, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var existing = await editor.FindByCodeAsync(code, ct);
        int? from = existing?.FromYear, to = existing?.ToYear;
        if (cmd.Option("--years") is { } years)
        {
            var parts = years.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length is < 1 or > 2 || !parts.All(x => int.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new CliException("fee-refunds policy: --years is YEAR or FROM-TO, e.g. 2020-2021.");
            from = int.Parse(parts[0], CultureInfo.InvariantCulture);
            to = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        }
        var classes = existing?.Rules().Classes.ToList();
        if (cmd.Option("--classes") is { } cls)
        {
            classes = [];
            foreach (var c in cls.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                classes.Add(FeeRecords.TryParseSize(c, out var size) && size is { } s ? s : throw new CliException($"fee-refunds policy: unknown size class '{c}' (Large, Medium, Small, Micro or 大型/中型/小型/微型)."));
        }
        var share = existing?.ShareBp;
        if (cmd.Option("--share") is { } sh) share = BasisPoints.TryParsePercent(sh, out var bp) ? bp : throw new CliException("fee-refunds policy: --share is a percent with at most two decimals, e.g. 100 or 62.5.");
        var cap = existing?.CapFen;
        if (cmd.Option("--cap") is { } cp)
            cap = cp is "none" or "" ? null : Fen.TryParseYuan(cp, out var f) ? f.Value : throw new CliException("fee-refunds policy: --cap is an amount in yuan (at most two decimals) or 'none'.");
        var input = new RefundPolicyInput(code, cmd.Option("--name") ?? existing?.Name, from, to, classes, share, cap, cmd.Option("--reason"), existing?.Version);
        var actor = $"cli:{Environment.UserName}";
        var r = existing is null ? await editor.CreateAsync(input, actor, ct) : await editor.ReviseAsync(existing.Id, input, actor, ct);
        if (!r.IsOk)
        {
            foreach (var (field, problems) in r.Errors ?? new Dictionary<string, string[]>())
                foreach (var problem in problems) stderr.WriteLine($"  {field}: {problem}");
            if (r.Code is { } k) stderr.WriteLine($"  {k}");
            stderr.WriteLine("Nothing was changed.");
            return 1;
        }
        stdout.WriteLine($"{r.Value!.Code} is now version {r.Value.Version}.");
        return 0;
    }
}
