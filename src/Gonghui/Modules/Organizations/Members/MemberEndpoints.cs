using Gonghui.Modules.Organizations.Enterprises;
using Gonghui.Modules.Organizations.Shared;
using Gonghui.Modules.Organizations.Units;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Time;
using Gonghui.Modules.Organizations.Public;

namespace Gonghui.Modules.Organizations.Members;

/// <summary>A member as lists and detail pages see them: ID number and phone masked only.</summary>
public sealed record MemberDto(
    Guid Id, string Name, string IdNumberMasked, string? PhoneMasked, Sex Sex, DateOnly BirthDate, EmploymentType EmploymentType,
    MemberStatus Status, Guid UnionId, string UnionName, Guid? EnterpriseId, string? EnterpriseName, DateOnly JoinedOn, string? CardNumber,
    IReadOnlyList<MemberTransferDto>? Transfers = null);

public sealed record MemberTransferDto(DateTimeOffset At, Guid FromUnionId, string FromUnionName, Guid ToUnionId, string ToUnionName, string By, string? Reason);

public sealed record MemberRequest(
    string? Name, string? IdNumber, string? Phone, string? EmploymentType, string? JoinedOn, string? CardNumber,
    Guid? UnionId, Guid? EnterpriseId, string? Status);

public sealed record TransferRequest(Guid? ToUnionId, string? Reason);

/// <summary>The decrypted ID number and phone, for staff in scope; every call is recorded as a "reveal" in the audit trail.</summary>
public sealed record MemberPersonalDto(Guid Id, string Name, string IdNumber, string? Phone);

public sealed record TimelineItem(DateTimeOffset At, string Action, string Actor, string? Detail);

internal static class MemberEndpoints
{
    public static void Map(RouteGroupBuilder g)
    {
        g.MapGet("/", List);
        g.MapGet("/{id:guid}", Get);
        g.MapGet("/{id:guid}/timeline", Timeline);
        g.MapGet("/{id:guid}/personal", Reveal).RequireAuthorization(Permissions.MembersPersonal);
        g.MapPost("/", Create).RequireAuthorization(Permissions.RegistryEdit);
        g.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.RegistryEdit);
        g.MapPost("/{id:guid}/transfer", Transfer).RequireAuthorization(Permissions.RegistryEdit);
    }

    /// <summary>Members in scope by name (keyset on (name, id)). q matches a name or card number, or exactly an ID number or phone through its keyed hash.</summary>
    public static async Task<Results<Ok<Slice<MemberDto>>, ValidationProblem>> List(
        RegistryScope scope, GonghuiDb db, PersonalDataProtector protector, string? q, Guid? unionId, Guid? enterpriseId,
        EmploymentType? employmentType, MemberStatus? status, string? after, string? before, int? limit, CancellationToken ct)
    {
        var errors = new Api.Errors();
        if (!Keyset.TryRequest(after, before, limit, errors, out var request)) return errors.Problem();
        var query = Filter(await scope.MembersAsync(ct), protector, q, unionId, enterpriseId, employmentType, status);
        return TypedResults.Ok(await query.SliceAsync(request, m => m.Name, m => m.Id, descending: false,
            rows => Project(rows, db), d => d.Name, d => d.Id, ct));
    }

    /// <summary>The list's filters, shared with the export so both always agree on what "the current filter" means.</summary>
    public static IQueryable<Member> Filter(IQueryable<Member> query, PersonalDataProtector protector, string? q, Guid? unionId, Guid? enterpriseId,
        EmploymentType? employmentType, MemberStatus? status)
    {
        query = query.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            if (ResidentId.TryParse(text, out var id, out _))
            {
                var hash = protector.Hash(id.Number);
                query = query.Where(m => m.IdNumberHash == hash);
            }
            else if (MobilePhone.TryParse(text, out var phone) && text.Count(char.IsAsciiDigit) >= 11)
            {
                var hash = protector.Hash(phone);
                query = query.Where(m => m.PhoneHash == hash || m.CardNumber == text);
            }
            else query = query.Where(m => m.Name.Contains(text) || m.CardNumber == text);
        }
        if (unionId is { } u) query = query.Where(m => m.UnionId == u);
        if (enterpriseId is { } e) query = query.Where(m => m.EnterpriseId == e);
        if (employmentType is { } t) query = query.Where(m => m.EmploymentType == t);
        if (status is { } s) query = query.Where(m => m.Status == s);
        return query;
    }

    private static IQueryable<MemberDto> Project(IQueryable<Member> members, GonghuiDb db) =>
        from m in members
        join u in db.Set<OrgUnit>() on m.UnionId equals u.Id
        join e in db.Set<Enterprise>() on m.EnterpriseId equals e.Id into ej
        from e in ej.DefaultIfEmpty()
        select new MemberDto(m.Id, m.Name, m.IdNumberMasked, m.PhoneMasked, m.Sex, m.BirthDate, m.EmploymentType, m.Status,
            m.UnionId, u.Name, m.EnterpriseId, e == null ? null : e.Name, m.JoinedOn, m.CardNumber, null);

    public static async Task<Results<Ok<MemberDto>, NotFound>> Get(Guid id, RegistryScope scope, GonghuiDb db, CancellationToken ct)
    {
        var dto = await LoadAsync(id, await scope.MembersAsync(ct), db, ct);
        return dto is null ? TypedResults.NotFound() : TypedResults.Ok(dto);
    }

    internal static async Task<MemberDto?> LoadAsync(Guid id, IQueryable<Member> members, GonghuiDb db, CancellationToken ct)
    {
        var dto = await Project(members.Where(m => m.Id == id), db).FirstOrDefaultAsync(ct);
        if (dto is null) return null;
        var transfers = await (from t in db.Set<MemberTransfer>().AsNoTracking()
                               where t.MemberId == id
                               join f in db.Set<OrgUnit>() on t.FromUnionId equals f.Id
                               join to in db.Set<OrgUnit>() on t.ToUnionId equals to.Id
                               select new MemberTransferDto(t.At, t.FromUnionId, f.Name, t.ToUnionId, to.Name, t.By, t.Reason)).ToListAsync(ct);
        return dto with { Transfers = transfers.OrderByDescending(t => t.At).ToList() };
    }

    /// <summary>The member's audit entries (create, update, transfer, reveal), newest first.</summary>
    public static async Task<Results<Ok<List<TimelineItem>>, NotFound>> Timeline(Guid id, RegistryScope scope, GonghuiDb db, CancellationToken ct)
    {
        if (!await (await scope.MembersAsync(ct)).AnyAsync(m => m.Id == id, ct)) return TypedResults.NotFound();
        var key = id.ToString();
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Member) && a.EntityId == key)
            .OrderByDescending(a => a.Seq).Take(100).Select(a => new { a.At, a.Action, a.Actor, a.After }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new TimelineItem(r.At, r.Action, r.Actor, r.Action is "transfer" or "reveal" ? r.After : null)).ToList());
    }

    public static async Task<Results<Ok<MemberPersonalDto>, NotFound>> Reveal(
        Guid id, RegistryScope scope, GonghuiDb db, PersonalDataProtector protector, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        var m = await (await scope.MembersAsync(ct)).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return TypedResults.NotFound();
        await db.SaveChangesWithAuditAsync([AuditTrail.Custom(me.Name, "reveal", nameof(Member), id.ToString(), null,
            new { Fields = m.PhoneCipher is null ? new[] { "idNumber" } : ["idNumber", "phone"] }, clock.GetUtcNow())], ct);
        return TypedResults.Ok(new MemberPersonalDto(m.Id, m.Name, protector.Decrypt(m.IdNumberCipher), m.PhoneCipher is null ? null : protector.Decrypt(m.PhoneCipher)));
    }

    public static async Task<Results<Created<MemberDto>, ValidationProblem, ProblemHttpResult>> Create(
        MemberRequest req, RegistryScope scope, GonghuiDb db, PersonalDataProtector protector, RegistryText t, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Api.Errors();
        var fields = Validate(req, t, errors, clock);
        var union = await scope.GrassrootsInScopeAsync(req.UnionId, ct);
        if (union is null) errors.Add("unionId", t["member.union.invalid"]);
        if (req.EnterpriseId is { } eid && !await (await scope.EnterprisesAsync(ct)).AnyAsync(e => e.Id == eid, ct))
            errors.Add("enterpriseId", t["member.enterprise.invalid"]);
        if (errors.Any) return errors.Problem();
        var hash = protector.Hash(fields!.Id.Number);
        if (await HolderOfAsync(db, hash, null, ct) is { } holder) return Api.Conflict(t["member.id.taken", holder], t["member.id.takenTitle"]);
        var m = new Member { UnionId = union!.Id, EnterpriseId = req.EnterpriseId, Status = MemberStatus.Active, UpdatedAt = clock.GetUtcNow() };
        MemberRules.ApplyPersonalData(m, fields, protector);
        db.Add(m);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Two requests raced past the check; the unique index on the hash decided.
            db.ChangeTracker.Clear();
            if (await HolderOfAsync(db, hash, null, ct) is { } h) return Api.Conflict(t["member.id.taken", h], t["member.id.takenTitle"]);
            throw;
        }
        return TypedResults.Created($"/api/v1/members/{m.Id}", (await LoadAsync(m.Id, db.Set<Member>(), db, ct))!);
    }

    public static async Task<Results<Ok<MemberDto>, ValidationProblem, NotFound, ProblemHttpResult>> Update(
        Guid id, MemberRequest req, RegistryScope scope, GonghuiDb db, PersonalDataProtector protector, RegistryText t, TimeProvider clock, CancellationToken ct)
    {
        var m = await (await scope.MembersAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return TypedResults.NotFound();
        var errors = new Api.Errors();
        // Fields left out (null) keep their stored values, so an edit form need not show the full ID number or phone.
        req = req with
        {
            IdNumber = req.IdNumber ?? protector.Decrypt(m.IdNumberCipher),
            Phone = req.Phone ?? (m.PhoneCipher is null ? null : protector.Decrypt(m.PhoneCipher)),
            EmploymentType = req.EmploymentType ?? m.EmploymentType.ToString(),
            JoinedOn = req.JoinedOn ?? m.JoinedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            CardNumber = req.CardNumber ?? m.CardNumber,
        };
        var fields = Validate(req, t, errors, clock);
        if (req.EnterpriseId is { } eid && !await (await scope.EnterprisesAsync(ct)).AnyAsync(e => e.Id == eid, ct))
            errors.Add("enterpriseId", t["member.enterprise.invalid"]);
        var status = m.Status;
        if (!string.IsNullOrWhiteSpace(req.Status) && (!Enum.TryParse(req.Status, true, out status) || !Enum.IsDefined(status)))
            errors.Add("status", t["member.status.invalid"]);
        if (req.UnionId is { } u && u != m.UnionId) errors.Add("unionId", t["member.union.useTransfer"]);
        if (errors.Any) return errors.Problem();
        var hash = protector.Hash(fields!.Id.Number);
        if (await HolderOfAsync(db, hash, id, ct) is { } holder) return Api.Conflict(t["member.id.taken", holder], t["member.id.takenTitle"]);
        // Re-encrypting gives a new nonce each time: keep the stored cipher when the number did not change, so the audit shows no false change.
        var (idCipher, phoneCipher, phoneHash) = (m.IdNumberCipher, m.PhoneCipher, m.PhoneHash);
        MemberRules.ApplyPersonalData(m, fields, protector);
        if (m.IdNumberHash == hash && protector.Decrypt(idCipher) == fields.Id.Number) m.IdNumberCipher = idCipher;
        if (phoneHash is not null && m.PhoneHash == phoneHash) m.PhoneCipher = phoneCipher;
        m.EnterpriseId = req.EnterpriseId;
        m.Status = status;
        m.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await LoadAsync(id, db.Set<Member>(), db, ct))!);
    }

    /// <summary>
    /// Moves an active member to another grassroots union in scope and keeps the history. A retry carrying the same
    /// Idempotency-Key header gets the first answer replayed by the platform's <see cref="Idempotency"/>, concurrent ones included.
    /// </summary>
    public static async Task<Results<Ok<MemberDto>, ValidationProblem, NotFound, ProblemHttpResult>> Transfer(
        Guid id, TransferRequest req, RegistryScope scope, GonghuiDb db,
        CurrentUser me, RegistryText t, TimeProvider clock, CancellationToken ct)
    {
        var m = await (await scope.MembersAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return TypedResults.NotFound();
        var key = id.ToString();
        var errors = new Api.Errors();
        var to = await scope.GrassrootsInScopeAsync(req.ToUnionId, ct);
        if (to is null) errors.Add("toUnionId", t["member.union.invalid"]);
        var reason = string.IsNullOrWhiteSpace(req.Reason) ? null : req.Reason.Trim();
        if (reason is { Length: > 500 }) errors.Add("reason", t["member.transfer.reason.length"]);
        if (errors.Any) return errors.Problem();
        if (to!.Id == m.UnionId) return Api.Conflict(t["member.transfer.same"]);
        if (m.Status != MemberStatus.Active) return Api.Conflict(t["member.transfer.inactive"]);
        var now = clock.GetUtcNow();
        var from = m.UnionId;
        db.Add(new MemberTransfer { MemberId = id, FromUnionId = from, ToUnionId = to.Id, At = now, By = me.Name, Reason = reason });
        m.UnionId = to.Id;
        m.UpdatedAt = now;
        await db.SaveChangesWithAuditAsync([AuditTrail.Custom(me.Name, "transfer", nameof(Member), key,
            new { UnionId = from }, new { UnionId = to.Id, UnionName = to.Name, Reason = reason }, now)], ct);
        return TypedResults.Ok((await LoadAsync(id, db.Set<Member>(), db, ct))!);
    }

    /// <summary>A worker's own member record.</summary>
    public static async Task<Results<Ok<MemberDto>, NotFound>> Me(CurrentUser me, GonghuiDb db, CancellationToken ct)
    {
        if (me.MemberId is not { } id) return TypedResults.NotFound();
        var dto = await LoadAsync(id, db.Set<Member>(), db, ct);
        return dto is null ? TypedResults.NotFound() : TypedResults.Ok(dto);
    }

    private static MemberFields? Validate(MemberRequest req, RegistryText t, Api.Errors errors, TimeProvider clock)
    {
        var found = new List<FieldError>();
        var today = BeijingTime.Today(clock);
        var fields = MemberRules.Validate(req.Name, req.IdNumber, req.Phone, req.EmploymentType, req.JoinedOn, req.CardNumber, found, today);
        foreach (var e in found) errors.Add(e.Field, t[e.Code]);
        return fields;
    }

    private static Task<string?> HolderOfAsync(GonghuiDb db, string idHash, Guid? except, CancellationToken ct) =>
        (from m in db.Set<Member>().AsNoTracking()
         where m.IdNumberHash == idHash && (except == null || m.Id != except)
         join u in db.Set<OrgUnit>() on m.UnionId equals u.Id
         select u.Name).FirstOrDefaultAsync(ct);
}
