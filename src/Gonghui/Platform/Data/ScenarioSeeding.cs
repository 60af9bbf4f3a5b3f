namespace Gonghui.Platform.Data;

/// <summary>
/// A module's part of a generated year (<c>gonghui scenario beijing-2020</c>, issue 19.1): after the demo data, it adds records
/// dated in the year through the module's own bulk path, so that its indicators for the whole federation rise by the amounts
/// asked. The Reports module's scenario step computes the year's report, compares it with the review's figures and asks each
/// module for what is missing; it knows no module, only the indicator keys each one says it can raise. Registered in the
/// module's Demo/ folder; runs only in a scenario (configuration Gonghui:Scenario), never with the plain demo.
/// </summary>
public interface IScenarioSeeder
{
    /// <summary>The indicator keys (the module's own) this seeder can raise.</summary>
    IReadOnlyCollection<string> Keys { get; }

    /// <summary>
    /// Adds records dated in <paramref name="year"/> so that each key of <paramref name="missing"/> rises by its amount (a count,
    /// or fen) for the federation, leaving the module's other seeded figures alone where it can. A zero amount asks for nothing.
    /// </summary>
    Task AddAsync(IServiceProvider services, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct);
}

/// <summary>Spreads an amount over a number of records: whole shares that sum to it exactly (the last ones one unit more).</summary>
public static class ScenarioShares
{
    public static long[] Split(long total, int count)
    {
        if (count <= 0) return [];
        var each = total / count;
        var rest = total - each * count;
        var shares = new long[count];
        for (var i = 0; i < count; i++) shares[i] = each + (i >= count - rest ? 1 : 0);
        return shares;
    }

    /// <summary>Beijing dates of <paramref name="year"/> spread evenly over its days (the i-th of n).</summary>
    public static DateOnly DayOf(int year, int i, int n)
    {
        var days = DateTime.IsLeapYear(year) ? 366 : 365;
        return new DateOnly(year, 1, 1).AddDays((int)((long)i * days / Math.Max(1, n)) % days);
    }
}
