using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.LaborRelations.Signals;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Scope;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Bargaining;

/// <summary>Opening a bargaining file (the request to bargain): what, for whom (an enterprise by id or credit code, or a sector in a district), when asked.</summary>
public sealed record AgreementInput(string? Title, AgreementKind? Kind, AgreementLevel? Level, AgreementForm? Form, Guid? EnterpriseId, string? Sector,
    string? DistrictCode, DateOnly? RequestedOn, int? WorkersCovered, int? FirmsCovered, bool? NoLayoffPledge, Guid? RenewsId, string? EnterpriseCode = null);

public sealed record RoundInput(DateOnly? HeldOn, string? Topic, int? UnionOfferBp, int? EmployerOfferBp, string? Note);

public sealed record SignInput(DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? ExpiresOn, int? CongressTotal, int? CongressPresent, int? CongressFor,
    int? UnionReps, int? EmployerReps, int? WorkersCovered, int? WageIncreaseBp, long? MinimumWageFen, string? UnionChief, string? EmployerChief);

public sealed record DateInput(DateOnly? On);

public sealed record AgreementFilter(AgreementStatus? Status = null, AgreementKind? Kind = null, int? ExpiringWithinDays = null, string? DistrictCode = null);

public sealed record AgreementDto(Guid Id, string Title, AgreementKind Kind, AgreementLevel Level, AgreementForm Form, AgreementStatus Status, Guid? EnterpriseId,
    string? EnterpriseName, string? Sector, string DistrictCode, bool NoLayoffPledge, DateOnly RequestedOn, DateOnly ResponseDue, DateOnly? RespondedOn,
    DateOnly? SignedOn, DateOnly? StartsOn, DateOnly? ExpiresOn, DateOnly? FilingDue, DateOnly? FiledOn, DateOnly? EffectiveOn, DateOnly? RenewalWindowOpens,
    bool InForce, bool FilingOverdue, int WorkersCovered, int FirmsCovered, int? WageIncreaseBp, long? MinimumWageFen, string? UnionChief, string? EmployerChief,
    int? UnionReps, int? EmployerReps, int? CongressTotal, int? CongressPresent, int? CongressFor, Guid? RenewsId, Guid? RenewedById, ReminderStage Reminded, int Version);

public sealed record RoundDto(Guid Id, int No, DateOnly HeldOn, string Topic, int? UnionOfferBp, int? EmployerOfferBp, int? GapBp, string? Note);

public sealed record AgreementDetail(AgreementDto Agreement, IReadOnlyList<RoundDto> Rounds);

public sealed record CoverageRow(string Key, int Agreements, int Firms, int Workers, int? WageIncreaseBp);

/// <summary>Agreements in force on a day: totals, by district and by kind, and those expiring within 90 days.</summary>
public sealed record CoverageDto(DateOnly On, CoverageRow Total, IReadOnlyList<CoverageRow> ByDistrict, IReadOnlyList<CoverageRow> ByKind, int ExpiringIn90Days,
    int Negotiating);

/// <summary>
/// Collective bargaining (集体协商): the file from the request to bargain through the rounds, signing (集体合同规定's checks), filing and force;
/// coverage statistics; and the reminders of filing and renewal deadlines, written to the platform's notification outbox.
/// </summary>
public sealed class BargainingHandlers(GonghuiDb db, LaborScope scope)
{
    public static AgreementDto ToDto(CollectiveAgreement a, DateOnly today) => new(a.Id, a.Title, a.Kind, a.Level, a.Form, a.Status, a.EnterpriseId, a.EnterpriseName,
        a.Sector, a.DistrictCode, a.NoLayoffPledge, a.RequestedOn, BargainingRules.ResponseDue(a.RequestedOn), a.RespondedOn, a.SignedOn, a.StartsOn, a.ExpiresOn,
        a.SignedOn is { } s ? BargainingRules.FilingDue(s) : null, a.FiledOn, a.EffectiveOn,
        a.ExpiresOn is { } x ? BargainingRules.RenewalWindowOpens(x) : null, BargainingRules.InForce(a.Status, a.EffectiveOn, a.ExpiresOn, today),
        a.Status == AgreementStatus.Signed && a.SignedOn is { } s2 && today > BargainingRules.FilingDue(s2), a.WorkersCovered, a.FirmsCovered, a.WageIncreaseBp,
        a.MinimumWageFen, a.UnionChief, a.EmployerChief, a.UnionReps, a.EmployerReps, a.CongressTotal, a.CongressPresent, a.CongressFor, a.RenewsId, a.RenewedById,
        a.Reminded, a.Version);

    public DateOnly Today => scope.Today;

    private async Task<IQueryable<CollectiveAgreement>> VisibleAsync(CancellationToken ct) =>
        db.Set<CollectiveAgreement>().InScope(await scope.ScopeAsync(ct), a => a.ScopePath);

    public async Task<Outcome<CollectiveAgreement>> OpenAsync(AgreementInput input, CancellationToken ct)
    {
        if (input.EnterpriseId is null && !string.IsNullOrWhiteSpace(input.EnterpriseCode))
        {
            var byCode = await scope.EnterpriseIdByCodeAsync(input.EnterpriseCode, ct);
            if (byCode is null) return Outcome<CollectiveAgreement>.Invalid("enterpriseId", "enterprise.unknown");
            input = input with { EnterpriseId = byCode };
        }
        var e = new List<(string Field, string Code)>();
        if (string.IsNullOrWhiteSpace(input.Title)) e.Add(("title", "required"));
        else if (input.Title.Trim().Length > 200) e.Add(("title", "too-long"));
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) e.Add(("kind", "out-of-range"));
        if (input.Level is not { } level || !Enum.IsDefined(level)) e.Add(("level", "out-of-range"));
        if (input.Form is { } form && !Enum.IsDefined(form)) e.Add(("form", "out-of-range"));
        if (input.RequestedOn is not { } requested) e.Add(("requestedOn", "required"));
        else if (requested > scope.Today) e.Add(("requestedOn", "date.future"));
        if (input.WorkersCovered is < 0 or > 10_000_000) e.Add(("workersCovered", "out-of-range"));
        if (input.FirmsCovered is < 1 or > 1_000_000) e.Add(("firmsCovered", "out-of-range"));
        if (input.Level == AgreementLevel.Enterprise && input.EnterpriseId is null) e.Add(("enterpriseId", "required"));
        if (input.Level is AgreementLevel.Industry or AgreementLevel.Regional)
        {
            if (string.IsNullOrWhiteSpace(input.Sector)) e.Add(("sector", "required"));
            else if (input.Sector.Trim().Length > 100) e.Add(("sector", "too-long"));
            if (string.IsNullOrWhiteSpace(input.DistrictCode)) e.Add(("districtCode", "required"));
            else if (BeijingDistricts.NameOf(input.DistrictCode) is null) e.Add(("districtCode", "district.unknown"));
        }
        if (e.Count > 0) return Outcome<CollectiveAgreement>.Invalid(e);

        Guid? enterpriseId = null, notify;
        string? enterpriseName = null;
        string district, path;
        if (input.Level == AgreementLevel.Enterprise)
        {
            var firm = await scope.VisibleEnterpriseAsync(input.EnterpriseId!.Value, ct);
            if (firm is null) return Outcome<CollectiveAgreement>.Invalid("enterpriseId", "enterprise.unknown");
            (enterpriseId, enterpriseName, district, path, notify) = (firm.Id, firm.Name, firm.DistrictCode, firm.ScopePath, firm.DistrictUnitId);
        }
        else
        {
            district = input.DistrictCode!;
            (notify, path) = await scope.DistrictUnionAsync(district, ct);
            if (!ScopeFilter.Covers(await scope.ScopeAsync(ct), path)) return Outcome<CollectiveAgreement>.Invalid("districtCode", "district.outOfScope");
        }

        CollectiveAgreement? renews = null;
        if (input.RenewsId is { } rid)
        {
            renews = await (await VisibleAsync(ct)).FirstOrDefaultAsync(a => a.Id == rid, ct);
            if (renews is null) return Outcome<CollectiveAgreement>.Invalid("renewsId", "agreement.unknown");
            if (renews.Status != AgreementStatus.Filed || renews.RenewedById is not null) return Outcome<CollectiveAgreement>.Invalid("renewsId", "agreement.notRenewable");
            if (renews.EnterpriseId != enterpriseId || renews.DistrictCode != district) return Outcome<CollectiveAgreement>.Invalid("renewsId", "agreement.otherParty");
            if (await db.Set<CollectiveAgreement>().AnyAsync(a => a.RenewsId == rid, ct)) return Outcome<CollectiveAgreement>.Conflict("agreement.renewalOpen");
        }

        var firms = input.Level == AgreementLevel.Enterprise ? 1 : input.FirmsCovered ?? 1;
        var a = CollectiveAgreement.Open(Guid.CreateVersion7(), input.Title!.Trim(), input.Kind!.Value, input.Level!.Value, input.Form ?? AgreementForm.Regular,
            enterpriseId, enterpriseName, input.Level == AgreementLevel.Enterprise ? null : input.Sector!.Trim(), district, path, notify, input.NoLayoffPledge ?? false,
            input.RequestedOn!.Value, input.WorkersCovered ?? renews?.WorkersCovered ?? 0, firms, renews?.Id, scope.Now, scope.Me.Name);
        db.Add(a);
        await db.SaveChangesAsync(ct);
        return Outcome<CollectiveAgreement>.Ok(a);
    }

    private async Task<(CollectiveAgreement? A, Outcome<CollectiveAgreement>? Fail)> LoadAsync(Guid id, AgreementStatus state, CancellationToken ct)
    {
        var a = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return (null, Outcome<CollectiveAgreement>.NotFound());
        if (a.Status != state) return (null, Outcome<CollectiveAgreement>.Conflict("agreement.state", null, a.Status));
        return (a, null);
    }

    /// <summary>The other side's written answer to the request (Art. 32: due within 20 days).</summary>
    public async Task<Outcome<CollectiveAgreement>> RespondAsync(Guid id, DateInput input, CancellationToken ct)
    {
        var (a, fail) = await LoadAsync(id, AgreementStatus.Negotiating, ct);
        if (a is null) return fail!;
        if (input.On is not { } on) return Outcome<CollectiveAgreement>.Invalid("on", "required");
        if (on > scope.Today) return Outcome<CollectiveAgreement>.Invalid("on", "date.future");
        if (on < a.RequestedOn) return Outcome<CollectiveAgreement>.Invalid("on", "agreement.beforeRequest");
        a.Respond(on);
        await db.SaveChangesAsync(ct);
        return Outcome<CollectiveAgreement>.Ok(a);
    }

    public async Task<Outcome<AgreementRound>> AddRoundAsync(Guid id, RoundInput input, CancellationToken ct)
    {
        var (a, fail) = await LoadAsync(id, AgreementStatus.Negotiating, ct);
        if (a is null) return fail!.As<AgreementRound>();
        var e = new List<(string Field, string Code)>();
        if (input.HeldOn is not { } held) e.Add(("heldOn", "required"));
        else if (held > scope.Today) e.Add(("heldOn", "date.future"));
        else if (held < a.RequestedOn) e.Add(("heldOn", "agreement.beforeRequest"));
        if (string.IsNullOrWhiteSpace(input.Topic)) e.Add(("topic", "required"));
        else if (input.Topic.Trim().Length > 200) e.Add(("topic", "too-long"));
        if (input.UnionOfferBp is < -5_000 or > 10_000) e.Add(("unionOfferBp", "out-of-range"));
        if (input.EmployerOfferBp is < -5_000 or > 10_000) e.Add(("employerOfferBp", "out-of-range"));
        if (input.Note?.Length > 1000) e.Add(("note", "too-long"));
        if (e.Count > 0) return Outcome<AgreementRound>.Invalid(e);
        var rounds = db.Set<AgreementRound>().Where(r => r.AgreementId == id);
        if (await rounds.AnyAsync(r => r.HeldOn > input.HeldOn, ct)) return Outcome<AgreementRound>.Invalid("heldOn", "round.beforePrevious");
        var no = await rounds.CountAsync(ct) + 1;
        var round = AgreementRound.Of(Guid.CreateVersion7(), id, no, input.HeldOn!.Value, input.Topic!.Trim(), input.UnionOfferBp, input.EmployerOfferBp,
            SignalHandlers.Trim(input.Note), scope.Now, scope.Me.Name);
        db.Add(round);
        await db.SaveChangesAsync(ct);
        return Outcome<AgreementRound>.Ok(round);
    }

    /// <summary>Signing after the workers' congress passed the draft (Art. 36); a renewal marks the agreement it renews.</summary>
    public async Task<Outcome<CollectiveAgreement>> SignAsync(Guid id, SignInput input, CancellationToken ct)
    {
        var (a, fail) = await LoadAsync(id, AgreementStatus.Negotiating, ct);
        if (a is null) return fail!;
        var facts = new SigningFacts(input.SignedOn, input.StartsOn, input.ExpiresOn, input.CongressTotal, input.CongressPresent, input.CongressFor, input.UnionReps,
            input.EmployerReps, input.WorkersCovered ?? (a.WorkersCovered > 0 ? a.WorkersCovered : null), input.WageIncreaseBp, input.MinimumWageFen, a.Kind);
        var e = BargainingRules.ValidateSigning(facts, scope.Today).ToList();
        if (input.SignedOn is { } s && s < a.RequestedOn) e.Add(("signedOn", "agreement.beforeRequest"));
        if (input.SignedOn is { } s2 && await db.Set<AgreementRound>().AnyAsync(r => r.AgreementId == id && r.HeldOn > s2, ct)) e.Add(("signedOn", "agreement.beforeRound"));
        if (input.UnionChief?.Length > 50) e.Add(("unionChief", "too-long"));
        if (input.EmployerChief?.Length > 50) e.Add(("employerChief", "too-long"));
        if (e.Count > 0) return Outcome<CollectiveAgreement>.Invalid(e);
        a.Sign(facts, SignalHandlers.Trim(input.UnionChief), SignalHandlers.Trim(input.EmployerChief));
        if (a.RenewsId is { } rid && await db.Set<CollectiveAgreement>().FirstOrDefaultAsync(x => x.Id == rid, ct) is { } old && old.RenewedById is null)
            old.MarkRenewed(a.Id);
        await db.SaveChangesAsync(ct);
        return Outcome<CollectiveAgreement>.Ok(a);
    }

    /// <summary>Filed with the labour authority (Art. 42, within 10 days of signing); in force 15 days later unless it objects (Art. 47).</summary>
    public async Task<Outcome<CollectiveAgreement>> FileAsync(Guid id, DateInput input, CancellationToken ct)
    {
        var (a, fail) = await LoadAsync(id, AgreementStatus.Signed, ct);
        if (a is null) return fail!;
        if (input.On is not { } on) return Outcome<CollectiveAgreement>.Invalid("on", "required");
        if (on > scope.Today) return Outcome<CollectiveAgreement>.Invalid("on", "date.future");
        if (on < a.SignedOn) return Outcome<CollectiveAgreement>.Invalid("on", "agreement.filedBeforeSigning");
        a.File(on);
        await db.SaveChangesAsync(ct);
        return Outcome<CollectiveAgreement>.Ok(a);
    }

    public async Task<IReadOnlyList<CollectiveAgreement>> ListAsync(AgreementFilter f, int limit, CancellationToken ct)
    {
        var q = (await VisibleAsync(ct)).AsNoTracking();
        if (f.Status is { } s) q = q.Where(a => a.Status == s);
        if (f.Kind is { } k) q = q.Where(a => a.Kind == k);
        if (f.DistrictCode is { Length: > 0 } d) q = q.Where(a => a.DistrictCode == d);
        if (f.ExpiringWithinDays is { } days)
        {
            var until = scope.Today.AddDays(days);
            q = q.Where(a => a.Status == AgreementStatus.Filed && a.ExpiresOn <= until).OrderBy(a => a.ExpiresOn).ThenBy(a => a.Id);
        }
        else q = q.OrderByDescending(a => a.RequestedOn).ThenByDescending(a => a.Id);
        return await q.Take(Math.Clamp(limit, 1, 500)).ToListAsync(ct);
    }

    public async Task<AgreementDetail?> GetAsync(Guid id, CancellationToken ct)
    {
        var a = await (await VisibleAsync(ct)).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return null;
        var rounds = await db.Set<AgreementRound>().AsNoTracking().Where(r => r.AgreementId == id).OrderBy(r => r.No).ToListAsync(ct);
        return new AgreementDetail(ToDto(a, scope.Today), rounds.Select(r => new RoundDto(r.Id, r.No, r.HeldOn, r.Topic, r.UnionOfferBp, r.EmployerOfferBp,
            BargainingRules.OfferGap(r.UnionOfferBp, r.EmployerOfferBp), r.Note)).ToList());
    }

    /// <summary>Coverage on a day: agreements in force (filed, effective, not expired), grouped in SQL by district and kind.</summary>
    public async Task<CoverageDto> CoverageAsync(DateOnly? on, CancellationToken ct)
    {
        var day = on ?? scope.Today;
        var visible = (await VisibleAsync(ct)).AsNoTracking();
        var inForce = visible.Where(a => (a.Status == AgreementStatus.Filed || a.Status == AgreementStatus.Renewed) && a.EffectiveOn <= day && a.ExpiresOn >= day);
        var rows = await inForce.GroupBy(a => new { a.DistrictCode, a.Kind }).Select(g => new
        {
            g.Key.DistrictCode, g.Key.Kind, N = g.Count(), Firms = g.Sum(a => a.FirmsCovered), Workers = g.Sum(a => a.WorkersCovered),
            WithFigure = g.Sum(a => a.WageIncreaseBp == null ? 0 : a.WorkersCovered),
            Weighted = g.Sum(a => a.WageIncreaseBp == null ? 0L : (long)a.WorkersCovered * a.WageIncreaseBp.Value),
        }).ToListAsync(ct);
        var byDistrict = rows.GroupBy(r => r.DistrictCode).OrderBy(g => g.Key)
            .Select(g => Sum(g.Key, g.Select(r => (r.N, r.Firms, r.Workers, r.WithFigure, r.Weighted)))).ToList();
        var byKind = rows.GroupBy(r => r.Kind).OrderBy(g => g.Key)
            .Select(g => Sum(g.Key.ToString(), g.Select(r => (r.N, r.Firms, r.Workers, r.WithFigure, r.Weighted)))).ToList();
        var total = Sum("total", rows.Select(r => (r.N, r.Firms, r.Workers, r.WithFigure, r.Weighted)));
        var until = day.AddDays(90);
        var expiring = await visible.CountAsync(a => a.Status == AgreementStatus.Filed && a.ExpiresOn >= day && a.ExpiresOn <= until, ct);
        var negotiating = await visible.CountAsync(a => a.Status == AgreementStatus.Negotiating, ct);
        return new CoverageDto(day, total, byDistrict, byKind, expiring, negotiating);
    }

    private static CoverageRow Sum(string key, IEnumerable<(int N, int Firms, int Workers, int WithFigure, long Weighted)> parts)
    {
        int n = 0, firms = 0, workers = 0;
        long withFigure = 0, weighted = 0;
        foreach (var p in parts) { n += p.N; firms += p.Firms; workers += p.Workers; withFigure += p.WithFigure; weighted += p.Weighted; }
        return new CoverageRow(key, n, firms, workers, withFigure == 0 ? null : (int)Math.Round((double)weighted / withFigure, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// Writes the due reminders to the notification outbox, each with the stage it reached on its agreement in the same SaveChanges (so none is
    /// sent twice): filing overdue (Art. 42), the renewal window open (Art. 38), 30 days before expiry, expired without a renewal. Over the
    /// caller's scope, or every agreement for the daily loop.
    /// </summary>
    public async Task<int> QueueRemindersAsync(bool allScopes, CancellationToken ct)
    {
        var today = scope.Today;
        // The daily loop runs on every node: one takes the run (the others skip it), and the agreements' versions guard the rest.
        await using var claim = allScopes ? await db.TryClaimJobAsync("labor.bargaining-reminders", ct) : null;
        if (allScopes && claim is null) return 0;
        var q = allScopes ? db.Set<CollectiveAgreement>() : await VisibleAsync(ct);
        var windowEdge = today.AddMonths(BargainingStatute.RenewalWindowMonths);
        var filingEdge = today.AddDays(-BargainingStatute.FilingDays);
        var candidates = await q.Where(a => (a.Status == AgreementStatus.Filed && a.RenewedById == null && a.ExpiresOn <= windowEdge && a.Reminded != ReminderStage.Expired)
            || (a.Status == AgreementStatus.Signed && !a.FilingReminded && a.SignedOn < filingEdge)).Take(5_000).ToListAsync(ct);
        var now = scope.Now;
        var n = 0;
        foreach (var a in candidates)
        {
            string? body = null;
            if (a.Status == AgreementStatus.Signed)
            {
                a.RemindFiling();
                body = $"【集体合同】{a.Title}已于{a.SignedOn:yyyy-MM-dd}签订，应自签字之日起10日内（{BargainingRules.FilingDue(a.SignedOn!.Value):yyyy-MM-dd}前）报送人力资源社会保障部门审查，现已逾期。";
            }
            else if (BargainingRules.ReminderDue(a.ExpiresOn!.Value, today, a.Reminded) is { } stage)
            {
                a.Remind(stage);
                body = stage switch
                {
                    ReminderStage.Expired => $"【集体合同】{a.Title}已于{a.ExpiresOn:yyyy-MM-dd}期满，尚未续订，请及时组织重新协商。",
                    ReminderStage.ThirtyDays => $"【集体合同】{a.Title}将于{a.ExpiresOn:yyyy-MM-dd}期满（30日内），请推动续订。",
                    _ => $"【集体合同】{a.Title}将于{a.ExpiresOn:yyyy-MM-dd}期满；依《集体合同规定》第三十八条，期满前3个月内任何一方均可提出续订要求。",
                };
            }
            if (body is null || a.NotifyUnitId is null) continue;
            db.Add(new OutboxMessage { Channel = "unit", ToUnitId = a.NotifyUnitId, Body = body, SubjectId = a.Id, CreatedAt = now, NextAttemptAt = now });
            n++;
        }
        await db.SaveChangesAsync(ct);
        if (claim is not null) await claim.CommitAsync(ct);
        return n;
    }
}
