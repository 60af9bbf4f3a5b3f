using Gonghui.Modules.LaborRelations.Risk;
using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Cultivation;

/// <summary>Taking a firm into cultivation: the enterprise (by id or credit code), the cohort year, the day, the lawyer team.</summary>
public sealed record EnrolInput(Guid? EnterpriseId, int? Cohort, DateOnly? EnrolledOn, string? LawyerTeam, string? EnterpriseCode = null);

public sealed record CheckInput(DateOnly? CheckedOn, string? CheckedBy, string? Summary, IReadOnlyList<ItemFinding>? Items);

public sealed record RectifyInput(DateOnly? On, string? Note);

public sealed record RecognizeInput(DateOnly? On, bool? Typical, string? Note);

public sealed record WithdrawInput(DateOnly? On, string? Note);

public sealed record CultivatedFirmDto(Guid Id, Guid EnterpriseId, string EnterpriseName, string DistrictCode, int Cohort, DateOnly EnrolledOn, string LawyerTeam,
    int Employees, CultivationStatus Status, int? LatestScore, DateOnly? LatestCheckOn, DateOnly? EndedOn, bool Typical, string? EndNote, int Version);

public sealed record FindingDto(Guid Id, string ItemKey, ItemVerdict Result, string? Note, DateOnly? RectifyBy, DateOnly? RectifiedOn, string? FollowUp, bool Overdue);

public sealed record CheckDto(Guid Id, DateOnly CheckedOn, string CheckedBy, int Score, string? Summary, IReadOnlyList<FindingDto> Findings);

/// <summary>A firm with its checks, and what stands between it and recognition (codes; empty when it may be recognised today).</summary>
public sealed record CultivatedFirmDetail(CultivatedFirmDto Firm, IReadOnlyList<CheckDto> Checks, IReadOnlyList<string> Blockers, int OpenFindings, int OverdueFindings);

public sealed record CohortSummary(int Cohort, int Firms, int Cultivating, int Recognized, int Withdrawn, int Typical, int? MeanScore, int OpenFindings, int OverdueFindings);

/// <summary>
/// Harmonious-employer cultivation: taking firms into a cohort, the lawyer team's legal health checks with findings and rectification deadlines,
/// follow-up, review against <see cref="CultivationRules"/>' criteria, recognition (and typical examples) or withdrawal.
/// </summary>
public sealed class CultivationHandlers(GonghuiDb db, LaborScope scope)
{
    public static CultivatedFirmDto ToDto(CultivatedFirm f) => new(f.Id, f.EnterpriseId, f.EnterpriseName, f.DistrictCode, f.Cohort, f.EnrolledOn, f.LawyerTeam,
        f.Employees, f.Status, f.LatestScore, f.LatestCheckOn, f.EndedOn, f.Typical, f.EndNote, f.Version);

    public DateOnly Today => scope.Today;

    private async Task<IQueryable<CultivatedFirm>> VisibleAsync(CancellationToken ct) =>
        db.Set<CultivatedFirm>().InScope(await scope.ScopeAsync(ct), f => f.ScopePath);

    public async Task<Outcome<CultivatedFirm>> EnrolAsync(EnrolInput input, CancellationToken ct)
    {
        if (input.EnterpriseId is null && !string.IsNullOrWhiteSpace(input.EnterpriseCode))
        {
            var byCode = await scope.EnterpriseIdByCodeAsync(input.EnterpriseCode, ct);
            if (byCode is null) return Outcome<CultivatedFirm>.Invalid("enterpriseId", "enterprise.unknown");
            input = input with { EnterpriseId = byCode };
        }
        var e = new List<(string Field, string Code)>();
        if (input.EnterpriseId is null) e.Add(("enterpriseId", "required"));
        if (input.EnrolledOn is not { } on) e.Add(("enrolledOn", "required"));
        else if (on > scope.Today) e.Add(("enrolledOn", "date.future"));
        if (input.Cohort is { } c && (c < 2000 || c > 2100)) e.Add(("cohort", "out-of-range"));
        if (string.IsNullOrWhiteSpace(input.LawyerTeam)) e.Add(("lawyerTeam", "required"));
        else if (input.LawyerTeam.Trim().Length > 200) e.Add(("lawyerTeam", "too-long"));
        if (e.Count > 0) return Outcome<CultivatedFirm>.Invalid(e);
        var firm = await scope.VisibleEnterpriseAsync(input.EnterpriseId!.Value, ct);
        if (firm is null) return Outcome<CultivatedFirm>.Invalid("enterpriseId", "enterprise.unknown");
        if (await db.Set<CultivatedFirm>().AnyAsync(x => x.EnterpriseId == firm.Id && x.Status == CultivationStatus.Cultivating, ct))
            return Outcome<CultivatedFirm>.Conflict("cultivation.alreadyEnrolled");
        var employees = await db.EnterpriseUnionFacts().Where(x => x.Id == firm.Id).Select(x => x.Employees).FirstOrDefaultAsync(ct);
        var f = CultivatedFirm.Enrol(Guid.CreateVersion7(), firm.Id, firm.Name, firm.DistrictCode, firm.ScopePath, input.Cohort ?? input.EnrolledOn!.Value.Year,
            input.EnrolledOn!.Value, input.LawyerTeam!.Trim(), employees, scope.Now, scope.Me.Name);
        db.Add(f);
        await db.SaveChangesAsync(ct);
        return Outcome<CultivatedFirm>.Ok(f);
    }

    private async Task<(CultivatedFirm? F, Outcome<T>? Fail)> CultivatingAsync<T>(Guid id, CancellationToken ct)
    {
        var f = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null) return (null, Outcome<T>.NotFound());
        if (f.Status != CultivationStatus.Cultivating) return (null, Outcome<T>.Conflict("cultivation.state", null, f.Status));
        return (f, null);
    }

    /// <summary>Records a legal health check: every checklist item once, a deadline for each problem; the firm keeps its latest score.</summary>
    public async Task<Outcome<CheckDto>> CheckAsync(Guid firmId, CheckInput input, CancellationToken ct)
    {
        var (f, fail) = await CultivatingAsync<CheckDto>(firmId, ct);
        if (f is null) return fail!;
        var e = CultivationRules.ValidateCheck(input.CheckedOn, f.EnrolledOn, scope.Today, input.Items).ToList();
        if (string.IsNullOrWhiteSpace(input.CheckedBy)) e.Add(("checkedBy", "required"));
        else if (input.CheckedBy.Trim().Length > 200) e.Add(("checkedBy", "too-long"));
        if (input.Summary?.Length > 1000) e.Add(("summary", "too-long"));
        if (e.Count > 0) return Outcome<CheckDto>.Invalid(e);
        var score = CultivationRules.Score(input.Items!);
        var check = HealthCheck.Of(Guid.CreateVersion7(), f.Id, input.CheckedOn!.Value, input.CheckedBy!.Trim(), score, SignalHandlers.Trim(input.Summary), scope.Now);
        var findings = input.Items!.Select(i => CheckFinding.Of(Guid.CreateVersion7(), check.Id, f.Id, i with { Note = SignalHandlers.Trim(i.Note) })).ToList();
        db.Add(check);
        db.AddRange(findings);
        f.Checked(check.CheckedOn, score);
        await db.SaveChangesAsync(ct);
        return Outcome<CheckDto>.Ok(ToDto(check, findings, scope.Today));
    }

    private static CheckDto ToDto(HealthCheck c, IEnumerable<CheckFinding> findings, DateOnly today) => new(c.Id, c.CheckedOn, c.CheckedBy, c.Score, c.Summary,
        findings.Select(x => new FindingDto(x.Id, x.ItemKey, x.Result, x.Note, x.RectifyBy, x.RectifiedOn, x.FollowUp,
            CultivationRules.Overdue(x.RectifyBy, x.RectifiedOn, today))).ToList());

    /// <summary>Follow-up of a problem found: rectified on a day, with what was done.</summary>
    public async Task<Outcome<FindingDto>> RectifyAsync(Guid firmId, Guid findingId, RectifyInput input, CancellationToken ct)
    {
        var (f, fail) = await CultivatingAsync<FindingDto>(firmId, ct);
        if (f is null) return fail!;
        var finding = await db.Set<CheckFinding>().FirstOrDefaultAsync(x => x.Id == findingId && x.FirmId == firmId, ct);
        if (finding is null) return Outcome<FindingDto>.NotFound();
        if (finding.Result == ItemVerdict.Compliant || finding.RectifiedOn is not null) return Outcome<FindingDto>.Conflict("finding.notOpen");
        var checkedOn = await db.Set<HealthCheck>().Where(c => c.Id == finding.CheckId).Select(c => c.CheckedOn).FirstAsync(ct);
        var e = new List<(string Field, string Code)>();
        if (input.On is not { } on) e.Add(("on", "required"));
        else if (on > scope.Today) e.Add(("on", "date.future"));
        else if (on < checkedOn) e.Add(("on", "finding.beforeCheck"));
        if (string.IsNullOrWhiteSpace(input.Note)) e.Add(("note", "required"));
        else if (input.Note.Trim().Length > 500) e.Add(("note", "too-long"));
        if (e.Count > 0) return Outcome<FindingDto>.Invalid(e);
        finding.Rectify(input.On!.Value, input.Note!.Trim());
        await db.SaveChangesAsync(ct);
        return Outcome<FindingDto>.Ok(new FindingDto(finding.Id, finding.ItemKey, finding.Result, finding.Note, finding.RectifyBy, finding.RectifiedOn, finding.FollowUp, false));
    }

    private async Task<IReadOnlyList<string>> BlockersAsync(CultivatedFirm f, DateOnly on, CancellationToken ct)
    {
        var open = await db.Set<CheckFinding>().CountAsync(x => x.FirmId == f.Id && x.Result != ItemVerdict.Compliant && x.RectifiedOn == null, ct);
        var alert = await db.Set<RiskAlert>().AnyAsync(a => a.EnterpriseId == f.EnterpriseId && a.State != AlertState.Closed, ct);
        return CultivationRules.RecognitionBlockers(new RecognitionFacts(f.LatestScore, open, alert, CultivationRules.MonthsBetween(f.EnrolledOn, on)));
    }

    /// <summary>Recognition after review (认定): refused with the first unmet criterion (409), or recorded with whether the firm is a typical example.</summary>
    public async Task<Outcome<CultivatedFirm>> RecognizeAsync(Guid firmId, RecognizeInput input, CancellationToken ct)
    {
        var (f, fail) = await CultivatingAsync<CultivatedFirm>(firmId, ct);
        if (f is null) return fail!;
        var e = new List<(string Field, string Code)>();
        if (input.On is not { } on) e.Add(("on", "required"));
        else if (on > scope.Today) e.Add(("on", "date.future"));
        else if (on < f.EnrolledOn) e.Add(("on", "cultivation.beforeEnrolment"));
        if (input.Note?.Length > 500) e.Add(("note", "too-long"));
        if (e.Count > 0) return Outcome<CultivatedFirm>.Invalid(e);
        var blockers = await BlockersAsync(f, input.On!.Value, ct);
        if (blockers.Count > 0) return Outcome<CultivatedFirm>.Conflict(blockers[0], null, CultivationRules.RecognitionScore, CultivationRules.MinMonths);
        f.Recognize(input.On!.Value, input.Typical ?? false, SignalHandlers.Trim(input.Note));
        await db.SaveChangesAsync(ct);
        return Outcome<CultivatedFirm>.Ok(f);
    }

    public async Task<Outcome<CultivatedFirm>> WithdrawAsync(Guid firmId, WithdrawInput input, CancellationToken ct)
    {
        var (f, fail) = await CultivatingAsync<CultivatedFirm>(firmId, ct);
        if (f is null) return fail!;
        var e = new List<(string Field, string Code)>();
        if (input.On is not { } on) e.Add(("on", "required"));
        else if (on > scope.Today) e.Add(("on", "date.future"));
        else if (on < f.EnrolledOn) e.Add(("on", "cultivation.beforeEnrolment"));
        if (string.IsNullOrWhiteSpace(input.Note)) e.Add(("note", "required"));
        else if (input.Note.Trim().Length > 500) e.Add(("note", "too-long"));
        if (e.Count > 0) return Outcome<CultivatedFirm>.Invalid(e);
        f.Withdraw(input.On!.Value, input.Note!.Trim());
        await db.SaveChangesAsync(ct);
        return Outcome<CultivatedFirm>.Ok(f);
    }

    public async Task<IReadOnlyList<CultivatedFirm>> ListAsync(CultivationStatus? status, int? cohort, int limit, CancellationToken ct)
    {
        var q = (await VisibleAsync(ct)).AsNoTracking();
        if (status is { } s) q = q.Where(f => f.Status == s);
        if (cohort is { } c) q = q.Where(f => f.Cohort == c);
        return await q.OrderByDescending(f => f.Cohort).ThenBy(f => f.EnterpriseName).ThenBy(f => f.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
    }

    public async Task<CultivatedFirmDetail?> GetAsync(Guid id, CancellationToken ct)
    {
        var f = await (await VisibleAsync(ct)).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null) return null;
        var today = scope.Today;
        var checks = await db.Set<HealthCheck>().AsNoTracking().Where(c => c.FirmId == id).OrderByDescending(c => c.CheckedOn).ThenByDescending(c => c.Id).ToListAsync(ct);
        var findings = await db.Set<CheckFinding>().AsNoTracking().Where(x => x.FirmId == id).ToListAsync(ct);
        var order = CultivationRules.Checklist.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var dtos = checks.Select(c => ToDto(c, findings.Where(x => x.CheckId == c.Id).OrderBy(x => order.GetValueOrDefault(x.ItemKey, 99)), today)).ToList();
        var open = findings.Count(x => x.Result != ItemVerdict.Compliant && x.RectifiedOn == null);
        var overdue = findings.Count(x => x.Result != ItemVerdict.Compliant && CultivationRules.Overdue(x.RectifyBy, x.RectifiedOn, today));
        IReadOnlyList<string> blockers = f.Status == CultivationStatus.Cultivating ? await BlockersAsync(f, today, ct) : [];
        return new CultivatedFirmDetail(ToDto(f), dtos, blockers, open, overdue);
    }

    /// <summary>Each cohort of the scope: firms by status, typical examples, mean latest score, open and overdue findings (grouped in SQL).</summary>
    public async Task<IReadOnlyList<CohortSummary>> CohortsAsync(CancellationToken ct)
    {
        var visible = (await VisibleAsync(ct)).AsNoTracking();
        var today = scope.Today;
        var rows = await visible.GroupBy(f => f.Cohort).Select(g => new
        {
            Cohort = g.Key, N = g.Count(), Cultivating = g.Count(f => f.Status == CultivationStatus.Cultivating), Recognized = g.Count(f => f.Status == CultivationStatus.Recognized),
            Withdrawn = g.Count(f => f.Status == CultivationStatus.Withdrawn), Typical = g.Count(f => f.Typical), Scored = g.Count(f => f.LatestScore != null),
            ScoreSum = g.Sum(f => f.LatestScore ?? 0),
        }).ToListAsync(ct);
        var ids = visible.Select(f => f.Id);
        var findings = await db.Set<CheckFinding>().AsNoTracking().Where(x => ids.Contains(x.FirmId) && x.Result != ItemVerdict.Compliant && x.RectifiedOn == null)
            .Join(visible, x => x.FirmId, f => f.Id, (x, f) => new { f.Cohort, x.RectifyBy })
            .GroupBy(x => x.Cohort).Select(g => new { Cohort = g.Key, Open = g.Count(), Overdue = g.Count(x => x.RectifyBy < today) }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.Cohort).Select(r =>
        {
            var fi = findings.FirstOrDefault(x => x.Cohort == r.Cohort);
            return new CohortSummary(r.Cohort, r.N, r.Cultivating, r.Recognized, r.Withdrawn, r.Typical,
                r.Scored == 0 ? null : (int)Math.Round((double)r.ScoreSum / r.Scored, MidpointRounding.AwayFromZero), fi?.Open ?? 0, fi?.Overdue ?? 0);
        }).ToList();
    }
}
