using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Hardship.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Modules.Services.Projects;
using Gonghui.Modules.Services.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Services.Campaigns;

public sealed record OpenCampaignInput(string? Name, CampaignKind? Kind, int? Year, GiftKind? GiftKind, long? GiftFen, string? GiftItem, Guid? ProjectId);
public sealed record PlanLineInput(Guid? UnitId, RecipientGroup? Group, int? Planned);
public sealed record PlanInput(List<PlanLineInput>? Lines);
/// <summary>A unit a campaign's plan may name.</summary>
public sealed record PlanUnit(Guid Id, string Name);

/// <summary>
/// The rules to build a target list from: the archived needy and the needy of the campaign's scope (from the hardship archive), the
/// active members of the named front-line units, and needy members a unit names itself.
/// </summary>
public sealed record BuildTargetsInput(bool? ArchivedNeedy, bool? Needy, List<Guid>? FrontLineUnitIds, List<Guid>? NeedyMemberIds);
public sealed record AddRecipientInput(Guid? MemberId, RecipientGroup? Group);
public sealed record PubliciseInput(DateOnly? StartsOn);
public sealed record GiftInput(long? AmountFen, string? Item);
public sealed record SignOffInput(SignOffBy? By);

/// <summary>How many people a build added, by group.</summary>
public sealed record TargetsBuilt(int ArchivedNeedy, int Needy, int FrontLine, int AlreadyListed);

/// <summary>A campaign with its counts and its results per unit against the plan (unit names filled in).</summary>
public sealed record CampaignView(ServiceCampaign Campaign, string OwnerName, IReadOnlyList<CampaignResultRow> Results, int Listed, int Gifted, int SignedOff, long MoneyFen);

public sealed record CampaignResultRow(Guid UnitId, string UnitName, RecipientGroup Group, int Planned, int Listed, int Gifted, int SignedOff, long MoneyFen, int? ReachBp);

public sealed record RecipientRow(Guid Id, Guid MemberId, string MemberName, string UnitName, RecipientGroup Group, RecipientStatus Status, long GiftFen, string? GiftItem,
    SignOffBy? SignedOffBy, DateTimeOffset? GiftedAt);

/// <summary>
/// Seasonal campaigns: open, plan per unit, build the target list from rules (each person once), publicise, give (money through the
/// ledger: paid once per person and recorded in the same transaction), sign off, and the results per unit against the plan.
/// </summary>
public sealed class CampaignHandlers(GonghuiDb db, CurrentUser me, IFundLedger ledger, IHardshipRoster hardship, ProjectHandlers projects, TimeProvider clock)
{
    public const string GiftSource = "ServiceCampaignGift";

    public DateOnly Today => BeijingTime.Today(clock);

    public async Task<IQueryable<ServiceCampaign>> VisibleAsync(CancellationToken ct)
    {
        var q = db.Set<ServiceCampaign>().AsNoTracking();
        if (!me.IsStaff) return q.Where(c => false);
        return q.InScope(await me.ScopePathAsync(ct), c => c.ScopePath);
    }

    public async Task<Slice<ServiceCampaign>> ListAsync(int? year, KeysetRequest request, CancellationToken ct)
    {
        var q = await VisibleAsync(ct);
        if (year is { } y) q = q.Where(c => c.Year == y);
        return await q.SliceAsync(request, c => c.CreatedAt, c => c.Id, descending: true, rows => rows, c => c.CreatedAt, c => c.Id, ct);
    }

    public async Task<CampaignView?> GetAsync(Guid id, CancellationToken ct)
    {
        var c = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var plan = await db.Set<CampaignPlanEntry>().AsNoTracking().Where(p => p.CampaignId == id).Select(p => new PlanLine(p.UnitId, p.Group, p.Planned)).ToListAsync(ct);
        // Counted in the database per unit, group and status.
        var counts = await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.CampaignId == id)
            .GroupBy(r => new { r.UnitId, r.Group, r.Status })
            .Select(g => new { g.Key.UnitId, g.Key.Group, g.Key.Status, Count = g.Count(), Money = g.Sum(r => r.PaidEntryId != null ? r.GiftFen : 0) }).ToListAsync(ct);
        var rc = counts.Select(x => new RecipientCount(x.UnitId, x.Group, x.Count, x.Status == RecipientStatus.Listed ? 0 : x.Count,
            x.Status == RecipientStatus.SignedOff ? x.Count : 0, x.Money));
        var results = CampaignRules.Results(plan, rc);
        var unitIds = results.Select(r => r.UnitId).Append(c.OwnerUnitId).Distinct().ToList();
        var names = await db.UnitRows().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var rows = results.Select(r => new CampaignResultRow(r.UnitId, names.GetValueOrDefault(r.UnitId, ""), r.Group, r.Planned, r.Listed, r.Gifted, r.SignedOff,
            r.MoneyFen, r.ReachBp)).OrderBy(r => r.UnitName, StringComparer.Ordinal).ThenBy(r => r.Group).ToList();
        return new CampaignView(c, names.GetValueOrDefault(c.OwnerUnitId, ""), rows, rows.Sum(r => r.Listed), rows.Sum(r => r.Gifted), rows.Sum(r => r.SignedOff),
            rows.Sum(r => r.MoneyFen));
    }

    public async Task<Outcome<ServiceCampaign>> OpenAsync(OpenCampaignInput input, CancellationToken ct)
    {
        if (me.OrgUnitId is not { } unitId) return Outcome<ServiceCampaign>.Conflict("project.noUnit");
        var errors = new List<(string, string)>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) errors.Add(("name", name.Length == 0 ? "required" : "too-long"));
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) errors.Add(("kind", "required"));
        if (input.Year is not { } year || year < 2000 || year > Today.Year + 1) errors.Add(("year", input.Year is null ? "required" : "project.yearRange"));
        if (input.GiftKind is not { } gift || !Enum.IsDefined(gift)) errors.Add(("giftKind", "required"));
        else if (gift == GiftKind.Money && (input.GiftFen is not { } fen || fen <= 0 || fen > CampaignRules.MaxGiftFen)) errors.Add(("giftFen", "campaign.amountOverCap"));
        else if (gift == GiftKind.InKind && string.IsNullOrWhiteSpace(input.GiftItem)) errors.Add(("giftItem", "campaign.itemRequired"));
        if (input.GiftFen is < 0 or > CampaignRules.MaxGiftFen) errors.Add(("giftFen", "campaign.amountOverCap"));
        if (input.GiftItem?.Trim() is { Length: > 200 }) errors.Add(("giftItem", "too-long"));
        if (input.ProjectId is { } pid && !await (await projects.VisibleAsync(ct)).AnyAsync(p => p.Id == pid, ct)) errors.Add(("projectId", "campaign.projectUnknown"));
        if (errors.Count > 0) return Outcome<ServiceCampaign>.Invalid(errors.Distinct());
        var path = await db.UnitRows().Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
        var c = ServiceCampaign.Open(Guid.CreateVersion7(), name, input.Kind!.Value, input.Year!.Value, unitId, path, input.ProjectId, input.GiftKind!.Value,
            input.GiftFen ?? 0, input.GiftItem?.Trim(), clock.GetUtcNow(), me.Name);
        db.Add(c);
        await db.SaveChangesAsync(ct);
        return Outcome<ServiceCampaign>.Ok(c);
    }

    /// <summary>Units a plan line may name (open units in the campaign's scope), the upper levels first, at most <paramref name="take"/>: the plan form's choice.</summary>
    public async Task<IReadOnlyList<PlanUnit>> PlanUnitsAsync(Guid id, int take, CancellationToken ct)
    {
        var c = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return [];
        return await db.UnitRows().InScope(c.ScopePath, u => u.Path).Where(u => !u.IsClosed)
            .OrderBy(u => u.Path.Length).ThenBy(u => u.Name).Take(Math.Clamp(take, 1, 1000)).Select(u => new PlanUnit(u.Id, u.Name)).ToListAsync(ct);
    }

    /// <summary>Sets the plan lines given (unit in the campaign's scope, group, planned count); other lines stay.</summary>
    public async Task<Outcome<CampaignView>> PlanAsync(Guid id, PlanInput input, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } c) return Outcome<CampaignView>.NotFound();
        var lines = input.Lines ?? [];
        var errors = new List<(string, string)>();
        var unitIds = lines.Select(l => l.UnitId ?? Guid.Empty).Distinct().ToList();
        var inScope = (await db.UnitRows().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToListAsync(ct))
            .Where(u => ScopeFilter.Covers(c.ScopePath, u.Path)).Select(u => u.Id).ToHashSet();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].UnitId is not { } u || !inScope.Contains(u)) errors.Add(($"lines[{i}].unitId", "campaign.unitOutOfScope"));
            if (lines[i].Group is not { } g || !Enum.IsDefined(g)) errors.Add(($"lines[{i}].group", "required"));
            if (lines[i].Planned is not { } n || n < 0 || n > 1_000_000) errors.Add(($"lines[{i}].planned", "campaign.plannedRange"));
        }
        if (errors.Count > 0) return Outcome<CampaignView>.Invalid(errors);
        var existing = await db.Set<CampaignPlanEntry>().Where(p => p.CampaignId == id).ToListAsync(ct);
        foreach (var l in lines)
        {
            var e = existing.FirstOrDefault(p => p.UnitId == l.UnitId && p.Group == l.Group);
            if (e is null) db.Add(CampaignPlanEntry.Of(id, l.UnitId!.Value, l.Group!.Value, l.Planned!.Value));
            else e.Replan(l.Planned!.Value);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<CampaignView>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>
    /// Builds (or extends) the target list from the rules: each person once, in the first group they qualify for; people already listed stay
    /// as they are. The new recipients are written in one transaction (the unique (campaign, member) index guards a concurrent build).
    /// </summary>
    public async Task<Outcome<TargetsBuilt>> BuildTargetsAsync(Guid id, BuildTargetsInput input, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } c) return Outcome<TargetsBuilt>.NotFound();
        var frontLine = input.FrontLineUnitIds ?? [];
        var nominated = input.NeedyMemberIds ?? [];
        if (frontLine.Count > 1000) return Outcome<TargetsBuilt>.Invalid("frontLineUnitIds", "campaign.tooMany");
        if (nominated.Count > 100_000) return Outcome<TargetsBuilt>.Invalid("needyMemberIds", "campaign.tooMany");
        var units = await db.UnitRows().InScope(c.ScopePath, u => u.Path).Select(u => new { u.Id, u.Path }).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var badUnit = frontLine.FindIndex(u => !units.ContainsKey(u));
        if (badUnit >= 0) return Outcome<TargetsBuilt>.Invalid($"frontLineUnitIds[{badUnit}]", "campaign.unitOutOfScope");

        var candidates = new List<Candidate>();
        if (input.ArchivedNeedy == true || input.Needy == true)
            foreach (var n in await hardship.NeedyMembersAsync(c.ScopePath, ct))
                if (n.Archived ? input.ArchivedNeedy == true : input.Needy == true)
                    candidates.Add(new Candidate(n.MemberId, n.UnitId, n.Archived ? RecipientGroup.ArchivedNeedy : RecipientGroup.Needy));
        var memberUnits = new Dictionary<Guid, Guid>();
        if (nominated.Count > 0)
        {
            foreach (var chunk in nominated.Distinct().Chunk(1000))
                foreach (var m in await db.MemberRows().Where(m => chunk.Contains(m.Id) && m.Status == MemberStatus.Active).Select(m => new { m.Id, m.UnionId }).ToListAsync(ct))
                    memberUnits[m.Id] = m.UnionId;
            var unknown = nominated.FindIndex(m => !memberUnits.TryGetValue(m, out var u) || !units.ContainsKey(u));
            if (unknown >= 0) return Outcome<TargetsBuilt>.Invalid($"needyMemberIds[{unknown}]", "visit.memberUnknown");
            candidates.AddRange(nominated.Select(m => new Candidate(m, memberUnits[m], RecipientGroup.Needy)));
        }
        if (frontLine.Count > 0)
            candidates.AddRange((await db.MemberRows().Where(m => frontLine.Contains(m.UnionId) && m.Status == MemberStatus.Active).Select(m => new { m.Id, m.UnionId }).ToListAsync(ct))
                .Select(m => new Candidate(m.Id, m.UnionId, RecipientGroup.FrontLine)));
        // The hardship archive may keep a file in a unit outside the campaign's scope only if the scope covers it; drop any other.
        candidates.RemoveAll(x => !units.ContainsKey(x.UnitId));

        var listed = (await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.CampaignId == id).Select(r => r.MemberId).ToListAsync(ct)).ToHashSet();
        var targets = CampaignRules.BuildTargets(candidates, listed);
        var already = candidates.Select(x => x.MemberId).Distinct().Count(listed.Contains);
        var now = clock.GetUtcNow();
        var rows = targets.Select(t => ((object)CampaignRecipient.List(Guid.CreateVersion7(), id, t.MemberId, t.UnitId, units[t.UnitId], t.Group, now), me.Name)).ToList();
        if (rows.Count > 0)
        {
            try { await RowWriter.InsertAsync(db, rows, now, ct); }
            catch (DbUpdateException) { return Outcome<TargetsBuilt>.Conflict("campaign.concurrentBuild"); }
            catch (Exception e) when (e.GetType().Name is "PostgresException" or "SqliteException") { return Outcome<TargetsBuilt>.Conflict("campaign.concurrentBuild"); }
        }
        return Outcome<TargetsBuilt>.Ok(new TargetsBuilt(targets.Count(t => t.Group == RecipientGroup.ArchivedNeedy), targets.Count(t => t.Group == RecipientGroup.Needy),
            targets.Count(t => t.Group == RecipientGroup.FrontLine), already));
    }

    /// <summary>Adds one person; a person already on the list is 409 <c>campaign.alreadyListed</c>.</summary>
    public async Task<Outcome<RecipientRow>> AddRecipientAsync(Guid id, AddRecipientInput input, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } c) return Outcome<RecipientRow>.NotFound();
        if (input.MemberId is not { } memberId) return Outcome<RecipientRow>.Invalid("memberId", "required");
        if (input.Group is not { } group || !Enum.IsDefined(group)) return Outcome<RecipientRow>.Invalid("group", "required");
        var m = await (from x in db.MemberRows()
                       join u in db.UnitRows() on x.UnionId equals u.Id
                       where x.Id == memberId && x.Status == MemberStatus.Active
                       select new { x.Id, x.Name, x.UnionId, u.Path, UnitName = u.Name }).FirstOrDefaultAsync(ct);
        if (m is null || !ScopeFilter.Covers(c.ScopePath, m.Path)) return Outcome<RecipientRow>.Invalid("memberId", "visit.memberUnknown");
        if (await db.Set<CampaignRecipient>().AnyAsync(r => r.CampaignId == id && r.MemberId == memberId, ct)) return Outcome<RecipientRow>.Conflict("campaign.alreadyListed");
        var r = CampaignRecipient.List(Guid.CreateVersion7(), id, memberId, m.UnionId, m.Path, group, clock.GetUtcNow());
        db.Add(r);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Outcome<RecipientRow>.Conflict("campaign.alreadyListed"); }
        return Outcome<RecipientRow>.Ok(new RecipientRow(r.Id, memberId, m.Name, m.UnitName, group, r.Status, 0, null, null, null));
    }

    public async Task<Outcome<CampaignView>> PubliciseAsync(Guid id, PubliciseInput input, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } c) return Outcome<CampaignView>.NotFound();
        if (input.StartsOn is not { } on) return Outcome<CampaignView>.Invalid("startsOn", "required");
        if (on > Today.AddDays(60) || on.Year < c.Year - 1) return Outcome<CampaignView>.Invalid("startsOn", "campaign.publicityDate");
        c.Publicise(on);
        await db.SaveChangesAsync(ct);
        return Outcome<CampaignView>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>
    /// Gives the campaign's gift to one recipient, once: money is paid through the ledger (idempotent per recipient) in the same transaction
    /// as the recipient's row; a second gift is 409 <c>campaign.alreadyGifted</c> and nothing moves.
    /// </summary>
    public async Task<Outcome<RecipientRow>> GiftAsync(Guid id, Guid recipientId, GiftInput input, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is not { } c) return Outcome<RecipientRow>.NotFound();
        // Money moves only for those who may pay (least privilege): grassroots staff hand over gifts in kind.
        if (c.GiftKind == GiftKind.Money && !me.Can(Permissions.ServicesPay)) return Outcome<RecipientRow>.Conflict("campaign.payPermission");
        var item = input.Item?.Trim();
        if (item is { Length: > 200 }) return Outcome<RecipientRow>.Invalid("item", "too-long");
        var amount = c.GiftKind == GiftKind.Money ? input.AmountFen ?? c.GiftFen : input.AmountFen ?? c.GiftFen;
        item = c.GiftKind == GiftKind.InKind ? (string.IsNullOrEmpty(item) ? c.GiftItem : item) : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await db.Set<CampaignRecipient>().FirstOrDefaultAsync(x => x.Id == recipientId && x.CampaignId == id, ct);
        if (r is null) return Outcome<RecipientRow>.NotFound();
        if (CampaignRules.CheckGift(r.Status, c.GiftKind, amount, item, c.PublicityRequired, c.PublicityStartsOn, Today) is { } refused)
            return refused is "campaign.amountRequired" or "campaign.amountOverCap" or "campaign.itemRequired"
                ? Outcome<RecipientRow>.Invalid(refused == "campaign.itemRequired" ? "item" : "amountFen", refused)
                : Outcome<RecipientRow>.Conflict(refused, null, CampaignRules.GiftsFrom(c.PublicityRequired, c.PublicityStartsOn)?.ToString("yyyy-MM-dd"));
        Guid? paid = null;
        if (c.GiftKind == GiftKind.Money)
        {
            var fundUnit = await FundUnitAsync(c, ct);
            var p = await ledger.PayAsync(c.FundCode, fundUnit, c.Year, new Fen(amount), new SourceRef(GiftSource, r.Id), $"services:campaign:gift:{r.Id}", ct);
            if (!p.IsOk) return Outcome<RecipientRow>.Conflict(p.Code == LedgerCodes.InsufficientBudget ? "project.budgetExceeded" : "project.ledgerRefused", p.Detail, c.Year);
            paid = p.Value;
        }
        r.Gift(amount, item, paid, clock.GetUtcNow(), me.Name);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<RecipientRow>.Conflict("campaign.alreadyGifted"); }
        await tx.CommitAsync(ct);
        return Outcome<RecipientRow>.Ok(await RowAsync(r, ct));
    }

    public async Task<Outcome<RecipientRow>> SignOffAsync(Guid id, Guid recipientId, SignOffInput input, CancellationToken ct)
    {
        if (await ChangeableAsync(id, ct) is null) return Outcome<RecipientRow>.NotFound();
        if (input.By is not { } by || !Enum.IsDefined(by)) return Outcome<RecipientRow>.Invalid("by", "required");
        var r = await db.Set<CampaignRecipient>().FirstOrDefaultAsync(x => x.Id == recipientId && x.CampaignId == id, ct);
        if (r is null) return Outcome<RecipientRow>.NotFound();
        if (CampaignRules.CheckSignOff(r.Status, r.Group, by) is { } refused) return Outcome<RecipientRow>.Conflict(refused);
        r.SignOff(by, clock.GetUtcNow());
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<RecipientRow>.Conflict("campaign.alreadySignedOff"); }
        return Outcome<RecipientRow>.Ok(await RowAsync(r, ct));
    }

    public async Task<Slice<RecipientRow>?> RecipientsAsync(Guid id, KeysetRequest request, CancellationToken ct)
    {
        if (await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct) is null) return null;
        var members = db.MemberRows();
        var units = db.UnitRows();
        return await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.CampaignId == id)
            .SliceAsync(request, r => r.Id, r => r.Id, descending: false,
                rows => from r in rows
                        join m in members on r.MemberId equals m.Id
                        join u in units on r.UnitId equals u.Id
                        select new RecipientRow(r.Id, r.MemberId, m.Name, u.Name, r.Group, r.Status, r.GiftFen, r.GiftItem, r.SignedOffBy, r.GiftedAt),
                r => r.Id, r => r.Id, ct);
    }

    /// <summary>The signed-in worker's gifts this year (a worker sees only their own).</summary>
    public async Task<IReadOnlyList<(string Campaign, CampaignKind Kind, RecipientStatus Status, long GiftFen, string? GiftItem)>> MineAsync(int year, CancellationToken ct)
    {
        if (me.MemberId is not { } memberId) return [];
        var rows = await db.Set<CampaignRecipient>().AsNoTracking().Where(r => r.MemberId == memberId)
            .Join(db.Set<ServiceCampaign>().Where(c => c.Year == year), r => r.CampaignId, c => c.Id, (r, c) => new { c.Name, c.Kind, r.Status, r.GiftFen, r.GiftItem })
            .ToListAsync(ct);
        return rows.Select(r => (r.Name, r.Kind, r.Status, r.GiftFen, r.GiftItem)).ToList();
    }

    private async Task<RecipientRow> RowAsync(CampaignRecipient r, CancellationToken ct)
    {
        var name = await db.MemberRows().Where(m => m.Id == r.MemberId).Select(m => m.Name).FirstOrDefaultAsync(ct) ?? "";
        var unit = await db.UnitRows().Where(u => u.Id == r.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        return new RecipientRow(r.Id, r.MemberId, name, unit, r.Group, r.Status, r.GiftFen, r.GiftItem, r.SignedOffBy, r.GiftedAt);
    }

    /// <summary>A campaign in the caller's scope, tracked, for a change; staff only.</summary>
    private async Task<ServiceCampaign?> ChangeableAsync(Guid id, CancellationToken ct)
    {
        if (!me.IsStaff) return null;
        var scope = await me.ScopePathAsync(ct);
        return await db.Set<ServiceCampaign>().InScope(scope, c => c.ScopePath).FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>The unit whose budget pays a campaign: its district union, or the federation for a city campaign.</summary>
    private async Task<Guid> FundUnitAsync(ServiceCampaign c, CancellationToken ct)
    {
        var district = ScopeFilter.DistrictOf(c.ScopePath);
        if (district is null) return c.OwnerUnitId;
        return await db.UnitRows().Where(u => u.Path == district).Select(u => u.Id).FirstAsync(ct);
    }
}
