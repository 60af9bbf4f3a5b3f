using Gonghui.Modules.ModelWorkers.Contest;
using Gonghui.Modules.ModelWorkers.Lectures;
using Gonghui.Modules.ModelWorkers.ReadingRooms;
using Gonghui.Modules.ModelWorkers.Register;
using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Indicators;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.ModelWorkers.Reports;

/// <summary>The module's figures for the report (part "skills": skills, craftsmen, studios, culture), computed in SQL per period and scope.</summary>
internal sealed class ModelWorkerIndicators(GonghuiDb db) : IIndicatorSource
{
    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new("modelworkers.register", ReportParts.SkillsCulture, "劳模先进登记人数", "Model and advanced workers on the register", IndicatorUnit.Count,
            "Register rows in scope whose title was conferred in a year before the period's end (title year < the year of To, or ≤ it when To is not 1 January).", "/model-workers"),
        new("modelworkers.lectures-held", ReportParts.SkillsCulture, "劳模宣讲场次", "Model-worker lectures held", IndicatorUnit.Count,
            "Lectures in state Held whose start falls in the period, asked for by a union in scope.", "/model-workers/lectures?status=Held"),
        new("modelworkers.lecture-attendance", ReportParts.SkillsCulture, "劳模宣讲听众人次", "Lecture attendance (sign-ins)", IndicatorUnit.Count,
            "QR or member-pass sign-ins recorded in the period to lectures asked for by a union in scope.", "/model-workers/lectures"),
        new("modelworkers.care-paid", ReportParts.SkillsCulture, "劳模津贴慰问支出", "Model-worker allowances and grants paid", IndicatorUnit.Fen,
            "Care records in state Paid whose payment falls in the period, of model workers in scope (the warmth fund's ledger payments).", "/model-workers"),
        new("modelworkers.reading-rooms", ReportParts.SkillsCulture, "职工书屋数量", "Workers' reading rooms", IndicatorUnit.Count,
            "Reading rooms in scope registered before the period's end.", "/model-workers/reading-rooms"),
        new("modelworkers.reading-rooms-named", ReportParts.SkillsCulture, "新命名职工书屋示范点", "Reading rooms named demonstration points", IndicatorUnit.Count,
            "Demonstration-point selections (Beijing or national) in state Named, or named and later revoked, whose naming year falls in the period.", "/model-workers/reading-rooms"),
        new("modelworkers.speech-entries", ReportParts.SkillsCulture, "八小时约定演讲比赛参赛人数", "Speech contest entries", IndicatorUnit.Count,
            "Entries from units in scope to speech contests whose year falls in the period.", "/model-workers/contests"),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorQuery q, CancellationToken ct)
    {
        var (from, to) = q.Instants;
        var scope = q.ScopePath;
        var registered = await db.Set<ModelWorker>().InScope(scope, w => w.ScopePath).CountAsync(w => w.Year <= q.To.AddDays(-1).Year, ct);
        var lectures = db.Set<Lecture>().InScope(scope, l => l.ScopePath);
        var held = await lectures.CountAsync(l => l.Status == LectureStatus.Held && l.StartsAt >= from && l.StartsAt < to, ct);
        var attendance = await db.Set<LectureAttendance>().Where(a => a.At >= from && a.At < to)
            .Join(lectures, a => a.LectureId, l => l.Id, (a, _) => a).CountAsync(ct);
        var paid = await db.Set<CareRecord>().InScope(scope, c => c.ScopePath).Where(c => c.Status == CareStatus.Paid && c.PaidAt >= from && c.PaidAt < to)
            .SumAsync(c => (long?)c.AmountFen, ct) ?? 0;
        var rooms = await db.Set<ReadingRoom>().InScope(scope, r => r.ScopePath).CountAsync(r => r.CreatedAt < to, ct);
        var (y0, y1) = (q.From.Year, q.To.AddDays(-1).Year);
        var named = await db.Set<RoomSelection>().InScope(scope, s => s.ScopePath)
            .CountAsync(s => (s.Status == SelectionStatus.Named || s.Status == SelectionStatus.Revoked) && s.NamedYear >= y0 && s.NamedYear <= y1, ct);
        var entries = await db.Set<SpeechEntry>().InScope(scope, e => e.ScopePath)
            .Join(db.Set<SpeechContest>().Where(c => c.Year >= y0 && c.Year <= y1), e => e.ContestId, c => c.Id, (e, _) => e).CountAsync(ct);
        return
        [
            IndicatorValues.Count("modelworkers.register", registered), // none in the period and scope: no-data
            IndicatorValues.Count("modelworkers.lectures-held", held), // none in the period and scope: no-data
            IndicatorValues.Count("modelworkers.lecture-attendance", attendance), // none in the period and scope: no-data
            IndicatorValues.Count("modelworkers.care-paid", paid), // none in the period and scope: no-data
            IndicatorValues.Count("modelworkers.reading-rooms", rooms), // none in the period and scope: no-data
            IndicatorValues.Count("modelworkers.reading-rooms-named", named), // none in the period and scope: no-data
            IndicatorValues.Count("modelworkers.speech-entries", entries), // none in the period and scope: no-data
        ];
    }
}
