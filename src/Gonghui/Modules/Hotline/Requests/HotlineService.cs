using Gonghui.Platform.Calendars;
using System.Security.Cryptography;
using Gonghui.Modules.Hotline.Deadlines;
using Gonghui.Modules.Hotline.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Hotline.Requests;

/// <summary>What a caller files: the same record serves the agent's form, the worker portal, the API and Open311.</summary>
public sealed record FileRequestBody(
    string? Category, string? SubCategory, Urgency? Urgency, string? Description,
    string? CallerName, string? Phone, Guid? EnterpriseId, string? EnterpriseName, string? DistrictCode,
    string? Address, double? Latitude, double? Longitude, Channel? Channel = null, DateTimeOffset? ReceivedAt = null);

public sealed record UnitInfo(Guid Id, string Code, string Name, string Path, Guid? ParentId, string? DistrictCode, OrgUnitKind Kind);

/// <summary>One phone reveal: when, by whom, on which request, why.</summary>
public sealed record PhoneRevealView(DateTimeOffset At, string Actor, Guid RequestId, string TrackingCode, string Reason);

/// <summary>
/// The hotline's core: filing a request (validation, deadlines, the caller's phone encrypted), what the caller may see, the
/// unit tree and the dispatch suggestion, phone reveals. The transitions are one step each in <c>Transitions/</c>.
/// </summary>
public sealed class HotlineService(IServiceProvider services, CurrentUser me, TimeProvider clock, DeadlinePolicy policy, CategoryTaxonomy taxonomy,
    PersonalDataProtector protector, IOptions<HotlineOptions> options, IntakeWriter writer)
{
    /// <summary>The working-day calendar the deadlines are counted on.</summary>
    public WorkCalendar Calendar => policy.Calendar;

    // Resolved on first use: filing a request (the busiest path) needs no context of its own (IntakeWriter writes it).
    private GonghuiDb? _db;
    private GonghuiDb db => _db ??= services.GetRequiredService<GonghuiDb>();

    public DeadlinePolicy Policy => policy;
    public CurrentUser Me => me;

    /// <summary>The report's drill-down filters of the request list (period of the received time, a unit's subtree in the caller's scope), checked.</summary>
    public async Task<DrillFilter?> DrillAsync(DateOnly? from, DateOnly? to, Guid? unit, Api.Errors errors, CancellationToken ct) =>
        await DrillFilter.ForCallerAsync(db, me, from, to, unit, errors, ct);
    public CategoryTaxonomy Taxonomy => taxonomy;

    public async Task<List<UnitInfo>> UnitsAsync(CancellationToken ct) =>
        await db.UnitRows().Where(u => !u.IsClosed)
            .Select(u => new UnitInfo(u.Id, u.Code, u.Name, u.Path, u.ParentId, u.DistrictCode, u.Kind)).ToListAsync(ct);

    public bool IsAgent => me.IsInRole(Roles.HotlineAgent) || me.IsInRole(Roles.FederationAdmin);

    /// <summary>Requests the caller may see: staff by the lead (or a co-handling) unit's subtree; workers their own.</summary>
    public async Task<IQueryable<HotlineRequest>> VisibleAsync(CancellationToken ct)
    {
        var q = db.Set<HotlineRequest>().AsQueryable();
        if (me.IsStaff)
        {
            var scope = await me.ScopePathAsync(ct);
            var coHandled = CoHandledInScope(scope, await HoldsNoUnitsAsync(ct));
            return q.WhereScoped(r => ScopeFilter.Covers(scope, r.ScopePath) || coHandled.Any(c => c.RequestId == r.Id));
        }
        if (me.IsInRole(Roles.Worker))
        {
            var uid = me.UserId;
            var mid = me.MemberId;
            return q.Where(r => (uid != null && r.FiledByUserId == uid) || (mid != null && r.MemberId == mid));
        }
        return q.Where(r => false);
    }

    /// <summary>
    /// <see cref="VisibleAsync"/> as disjoint parts for a keyset list (<see cref="Keyset.SliceAsync{TEntity, TKey, T}(IReadOnlyList{IQueryable{TEntity}}, KeysetRequest, System.Linq.Expressions.Expression{Func{TEntity, TKey}}, System.Linq.Expressions.Expression{Func{TEntity, Guid}}, bool, Func{IQueryable{TEntity}, IQueryable{T}}, Func{T, TKey}, Func{T, Guid}, CancellationToken)"/>,
    /// each part a statement limited on its own index): for staff below the root, the requests led in scope (a
    /// district's by equality on <see cref="HotlineRequest.ScopeDistrict"/>, a grassroots union's by equality on its path, each walked in
    /// order by its index) and, apart, the few co-handled in scope but led elsewhere — one query with OR could use no index for the
    /// order and walked or sorted the whole district. The root and workers: one part, as <see cref="VisibleAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<IQueryable<HotlineRequest>>> VisiblePartsAsync(CancellationToken ct)
    {
        if (!me.IsStaff) return [await VisibleAsync(ct)];
        var scope = await me.ScopePathAsync(ct);
        if (ScopeFilter.DistrictOf(scope) is null) return [await VisibleAsync(ct)]; // the root sees every request by the prefix; no path sees none
        var q = db.Set<HotlineRequest>().AsQueryable();
        var holdsNoUnits = await HoldsNoUnitsAsync(ct);
        var led = q.InScope(scope, r => r.ScopePath, r => r.ScopeDistrict, holdsNoUnits);
        // The co-handled part: r.id IN (the co-units in scope, found by equality on the district or the path
        // through their index) and led outside the scope. No query ahead of the list: the ids used to be read first, one more round
        // trip on every list request; and a path prefix is no index seek on SQLite (with few co-unit rows its planner walked every
        // request: ≈ 370 ms of CPU per list request at 1M requests).
        var coHandled = CoHandledInScope(scope, holdsNoUnits).Select(c => c.RequestId);
        var coOnly = q.Where(r => coHandled.Contains(r.Id)).WhereScoped(r => !ScopeFilter.Covers(scope, r.ScopePath));
        return [led, coOnly];
    }

    private IQueryable<HotlineCoUnit> CoHandledInScope(string scope, bool holdsNoUnits) =>
        db.Set<HotlineCoUnit>().InScope(scope, c => c.UnitPath, c => c.UnitDistrict, holdsNoUnits);

    // A unit's kind never changes: whether the caller's unit can hold units below it is remembered per process.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> s_holdsNoUnits = new();

    private async Task<bool> HoldsNoUnitsAsync(CancellationToken ct)
    {
        if (me.OrgUnitId is not { } id) return false;
        if (s_holdsNoUnits.TryGetValue(id, out var known)) return known;
        var kind = await db.UnitRows().Where(u => u.Id == id).Select(u => (OrgUnitKind?)u.Kind).FirstOrDefaultAsync(ct);
        if (kind is null) return false;
        return s_holdsNoUnits[id] = kind.Value.HoldsNoUnits();
    }

    public Api.Errors Validate(FileRequestBody b, bool phoneRequired)
    {
        var e = new Api.Errors();
        if (string.IsNullOrWhiteSpace(b.Category)) e.Add("category", HotlineCodes.CategoryRequired);
        else if (!taxonomy.IsValid(b.Category, b.SubCategory)) e.Add(taxonomy.IsValid(b.Category, null) ? "subCategory" : "category", HotlineCodes.CategoryUnknown);
        if (string.IsNullOrWhiteSpace(b.Description)) e.Add("description", HotlineCodes.DescriptionRequired);
        else if (b.Description.Length > 4000) e.Add("description", HotlineCodes.DescriptionTooLong);
        if (!string.IsNullOrWhiteSpace(b.Phone) && !MobilePhone.TryParse(b.Phone, out _)) e.Add("phone", HotlineCodes.PhoneInvalid);
        if (phoneRequired && string.IsNullOrWhiteSpace(b.Phone)) e.Add("phone", HotlineCodes.PhoneRequired);
        if (b.CallerName is { Length: > 100 }) e.Add("callerName", HotlineCodes.CallerNameTooLong);
        if (b.DistrictCode is { } dc && (dc.Length != 6 || !dc.All(char.IsAsciiDigit))) e.Add("districtCode", HotlineCodes.DistrictCodeInvalid);
        if (b.Latitude is { } lat && (lat < -90 || lat > 90)) e.Add("latitude", HotlineCodes.LatitudeRange);
        if (b.Longitude is { } lon && (lon < -180 || lon > 180)) e.Add("longitude", HotlineCodes.LongitudeRange);
        if ((b.Latitude is null) != (b.Longitude is null)) e.Add("latitude", HotlineCodes.CoordinatesTogether);
        if (b.Address is { Length: > 300 }) e.Add("address", HotlineCodes.AddressTooLong);
        return e;
    }

    /// <summary>Builds a new request (not yet saved): deadlines, caller's phone encrypted and hashed, place.</summary>
    public async Task<Outcome<HotlineRequest>> BuildAsync(FileRequestBody b, Channel channel, CancellationToken ct)
    {
        var errors = Validate(b, phoneRequired: channel == Channel.Portal && me.UserId is null);
        if (errors.Any) return Outcome<HotlineRequest>.Invalid(errors);
        var now = clock.GetUtcNow();
        // Only agents may back-date a call taken earlier (e.g. entered after a busy shift).
        var received = IsAgent && b.ReceivedAt is { } at && at <= now ? at : now;
        var urgency = b.Urgency ?? Urgency.Normal;
        var fed = await FederationPathAsync(ct);
        string? districtCode = b.DistrictCode;
        string? enterpriseName = b.EnterpriseName?.Trim();
        if (b.EnterpriseId is { } eid)
        {
            var ent = await db.EnterpriseRows().Where(x => x.Id == eid).Select(x => new { x.Name, x.DistrictCode }).FirstOrDefaultAsync(ct);
            if (ent is null) return Outcome<HotlineRequest>.Invalid("enterpriseId", HotlineCodes.EnterpriseUnknown);
            enterpriseName = ent.Name;
            districtCode ??= string.IsNullOrEmpty(ent.DistrictCode) ? null : ent.DistrictCode;
        }
        var r = HotlineRequest.File(channel, b.Category!, string.IsNullOrEmpty(b.SubCategory) ? null : b.SubCategory, urgency, b.Description!.Trim(),
            received, fed, policy.All(b.Category!, urgency, received), NewTrackingCode());
        string? cipher = null, hash = null, masked = null;
        if (MobilePhone.TryParse(b.Phone, out var phone)) { cipher = protector.Encrypt(phone); hash = protector.Hash(phone); masked = MobilePhone.Mask(phone); }
        r.SetCaller(b.CallerName?.Trim(), cipher, hash, masked, me.IsInRole(Roles.Worker) ? me.MemberId : null, me.IsInRole(Roles.Worker) ? me.UserId : null);
        r.SetPlace(b.EnterpriseId, enterpriseName, districtCode, b.Address?.Trim(), b.Latitude, b.Longitude);
        return Outcome<HotlineRequest>.Ok(r);
    }

    /// <summary>Files a request: validates, saves it with its first timeline entry and the worker's SMS, all at once.</summary>
    public async Task<Outcome<HotlineRequest>> FileAsync(FileRequestBody b, Channel channel, CancellationToken ct)
    {
        var built = await BuildAsync(b, channel, ct);
        if (!built.IsOk) return built;
        var r = built.Value!;
        var ev = HotlineRequestEvent.Of(r, "file", null, me.Name, r.ReceivedAt, note: channel.ToString());
        var sms = r.PhoneCipher is null ? null : Sms(r, $"【12351】您的诉求已受理，查询码 {r.TrackingCode}。");
        if (options.Value.IntakeBatching) await writer.WriteAsync(new IntakeItem(r, ev, sms, me.Name), ct);
        else
        {
            db.Add(r); db.Add(ev); if (sms is not null) db.Add(sms);
            await db.SaveChangesAsync(ct);
            await ClusterWatch.CheckAsync(db, [r], clock, ct);
        }
        return built;
    }

    internal OutboxMessage Sms(HotlineRequest r, string body) => new()
    {
        Channel = "sms", ToCipher = r.PhoneCipher, ToMasked = r.PhoneMasked, Body = body, SubjectId = r.Id,
        CreatedAt = clock.GetUtcNow(), NextAttemptAt = clock.GetUtcNow(),
    };

    // The root of the tree does not move; intake asks for it on every request, so it is remembered per process.
    private static string? _federationPath;

    public async Task<string> FederationPathAsync(CancellationToken ct)
    {
        if (_federationPath is { } known) return known;
        var path = await db.UnitRows().Where(u => u.ParentId == null).OrderBy(u => u.Path).Select(u => u.Path).FirstOrDefaultAsync(ct);
        return path is null ? "/" : _federationPath = path;
    }

    public async Task<DispatchSuggestion> SuggestAsync(HotlineRequest r, CancellationToken ct)
    {
        var units = await UnitsAsync(ct);
        var fed = units.Where(u => u.ParentId == null).OrderBy(u => u.Path).First();
        var district = r.DistrictCode is null ? null : units.FirstOrDefault(u => u.Kind == OrgUnitKind.DistrictUnion && u.DistrictCode == r.DistrictCode);
        Guid? entUnion = null;
        if (r.EnterpriseId is { } eid)
            entUnion = await db.EnterpriseRows().Where(x => x.Id == eid).Select(x => x.GrassrootsUnionId).FirstOrDefaultAsync(ct);
        var counselling = units.FirstOrDefault(u => u.Code == options.Value.CounsellingUnitCode);
        return DispatchRules.Suggest(new DispatchInput(r.Category, entUnion, district?.Id), counselling?.Id, fed.Id);
    }

    public async Task<HotlineRequest?> FindVisibleAsync(Guid id, CancellationToken ct) =>
        await (await VisibleAsync(ct)).FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>The parent of the request's lead unit (where an escalation goes), or null.</summary>
    internal async Task<UnitInfo?> ParentUnitAsync(HotlineRequest r, CancellationToken ct)
    {
        if (r.LeadUnitId is null) return null;
        var units = await UnitsAsync(ct);
        var lead = units.FirstOrDefault(u => u.Id == r.LeadUnitId);
        return lead?.ParentId is { } p ? units.FirstOrDefault(u => u.Id == p) : null;
    }

    /// <summary>A supervisor is staff whose unit strictly contains the request's lead unit.</summary>
    internal async Task<bool> IsParentSupervisorAsync(HotlineRequest r, CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        return r.LeadUnitId is not null && ScopeFilter.StrictlyCovers(scope, r.ScopePath);
    }

    private static string NewTrackingCode()
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<byte> b = stackalloc byte[10];
        RandomNumberGenerator.Fill(b);
        var chars = new char[10];
        for (var i = 0; i < 10; i++) chars[i] = alphabet[b[i] % alphabet.Length];
        return "GH" + new string(chars);
    }

    /// <summary>The timeline action of a phone reveal; shown to staff, never to the caller or the public.</summary>
    public const string RevealPhoneAction = "reveal-phone";

    /// <summary>
    /// The full phone number of a request's caller, for the unit handling it (a request in the caller's scope) and a
    /// reason of 4 to 500 characters. Every reveal goes on the request's timeline (who, when, why: the supervisor sees it)
    /// and into the audit trail, in one save. Not found (404) outside the scope and for workers.
    /// </summary>
    public async Task<(Outcome<HotlineRequest> Outcome, string? Phone)> RevealPhoneAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (!me.IsStaff) return (Outcome<HotlineRequest>.NotFound(), null);
        var r = await FindVisibleAsync(id, ct);
        if (r is null) return (Outcome<HotlineRequest>.NotFound(), null);
        var why = reason?.Trim();
        if (why is not { Length: >= 4 and <= 500 }) return (Outcome<HotlineRequest>.Invalid("reason", HotlineCodes.RevealReasonLength), null);
        if (r.PhoneCipher is null) return (Outcome<HotlineRequest>.Conflict(HotlineCodes.NoPhone), null);
        var now = clock.GetUtcNow();
        db.Add(HotlineRequestEvent.Of(r, RevealPhoneAction, null, me.Name, now, null, why));
        await db.SaveChangesWithAuditAsync([AuditTrail.Custom(me.Name, RevealPhoneAction, nameof(HotlineRequest), r.Id.ToString(), null,
            new { reason = why, trackingCode = r.TrackingCode, masked = r.PhoneMasked }, now)], ct);
        return (Outcome<HotlineRequest>.Ok(r), DecryptPhone(r));
    }

    /// <summary>Phone reveals on requests in the caller's scope, newest first (for supervisors).</summary>
    public async Task<List<PhoneRevealView>> RevealsAsync(int take, CancellationToken ct)
    {
        var visible = (await VisibleAsync(ct)).AsNoTracking();
        // Newest first by the event's identity (SQLite cannot order DateTimeOffset in SQL).
        var rows = await db.Set<HotlineRequestEvent>().AsNoTracking().Where(e => e.Action == RevealPhoneAction)
            .Join(visible, e => e.RequestId, r => r.Id, (e, r) => new { e.Id, e.At, e.Actor, RequestId = r.Id, r.TrackingCode, e.Note })
            .OrderByDescending(x => x.Id).Take(take).ToListAsync(ct);
        return rows.Select(x => new PhoneRevealView(x.At, x.Actor, x.RequestId, x.TrackingCode, x.Note ?? "")).ToList();
    }

    public string? DecryptPhone(HotlineRequest r) => r.PhoneCipher is null ? null : protector.Decrypt(r.PhoneCipher);
    public string HashPhone(string phone) => protector.Hash(phone);

    public AuditEntry Audit(string action, HotlineRequest r, object? detail) => AuditTrail.Custom(me.Name, action, nameof(HotlineRequest), r.Id.ToString(), null, detail, clock.GetUtcNow());
}
