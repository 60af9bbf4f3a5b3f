using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Precision;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Hardship;

public sealed record SampleInput(int? Year, int? PerDistrict);
public sealed record VerdictInput(bool? RightlyIdentified, bool? RightlyExited, bool? AssistanceRight, string? Note);
public sealed record SampleRow(Guid Id, int Year, Guid FileId, string FileNo, string DistrictCode, HardshipGrade Grade, FileStatus Status, bool? RightlyIdentified,
    bool? RightlyExited, bool? AssistanceRight, string? Note, DateTimeOffset? JudgedAt);
public sealed record PrecisionLine(string District, int Sampled, int Judged, int? IdentificationBp, int? ExitBp, int? AssistanceBp,
    int IdentificationAgreed, int IdentificationJudged, int ExitAgreed, int ExitJudged, int AssistanceAgreed, int AssistanceJudged);
public sealed record PrecisionReport(int Year, List<PrecisionLine> Districts, PrecisionLine CityWide, List<SampleRow> Disagreements);

public sealed partial class HardshipService
{
    public const string SampleExists = "precision.sampleExists";
    public const string EvaluatorOnly = "precision.evaluatorOnly";

    /// <summary>Draws the year's stratified sample (federation only): up to n files per district among files in the archive that year.</summary>
    public async Task<Outcome<List<SampleRow>>> DrawSampleAsync(SampleInput input, CancellationToken ct)
    {
        if (Level != ActorLevel.Federation) return Outcome<List<SampleRow>>.Conflict(HardshipWorkflow.NotAllowedForLevel);
        if (input.Year is not (>= 2000 and <= 2100) || input.Year is not { } year) return Outcome<List<SampleRow>>.Invalid("year", "field.yearInvalid");
        var per = input.PerDistrict ?? rules.SampleSizePerDistrict;
        if (per is < 1 or > 1000) return Outcome<List<SampleRow>>.Invalid("perDistrict", "field.sampleSizeInvalid");
        if (await db.Set<HardshipEvaluation>().AnyAsync(e => e.Year == year, ct)) return Outcome<List<SampleRow>>.Conflict(SampleExists);
        var yearEnd = BeijingTime.StartOfYearUtc(year + 1);
        var yearStart = BeijingTime.StartOfYearUtc(year);
        var population = await db.Set<HardshipFile>().AsNoTracking()
            .Where(f => f.ApprovedAt != null && f.ApprovedAt < yearEnd && (f.ExitedAt == null || f.ExitedAt >= yearStart))
            .Select(f => new { f.Id, f.DistrictCode }).ToListAsync(ct);
        // Order first so the seeded draw is reproducible whatever order the database returns rows in.
        var sample = PrecisionRules.Sample(population.OrderBy(p => p.Id), p => p.DistrictCode, per, seed: year);
        foreach (var s in sample) db.Add(HardshipEvaluation.Draw(year, s.Id, s.DistrictCode, me.Name, Now));
        await db.SaveChangesAsync(ct);
        return Outcome<List<SampleRow>>.Ok(await SampleAsync(year, ct));
    }

    /// <summary>The sample of a year: the evaluator and the federation see all of it; district staff the part in their scope.</summary>
    public async Task<List<SampleRow>> SampleAsync(int year, CancellationToken ct)
    {
        var files = IsEvaluator ? db.Set<HardshipFile>().AsQueryable() : await ScopedFilesAsync(ct);
        return await (from e in db.Set<HardshipEvaluation>().AsNoTracking()
                      join f in files on e.FileId equals f.Id
                      where e.Year == year
                      orderby e.DistrictCode, f.FileNo
                      select new SampleRow(e.Id, e.Year, e.FileId, f.FileNo, e.DistrictCode, f.Grade, f.Status, e.RightlyIdentified, e.RightlyExited,
                          e.AssistanceRight, e.Note, e.JudgedAt)).ToListAsync(ct);
    }

    /// <summary>A sampled file as the evaluator sees it (masked, like every staff view); null if not in any sample.</summary>
    public async Task<FileDetail?> SampledFileAsync(Guid evaluationId, CancellationToken ct)
    {
        if (!IsEvaluator) return null;
        var e = await db.Set<HardshipEvaluation>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == evaluationId, ct);
        if (e is null) return null;
        var row = await (from f in db.Set<HardshipFile>().AsNoTracking()
                         join u in db.UnitRows() on f.OrgUnitId equals u.Id
                         where f.Id == e.FileId
                         select new { f, u.Name }).FirstAsync(ct);
        return await DetailOfAsync(row.f, row.Name, ActorLevel.None, ct);
    }

    public async Task<Outcome<SampleRow>> JudgeAsync(Guid evaluationId, VerdictInput input, CancellationToken ct)
    {
        if (!IsEvaluator) return Outcome<SampleRow>.NotFound();
        var e = await db.Set<HardshipEvaluation>().FirstOrDefaultAsync(x => x.Id == evaluationId, ct);
        if (e is null) return Outcome<SampleRow>.NotFound();
        if (input.RightlyIdentified is null) return Outcome<SampleRow>.Invalid("rightlyIdentified", "field.required");
        var file = await db.Set<HardshipFile>().AsNoTracking().FirstAsync(f => f.Id == e.FileId, ct);
        var hasAssistance = await db.Set<HardshipAssistance>().AnyAsync(a => a.FileId == e.FileId && a.Status != AssistanceStatus.Cancelled, ct);
        // Questions that do not apply are not judged, so they cannot lower (or raise) a precision.
        e.Judge(input.RightlyIdentified, file.ExitedAt is null ? null : input.RightlyExited, hasAssistance ? input.AssistanceRight : null, input.Note?.Trim(), me.Name, Now);
        await db.SaveChangesAsync(ct);
        return Outcome<SampleRow>.Ok((await SampleAsync(e.Year, ct)).First(r => r.Id == e.Id));
    }

    /// <summary>Identification, exit and assistance precision per district and city-wide, and the disagreements to follow up.</summary>
    public async Task<PrecisionReport> PrecisionAsync(int year, CancellationToken ct)
    {
        var rows = await SampleAsync(year, ct);
        var judged = rows.Where(r => r.JudgedAt is not null).ToList();
        var verdicts = judged.Select(r => new Verdict(r.DistrictCode, r.RightlyIdentified, r.RightlyExited, r.AssistanceRight)).ToList();
        var sampledBy = rows.GroupBy(r => r.DistrictCode).ToDictionary(g => g.Key, g => g.Count());
        PrecisionLine Line(PrecisionFigures p) => new(p.District, p.District == PrecisionRules.CityWide ? rows.Count : sampledBy.GetValueOrDefault(p.District), p.Sampled,
            p.Identification.BasisPoints, p.Exit.BasisPoints, p.Assistance.BasisPoints, p.Identification.Agreed, p.Identification.Judged,
            p.Exit.Agreed, p.Exit.Judged, p.Assistance.Agreed, p.Assistance.Judged);
        var figures = PrecisionRules.ByDistrict(verdicts).Select(Line).ToList();
        var city = figures.Last();
        var districts = figures.Take(figures.Count - 1).ToList();
        foreach (var d in sampledBy.Keys.Where(d => districts.All(x => x.District != d)).OrderBy(d => d, StringComparer.Ordinal))
            districts.Add(new PrecisionLine(d, sampledBy[d], 0, null, null, null, 0, 0, 0, 0, 0, 0));
        var disagreements = judged.Where(r => PrecisionRules.IsDisagreement(new Verdict(r.DistrictCode, r.RightlyIdentified, r.RightlyExited, r.AssistanceRight))).ToList();
        return new PrecisionReport(year, [.. districts.OrderBy(d => d.District, StringComparer.Ordinal)], city, disagreements);
    }
}
