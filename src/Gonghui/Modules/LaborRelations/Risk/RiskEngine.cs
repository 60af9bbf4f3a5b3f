using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Platform.Calendars;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Risk;

/// <summary>What a recompute did: enterprises scored (any points), by level, alerts raised, followed and escalated, and how long the score took.</summary>
public sealed record RecomputeResult(DateOnly AsOf, int Scored, int Yellow, int Orange, int Red, int Raised, int Followed, int Escalated, HarvestResult Harvested,
    double ScoreMs);

/// <summary>
/// Scores every enterprise in one set-based statement generated from the <see cref="RiskModel"/> (grouped by enterprise and kind, each
/// kind's window and cap applied, summed, levelled), replacing the score table inside one transaction; then raises an alert for each
/// enterprise at or above the model's alert level that has none open, lets open alerts follow a rising score, and escalates alerts not
/// verified in time. <see cref="RecomputeInMemoryAsync"/> is the baseline the bench compares with (rows loaded and scored in .NET).
/// </summary>
public sealed class RiskEngine(GonghuiDb db, LaborScope scope, SignalHandlers signals, CalendarService calendars)
{
    public RiskModel Model { get; } = RiskModel.Default;

    /// <summary>The statement (with {0} = as-of date and {1}… = each kind's window start, in model order), for a model.</summary>
    public static string ScoreSql(RiskModel m)
    {
        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        var points = new StringBuilder("CASE kind");
        var windows = new StringBuilder();
        for (var i = 0; i < m.Weights.Count; i++)
        {
            var w = m.Weights[i];
            var k = I((int)w.Kind);
            points.Append($" WHEN {k} THEN {I(w.Weight)} * (CASE WHEN SUM(units) > {I(w.Cap)} THEN {I(w.Cap)} ELSE SUM(units) END)");
            windows.Append(i == 0 ? "" : " OR ").Append($"(kind = {k} AND occurred_on >= {{{I(i + 1)}}})");
        }
        points.Append(" ELSE 0 END");
        return $$"""
            INSERT INTO labor_risk_scores (enterprise_id, enterprise_name, scope_path, district_code, score, level, as_of)
            SELECT enterprise_id, MAX(enterprise_name), MAX(scope_path), MAX(district_code), SUM(points),
                   CASE WHEN SUM(points) >= {{I(m.Red)}} THEN 3 WHEN SUM(points) >= {{I(m.Orange)}} THEN 2 WHEN SUM(points) >= {{I(m.Yellow)}} THEN 1 ELSE 0 END, {0}
            FROM (SELECT enterprise_id, MAX(enterprise_name) AS enterprise_name, MAX(scope_path) AS scope_path, MAX(district_code) AS district_code,
                         {{points}} AS points
                  FROM labor_signals
                  WHERE occurred_on <= {0} AND ({{windows}})
                  GROUP BY enterprise_id, kind) t
            GROUP BY enterprise_id
            HAVING SUM(points) > 0
            """;
    }

    /// <summary>Every enterprise's score as of <paramref name="asOf"/>, set-based; returns the milliseconds it took.</summary>
    public async Task<double> ScoreAllAsync(DateOnly asOf, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        object[] args = [asOf, .. Model.Weights.Select(w => (object)Model.WindowFrom(w.Kind, asOf))];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM labor_risk_scores", ct);
        await db.Database.ExecuteSqlRawAsync(ScoreSql(Model), args, ct);
        await tx.CommitAsync(ct);
        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>The baseline: the window's signals loaded into memory, scored by <see cref="RiskModel.Explain(DateOnly, IEnumerable{ValueTuple{SignalKind, DateOnly, int}})"/>, written back.</summary>
    public async Task<double> RecomputeInMemoryAsync(DateOnly asOf, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var since = asOf.AddDays(1 - Model.LongestWindow);
        var rows = await db.Set<RiskSignal>().AsNoTracking().Where(s => s.OccurredOn >= since && s.OccurredOn <= asOf)
            .Select(s => new { s.EnterpriseId, s.EnterpriseName, s.ScopePath, s.DistrictCode, s.Kind, s.OccurredOn, s.Units }).ToListAsync(ct);
        var scores = new List<(object, string)>();
        foreach (var g in rows.GroupBy(r => r.EnterpriseId))
        {
            var x = Model.Explain(asOf, g.Select(r => (r.Kind, r.OccurredOn, r.Units)));
            if (x.Score <= 0) continue;
            scores.Add((new RiskScore { EnterpriseId = g.Key, EnterpriseName = g.Max(r => r.EnterpriseName)!, ScopePath = g.Max(r => r.ScopePath)!,
                DistrictCode = g.Max(r => r.DistrictCode)!, Score = x.Score, Level = x.Level, AsOf = asOf }, "system"));
        }
        await db.Database.ExecuteSqlRawAsync("DELETE FROM labor_risk_scores", ct);
        await RowWriter.InsertAsync(db, scores, scope.Now, ct);
        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>Takes new hotline and legal signals, scores every enterprise, and raises, follows and escalates alerts.</summary>
    public async Task<RecomputeResult> RecomputeAsync(CancellationToken ct)
    {
        var asOf = scope.Today;
        var harvested = await signals.HarvestAsync(asOf, Model, ct);
        var ms = await ScoreAllAsync(asOf, ct);
        var byLevel = await db.Set<RiskScore>().GroupBy(s => s.Level).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, ct);
        var (raised, followed, escalated) = await AlertsAsync(asOf, ct);
        return new RecomputeResult(asOf, byLevel.Values.Sum(), byLevel.GetValueOrDefault(RiskLevel.Yellow), byLevel.GetValueOrDefault(RiskLevel.Orange),
            byLevel.GetValueOrDefault(RiskLevel.Red), raised, followed, escalated, harvested, ms);
    }

    private async Task<(int Raised, int Followed, int Escalated)> AlertsAsync(DateOnly asOf, CancellationToken ct)
    {
        var from = Model.AlertFrom;
        var hot = await db.Set<RiskScore>().AsNoTracking().Where(s => s.Level >= from).ToListAsync(ct);
        var open = await db.Set<RiskAlert>().Where(a => a.State != AlertState.Closed).ToListAsync(ct);
        var openBy = open.GroupBy(a => a.EnterpriseId).ToDictionary(g => g.Key, g => g.First());
        var now = scope.Now;
        int raised = 0, followed = 0, escalated = 0;
        var verifyBy = calendars.Current.AddWorkingDays(asOf, AlertWorkflow.VerifyWorkingDays);
        foreach (var s in hot)
        {
            if (openBy.TryGetValue(s.EnterpriseId, out var a))
            {
                if (a.Follow(s.Level, s.Score))
                {
                    db.Add(new RiskAlertEvent { AlertId = a.Id, At = now, Actor = "system", Action = "follow", Note = $"{s.Level} {s.Score}" });
                    followed++;
                }
                continue;
            }
            var (unitId, path) = await scope.DistrictUnionAsync(s.DistrictCode, ct);
            var alert = RiskAlert.Raise(Guid.CreateVersion7(), s.EnterpriseId, s.EnterpriseName, s.DistrictCode, unitId, path, s.Level, s.Score, asOf, verifyBy);
            db.Add(alert);
            db.Add(new RiskAlertEvent { AlertId = alert.Id, At = now, Actor = "system", Action = "raise", Note = $"{s.Level} {s.Score}" });
            raised++;
        }
        foreach (var a in open.Where(a => AlertWorkflow.Overdue(a.State, a.VerifyBy, asOf, a.Escalation)))
        {
            a.Apply(AlertAction.Escalate, null, null, asOf);
            db.Add(new RiskAlertEvent { AlertId = a.Id, At = now, Actor = "system", Action = "escalate", Note = "overdue" });
            escalated++;
        }
        await db.SaveChangesAsync(ct);
        return (raised, followed, escalated);
    }

    /// <summary>One enterprise's score explained term by term, from its signals, as of today.</summary>
    public async Task<RiskExplanation> ExplainAsync(Guid enterpriseId, CancellationToken ct)
    {
        var asOf = scope.Today;
        var since = asOf.AddDays(1 - Model.LongestWindow);
        var rows = await db.Set<RiskSignal>().AsNoTracking().Where(s => s.EnterpriseId == enterpriseId && s.OccurredOn >= since && s.OccurredOn <= asOf)
            .Select(s => new { s.Kind, s.OccurredOn, s.Units }).ToListAsync(ct);
        return Model.Explain(asOf, rows.Select(r => (r.Kind, r.OccurredOn, r.Units)));
    }
}
