using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Campaigns;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Platform.Http;
using Gonghui.Platform.Data;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship.Campaigns;

public sealed record CampaignInput(int? Year, string? Name);
public sealed record ApplicationInput(Guid? FileId, Guid? ChildMemberId, SchoolStage? Stage, string? School);
public sealed record DecisionInput(bool? Approve, string? Reason);

public sealed record CampaignView(Guid Id, int Year, string Name, CampaignStatus Status);
public sealed record ApplicationView(Guid Id, Guid CampaignId, Guid FileId, string FileNo, string DistrictCode, Guid ChildMemberId, string ChildName, SchoolStage Stage,
    string School, long AmountFen, ApplicationStatus Status, string? Reason, bool HasAdmissionLetter, Guid? AssistanceId);
public sealed record StageLine(SchoolStage Stage, int Children, long AmountFen);
public sealed record StatusLine(ApplicationStatus Status, int Applications);
public sealed record CampaignSummary(CampaignView Campaign, int Applications, int Pending, int Approved, int ChildrenPaid, long AmountPaidFen, List<StageLine> ByStage,
    List<StatusLine> ByStatus);

/// <summary>What became of one file of a bulk letter upload.</summary>
public enum LetterStatus { Stored, NotMatched, Rejected }

/// <summary>One file of a bulk letter upload: stored on the application it names, not matched (Code says why), or rejected
/// (its type or size; nothing written). Reason is the code in the caller's language.</summary>
public sealed record LetterLine(string FileName, LetterStatus Status, string? Code, Guid? ApplicationId, string? FileNo, string? ChildName, string? Reason = null);

/// <summary>A bulk letter upload, file by file.</summary>
public sealed record LetterBatch(int Stored, int NotMatched, int Rejected, List<LetterLine> Files)
{
    public LetterBatch Worded(Func<string, string> words) => this with { Files = [.. Files.Select(f => f.Code is null ? f : f with { Reason = words(f.Code) })] };
}

/// <summary>金秋助学: the federation opens a year's campaign; unions apply for a household's children; district and federation decide; the grant is paid as assistance.</summary>
public sealed class CampaignHandlers(HardshipScope scope, FileDocuments documents, AssistanceHandlers assistanceHandlers, GonghuiDb db, CurrentUser me)
{
    private ActorLevel Level => scope.Level;
    private DateTimeOffset Now => scope.Now;
    private HardshipRuleBook rules => scope.Rules;
    private Task<IQueryable<HardshipFile>> ScopedFilesAsync(CancellationToken ct) => scope.ScopedFilesAsync(ct);
    public const string CampaignExists = "campaign.existsForYear";
    public const string CampaignClosed = "campaign.closed";
    public const string ChildAlreadyApplied = "campaign.childAlreadyApplied";
    public const string NotAChild = "assistance.notAChildOfHousehold";

    public async Task<List<CampaignView>> CampaignsAsync(CancellationToken ct) =>
        await db.Set<EducationCampaign>().AsNoTracking().OrderByDescending(c => c.Year).Select(c => new CampaignView(c.Id, c.Year, c.Name, c.Status)).ToListAsync(ct);

    public async Task<Outcome<CampaignView>> OpenCampaignAsync(CampaignInput input, CancellationToken ct)
    {
        if (Level != ActorLevel.Federation) return Outcome<CampaignView>.Conflict(HardshipWorkflow.NotAllowedForLevel);
        if (input.Year is not (>= 2000 and <= 2100)) return Outcome<CampaignView>.Invalid("year", "field.yearInvalid");
        if (string.IsNullOrWhiteSpace(input.Name)) return Outcome<CampaignView>.Invalid("name", "field.required");
        if (await db.Set<EducationCampaign>().AnyAsync(c => c.Year == input.Year, ct)) return Outcome<CampaignView>.Conflict(CampaignExists);
        var c = EducationCampaign.Open(input.Year.Value, input.Name.Trim(), Now);
        db.Add(c);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<CampaignView>.Conflict(CampaignExists); }
        return Outcome<CampaignView>.Ok(new CampaignView(c.Id, c.Year, c.Name, c.Status));
    }

    private async Task<IQueryable<ApplicationView>> ScopedApplicationsAsync(Guid campaignId, CancellationToken ct, Guid? onlyId = null, ApplicationStatus? status = null,
        bool withoutRejected = false)
    {
        var files = await ScopedFilesAsync(ct);
        // Filters go before the projection: EF cannot filter on a record built by its constructor.
        var apps = db.Set<GrantApplication>().AsNoTracking().Where(a => a.CampaignId == campaignId);
        if (onlyId is { } id) apps = apps.Where(a => a.Id == id);
        if (status is { } st) apps = apps.Where(a => a.Status == st);
        else if (withoutRejected) apps = apps.Where(a => a.Status != ApplicationStatus.Rejected);
        return from a in apps
               join f in files on a.FileId equals f.Id
               orderby f.DistrictCode, a.ChildName
               select new ApplicationView(a.Id, a.CampaignId, a.FileId, f.FileNo, f.DistrictCode, a.ChildMemberId, a.ChildName, a.Stage, a.School, a.AmountFen,
                   a.Status, a.Reason, a.AdmissionDocumentId != null, a.AssistanceId);
    }

    private async Task<ApplicationView> ApplicationAsync(Guid campaignId, Guid id, CancellationToken ct) =>
        await (await ScopedApplicationsAsync(campaignId, ct, onlyId: id)).FirstAsync(ct);

    /// <summary>A campaign's applications in scope, keyset-paged by the child's name (then id), optionally of one status.</summary>
    public async Task<Slice<ApplicationView>> ApplicationsAsync(Guid campaignId, ApplicationStatus? status, KeysetRequest request, CancellationToken ct)
    {
        var files = await ScopedFilesAsync(ct);
        var apps = db.Set<GrantApplication>().AsNoTracking().Where(a => a.CampaignId == campaignId && files.Any(f => f.Id == a.FileId));
        if (status is { } st) apps = apps.Where(a => a.Status == st);
        return await apps.SliceAsync(request, a => a.ChildName, a => a.Id, descending: false,
            rows => from a in rows
                    join f in db.Set<HardshipFile>() on a.FileId equals f.Id
                    select new ApplicationView(a.Id, a.CampaignId, a.FileId, f.FileNo, f.DistrictCode, a.ChildMemberId, a.ChildName, a.Stage, a.School, a.AmountFen,
                        a.Status, a.Reason, a.AdmissionDocumentId != null, a.AssistanceId),
            a => a.ChildName, a => a.Id, ct);
    }

    /// <summary>The printed grant list: up to <paramref name="max"/> applications in scope (of a status, or all but the rejected), by district and child.</summary>
    internal async Task<List<ApplicationView>> PrintRowsAsync(Guid campaignId, ApplicationStatus? status, int max, CancellationToken ct) =>
        await (await ScopedApplicationsAsync(campaignId, ct, status: status, withoutRejected: true)).Take(max).ToListAsync(ct);

    /// <summary>Children helped and amount paid, over the applications in the caller's scope.</summary>
    public async Task<CampaignSummary?> SummaryAsync(Guid campaignId, CancellationToken ct)
    {
        var c = await db.Set<EducationCampaign>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == campaignId, ct);
        if (c is null) return null;
        var files = await ScopedFilesAsync(ct);
        var groups = await (from a in db.Set<GrantApplication>().AsNoTracking()
                            where a.CampaignId == campaignId && files.Any(f => f.Id == a.FileId)
                            group a by new { a.Status, a.Stage } into g
                            select new { g.Key.Status, g.Key.Stage, N = g.Count(), Amount = g.Sum(a => a.AmountFen) }).ToListAsync(ct);
        var paid = groups.Where(g => g.Status == ApplicationStatus.Paid).ToList();
        return new CampaignSummary(new CampaignView(c.Id, c.Year, c.Name, c.Status), groups.Sum(g => g.N),
            groups.Where(g => g.Status is ApplicationStatus.Submitted or ApplicationStatus.DistrictApproved).Sum(g => g.N),
            groups.Where(g => g.Status == ApplicationStatus.FederationApproved).Sum(g => g.N),
            paid.Sum(g => g.N), paid.Sum(g => g.Amount),
            [.. paid.GroupBy(g => g.Stage).OrderBy(g => g.Key).Select(g => new StageLine(g.Key, g.Sum(x => x.N), g.Sum(x => x.Amount)))],
            [.. groups.GroupBy(g => g.Status).OrderBy(g => g.Key).Select(g => new StatusLine(g.Key, g.Sum(x => x.N)))]);
    }

    public async Task<Outcome<ApplicationView>> ApplyAsync(Guid campaignId, ApplicationInput input, CancellationToken ct)
    {
        var c = await db.Set<EducationCampaign>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == campaignId, ct);
        if (c is null) return Outcome<ApplicationView>.NotFound();
        if (c.Status != CampaignStatus.Open) return Outcome<ApplicationView>.Conflict(CampaignClosed);
        if (input.FileId is null) return Outcome<ApplicationView>.Invalid("fileId", "field.required");
        var file = await (await ScopedFilesAsync(ct)).AsNoTracking().FirstOrDefaultAsync(f => f.Id == input.FileId, ct);
        if (file is null) return Outcome<ApplicationView>.NotFound();
        if (file.Status is not (FileStatus.Active or FileStatus.ExitProposed or FileStatus.ExitInNotice)) return Outcome<ApplicationView>.Conflict(AssistanceRules.NotActive);
        if (input.Stage is not { } stage || !rules.EducationStandards.TryGetValue(stage, out var amount)) return Outcome<ApplicationView>.Invalid("stage", "field.required");
        if (string.IsNullOrWhiteSpace(input.School)) return Outcome<ApplicationView>.Invalid("school", "field.required");
        var child = await db.Set<HouseholdMember>().AsNoTracking()
            .FirstOrDefaultAsync(m => m.Id == input.ChildMemberId && m.FileId == file.Id && (m.Relation == Relation.Child || m.Relation == Relation.Grandchild), ct);
        if (child is null) return Outcome<ApplicationView>.Invalid("childMemberId", NotAChild);
        if (await db.Set<GrantApplication>().AnyAsync(a => a.CampaignId == campaignId && a.ChildMemberId == child.Id, ct))
            return Outcome<ApplicationView>.Conflict(ChildAlreadyApplied);
        var app = GrantApplication.Submit(campaignId, file.Id, child.Id, child.Name, stage, input.School.Trim(), amount, me.Name, Now);
        db.Add(app);
        db.Add(HardshipEvent.Create(file.Id, Now, me.Name, "GrantApplied", null, null, $"{c.Name}: {child.Name} {stage}"));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<ApplicationView>.Conflict(ChildAlreadyApplied); }
        return Outcome<ApplicationView>.Ok(await ApplicationAsync(campaignId, app.Id, ct));
    }

    private async Task<GrantApplication?> ScopedApplicationAsync(Guid campaignId, Guid applicationId, CancellationToken ct)
    {
        var files = await ScopedFilesAsync(ct);
        return await db.Set<GrantApplication>().FirstOrDefaultAsync(a => a.Id == applicationId && a.CampaignId == campaignId && files.Any(f => f.Id == a.FileId), ct);
    }

    public async Task<Outcome<ApplicationView>> AttachLetterAsync(Guid campaignId, Guid applicationId, string fileName, string contentType, byte[] content, CancellationToken ct)
    {
        var app = await ScopedApplicationAsync(campaignId, applicationId, ct);
        if (app is null) return Outcome<ApplicationView>.NotFound();
        // The document and the link to it are written together or not at all.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var doc = await documents.AddDocumentAsync(app.FileId, app.Id, "AdmissionLetter", fileName, contentType, content, ct);
        if (!doc.IsOk) return doc.As<ApplicationView>();
        app = await ScopedApplicationAsync(campaignId, applicationId, ct);
        app!.AttachAdmissionLetter(doc.Value!.Id);
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return Outcome<ApplicationView>.Ok(await ApplicationAsync(campaignId, applicationId, ct));
    }

    /// <summary>
    /// Admission letters in bulk: each file is matched to an application of the campaign in scope by its name
    /// (<see cref="LetterMatching"/>), its type and size checked as a single upload's are, and stored on its own — a bad file
    /// costs only itself. Rejected applications take no letter; a second file for the same application in one upload is not taken.
    /// </summary>
    public async Task<Outcome<LetterBatch>> AttachLettersAsync(Guid campaignId, IReadOnlyList<LetterUpload> uploads, CancellationToken ct)
    {
        if (!await db.Set<EducationCampaign>().AsNoTracking().AnyAsync(c => c.Id == campaignId, ct)) return Outcome<LetterBatch>.NotFound();
        var files = await ScopedFilesAsync(ct);
        var rows = await (from a in db.Set<GrantApplication>().AsNoTracking()
                          where a.CampaignId == campaignId && a.Status != ApplicationStatus.Rejected
                          join f in files on a.FileId equals f.Id
                          join m in db.Set<HouseholdMember>() on a.ChildMemberId equals m.Id
                          select new { a.Id, f.FileNo, a.ChildName, m.IdMasked }).ToListAsync(ct);
        var candidates = rows.Select(r => new LetterCandidate(r.Id, r.FileNo, r.ChildName, r.IdMasked.Length >= 4 ? r.IdMasked[^4..] : "")).ToList();
        var lines = new List<LetterLine>();
        var stored = new HashSet<Guid>();
        foreach (var u in uploads)
        {
            if (DocumentRules.Check(u.ContentType, u.Content.LongLength, u.Content.AsSpan(0, Math.Min(16, u.Content.Length)), rules.Documents) is { } bad)
            {
                lines.Add(new LetterLine(u.Name, LetterStatus.Rejected, bad, null, null, null));
                continue;
            }
            var (match, why) = LetterMatching.Match(u.Name, candidates);
            if (match is null || stored.Contains(match.ApplicationId))
            {
                lines.Add(new LetterLine(u.Name, LetterStatus.NotMatched, why ?? LetterMatching.SecondForSameApplication, match?.ApplicationId, match?.FileNo, match?.ChildName));
                continue;
            }
            var r = await AttachLetterAsync(campaignId, match.ApplicationId, u.Name, u.ContentType, u.Content, ct);
            db.ChangeTracker.Clear();
            if (r.IsOk) stored.Add(match.ApplicationId);
            lines.Add(r.IsOk
                ? new LetterLine(u.Name, LetterStatus.Stored, null, match.ApplicationId, match.FileNo, match.ChildName)
                : new LetterLine(u.Name, LetterStatus.Rejected, HardshipText.FirstCode(r), match.ApplicationId, match.FileNo, match.ChildName));
        }
        return Outcome<LetterBatch>.Ok(new LetterBatch(lines.Count(l => l.Status == LetterStatus.Stored), lines.Count(l => l.Status == LetterStatus.NotMatched),
            lines.Count(l => l.Status == LetterStatus.Rejected), lines));
    }

    public async Task<Outcome<ApplicationView>> DecideAsync(Guid campaignId, Guid applicationId, DecisionInput input, CancellationToken ct)
    {
        var app = await ScopedApplicationAsync(campaignId, applicationId, ct);
        if (app is null) return Outcome<ApplicationView>.NotFound();
        if (input.Approve is not { } approve) return Outcome<ApplicationView>.Invalid("approve", "field.required");
        var err = app.Decide(Level, approve, input.Reason, Now);
        if (err is not null) return Outcome<ApplicationView>.Conflict(err);
        db.Add(HardshipEvent.Create(app.FileId, Now, me.Name, approve ? "GrantApproved" : "GrantRejected", null, null, $"{app.ChildName}: {app.Status} {input.Reason}".Trim()));
        await db.SaveChangesAsync(ct);
        return Outcome<ApplicationView>.Ok(await ApplicationAsync(campaignId, applicationId, ct));
    }

    /// <summary>Pays an approved grant: one EducationGrant assistance record per application (unique), paid through the ledger once.</summary>
    public async Task<Outcome<ApplicationView>> PayGrantAsync(Guid campaignId, Guid applicationId, CancellationToken ct)
    {
        var app = await ScopedApplicationAsync(campaignId, applicationId, ct);
        if (app is null) return Outcome<ApplicationView>.NotFound();
        if (app.Status is not (ApplicationStatus.FederationApproved or ApplicationStatus.Paid)) return Outcome<ApplicationView>.Conflict(HardshipWorkflow.IllegalTransition);
        var assistance = await db.Set<HardshipAssistance>().AsNoTracking().FirstOrDefaultAsync(a => a.ApplicationId == app.Id, ct);
        Guid assistanceId;
        if (assistance is null)
        {
            var approved = await assistanceHandlers.ApproveAssistanceAsync(app.FileId, new AssistanceInput(AssistanceType.EducationGrant, app.AmountFen, null, app.ChildMemberId, null, me.Name,
                $"金秋助学 {app.School}"), $"grant:{app.Id:N}", ct, app.Id);
            if (!approved.IsOk) return approved.As<ApplicationView>();
            assistanceId = approved.Value!.Id;
        }
        else assistanceId = assistance.Id;
        var paid = await assistanceHandlers.PayAsync(assistanceId, ct);
        if (!paid.IsOk) return paid.As<ApplicationView>();
        db.ChangeTracker.Clear();
        app = await ScopedApplicationAsync(campaignId, applicationId, ct);
        if (app!.Status != ApplicationStatus.Paid) { app.MarkPaid(assistanceId); await db.SaveChangesAsync(ct); }
        return Outcome<ApplicationView>.Ok(await ApplicationAsync(campaignId, applicationId, ct));
    }
}
