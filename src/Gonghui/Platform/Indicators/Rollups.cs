using Gonghui.Platform.Cli;

namespace Gonghui.Platform.Indicators;

/// <summary>
/// A module's roll-up: small tables of counts and sums that the module keeps on write, in the same transaction as the records they
/// summarise (on every write path of those records), so that an indicator over a year reads a few thousand rows instead of millions.
/// The records stay the truth: <see cref="RebuildAsync"/> recomputes the roll-up from them (for a database written before the roll-up
/// existed, and as the safety net: <c>gonghui rollups rebuild</c>). A module registers it beside its indicator source:
/// <c>services.AddScoped&lt;IRollup, XRollup&gt;()</c>.
/// </summary>
public interface IRollup
{
    /// <summary>The roll-up's name on the command line (the module's indicator prefix, e.g. "mutualaid").</summary>
    string Name { get; }

    /// <summary>Deletes the roll-up and recomputes it from the records, in one transaction; answers the number of records read.</summary>
    Task<long> RebuildAsync(CancellationToken ct);
}

/// <summary><c>gonghui rollups rebuild [--name NAME]</c>: rebuilds every registered roll-up (or the one named) from its records.</summary>
public static class RollupCli
{
    public static async Task<int> RunAsync(IServiceProvider sp, Command cmd, TextWriter @out)
    {
        if (cmd.Verb is not ["rollups", "rebuild"]) throw new CliException("rollups: the only command is 'gonghui rollups rebuild [--name NAME]'.");
        var all = sp.GetServices<IRollup>().ToList();
        var name = cmd.Option("--name");
        var chosen = name is null ? all : all.Where(r => r.Name == name).ToList();
        if (chosen.Count == 0)
            throw new CliException($"rollups: no roll-up named '{name}' (there are: {string.Join(", ", all.Select(r => r.Name))}).");
        foreach (var r in chosen)
        {
            var w = System.Diagnostics.Stopwatch.StartNew();
            var n = await r.RebuildAsync(CancellationToken.None);
            @out.WriteLine($"Roll-up {r.Name}: rebuilt from {n:N0} records in {w.Elapsed.TotalSeconds:0.0} s.");
        }
        return 0;
    }
}
