using Gonghui.Modules.LaborRelations.Bargaining;
using Gonghui.Modules.LaborRelations.Cultivation;
using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Reports;

/// <summary>
/// Labour-relations figures for the report (DESIGN §6: monitoring and opinion reports; 73 firms cultivated as harmonious employers; collective
/// agreements and their coverage), counted in SQL over the scope; none in the period and scope is flagged no-data.
/// </summary>
internal sealed class LaborIndicators(GonghuiDb db) : IIndicatorSource
{
    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("labor.signals", ReportParts.Rights, "劳动关系风险信号", "Labour-relations risk signals", IndicatorUnit.Count,
            "Risk signals (hotline wage-arrears and collective requests, legal cases, layoffs, social-insurance arrears, negative opinion items, collective incidents) whose date falls in the period, kept under a district union in the scope.", "/labor-relations"),
        new("labor.alerts", ReportParts.Rights, "劳动关系预警", "Labour-relations alerts", IndicatorUnit.Count,
            "Early-warning alerts raised in the period (date raised), assigned to a district union in the scope.", "/labor-relations/alerts"),
        new("labor.alerts.closed", ReportParts.Rights, "预警处置办结", "Alerts closed", IndicatorUnit.Count,
            "Alerts closed with a result in the period (date closed), in the scope.", "/labor-relations/alerts"),
        new("labor.opinion", ReportParts.Rights, "舆情信息", "Opinion items", IndicatorUnit.Count,
            "Opinion items published in the period (Beijing date of publication), kept under a district union in the scope.", "/labor-relations/reports"),
        new("labor.layoffs.mass", ReportParts.Rights, "达到第四十一条标准的裁员报告", "Layoffs reportable under Art. 41", IndicatorUnit.Count,
            "Layoff reports recorded in the period (date recorded) of 20 or more workers, or fewer but 10 % or more of the workforce, in the scope.", "/labor-relations/brief"),
        new("labor.agreements.signed", ReportParts.Rights, "签订集体合同", "Collective agreements signed", IndicatorUnit.Count,
            "Collective agreements (comprehensive, special and the 2020 action-plan agreements; enterprise, industry or regional) signed in the period (signing date), kept under a district union in the scope.", "/labor-relations/bargaining"),
        new("labor.agreements.workers", ReportParts.Rights, "集体合同覆盖职工", "Workers covered by collective agreements", IndicatorUnit.Count,
            "Workers covered by the collective agreements in force on the period's last day (filed, effective — 15 days after filing, or their start if later — and not expired), in the scope.", "/labor-relations/bargaining"),
        new("labor.cultivated-firms", ReportParts.Rights, "和谐劳动关系培育企业", "Firms cultivated as harmonious employers", IndicatorUnit.Count,
            "Firms in harmonious-employer cultivation during the period: taken in before the period's end and neither recognised nor withdrawn before its start, kept under a district union in the scope.", "/labor-relations/cultivation"),
        new("labor.cultivated-firms.recognized", ReportParts.Rights, "认定和谐劳动关系企业", "Harmonious employers recognised", IndicatorUnit.Count,
            "Cultivated firms recognised as harmonious employers in the period (recognition date), in the scope.", "/labor-relations/cultivation"),
        new("labor.health-checks", ReportParts.Rights, "法治体检", "Legal health checks", IndicatorUnit.Count,
            "Legal health checks of cultivated firms made in the period (check date) by the lawyer teams, of firms in the scope.", "/labor-relations/cultivation"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery q, CancellationToken ct)
    {
        var f = new Filters(db, q.From, q.To);
        var scope = q.ScopePath;
        var layoffs = f.Layoffs.InScope(scope, l => l.ScopePath);
        var any = await layoffs.AnyAsync(ct);
        var inForce = f.InForce.InScope(scope, a => a.ScopePath);
        var covering = await inForce.CountAsync(ct);
        return Values(new Row(
            await f.Signals.InScope(scope, s => s.ScopePath).CountAsync(ct),
            await f.Raised.InScope(scope, a => a.ScopePath).CountAsync(ct),
            await f.Closed.InScope(scope, a => a.ScopePath).CountAsync(ct),
            await f.Opinion.InScope(scope, o => o.ScopePath).CountAsync(ct),
            any ? await layoffs.CountAsync(l => l.MassLayoff, ct) : 0, any ? 1 : 0,
            await f.Signed.InScope(scope, a => a.ScopePath).CountAsync(ct),
            covering, covering == 0 ? 0 : await inForce.SumAsync(a => (long)a.WorkersCovered, ct),
            await f.Cultivated.InScope(scope, c => c.ScopePath).CountAsync(ct),
            await f.Recognized.InScope(scope, c => c.ScopePath).CountAsync(ct),
            await f.Checks.InScope(scope, c => c.ScopePath).CountAsync(ct)));
    }

    /// <summary>One read per figure for all the districts: the same filters as <see cref="ComputeAsync"/>, grouped by the district that holds each row's path.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var f = new Filters(db, query.From, query.To);
        var parent = query.ParentPath;
        async Task<Dictionary<string, long>> CountBy<T>(IQueryable<T> rows, System.Linq.Expressions.Expression<Func<T, string?>> path) =>
            await rows.GroupByBranch(parent, path).Select(g => new { g.Key, N = (long)g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, StringComparer.Ordinal, ct);
        var signals = await CountBy(f.Signals, s => s.ScopePath);
        var raised = await CountBy(f.Raised, a => a.ScopePath);
        var closed = await CountBy(f.Closed, a => a.ScopePath);
        var opinion = await CountBy(f.Opinion, o => o.ScopePath);
        var layoffs = await f.Layoffs.GroupByBranch(parent, l => l.ScopePath).Select(g => new { g.Key, Mass = (long)g.Count(l => l.MassLayoff) })
            .ToDictionaryAsync(x => x.Key, x => x.Mass, StringComparer.Ordinal, ct);
        var signed = await CountBy(f.Signed, a => a.ScopePath);
        var inForce = await f.InForce.GroupByBranch(parent, a => a.ScopePath).Select(g => new { g.Key, N = (long)g.Count(), Workers = g.Sum(a => (long)a.WorkersCovered) })
            .ToDictionaryAsync(x => x.Key, StringComparer.Ordinal, ct);
        var cultivated = await CountBy(f.Cultivated, c => c.ScopePath);
        var recognized = await CountBy(f.Recognized, c => c.ScopePath);
        var checks = await CountBy(f.Checks, c => c.ScopePath);
        return query.DistrictPaths.ToDictionary(d => d, d =>
        {
            var force = inForce.GetValueOrDefault(d);
            return Values(new Row(signals.GetValueOrDefault(d), raised.GetValueOrDefault(d), closed.GetValueOrDefault(d), opinion.GetValueOrDefault(d),
                layoffs.GetValueOrDefault(d), layoffs.ContainsKey(d) ? 1 : 0, signed.GetValueOrDefault(d), force?.N ?? 0, force?.Workers ?? 0,
                cultivated.GetValueOrDefault(d), recognized.GetValueOrDefault(d), checks.GetValueOrDefault(d)));
        }, StringComparer.Ordinal);
    }

    private sealed record Row(long Signals, long Raised, long Closed, long Opinion, long MassLayoffs, long AnyLayoffs, long Signed, long Covering, long Workers,
        long Cultivated, long Recognized, long Checks);

    /// <summary>Each figure's records for the period, before the scope: the one definition both computations filter by scope or group by district.</summary>
    private sealed class Filters(GonghuiDb db, DateOnly from, DateOnly to)
    {
        public IQueryable<RiskSignal> Signals => db.Set<RiskSignal>().AsNoTracking().Where(s => s.OccurredOn >= from && s.OccurredOn < to);
        public IQueryable<RiskAlert> Raised => db.Set<RiskAlert>().AsNoTracking().Where(a => a.RaisedOn >= from && a.RaisedOn < to);
        public IQueryable<RiskAlert> Closed => db.Set<RiskAlert>().AsNoTracking().Where(a => a.ClosedOn >= from && a.ClosedOn < to);
        public IQueryable<OpinionItem> Opinion => db.Set<OpinionItem>().AsNoTracking().Where(o => o.PublishedOn >= from && o.PublishedOn < to);
        public IQueryable<LayoffReport> Layoffs
        {
            get
            {
                var (f, t) = (BeijingTime.StartOfDayUtc(from), BeijingTime.StartOfDayUtc(to));
                return db.Set<LayoffReport>().AsNoTracking().Where(l => l.CreatedAt >= f && l.CreatedAt < t);
            }
        }
        public IQueryable<CollectiveAgreement> Signed => db.Set<CollectiveAgreement>().AsNoTracking().Where(a => a.SignedOn >= from && a.SignedOn < to);
        /// <summary>Agreements in force on the period's last day.</summary>
        public IQueryable<CollectiveAgreement> InForce
        {
            get
            {
                var last = to.AddDays(-1);
                return db.Set<CollectiveAgreement>().AsNoTracking()
                    .Where(a => (a.Status == AgreementStatus.Filed || a.Status == AgreementStatus.Renewed) && a.EffectiveOn <= last && a.ExpiresOn >= last);
            }
        }
        public IQueryable<CultivatedFirm> Cultivated => db.Set<CultivatedFirm>().AsNoTracking().Where(c => c.EnrolledOn < to && (c.EndedOn == null || c.EndedOn >= from));
        public IQueryable<CultivatedFirm> Recognized =>
            db.Set<CultivatedFirm>().AsNoTracking().Where(c => c.Status == CultivationStatus.Recognized && c.EndedOn >= from && c.EndedOn < to);
        /// <summary>One row per health check in the period: the firm checked (whose path decides the scope).</summary>
        public IQueryable<CultivatedFirm> Checks =>
            db.Set<HealthCheck>().AsNoTracking().Where(c => c.CheckedOn >= from && c.CheckedOn < to)
                .Join(db.Set<CultivatedFirm>().AsNoTracking(), c => c.FirmId, f => f.Id, (_, f) => f);
    }

    private static IReadOnlyList<IndicatorValue> Values(Row r)
    {
        string? Flag(long n) => n == 0 ? "no-data" : null;
        return
        [
            new("labor.signals", r.Signals, Flag(r.Signals)), new("labor.alerts", r.Raised, Flag(r.Raised)),
            new("labor.alerts.closed", r.Closed, r.Raised == 0 && r.Closed == 0 ? "no-data" : null),
            new("labor.opinion", r.Opinion, Flag(r.Opinion)), new("labor.layoffs.mass", r.MassLayoffs, r.AnyLayoffs != 0 ? null : "no-data"),
            IndicatorValues.Count("labor.agreements.signed", r.Signed), IndicatorValues.Count("labor.agreements.workers", r.Covering == 0 ? 0 : r.Workers),
            IndicatorValues.Count("labor.cultivated-firms", r.Cultivated), IndicatorValues.Count("labor.cultivated-firms.recognized", r.Recognized),
            IndicatorValues.Count("labor.health-checks", r.Checks),
        ];
    }
}
