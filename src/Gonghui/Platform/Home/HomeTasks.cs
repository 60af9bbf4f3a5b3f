using Microsoft.EntityFrameworkCore;

namespace Gonghui.Platform.Home;

/// <summary>
/// One module's part of the home page (issue 14.1): what is the signed-in user's to do there, as counts that link to the
/// filtered list showing those rows, and optionally figures to compare (the hotline's three rates). Each module implements
/// it and registers it in its <c>Add&lt;Name&gt;()</c>; the home page knows no module. An implementation shows only what the
/// caller's permissions cover (<see cref="Identity.CurrentUser.Can"/>), counts only within the caller's organisation scope,
/// and keeps every count cheap: an indexed filter, capped like a list's first slice (<see cref="HomeCount.Of{T}"/>).
/// </summary>
public interface IHomeTasks
{
    /// <summary>The module's section for the caller, or null when none of it is theirs.</summary>
    Task<HomeSection?> SectionAsync(CancellationToken ct);
}

/// <summary>A module's section: its title (already localised), its place on the page (lower first), its counts and figures.</summary>
public sealed record HomeSection(string Key, string Title, int Order, IReadOnlyList<HomeCount> Counts, HomeRates? Rates = null);

/// <summary>What is waiting (<see cref="Count"/>, at least that many when <see cref="AtLeast"/>), and the list that shows it.</summary>
public sealed record HomeCount(string Key, string Label, int Count, bool AtLeast, string Href, bool Urgent = false)
{
    /// <summary>"1000+" past the cap, as lists label their capped totals.</summary>
    public string CountLabel => AtLeast ? $"{Count}+" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The capped, cached count of <paramref name="query"/> (the same mechanism as a list's first slice: <see cref="Http.ListCounts"/>).</summary>
    public static async Task<HomeCount> Of<T>(IQueryable<T> query, string key, string label, string href, bool urgent, CancellationToken ct)
    {
        var (total, exact, _) = await Http.ListCounts.CappedCountAsync(query, ct);
        return new HomeCount(key, label, total, !exact, href, urgent);
    }

    /// <summary>
    /// The capped count of a person's own rows (a worker's requests or claims), taken afresh each time: they are few and served
    /// by the person's index, and a cache entry per worker would crowd the shared list-count cache out.
    /// </summary>
    public static async Task<HomeCount> OfOwn<T>(IQueryable<T> query, string key, string label, string href, CancellationToken ct)
    {
        var n = await query.Take(Http.Keyset.CountCap + 1).CountAsync(ct);
        return new HomeCount(key, label, Math.Min(n, Http.Keyset.CountCap), n > Http.Keyset.CountCap, href);
    }
}

/// <summary>Rates this month against last month and a reference (the caller's district, or the city), as fractions 0–1.</summary>
public sealed record HomeRates(string Title, string ThisMonthLabel, string LastMonthLabel, string ReferenceLabel, int ValidVisits,
    IReadOnlyList<HomeRate> Rows, string? Href);

public sealed record HomeRate(string Key, string Label, double? ThisMonth, double? LastMonth, double? Reference);
