using Gonghui.Modules.MemberCard.Merchants;
using Gonghui.Modules.MemberCard.Offers;
using Gonghui.Modules.MemberCard.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Passes;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.MemberCard.Redemptions;

/// <summary>What the till sends: the scanned member pass, the offer, the bill, which till, and the shop's own bill number.</summary>
public sealed record TillInput(string? Pass, Guid? OfferId, long? BillFen, string? Till, RedemptionChannel? Channel, string? BillRef);

/// <summary>Goods returned after a confirmed redemption, worth <paramref name="ReturnFen"/>.</summary>
public sealed record ReturnInput(long? ReturnFen);

/// <summary>The engine's answer for one offer at the till.</summary>
public sealed record OfferAnswer(Guid OfferId, string Name, long ThresholdFen, long DiscountFen, bool Allowed, string? Code, long PayFen);

/// <summary>A verified pass at the till: whose (masked), and what each of the merchant's offers answers for the bill.</summary>
public sealed record TillCheck(string MemberName, DateTimeOffset PassExpiresAt, IReadOnlyList<OfferAnswer> Offers);

public sealed record RedemptionView(Guid Id, Guid OfferId, string OfferName, Guid MerchantId, string MemberName, RedemptionStatus Status,
    RedemptionChannel Channel, string Till, string? BillRef, long BillFen, long DiscountFen, long PayFen, long UnionShareFen, long ReturnedFen,
    AnomalyFlags Flags, DateTimeOffset ReservedAt, DateTimeOffset HoldUntil, DateTimeOffset? ConfirmedAt, Guid? SettlementId);

/// <summary>
/// Redemption (核销) at the till or online. Reserve: the merchant's cashier sends the scanned pass and the bill; the engine
/// (<see cref="OfferRules"/>) answers allowed or why not; if allowed, one transaction uses the pass once, raises the member's
/// day and month counts by conditional upsert, takes one count and the discount from the offer's budget by conditional
/// UPDATE, and writes the reservation. Any refusal rolls all of it back: nothing half-written, no budget lost or created.
/// Confirm, release, expiry and returns move a redemption from the state they expect, and give back what they must.
/// </summary>
public sealed class RedemptionHandlers(GonghuiDb db, MemberPasses passes, CurrentUser me, TimeProvider clock)
{
    /// <summary>How long a reservation holds the discount before the sweeper releases it.</summary>
    public static TimeSpan Hold { get; set; } = TimeSpan.FromMinutes(10);
    public const string PassPurpose = "member-card.redeem";
    public const string NotMerchant = "till.notMerchant", NotFound = "redemption.notFound", WrongState = "redemption.state",
        HoldExpired = "redemption.expired", BillRequired = "bill.required", OfferRequired = "offer.required", TillRequired = "till.required",
        BillRefTooLong = "billRef.tooLong";

    public DateOnly Today => BeijingTime.Today(clock);

    /// <summary>The merchant the signed-in cashier works for, or null (not a merchant account).</summary>
    public async Task<Guid?> MerchantOfCallerAsync(CancellationToken ct)
    {
        if (me.UserId is not { } user) return null;
        return await db.Set<MerchantStaff>().AsNoTracking().Where(s => s.UserId == user).Select(s => (Guid?)s.MerchantId).FirstOrDefaultAsync(ct);
    }

    /// <summary>Verifies the pass (without using it) and answers every current offer of the merchant for the bill.</summary>
    public async Task<Outcome<TillCheck>> CheckAsync(Guid merchantId, TillInput input, CancellationToken ct)
    {
        var pass = await passes.VerifyUnusedAsync(input.Pass, "pass", ct);
        if (!pass.IsOk) return pass.As<TillCheck>();
        var merchant = await db.Set<Merchant>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == merchantId, ct);
        if (merchant is null) return Outcome<TillCheck>.Conflict(NotMerchant);
        var member = await MemberAsync(pass.Value!.MemberId, ct);
        var today = Today;
        var offers = await db.Set<Offer>().AsNoTracking().Where(o => o.MerchantId == merchantId && o.Active && o.ValidTo >= today)
            .OrderBy(o => o.ThresholdFen).ThenBy(o => o.Id).Take(20).ToListAsync(ct);
        var answers = new List<OfferAnswer>();
        foreach (var o in offers)
        {
            var d = OfferRules.Evaluate(o.Terms, await FactsAsync(o, merchant, member, input.BillFen ?? 0, input.Channel ?? RedemptionChannel.Till, ct));
            answers.Add(new OfferAnswer(o.Id, o.Name, o.ThresholdFen, o.DiscountFen, d.Allowed, d.Code, d.Allowed ? d.PayFen : input.BillFen ?? 0));
        }
        return Outcome<TillCheck>.Ok(new TillCheck(MaskName(member.Name), pass.Value.ExpiresAt, answers));
    }

    public async Task<Outcome<RedemptionView>> ReserveAsync(Guid merchantId, TillInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        if (input.OfferId is null) errors.Add(("offerId", OfferRequired));
        if (input.BillFen is not { } bill || bill <= 0 || bill > 100_000_000) errors.Add(("billFen", BillRequired));
        var till = (input.Till ?? "").Trim();
        if (till.Length is 0 or > 40) errors.Add(("till", TillRequired));
        if (input.BillRef is { Length: > 60 }) errors.Add(("billRef", BillRefTooLong));
        if (errors.Count > 0) return Outcome<RedemptionView>.Invalid(errors);
        var pass = await passes.VerifyUnusedAsync(input.Pass, "pass", ct);
        if (!pass.IsOk) return pass.As<RedemptionView>();

        // The offer and its merchant in one read (the offer's budget as read here is what the engine's facts show).
        var found = await (from o in db.Set<Offer>().AsNoTracking()
                           join m in db.Set<Merchant>().AsNoTracking() on o.MerchantId equals m.Id
                           where o.Id == input.OfferId && o.MerchantId == merchantId
                           select new { Offer = o, Merchant = m }).SingleOrDefaultAsync(ct);
        if (found is null) return Outcome<RedemptionView>.Invalid("offerId", "offer.unknown");
        var (offer, merchant) = (found.Offer, found.Merchant);
        var member = await MemberAsync(pass.Value!.MemberId, ct);
        var channel = input.Channel ?? RedemptionChannel.Till;
        var billFen = input.BillFen!.Value;
        var decision = OfferRules.Evaluate(offer.Terms, await FactsAsync(offer, merchant, member, billFen, channel, ct));
        if (!decision.Allowed) return Refusal<RedemptionView>(decision.Code!, decision.Field);

        var now = clock.GetUtcNow();
        var since = now.ToUnixTimeSeconds() - AnomalyRules.SplitWindowSeconds;
        var recent = await db.Set<Redemption>().AsNoTracking()
            .Where(r => r.MemberId == member.Id && r.ReservedAtUnix >= since && (r.Status == RedemptionStatus.Reserved || r.Status == RedemptionStatus.Confirmed))
            .Select(r => new RecentRedemption(r.ReservedAtUnix, r.MerchantId, r.Till, r.BillFen)).ToListAsync(ct);
        var flags = AnomalyRules.Flags(new RecentRedemption(now.ToUnixTimeSeconds(), merchantId, till, billFen), recent, offer.ThresholdFen);
        var redemption = Redemption.Reserve(Guid.CreateVersion7(), offer.Id, merchantId, member.Id, channel, till, input.BillRef?.Trim(),
            billFen, decision.DiscountFen, decision.UnionShareFen, flags, now, Hold, me.Name);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The pass first: on SQLite the transaction starts with a write (BEGIN IMMEDIATE), and a replayed pass costs nothing else.
            var used = await passes.ConsumeAsync(input.Pass, PassPurpose, "pass", ct);
            if (!used.IsOk) return used.As<RedemptionView>();
            var today = BeijingTime.DateOf(now);
            if (offer.PerMemberPerDay is { } perDay && !await CountUseAsync(offer.Id, member.Id, DayPeriod(today), perDay, ct))
                return Refusal<RedemptionView>(OfferRules.DayLimit, null);
            if (offer.PerMemberPerMonth is { } perMonth && !await CountUseAsync(offer.Id, member.Id, MonthPeriod(today), perMonth, ct))
                return Refusal<RedemptionView>(OfferRules.MonthLimit, null);
            var discount = decision.DiscountFen;
            var taken = await db.Set<Offer>().Where(o => o.Id == offer.Id && o.RemainingCount >= 1 && o.RemainingFen >= discount)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.RemainingCount, o => o.RemainingCount - 1).SetProperty(o => o.RemainingFen, o => o.RemainingFen - discount), ct);
            if (taken != 1)
            {
                var left = await db.Set<Offer>().AsNoTracking().Where(o => o.Id == offer.Id).Select(o => o.RemainingCount).SingleAsync(ct);
                return Refusal<RedemptionView>(left < 1 ? OfferRules.BudgetCount : OfferRules.BudgetFen, null);
            }
            db.Add(redemption);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Outcome<RedemptionView>.Ok(View(redemption, offer.Name, MaskName(member.Name)));
        });
    }

    /// <summary>The till took the payment: the reservation becomes a redemption (refused after its hold expired: the budget is back).</summary>
    public async Task<Outcome<RedemptionView>> ConfirmAsync(Guid merchantId, Guid id, CancellationToken ct)
    {
        // The redemption with the names its view shows, in one read: the view after the update is built from it.
        var row = await (from x in db.Set<Redemption>().AsNoTracking()
                         join o in db.Set<Offer>() on x.OfferId equals o.Id
                         join m in db.MemberRows() on x.MemberId equals m.Id into ms
                         from m in ms.DefaultIfEmpty()
                         where x.Id == id && x.MerchantId == merchantId
                         select new { r = x, o.Name, Member = m == null ? "" : m.Name }).SingleOrDefaultAsync(ct);
        if (row is null) return Outcome<RedemptionView>.NotFound();
        var r = row.r;
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10)); // PostgreSQL keeps microseconds: the answer equals the stored row on both engines
        if (r.Status == RedemptionStatus.Reserved && r.ExpiresAtUnix <= now.ToUnixTimeSeconds())
        {
            await EndReservationAsync(r, RedemptionStatus.Expired, now, ct);
            return Outcome<RedemptionView>.Conflict(HoldExpired);
        }
        var day = BeijingTime.DateOf(now);
        var dayNo = day.Year * 10000 + day.Month * 100 + day.Day;
        var n = await db.Set<Redemption>().Where(x => x.Id == id && x.Status == RedemptionStatus.Reserved)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RedemptionStatus.Confirmed).SetProperty(x => x.ConfirmedAt, now)
                .SetProperty(x => x.ConfirmedDay, dayNo).SetProperty(x => x.ConfirmedMonth, dayNo / 100), ct);
        if (n != 1) return Outcome<RedemptionView>.Conflict(WrongState, null, r.Status.ToString());
        r.ConfirmedCopy(now, dayNo);
        return Outcome<RedemptionView>.Ok(View(r, row.Name, MaskName(row.Member)));
    }

    /// <summary>The till cancels before payment: the discount goes back to the offer and the member's counts.</summary>
    public async Task<Outcome<RedemptionView>> ReleaseAsync(Guid merchantId, Guid id, CancellationToken ct)
    {
        var r = await db.Set<Redemption>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.MerchantId == merchantId, ct);
        if (r is null) return Outcome<RedemptionView>.NotFound();
        if (!await EndReservationAsync(r, RedemptionStatus.Released, clock.GetUtcNow(), ct))
            return Outcome<RedemptionView>.Conflict(WrongState, null, r.Status.ToString());
        return (await ViewAsync(id, ct))!;
    }

    /// <summary>Goods returned after payment. If what the member keeps falls under the threshold (or to nothing), the discount
    /// is withdrawn: the member repays it from the refund, the offer's budget and the member's counts get it back, and the
    /// union owes no share of it (deducted from the next statement if it was already settled).</summary>
    public async Task<Outcome<RedemptionView>> ReturnAsync(Guid merchantId, Guid id, ReturnInput input, CancellationToken ct)
    {
        var r = await db.Set<Redemption>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.MerchantId == merchantId, ct);
        if (r is null) return Outcome<RedemptionView>.NotFound();
        if (r.Status != RedemptionStatus.Confirmed) return Outcome<RedemptionView>.Conflict(WrongState, null, r.Status.ToString());
        var amount = input.ReturnFen ?? 0;
        if (RefundRules.Check(r.BillFen, r.ReturnedFen, amount) is { } bad) return Outcome<RedemptionView>.Invalid("returnFen", bad);
        var threshold = await db.Set<Offer>().AsNoTracking().Where(o => o.Id == r.OfferId).Select(o => o.ThresholdFen).SingleAsync(ct);
        var (_, withdrawn) = RefundRules.Apply(r.BillFen, r.ReturnedFen, amount, threshold);
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var before = r.ReturnedFen;
            int n;
            if (!withdrawn)
                n = await db.Set<Redemption>().Where(x => x.Id == id && x.Status == RedemptionStatus.Confirmed && x.ReturnedFen == before)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReturnedFen, before + amount), ct);
            else
            {
                var month = MonthNo(BeijingTime.DateOf(now));
                n = await db.Set<Redemption>().Where(x => x.Id == id && x.Status == RedemptionStatus.Confirmed && x.ReturnedFen == before)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReturnedFen, before + amount).SetProperty(x => x.Status, RedemptionStatus.Withdrawn)
                        .SetProperty(x => x.EndedAt, now).SetProperty(x => x.WithdrawnMonth, month), ct);
                if (n == 1) await GiveBackAsync(r, ct);
            }
            if (n != 1) return Outcome<RedemptionView>.Conflict(WrongState, null, r.Status.ToString());
            await tx.CommitAsync(ct);
            return (await ViewAsync(id, ct))!;
        });
    }

    /// <summary>Releases every reservation past its hold (the sweeper; also safe on several nodes at once: each row moves once).</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nowUnix = now.ToUnixTimeSeconds();
        var due = await db.Set<Redemption>().AsNoTracking().Where(r => r.Status == RedemptionStatus.Reserved && r.ExpiresAtUnix <= nowUnix)
            .OrderBy(r => r.ExpiresAtUnix).Take(500).ToListAsync(ct);
        var n = 0;
        foreach (var r in due)
            if (await EndReservationAsync(r, RedemptionStatus.Expired, now, ct)) n++;
        return n;
    }

    public async Task<Outcome<RedemptionView>?> ViewAsync(Guid id, CancellationToken ct)
    {
        var row = await (from r in db.Set<Redemption>().AsNoTracking()
                         join o in db.Set<Offer>() on r.OfferId equals o.Id
                         join m in db.MemberRows() on r.MemberId equals m.Id into ms
                         from m in ms.DefaultIfEmpty()
                         where r.Id == id
                         select new { r, o.Name, Member = m == null ? "" : m.Name }).SingleOrDefaultAsync(ct);
        return row is null ? null : Outcome<RedemptionView>.Ok(View(row.r, row.Name, MaskName(row.Member)));
    }

    /// <summary>The merchant's own latest redemptions (the till's history).</summary>
    public async Task<IReadOnlyList<RedemptionView>> RecentAtMerchantAsync(Guid merchantId, int take, CancellationToken ct)
    {
        var rows = await (from r in db.Set<Redemption>().AsNoTracking()
                          join o in db.Set<Offer>() on r.OfferId equals o.Id
                          join m in db.MemberRows() on r.MemberId equals m.Id into ms
                          from m in ms.DefaultIfEmpty()
                          where r.MerchantId == merchantId
                          orderby r.ReservedAtUnix descending, r.Id descending
                          select new { r, o.Name, Member = m == null ? "" : m.Name }).Take(Math.Clamp(take, 1, 100)).ToListAsync(ct);
        return rows.Select(x => View(x.r, x.Name, MaskName(x.Member))).ToList();
    }

    /// <summary>The report's drill-down filters of the staff list, checked (a unit out of the caller's scope is an error naming <c>unit</c>).</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);

    /// <summary>
    /// Staff: redemptions at merchants in scope, newest reservation first (keyset on (reserved at, id)), optionally only those flagged. The
    /// report's drill-down (issue 19) narrows them to what membercard.redemptions counts: with a period, those confirmed on a Beijing date
    /// in it and not withdrawn (<see cref="CountedRedemptions"/>); with a unit, those at merchants of units in its subtree.
    /// </summary>
    public async Task<Slice<RedemptionView>> ListAsync(DrillFilter drill, bool flaggedOnly, KeysetRequest request, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var inScope = db.Set<Merchant>().InScope(scope, m => m.UnitPath).Select(m => m.Id);
        var q = db.Set<Redemption>().AsNoTracking().Where(r => inScope.Contains(r.MerchantId));
        if (drill.From is not null || drill.To is not null) q = q.ConfirmedBetween(drill.From, drill.To);
        if (drill.UnitPath is { } path)
        {
            var inUnit = db.Set<Merchant>().InScope(path, m => m.UnitPath).Select(m => m.Id);
            q = q.Where(r => inUnit.Contains(r.MerchantId));
        }
        if (flaggedOnly) q = q.Where(r => r.Flags != AnomalyFlags.None);
        var slice = await q.SliceAsync(request, r => r.ReservedAtUnix, r => r.Id, descending: true,
            rows => from r in rows
                    join o in db.Set<Offer>() on r.OfferId equals o.Id
                    join m in db.MemberRows() on r.MemberId equals m.Id into ms
                    from m in ms.DefaultIfEmpty()
                    select new { r, o.Name, Member = m == null ? "" : m.Name },
            x => x.r.ReservedAtUnix, x => x.r.Id, ct);
        return slice.Map(x => View(x.r, x.Name, MaskName(x.Member)));
    }

    // ---- inside ----

    private sealed record MemberFacts(Guid Id, string Name, bool Active, MemberGroups Groups);

    private async Task<MemberFacts> MemberAsync(Guid memberId, CancellationToken ct)
    {
        var m = await db.MemberRows().Where(x => x.Id == memberId).Select(x => new { x.Name, x.Status }).SingleOrDefaultAsync(ct);
        var groups = await db.Set<GroupMember>().AsNoTracking().Where(g => g.MemberId == memberId).Select(g => g.Group).ToListAsync(ct);
        var all = groups.Aggregate(m?.Status == MemberStatus.Active ? MemberGroups.AllMembers : MemberGroups.None, (a, g) => a | g);
        return new MemberFacts(memberId, m?.Name ?? "", m?.Status == MemberStatus.Active, all);
    }

    private async Task<RedemptionFacts> FactsAsync(Offer o, Merchant merchant, MemberFacts member, long billFen, RedemptionChannel channel, CancellationToken ct)
    {
        var today = Today;
        var periods = new[] { DayPeriod(today), MonthPeriod(today) };
        var usage = await db.Set<OfferUsage>().AsNoTracking().Where(u => u.OfferId == o.Id && u.MemberId == member.Id && periods.Contains(u.Period))
            .Select(u => new { u.Period, u.Used }).ToListAsync(ct);
        // The budget as the offer was just read (no second read): the engine's answer is advice, the conditional UPDATE decides.
        return new RedemptionFacts(today, channel, merchant.UnderContractOn(today), member.Active, member.Groups, billFen,
            usage.FirstOrDefault(u => u.Period == periods[0])?.Used ?? 0, usage.FirstOrDefault(u => u.Period == periods[1])?.Used ?? 0,
            o.RemainingCount, o.RemainingFen);
    }

    /// <summary>Raises the member's count for the period unless it reached the limit: one statement, so concurrent uses cannot pass it.</summary>
    private async Task<bool> CountUseAsync(Guid offerId, Guid memberId, string period, int limit, CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO membercard_usage (offer_id, member_id, period, used) VALUES ({offerId}, {memberId}, {period}, 1)
            ON CONFLICT (offer_id, member_id, period) DO UPDATE SET used = membercard_usage.used + 1 WHERE membercard_usage.used < {limit}
            """, ct) == 1;

    /// <summary>Moves a reservation to Released or Expired (only from Reserved) and gives its budget and counts back, in one transaction.</summary>
    private async Task<bool> EndReservationAsync(Redemption r, RedemptionStatus to, DateTimeOffset now, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var n = await db.Set<Redemption>().Where(x => x.Id == r.Id && x.Status == RedemptionStatus.Reserved)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, to).SetProperty(x => x.EndedAt, now), ct);
            if (n != 1) return false;
            await GiveBackAsync(r, ct);
            await tx.CommitAsync(ct);
            return true;
        });
    }

    /// <summary>The offer's budget (one count, the discount) and the member's day and month counts, back.</summary>
    private async Task GiveBackAsync(Redemption r, CancellationToken ct)
    {
        var discount = r.DiscountFen;
        await db.Set<Offer>().Where(o => o.Id == r.OfferId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.RemainingCount, o => o.RemainingCount + 1).SetProperty(o => o.RemainingFen, o => o.RemainingFen + discount), ct);
        var day = BeijingTime.DateOf(r.ReservedAt);
        var periods = new[] { DayPeriod(day), MonthPeriod(day) };
        await db.Set<OfferUsage>().Where(u => u.OfferId == r.OfferId && u.MemberId == r.MemberId && periods.Contains(u.Period) && u.Used > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Used, u => u.Used - 1), ct);
    }

    private static Outcome<T> Refusal<T>(string code, string? field) =>
        OfferRules.IsBadInput(code) ? Outcome<T>.Invalid(field ?? "billFen", code) : Outcome<T>.Conflict(code);

    internal static string DayPeriod(DateOnly d) => $"D{d:yyyyMMdd}";
    internal static string MonthPeriod(DateOnly d) => $"M{d:yyyyMM}";
    internal static int MonthNo(DateOnly d) => d.Year * 100 + d.Month;

    /// <summary>A name as a cashier may see it: the surname and a star per other character (王**).</summary>
    public static string MaskName(string name) => name.Length == 0 ? "—" : name[0] + new string('*', Math.Max(1, name.Length - 1));

    private static RedemptionView View(Redemption r, string offerName, string member) => new(r.Id, r.OfferId, offerName, r.MerchantId, member, r.Status,
        r.Channel, r.Till, r.BillRef, r.BillFen, r.DiscountFen, r.PayFen, r.UnionShareFen, r.ReturnedFen, r.Flags, r.ReservedAt,
        DateTimeOffset.FromUnixTimeSeconds(r.ExpiresAtUnix), r.ConfirmedAt, r.SettlementId);
}

/// <summary>Releases reservations past their hold every 30 seconds, so that an abandoned till gives its budget back.</summary>
public sealed class ReservationSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReservationSweeper> log) : BackgroundService
{
    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RedemptionHandlers>().ExpireDueAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                var n = await RunOnceAsync(ct);
                if (n > 0) log.LogInformation("Released {Count} expired member-card reservations", n);
            }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Releasing expired member-card reservations failed; will retry"); }
        }
    }
}
