using System.Globalization;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Organizations.Public;

/// <summary>
/// The filters a report figure's drill-down link carries to the list of its records (issue 19): <c>?from=</c> / <c>?to=</c>, a period
/// [from, to) of Beijing dates (ISO, end exclusive, as the report's), and <c>?unit=</c>, a unit whose subtree the list narrows to.
/// The list's scope filter still applies; the unit must lie within the caller's scope. Which date of a record the period filters is
/// the list's own (the one the figure counts by): documented beside each list in docs/reports.md.
/// </summary>
public sealed record DrillFilter(DateOnly? From, DateOnly? To, Guid? UnitId, string? UnitPath)
{
    public static readonly DrillFilter None = new(null, null, null, null);

    public bool IsEmpty => From is null && To is null && UnitPath is null;

    /// <summary>The unit's name, for the page's notice (<see cref="DrillNotice"/>); null without a unit.</summary>
    public string? UnitName { get; init; }

    /// <summary>The period's bounds as UTC instants (Beijing midnights), for timestamp columns.</summary>
    public DateTimeOffset? FromUtc => From is { } f ? BeijingTime.StartOfDayUtc(f) : null;
    public DateTimeOffset? ToUtc => To is { } t ? BeijingTime.StartOfDayUtc(t) : null;

    /// <summary>
    /// Checks the filters, adding an error that names the field: <c>to</c> not after <c>from</c>, a <c>unit</c> that is not a unit within
    /// <paramref name="scope"/>. Null when there is an error.
    /// </summary>
    public static async Task<DrillFilter?> ReadAsync(GonghuiDb db, string scope, DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct)
    {
        if (from is { } f0 && !InRange(f0)) errors.Add("from", RangeError("from"));
        if (to is { } t0 && !InRange(t0)) errors.Add("to", RangeError("to"));
        if (from is { } f && to is { } t && t <= f) errors.Add("to", "to must be after from.");
        string? path = null, name = null;
        if (unit is { } id)
        {
            var found = await db.UnitRows().AsNoTracking().InScope(scope, u => u.Path).Where(u => u.Id == id).Select(u => new { u.Path, u.Name }).FirstOrDefaultAsync(ct);
            (path, name) = (found?.Path, found?.Name);
            if (path is null) errors.Add("unit", "unit is not a unit within your scope.");
        }
        return errors.Any ? null : new DrillFilter(from, to, unit, path) { UnitName = name };
    }

    /// <summary>A list request's filters checked in the caller's scope (<see cref="ReadAsync"/>); <see cref="None"/> when it has none, without
    /// reading the caller's scope. The one way the drill-down lists read them.</summary>
    public static async Task<DrillFilter?> ForCallerAsync(GonghuiDb db, CurrentUser me, DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        from is null && to is null && unit is null ? None : await ReadAsync(db, await me.ScopePathAsync(ct), from, to, unit, errors, ct);

    /// <summary>
    /// A page's query values (strings, as <c>[SupplyParameterFromQuery]</c> gives them) read as the API binds them: each that is not a
    /// yyyy-MM-dd date or a unit id adds an error naming its field (<see cref="DrillNotice"/> words it).
    /// </summary>
    public static (DateOnly? From, DateOnly? To, Guid? Unit) Parse(string? from, string? to, string? unit, Api.Errors errors)
    {
        if (!TryParseDate(from, out var f)) errors.Add("from", RangeError("from"));
        if (!TryParseDate(to, out var t)) errors.Add("to", RangeError("to"));
        Guid? u = null;
        if (!string.IsNullOrWhiteSpace(unit))
        {
            if (Guid.TryParse(unit, out var g)) u = g;
            else errors.Add("unit", "unit must be a unit id.");
        }
        return (f, t, u);
    }

    /// <summary>The first of the drill-down fields with an error in <paramref name="errors"/> (what <see cref="DrillNotice"/> shows), or null.</summary>
    public static string? ErrorField(Api.Errors errors) =>
        new[] { "from", "to", "unit" }.FirstOrDefault(f => errors.FirstFor(f) is not null);

    /// <summary>The years a period may name (a record's date, a report's period): outside them a date is a 400, not a time before year 1
    /// once shifted to UTC (a 500 in <see cref="FromUtc"/>) or a day before <see cref="DateOnly.MinValue"/> (in the page's notice).</summary>
    public static bool InRange(DateOnly d) => d.Year is >= 1900 and <= 2999;

    private static string RangeError(string field) => $"{field} must be a date (yyyy-MM-dd) between 1900 and 2999.";

    /// <summary>A page's query value for <c>from</c> / <c>to</c>: null when absent; false when it is not a yyyy-MM-dd date of 1900–2999.</summary>
    public static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || !InRange(d)) return false;
        date = d;
        return true;
    }

    /// <summary>The filters as query-string pairs ("&amp;from=2020-01-01&amp;to=2021-01-01&amp;unit=…"), for a page's pager links; empty when none.</summary>
    public string QueryString =>
        (From is { } f ? "&from=" + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")
        + (To is { } t ? "&to=" + t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")
        + (UnitId is { } u ? "&unit=" + u : "");
}
