using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Innovation.Rules;
using Gonghui.Modules.Innovation.Studios;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Innovation.Awards;

public sealed record FilePatentRequest(string? PatentNumber, string? Title, DateOnly? GrantedOn, string? Employer, Guid? MemberId, Guid? StudioId,
    bool? FrontLine, bool? FirstInventor, int? Year);
public sealed record SubmitProjectRequest(Guid? StudioId, string? Title, string? Summary, int? Year);
public sealed record ScoreRequest(int? Score, string? Comment);
public sealed record RejectRequest(string? Reason);

/// <summary>
/// The innovation fund's awards, shared by the API and the pages: patent awards (one per patent, ever) and project awards
/// (by the studio's level), approved against the federation's innovation fund for the year (a ledger commitment, refused when
/// it would overspend, whatever the concurrency) and paid through the ledger.
/// </summary>
internal sealed class AwardService(GonghuiDb db, CurrentUser me, IFundLedger ledger, AwardRuleBook rules, TimeProvider clock, IConfiguration config)
{
    public const string PatentSource = "PatentAward";
    public const string ProjectSource = "ProjectAward";
    private static readonly SemaphoreSlim SqliteGate = new(1, 1);

    public AwardRuleBook Rules => rules;
    public DateOnly Today => BeijingTime.Today(clock);

    /// <summary>The unit whose innovation fund pays: the federation (the root of the organisation tree).</summary>
    public Task<Guid> FundUnitAsync(CancellationToken ct) => db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync(ct);

    private async Task<string> ScopeAsync(CancellationToken ct) => me.IsStaff ? await me.ScopePathAsync(ct) : "\u0000none";

    public async Task<IQueryable<PatentAward>> PatentsVisibleAsync(CancellationToken ct) =>
        db.Set<PatentAward>().AsNoTracking().InScope(await ScopeAsync(ct), a => a.ScopePath, a => a.ScopeDistrict);

    public async Task<IQueryable<InnovationProject>> ProjectsVisibleAsync(CancellationToken ct) =>
        db.Set<InnovationProject>().AsNoTracking().InScope(await ScopeAsync(ct), p => p.ScopePath);

    /// <summary>The report's drill-down filters of the award lists, checked (a unit out of the caller's scope is an error naming <c>unit</c>).</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);

    public async Task<PatentAward?> PatentAsync(Guid id, CancellationToken ct) => await (await PatentsVisibleAsync(ct)).FirstOrDefaultAsync(a => a.Id == id, ct);
    public async Task<InnovationProject?> ProjectAsync(Guid id, CancellationToken ct) => await (await ProjectsVisibleAsync(ct)).FirstOrDefaultAsync(p => p.Id == id, ct);

    // ---- patent awards ----

    /// <summary>
    /// Files a first inventor's claim: the number's check digit, the rules (as data), then "one award per patent, ever": a
    /// standing claim for the same number is a conflict naming it (code patent.alreadyAwarded, the first award's id and link).
    /// </summary>
    public async Task<Outcome<PatentAward>> FilePatentAsync(FilePatentRequest r, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        var number = PatentNumber.Parse(r.PatentNumber, out var numberError);
        if (number is null) errors.Add(("patentNumber", numberError!));
        var title = r.Title?.Trim() ?? "";
        if (title.Length is < 2 or > 200) errors.Add(("title", "patent.title"));
        var employer = r.Employer?.Trim() ?? "";
        if (employer.Length is < 2 or > 200) errors.Add(("employer", "patent.employer"));
        var today = Today;
        if (r.GrantedOn is null || r.GrantedOn > today) errors.Add(("grantedOn", "patent.grantedOn"));
        var year = r.Year ?? today.Year;
        if (year < 2000 || year > today.Year) errors.Add(("year", "patent.year"));
        var scope = await ScopeAsync(ct);
        var units = db.UnitRows().InScope(scope, u => u.Path);
        var member = r.MemberId is null ? null : await db.MemberRows().Where(m => m.Id == r.MemberId)
            .Join(units, m => m.UnionId, u => u.Id, (m, u) => new { m.Id, m.Name, m.Status, m.UnionId, u.Path }).FirstOrDefaultAsync(ct);
        if (member is null) errors.Add(("memberId", "patent.memberUnknown"));
        if (r.StudioId is { } sid && !await db.Set<InnovationStudio>().InScope(scope, s => s.ScopePath).AnyAsync(s => s.Id == sid, ct))
            errors.Add(("studioId", "patent.studioUnknown"));
        if (errors.Count > 0) return Outcome<PatentAward>.Invalid(errors);

        var facts = new PatentFacts(number!, r.GrantedOn!.Value, year, r.FrontLine ?? false, member!.Status == MemberStatus.Active, r.FirstInventor ?? false);
        var refusals = AwardRules.CheckPatent(rules, facts);
        if (refusals.Count > 0) return Outcome<PatentAward>.Invalid(refusals);
        if (await FirstAwardAsync(number!.Canonical, ct) is { } first) return AlreadyAwarded(first);

        var award = PatentAward.File(number.Canonical, title, facts.GrantedOn, employer, member.Id, member.Name, member.UnionId, member.Path, r.StudioId,
            facts.FrontLine, facts.FirstInventor, year, rules.PatentAmountFen, clock.GetUtcNow(), me.Name);
        db.Add(award);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // The same patent claimed concurrently: the other claim won; name it.
            db.Entry(award).State = EntityState.Detached;
            if (await FirstAwardAsync(number.Canonical, ct) is { } winner) return AlreadyAwarded(winner);
            throw;
        }
        return Outcome<PatentAward>.Ok(award);
    }

    private Task<PatentAward?> FirstAwardAsync(string canonical, CancellationToken ct) =>
        db.Set<PatentAward>().AsNoTracking().FirstOrDefaultAsync(a => a.ClaimedNumber == canonical, ct);

    /// <summary>409 naming the standing claim: its number, year and id in the message; its link as the detail.</summary>
    private static Outcome<PatentAward> AlreadyAwarded(PatentAward first) =>
        Outcome<PatentAward>.Conflict("patent.alreadyAwarded", $"/innovation/patents/{first.Id}", first.PatentNumber, first.Year, first.Id);

    public Task<Outcome<PatentAward>> ApprovePatentAsync(Guid id, CancellationToken ct) => DecidePatentAsync(id, async a =>
    {
        if (a.Status != AwardStatus.Submitted) return Outcome<PatentAward>.Conflict(a.Status == AwardStatus.Approved ? "award.alreadyApproved" : "award.notSubmitted");
        var r = await ledger.CommitAsync(FundCodes.Innovation, await FundUnitAsync(ct), a.Year, new Fen(a.AmountFen), new SourceRef(PatentSource, a.Id),
            $"innovation:patent:commit:{a.Id}", ct);
        if (Refused(r) is { } refused) return Outcome<PatentAward>.Conflict(refused, null, a.Year);
        a.Approve(r.Value, me.Name, clock.GetUtcNow());
        return Outcome<PatentAward>.Ok(a);
    }, ct);

    public Task<Outcome<PatentAward>> PayPatentAsync(Guid id, CancellationToken ct) => DecidePatentAsync(id, async a =>
    {
        if (a.Status != AwardStatus.Approved) return Outcome<PatentAward>.Conflict(a.Status == AwardStatus.Paid ? "award.alreadyPaid" : "award.notApproved");
        if (!FourEyes.Allows(a.AmountFen, FourEyes.ThresholdFen(config), a.DecidedBy, me.Name)) return Outcome<PatentAward>.Conflict(FourEyes.Code);
        var r = await ledger.PayAsync(FundCodes.Innovation, await FundUnitAsync(ct), a.Year, new Fen(a.AmountFen), new SourceRef(PatentSource, a.Id),
            $"innovation:patent:pay:{a.Id}", ct);
        if (Refused(r) is { } refused) return Outcome<PatentAward>.Conflict(refused, null, a.Year);
        a.MarkPaid(r.Value, clock.GetUtcNow());
        return Outcome<PatentAward>.Ok(a);
    }, ct);

    public async Task<Outcome<PatentAward>> RejectPatentAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500) return Outcome<PatentAward>.Invalid("reason", "award.reasonRequired");
        return await DecidePatentAsync(id, a =>
        {
            if (a.Status != AwardStatus.Submitted) return Task.FromResult(Outcome<PatentAward>.Conflict("award.notSubmitted"));
            a.Reject(reason, me.Name, clock.GetUtcNow());
            return Task.FromResult(Outcome<PatentAward>.Ok(a));
        }, ct);
    }

    private async Task<Outcome<PatentAward>> DecidePatentAsync(Guid id, Func<PatentAward, Task<Outcome<PatentAward>>> step, CancellationToken ct)
    {
        if (await PatentAsync(id, ct) is null) return Outcome<PatentAward>.NotFound();
        return await LockedAsync(() => db.Set<PatentAward>().Where(a => a.Id == id).ExecuteUpdateAsync(x => x.SetProperty(a => a.LockVersion, a => a.LockVersion + 1), ct),
            async () =>
            {
                var a = await db.Set<PatentAward>().FirstAsync(x => x.Id == id, ct);
                var o = await step(a);
                if (o.IsOk) await db.SaveChangesAsync(ct);
                return o;
            }, ct);
    }

    // ---- project awards ----

    public async Task<Outcome<InnovationProject>> SubmitProjectAsync(SubmitProjectRequest r, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        var title = r.Title?.Trim() ?? "";
        if (title.Length is < 2 or > 200) errors.Add(("title", "project.title"));
        var summary = r.Summary?.Trim() ?? "";
        if (summary.Length > 2000) errors.Add(("summary", "project.summary"));
        var year = r.Year ?? Today.Year;
        if (year < 2000 || year > Today.Year) errors.Add(("year", "project.year"));
        var studio = r.StudioId is null ? null
            : await db.Set<InnovationStudio>().AsNoTracking().InScope(await ScopeAsync(ct), s => s.ScopePath).FirstOrDefaultAsync(s => s.Id == r.StudioId, ct);
        if (studio is null) errors.Add(("studioId", "project.studioUnknown"));
        else if (studio.Status != StudioStatus.Recognised) errors.Add(("studioId", "project.studioNotRecognised"));
        else if (AwardRules.ProjectAmount(rules, studio.Level) is null) errors.Add(("studioId", "project.levelNotEligible"));
        if (errors.Count > 0) return Outcome<InnovationProject>.Invalid(errors);
        var p = InnovationProject.Submit(studio!.Id, studio.Name, studio.Level, studio.ScopePath, year, title, summary, clock.GetUtcNow(), me.Name);
        db.Add(p);
        await db.SaveChangesAsync(ct);
        return Outcome<InnovationProject>.Ok(p);
    }

    /// <summary>An expert (district or federation staff) scores a submitted project once, 0–100; the project's mean is kept with it.</summary>
    public async Task<Outcome<InnovationProject>> ScoreAsync(Guid id, ScoreRequest r, CancellationToken ct)
    {
        if (!AwardRules.IsScore(r.Score)) return Outcome<InnovationProject>.Invalid("score", "project.score");
        if (r.Comment?.Trim().Length > 500) return Outcome<InnovationProject>.Invalid("comment", "project.comment");
        if (!(me.IsInRole(Roles.FederationAdmin) || me.IsInRole(Roles.DistrictStaff))) return Outcome<InnovationProject>.Conflict("project.expertLevel");
        return await DecideProjectAsync(id, async p =>
        {
            if (p.Status != AwardStatus.Submitted) return Outcome<InnovationProject>.Conflict("project.scoringClosed");
            if (await db.Set<ProjectScore>().AnyAsync(s => s.ProjectId == id && s.Expert == me.Name, ct)) return Outcome<InnovationProject>.Conflict("project.alreadyScored");
            db.Add(ProjectScore.Of(id, me.Name, r.Score!.Value, string.IsNullOrWhiteSpace(r.Comment) ? null : r.Comment.Trim(), clock.GetUtcNow()));
            var scores = await db.Set<ProjectScore>().Where(s => s.ProjectId == id).Select(s => s.Score).ToListAsync(ct);
            scores.Add(r.Score.Value);
            p.Scored(scores.Count, AwardRules.MeanTenths(scores));
            return Outcome<InnovationProject>.Ok(p);
        }, ct);
    }

    public Task<List<ProjectScore>> ScoresAsync(Guid id, CancellationToken ct) =>
        db.Set<ProjectScore>().AsNoTracking().Where(s => s.ProjectId == id).OrderBy(s => s.At).ToListAsync(ct);

    /// <summary>
    /// Awards a scored project the amount of its studio's level, reserved in the federation's innovation fund for the project's
    /// year: the ledger re-checks the budget under its (fund, unit, year) lock, so concurrent approvals never overspend it.
    /// </summary>
    public Task<Outcome<InnovationProject>> ApproveProjectAsync(Guid id, CancellationToken ct) => DecideProjectAsync(id, async p =>
    {
        if (p.Status != AwardStatus.Submitted) return Outcome<InnovationProject>.Conflict(p.Status == AwardStatus.Approved ? "award.alreadyApproved" : "award.notSubmitted");
        var scores = await db.Set<ProjectScore>().Where(s => s.ProjectId == id).Select(s => s.Score).ToListAsync(ct);
        if (AwardRules.CheckProject(rules, p.StudioLevel, scores) is { } why) return Outcome<InnovationProject>.Conflict(why, null, rules.ProjectMinExperts, rules.ProjectPassMark);
        var amount = AwardRules.ProjectAmount(rules, p.StudioLevel)!.Value;
        var r = await ledger.CommitAsync(FundCodes.Innovation, await FundUnitAsync(ct), p.Year, new Fen(amount), new SourceRef(ProjectSource, p.Id),
            $"innovation:project:commit:{p.Id}", ct);
        if (Refused(r) is { } refused) return Outcome<InnovationProject>.Conflict(refused, null, p.Year);
        p.Approve(amount, r.Value, me.Name, clock.GetUtcNow());
        return Outcome<InnovationProject>.Ok(p);
    }, ct);

    public Task<Outcome<InnovationProject>> PayProjectAsync(Guid id, CancellationToken ct) => DecideProjectAsync(id, async p =>
    {
        if (p.Status != AwardStatus.Approved) return Outcome<InnovationProject>.Conflict(p.Status == AwardStatus.Paid ? "award.alreadyPaid" : "award.notApproved");
        if (!FourEyes.Allows(p.AmountFen, FourEyes.ThresholdFen(config), p.DecidedBy, me.Name)) return Outcome<InnovationProject>.Conflict(FourEyes.Code);
        var r = await ledger.PayAsync(FundCodes.Innovation, await FundUnitAsync(ct), p.Year, new Fen(p.AmountFen), new SourceRef(ProjectSource, p.Id),
            $"innovation:project:pay:{p.Id}", ct);
        if (Refused(r) is { } refused) return Outcome<InnovationProject>.Conflict(refused, null, p.Year);
        p.MarkPaid(r.Value, clock.GetUtcNow());
        return Outcome<InnovationProject>.Ok(p);
    }, ct);

    public async Task<Outcome<InnovationProject>> RejectProjectAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500) return Outcome<InnovationProject>.Invalid("reason", "award.reasonRequired");
        return await DecideProjectAsync(id, p =>
        {
            if (p.Status != AwardStatus.Submitted) return Task.FromResult(Outcome<InnovationProject>.Conflict("award.notSubmitted"));
            p.Reject(reason, me.Name, clock.GetUtcNow());
            return Task.FromResult(Outcome<InnovationProject>.Ok(p));
        }, ct);
    }

    private async Task<Outcome<InnovationProject>> DecideProjectAsync(Guid id, Func<InnovationProject, Task<Outcome<InnovationProject>>> step, CancellationToken ct)
    {
        if (await ProjectAsync(id, ct) is null) return Outcome<InnovationProject>.NotFound();
        return await LockedAsync(() => db.Set<InnovationProject>().Where(p => p.Id == id).ExecuteUpdateAsync(x => x.SetProperty(p => p.LockVersion, p => p.LockVersion + 1), ct),
            async () =>
            {
                var p = await db.Set<InnovationProject>().FirstAsync(x => x.Id == id, ct);
                var o = await step(p);
                if (o.IsOk) await db.SaveChangesAsync(ct);
                return o;
            }, ct);
    }

    private static string? Refused(Outcome<Guid> r) =>
        r.Code == LedgerCodes.InsufficientBudget ? "award.budgetExceeded" : r.IsOk ? null : "award.ledgerRefused";

    /// <summary>
    /// A decision serialised per record. PostgreSQL: one transaction that first bumps the record's row (a row lock held to
    /// commit; the ledger joins the transaction), committed only on success. SQLite: one writer per process; the ledger keys
    /// are derived from the record, so a retry after a failure in between completes the same decision.
    /// </summary>
    private async Task<Outcome<T>> LockedAsync<T>(Func<Task<int>> bump, Func<Task<Outcome<T>>> body, CancellationToken ct)
    {
        if (db.IsNpgsql())
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await bump();
            var result = await body();
            if (result.IsOk) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
            return result;
        }
        await SqliteGate.WaitAsync(ct);
        try { return await body(); }
        finally { SqliteGate.Release(); }
    }
}
