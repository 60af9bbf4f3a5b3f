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
        var f = new Filters(db, q.From, q.To);
        var scope = q.ScopePath;
        return Values(
            await f.Register.InScope(scope, w => w.ScopePath).CountAsync(ct),
            await f.Held.InScope(scope, l => l.ScopePath).CountAsync(ct),
            await f.Attendance.InScope(scope, l => l.ScopePath).CountAsync(ct),
            await f.Paid.InScope(scope, c => c.ScopePath).SumAsync(c => (long?)c.AmountFen, ct) ?? 0,
            await f.Rooms.InScope(scope, r => r.ScopePath).CountAsync(ct),
            await f.Named.InScope(scope, s => s.ScopePath).CountAsync(ct),
            await f.Entries.InScope(scope, e => e.ScopePath).CountAsync(ct));
    }

    /// <summary>One read per figure for all the districts: the same filters as <see cref="ComputeAsync"/>, grouped by the district that holds each row's path.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IndicatorValue>>> ComputeByDistrictAsync(DistrictQuery query, CancellationToken ct)
    {
        var f = new Filters(db, query.From, query.To);
        var parent = query.ParentPath;
        var registered = await Counts(f.Register.GroupByBranch(parent, w => w.ScopePath).Select(g => new { g.Key, N = (long)g.Count() }).ToListAsync(ct), x => x.Key, x => x.N);
        var held = await Counts(f.Held.GroupByBranch(parent, l => l.ScopePath).Select(g => new { g.Key, N = (long)g.Count() }).ToListAsync(ct), x => x.Key, x => x.N);
        var attendance = await Counts(f.Attendance.GroupByBranch(parent, l => l.ScopePath).Select(g => new { g.Key, N = (long)g.Count() }).ToListAsync(ct), x => x.Key, x => x.N);
        var paid = await Counts(f.Paid.GroupByBranch(parent, c => c.ScopePath).Select(g => new { g.Key, N = g.Sum(c => c.AmountFen) }).ToListAsync(ct), x => x.Key, x => x.N);
        var rooms = await Counts(f.Rooms.GroupByBranch(parent, r => r.ScopePath).Select(g => new { g.Key, N = (long)g.Count() }).ToListAsync(ct), x => x.Key, x => x.N);
        var named = await Counts(f.Named.GroupByBranch(parent, s => s.ScopePath).Select(g => new { g.Key, N = (long)g.Count() }).ToListAsync(ct), x => x.Key, x => x.N);
        var entries = await Counts(f.Entries.GroupByBranch(parent, e => e.ScopePath).Select(g => new { g.Key, N = (long)g.Count() }).ToListAsync(ct), x => x.Key, x => x.N);
        return query.DistrictPaths.ToDictionary(d => d, d => Values(registered.GetValueOrDefault(d), held.GetValueOrDefault(d), attendance.GetValueOrDefault(d),
            paid.GetValueOrDefault(d), rooms.GetValueOrDefault(d), named.GetValueOrDefault(d), entries.GetValueOrDefault(d)), StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, long>> Counts<T>(Task<List<T>> rows, Func<T, string> key, Func<T, long> n) =>
        (await rows).ToDictionary(key, n, StringComparer.Ordinal);

    /// <summary>Each figure's records in the period, before the scope: the one definition both computations filter by scope or group by district.</summary>
    private sealed class Filters(GonghuiDb db, DateOnly fromDay, DateOnly toDay)
    {
        private readonly DateTimeOffset _from = Platform.Time.BeijingTime.StartOfDayUtc(fromDay);
        private readonly DateTimeOffset _to = Platform.Time.BeijingTime.StartOfDayUtc(toDay);
        private int FirstYear => fromDay.Year;
        private int LastYear => toDay.AddDays(-1).Year;

        public IQueryable<ModelWorker> Register { get { var last = LastYear; return db.Set<ModelWorker>().AsNoTracking().Where(w => w.Year <= last); } }
        public IQueryable<Lecture> Held { get { var (from, to) = (_from, _to); return db.Set<Lecture>().AsNoTracking().Where(l => l.Status == LectureStatus.Held && l.StartsAt >= from && l.StartsAt < to); } }
        /// <summary>One row per sign-in in the period: the lecture it was made at (whose unit decides the scope).</summary>
        public IQueryable<Lecture> Attendance
        {
            get
            {
                var (from, to) = (_from, _to);
                return db.Set<LectureAttendance>().AsNoTracking().Where(a => a.At >= from && a.At < to).Join(db.Set<Lecture>().AsNoTracking(), a => a.LectureId, l => l.Id, (_, l) => l);
            }
        }
        public IQueryable<CareRecord> Paid { get { var (from, to) = (_from, _to); return db.Set<CareRecord>().AsNoTracking().Where(c => c.Status == CareStatus.Paid && c.PaidAt >= from && c.PaidAt < to); } }
        public IQueryable<ReadingRoom> Rooms { get { var to = _to; return db.Set<ReadingRoom>().AsNoTracking().Where(r => r.CreatedAt < to); } }
        public IQueryable<RoomSelection> Named
        {
            get
            {
                var (y0, y1) = (FirstYear, LastYear);
                return db.Set<RoomSelection>().AsNoTracking().Where(s => (s.Status == SelectionStatus.Named || s.Status == SelectionStatus.Revoked) && s.NamedYear >= y0 && s.NamedYear <= y1);
            }
        }
        /// <summary>One row per entry to a contest of the period's years: the entry (whose unit decides the scope).</summary>
        public IQueryable<SpeechEntry> Entries
        {
            get
            {
                var (y0, y1) = (FirstYear, LastYear);
                return db.Set<SpeechEntry>().AsNoTracking().Join(db.Set<SpeechContest>().Where(c => c.Year >= y0 && c.Year <= y1), e => e.ContestId, c => c.Id, (e, _) => e);
            }
        }
    }

    private static IReadOnlyList<IndicatorValue> Values(long registered, long held, long attendance, long paid, long rooms, long named, long entries) =>
    [
        IndicatorValues.Count("modelworkers.register", registered), // none in the period and scope: no-data
        IndicatorValues.Count("modelworkers.lectures-held", held),
        IndicatorValues.Count("modelworkers.lecture-attendance", attendance),
        IndicatorValues.Count("modelworkers.care-paid", paid), // as before: no paid amount in the period and scope is no-data
        IndicatorValues.Count("modelworkers.reading-rooms", rooms),
        IndicatorValues.Count("modelworkers.reading-rooms-named", named),
        IndicatorValues.Count("modelworkers.speech-entries", entries),
    ];
}
