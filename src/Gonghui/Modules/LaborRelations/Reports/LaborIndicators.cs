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
        var signals = await db.Set<RiskSignal>().AsNoTracking().InScope(q.ScopePath, s => s.ScopePath).CountAsync(s => s.OccurredOn >= q.From && s.OccurredOn < q.To, ct);
        var alerts = db.Set<RiskAlert>().AsNoTracking().InScope(q.ScopePath, a => a.ScopePath);
        var raised = await alerts.CountAsync(a => a.RaisedOn >= q.From && a.RaisedOn < q.To, ct);
        var closed = await alerts.CountAsync(a => a.ClosedOn >= q.From && a.ClosedOn < q.To, ct);
        var opinion = await db.Set<OpinionItem>().AsNoTracking().InScope(q.ScopePath, o => o.ScopePath).CountAsync(o => o.PublishedOn >= q.From && o.PublishedOn < q.To, ct);
        var (from, to) = q.Instants;
        var layoffs = db.Set<LayoffReport>().AsNoTracking().InScope(q.ScopePath, l => l.ScopePath).Where(l => l.CreatedAt >= from && l.CreatedAt < to);
        var any = await layoffs.AnyAsync(ct);
        var mass = any ? await layoffs.CountAsync(l => l.MassLayoff, ct) : 0;
        string? Flag(int n) => n == 0 ? "no-data" : null;
        var agreements = db.Set<CollectiveAgreement>().AsNoTracking().InScope(q.ScopePath, a => a.ScopePath);
        var signed = await agreements.CountAsync(a => a.SignedOn >= q.From && a.SignedOn < q.To, ct);
        var last = q.To.AddDays(-1);
        var inForce = agreements.Where(a => (a.Status == AgreementStatus.Filed || a.Status == AgreementStatus.Renewed) && a.EffectiveOn <= last && a.ExpiresOn >= last);
        var covering = await inForce.CountAsync(ct);
        var workers = covering == 0 ? 0 : await inForce.SumAsync(a => (long)a.WorkersCovered, ct);
        var firms = db.Set<CultivatedFirm>().AsNoTracking().InScope(q.ScopePath, f => f.ScopePath);
        var cultivated = await firms.CountAsync(f => f.EnrolledOn < q.To && (f.EndedOn == null || f.EndedOn >= q.From), ct);
        var recognized = await firms.CountAsync(f => f.Status == CultivationStatus.Recognized && f.EndedOn >= q.From && f.EndedOn < q.To, ct);
        var checks = await db.Set<HealthCheck>().AsNoTracking().Where(c => c.CheckedOn >= q.From && c.CheckedOn < q.To)
            .Join(firms, c => c.FirmId, f => f.Id, (c, f) => c.Id).CountAsync(ct);
        return
        [
            new("labor.signals", signals, Flag(signals)), new("labor.alerts", raised, Flag(raised)), new("labor.alerts.closed", closed, raised == 0 && closed == 0 ? "no-data" : null),
            new("labor.opinion", opinion, Flag(opinion)), new("labor.layoffs.mass", mass, any ? null : "no-data"),
            IndicatorValues.Count("labor.agreements.signed", signed), IndicatorValues.Count("labor.agreements.workers", covering == 0 ? 0 : workers),
            IndicatorValues.Count("labor.cultivated-firms", cultivated), IndicatorValues.Count("labor.cultivated-firms.recognized", recognized),
            IndicatorValues.Count("labor.health-checks", checks),
        ];
    }
}
