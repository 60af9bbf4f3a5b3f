using Gonghui.Modules.Hardship.Assistance;
using Gonghui.Modules.Hardship.Files;
using Gonghui.Modules.Hardship.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Security;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Hardship.Files;

public sealed record MemberInput(string? Name, Relation? Relation, string? IdNumber, HealthStatus? Health, WorkStatus? Work, string? School, long? MonthlyIncomeFen);

public sealed record FileInput(Guid? OrgUnitId, Guid? MemberId, string? WorkerName, string? WorkerIdNumber, string? Phone, string? Address,
    long? MonthlyIncomeFen, List<HardshipCause>? Causes, string? ContactName, List<MemberInput>? Members, int? Year, HealthStatus? WorkerHealth = null);

/// <summary>建档: a grassroots union files a household (worker, members, income, causes); eligibility decides the grade.</summary>
public sealed class FileFiling(HardshipScope scope, FileQueries queries, GonghuiDb db, CurrentUser me, PersonalDataProtector protector)
{
    private ActorLevel Level => scope.Level;
    private DateTimeOffset Now => scope.Now;
    private HardshipRuleBook rules => scope.Rules;

    private sealed record Person(string Name, Relation Relation, ResidentIdInfo Id, HealthStatus Health, WorkStatus Work, string? School, long Income);

    /// <summary>The open grassroots unions in the caller's subtree a new file may be filed under (the filing form's choices).</summary>
    public async Task<List<UnitRow>> FilingUnitsAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        return await db.UnitRows().InScope(scope, u => u.Path).Where(u => u.Kind == OrgUnitKind.GrassrootsUnion && !u.IsClosed)
            .OrderBy(u => u.Path).Take(500).ToListAsync(ct);
    }

    public async Task<Outcome<FileDetail>> CreateFileAsync(FileInput input, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        void Err(string f, string c) => errors.Add((f, c));
        if (Level == ActorLevel.None) return Outcome<FileDetail>.NotFound();

        UnitRow? unit = null;
        if (input.OrgUnitId is null) Err("orgUnitId", "field.required");
        else
        {
            var scope = await me.ScopePathAsync(ct);
            unit = await db.UnitRows().InScope(scope, u => u.Path).FirstOrDefaultAsync(u => u.Id == input.OrgUnitId, ct);
            if (unit is null) Err("orgUnitId", "file.unitNotInScope");
        }
        UnitRow? district = null;
        if (unit is not null)
        {
            var segments = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var code = segments.Length >= 2 ? segments[1] : null;
            district = code is null ? null : await db.UnitRows().FirstOrDefaultAsync(u => u.Code == code && u.Kind == OrgUnitKind.DistrictUnion, ct);
            if (district?.DistrictCode is null) Err("orgUnitId", "file.unitNotInDistrict");
        }
        if (string.IsNullOrWhiteSpace(input.WorkerName) || input.WorkerName.Trim().Length > 100) Err("workerName", "field.required");
        var people = new List<Person>();
        if (!ResidentId.TryParse(input.WorkerIdNumber, out var workerId, out var idErr)) Err("workerIdNumber", idErr);
        else people.Add(new Person(input.WorkerName?.Trim() ?? "", Relation.Self, workerId, input.WorkerHealth ?? HealthStatus.Healthy, WorkStatus.Employed, null, 0));
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            if (!MobilePhone.TryParse(input.Phone, out var p)) Err("phone", "field.phoneInvalid");
            else phone = p;
        }
        if (input.MonthlyIncomeFen is null or < 0) Err("monthlyIncomeFen", "field.incomeInvalid");
        if (string.IsNullOrWhiteSpace(input.ContactName)) Err("contactName", "field.required");
        var members = input.Members ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            if (string.IsNullOrWhiteSpace(m.Name)) Err($"members[{i}].name", "field.required");
            if (m.Relation is null or Relation.Self) Err($"members[{i}].relation", "field.relationInvalid");
            if (!ResidentId.TryParse(m.IdNumber, out var mid, out var mErr)) Err($"members[{i}].idNumber", mErr);
            else if (people.Any(p => p.Id.Number == mid.Number)) Err($"members[{i}].idNumber", "file.personTwiceInHousehold");
            else people.Add(new Person(m.Name?.Trim() ?? "", m.Relation ?? Relation.Other, mid, m.Health ?? HealthStatus.Healthy, m.Work ?? WorkStatus.Other, m.School?.Trim(), m.MonthlyIncomeFen ?? 0));
            if (m.MonthlyIncomeFen is < 0) Err($"members[{i}].monthlyIncomeFen", "field.incomeInvalid");
        }
        var year = input.Year ?? BeijingTime.DateOf(Now).Year;
        if (errors.Count > 0) return Outcome<FileDetail>.Invalid(errors);

        var causes = (input.Causes ?? []).Distinct().ToList();
        var eligibility = scope.Evaluate(year, district!.DistrictCode, input.MonthlyIncomeFen!.Value, 1 + members.Count, causes);
        if (!eligibility.Eligible) return HardshipScope.Ineligible<FileDetail>(eligibility);

        var hashes = people.Select(p => protector.Hash(p.Id.Number)).ToList();
        var dup = await scope.DuplicateAsync(hashes, null, ct);
        if (dup is not null) return Outcome<FileDetail>.Conflict(HardshipScope.DuplicatePerson, dup);

        var file = HardshipFile.File(unit!.Id, district.Id, district.DistrictCode!, input.MemberId, input.WorkerName!.Trim(), ResidentId.Mask(workerId.Number),
            phone is null ? null : protector.Encrypt(phone), phone is null ? null : MobilePhone.Mask(phone), input.Address?.Trim(),
            input.MonthlyIncomeFen.Value, 1 + members.Count, causes, eligibility, year, input.ContactName!.Trim(), me.Name, Now);
        db.Add(file);
        foreach (var p in people)
            db.Add(HouseholdMember.Create(file.Id, p.Name, p.Relation, protector.Encrypt(p.Id.Number), protector.Hash(p.Id.Number), ResidentId.Mask(p.Id.Number),
                p.Id.BirthDate, p.Health, p.Work, p.School, p.Income));
        db.Add(HardshipEvent.Create(file.Id, Now, me.Name, "Filed", null, FileStatus.Filed, eligibility.Rule));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Two filings raced for the same person: the unique index on the active ID hash let only one through.
            db.ChangeTracker.Clear();
            return Outcome<FileDetail>.Conflict(HardshipScope.DuplicatePerson, await scope.DuplicateAsync(hashes, null, ct));
        }
        return Outcome<FileDetail>.Ok((await queries.DetailAsync(file.Id, ct))!);
    }
}
