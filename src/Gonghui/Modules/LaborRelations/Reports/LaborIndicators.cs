using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Reports;

/// <summary>Labour-relations figures for the report (DESIGN §6: monitoring and opinion reports), counted in SQL over the scope.</summary>
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
        return
        [
            new("labor.signals", signals, Flag(signals)), new("labor.alerts", raised, Flag(raised)), new("labor.alerts.closed", closed, raised == 0 && closed == 0 ? "no-data" : null),
            new("labor.opinion", opinion, Flag(opinion)), new("labor.layoffs.mass", mass, any ? null : "no-data"),
        ];
    }
}
