using Gonghui.Modules.Hotline.Requests;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;
using static Gonghui.Platform.Indicators.IndicatorValues;

namespace Gonghui.Modules.Hotline.Indicators;

/// <summary>
/// The hotline's figures of the annual report: requests received (in all and by channel) and the three rates of the return
/// visits, computed by the module's own <see cref="HotlineRates"/> counts and <see cref="Rules.RateFormula"/>.
/// </summary>
public sealed class HotlineIndicators(GonghuiDb db, HotlineRates rates) : IIndicatorSource
{
    private const string Received = "hotline requests (all channels, duplicates merged into another request included) whose received time falls in the period, " +
        "counted where the request now lies (its handling unit after dispatch, the federation before)";

    private const string Visits = "return visits that reached the worker, whose visit time falls in the period, of requests whose visiting handling unit lies in the scope";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("hotline.requests", ReportParts.Hotline, "12351热线受理诉求", "Hotline requests received", IndicatorUnit.Count, Received + ".", "/hotline?from={from}&to={to}&unit={unit}"),
        new("hotline.requests.phone", ReportParts.Hotline, "电话受理诉求", "Requests received by phone", IndicatorUnit.Count, "Of hotline.requests, those of channel Phone.", "/hotline"),
        new("hotline.requests.portal", ReportParts.Hotline, "网上受理诉求", "Requests received on the portal", IndicatorUnit.Count, "Of hotline.requests, those of channel Portal (the worker portal).", "/hotline"),
        new("hotline.requests.api", ReportParts.Hotline, "接口受理诉求", "Requests received through the API", IndicatorUnit.Count, "Of hotline.requests, those of channel Api (partner systems).", "/hotline"),
        new("hotline.requests.open311", ReportParts.Hotline, "Open311受理诉求", "Requests received through Open311", IndicatorUnit.Count, "Of hotline.requests, those of channel Open311.", "/hotline"),
        new("hotline.visits", ReportParts.Hotline, "有效回访", "Valid return visits", IndicatorUnit.Count, "Count of " + Visits + "; the base of the three rates.", "/hotline/rates"),
        new("hotline.response-rate", ReportParts.Hotline, "响应率", "Response rate", IndicatorUnit.BasisPoints,
            "Of the " + Visits + ": the share whose worker was contacted within the contact deadline (RateFormula).", "/hotline/rates"),
        new("hotline.resolution-rate", ReportParts.Hotline, "解决率", "Resolution rate", IndicatorUnit.BasisPoints,
            "Of the " + Visits + ": the share the worker called solved (RateFormula).", "/hotline/rates"),
        new("hotline.satisfaction-rate", ReportParts.Hotline, "满意率", "Satisfaction rate", IndicatorUnit.BasisPoints,
            "Of the " + Visits + ": (satisfied + partly satisfied × the configured weight, 0.9 by default) / visits (RateFormula).", "/hotline/rates"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery query, CancellationToken ct)
    {
        var (from, to) = query.Instants;
        var byChannel = await db.Set<HotlineRequest>().AsNoTracking()
            .InScope(query.ScopePath, r => r.ScopePath, r => r.ScopeDistrict)
            .Where(r => r.ReceivedAt >= from && r.ReceivedAt < to)
            .GroupBy(r => r.Channel).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var (counts, _) = await rates.CompareAsync(from, to, query.ScopePath, query.ScopePath, ct);
        return Values(byChannel.Select(x => (x.Key, x.N)), counts);
    }

    /// <summary>
    /// One read of the parent's requests (grouped by handling unit and channel) and one of its return visits (grouped by visiting
    /// unit), added up for each district's subtree.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var (from, to) = query.Parent.Instants;
        var received = await db.Set<HotlineRequest>().AsNoTracking()
            .InScope(query.ParentPath, r => r.ScopePath, r => r.ScopeDistrict)
            .Where(r => r.ReceivedAt >= from && r.ReceivedAt < to)
            .GroupBy(r => new { r.ScopePath, r.Channel }).Select(g => new { g.Key.ScopePath, g.Key.Channel, N = g.Count() }).ToListAsync(ct);
        var visits = await rates.CountsByUnitAsync(from, to, query.ParentPath, ct);
        return query.DistrictPaths.ToDictionary(d => d, d => Values(
            received.Where(x => ScopeFilter.Covers(d, x.ScopePath)).Select(x => (x.Channel, x.N)),
            visits.Where(v => ScopeFilter.Covers(d, v.Path)).Aggregate(RateCounts.Zero, (a, v) => a + v.Counts)), StringComparer.Ordinal);
    }

    private IReadOnlyList<IndicatorValue> Values(IEnumerable<(Channel Channel, int N)> received, RateCounts counts)
    {
        var byChannel = received.ToList();
        int Of(Channel c) => byChannel.Where(x => x.Channel == c).Sum(x => x.N);
        var r = rates.Rates(counts);
        return
        [
            Count("hotline.requests", byChannel.Sum(x => x.N)),
            Count("hotline.requests.phone", Of(Channel.Phone)),
            Count("hotline.requests.portal", Of(Channel.Portal)),
            Count("hotline.requests.api", Of(Channel.Api)),
            Count("hotline.requests.open311", Of(Channel.Open311)),
            Count("hotline.visits", counts.ValidVisits),
            Rate("hotline.response-rate", r.ResponseRate, counts.ValidVisits),
            Rate("hotline.resolution-rate", r.ResolutionRate, counts.ValidVisits),
            Rate("hotline.satisfaction-rate", r.SatisfactionRate, counts.ValidVisits),
        ];
    }
}
