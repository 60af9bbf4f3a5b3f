using Gonghui.Modules.Legal.Cases;
using Gonghui.Modules.Legal.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Legal.Roster;

public sealed record FirmInput(string? Name);
public sealed record LawyerInput(string? Name, Guid? FirmId, bool? Mediator, bool? ModelWorker, List<ClaimKind>? Specialities, List<string>? Districts);
public sealed record RepresentationInput(string? EmployerName, string? EmployerCreditCode);
public sealed record AccountLinkInput(Guid? AccountId);

/// <summary>A sign-in account of role Lawyer that a roster entry may be linked to, and the entry it is linked to now (if any).</summary>
public sealed record LawyerAccount(Guid Id, string UserName, string DisplayName, Guid? LinkedLawyerId);

/// <summary>A roster line: the lawyer, their firm and their open cases (the workload view).</summary>
public sealed record LawyerRow(Lawyer Lawyer, string? FirmName, int OpenCases);

/// <summary>The roster of lawyers and mediators, their firms and the employers each firm has represented (the conflict check's data).</summary>
internal sealed class RosterHandlers(GonghuiDb db, UserManager<AppUser> accounts)
{
    /// <summary>The accounts of role Lawyer (lawyers and mediators sign in with it), by user name, with the roster entry each is linked to.</summary>
    public async Task<IReadOnlyList<LawyerAccount>> AccountsAsync(CancellationToken ct)
    {
        var users = await accounts.GetUsersInRoleAsync(Roles.Lawyer);
        var ids = users.Select(u => (Guid?)u.Id).ToList();
        var links = await db.Set<Lawyer>().AsNoTracking().Where(l => ids.Contains(l.AccountId)).Select(l => new { l.AccountId, l.Id }).ToListAsync(ct);
        return users.OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => new LawyerAccount(u.Id, u.UserName ?? "", u.DisplayName, links.FirstOrDefault(x => x.AccountId == u.Id)?.Id)).ToList();
    }

    /// <summary>
    /// Links a roster entry (lawyer or mediator) to a sign-in account of role Lawyer, so that account sees the entry's cases under "my cases";
    /// null unlinks. An account serves one roster entry: one linked elsewhere is refused (400 <c>accountId</c> <c>lawyer.accountTaken</c>), as is
    /// an account that is not of role Lawyer (<c>lawyer.accountRole</c>) — a staff account must never see cases this way.
    /// </summary>
    public async Task<Outcome<Lawyer>> LinkAccountAsync(Guid lawyerId, AccountLinkInput input, CancellationToken ct)
    {
        var lawyer = await db.Set<Lawyer>().FirstOrDefaultAsync(l => l.Id == lawyerId, ct);
        if (lawyer is null) return Outcome<Lawyer>.NotFound();
        if (input.AccountId is { } accountId)
        {
            var user = await accounts.FindByIdAsync(accountId.ToString());
            if (user is null) return Outcome<Lawyer>.Invalid("accountId", "lawyer.accountUnknown");
            if (!await accounts.IsInRoleAsync(user, Roles.Lawyer)) return Outcome<Lawyer>.Invalid("accountId", "lawyer.accountRole");
            if (await db.Set<Lawyer>().AnyAsync(l => l.AccountId == accountId && l.Id != lawyerId, ct)) return Outcome<Lawyer>.Invalid("accountId", "lawyer.accountTaken");
        }
        if (lawyer.AccountId == input.AccountId) return Outcome<Lawyer>.Ok(lawyer, replayed: true);
        lawyer.LinkAccount(input.AccountId);
        await db.SaveChangesAsync(ct);
        return Outcome<Lawyer>.Ok(lawyer);
    }

    public async Task<IReadOnlyList<LawyerRow>> LawyersAsync(string? district, ClaimKind? speciality, CancellationToken ct)
    {
        var q = db.Set<Lawyer>().AsNoTracking().Where(l => l.Active);
        if (!string.IsNullOrWhiteSpace(district)) q = q.Where(l => ("," + l.Districts + ",").Contains("," + district + ","));
        if (speciality is { } s) q = q.Where(l => ("," + l.Specialities + ",").Contains("," + s.ToString() + ","));
        var rows = await q.OrderByDescending(l => l.ModelWorker).ThenBy(l => l.Name).ThenBy(l => l.Id)
            .Select(l => new
            {
                Lawyer = l,
                Firm = db.Set<LawFirm>().Where(f => f.Id == l.FirmId).Select(f => f.Name).FirstOrDefault(),
                Open = db.Set<LegalCase>().Count(c => c.LawyerId == l.Id && c.ClosedOn == null),
            }).ToListAsync(ct);
        return rows.Select(r => new LawyerRow(r.Lawyer, r.Firm, r.Open)).ToList();
    }

    public Task<List<LawFirm>> FirmsAsync(CancellationToken ct) => db.Set<LawFirm>().AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);

    public async Task<Outcome<LawFirm>> AddFirmAsync(FirmInput input, CancellationToken ct)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200) return Outcome<LawFirm>.Invalid("name", name.Length == 0 ? "required" : "too-long");
        if (await db.Set<LawFirm>().AnyAsync(f => f.Name == name, ct)) return Outcome<LawFirm>.Conflict("firm.exists");
        var firm = LawFirm.Of(Guid.CreateVersion7(), name);
        db.Add(firm);
        await db.SaveChangesAsync(ct);
        return Outcome<LawFirm>.Ok(firm);
    }

    public async Task<Outcome<Lawyer>> AddLawyerAsync(LawyerInput input, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100) errors.Add(("name", name.Length == 0 ? "required" : "too-long"));
        if (input.FirmId is { } fid && !await db.Set<LawFirm>().AnyAsync(f => f.Id == fid, ct)) errors.Add(("firmId", "firm-unknown"));
        if (input.FirmId is null && input.Mediator != true) errors.Add(("firmId", "required"));
        var districts = (input.Districts ?? []).Select(d => d.Trim().ToUpperInvariant()).Where(d => d.Length > 0).Distinct().ToList();
        if (districts.Any(d => d.Length > 10 || !d.All(char.IsAsciiLetterOrDigit))) errors.Add(("districts", "district-invalid"));
        if ((input.Specialities ?? []).Any(s => !Enum.IsDefined(s))) errors.Add(("specialities", "required"));
        if (errors.Count > 0) return Outcome<Lawyer>.Invalid(errors);
        var lawyer = Lawyer.Of(Guid.CreateVersion7(), name, input.FirmId, input.Mediator ?? false, input.ModelWorker ?? false,
            string.Join(',', (input.Specialities ?? []).Distinct()), string.Join(',', districts));
        db.Add(lawyer);
        await db.SaveChangesAsync(ct);
        return Outcome<Lawyer>.Ok(lawyer);
    }

    public async Task<Outcome<FirmRepresentation>> AddRepresentationAsync(Guid firmId, RepresentationInput input, CancellationToken ct)
    {
        if (!await db.Set<LawFirm>().AnyAsync(f => f.Id == firmId, ct)) return Outcome<FirmRepresentation>.NotFound();
        var name = input.EmployerName?.Trim() ?? "";
        if (name.Length is 0 or > 200) return Outcome<FirmRepresentation>.Invalid("employerName", name.Length == 0 ? "required" : "too-long");
        string? code = null;
        if (!string.IsNullOrWhiteSpace(input.EmployerCreditCode))
        {
            if (!Gonghui.Platform.Ids.CreditCode.TryParse(input.EmployerCreditCode, out var normalized, out _))
                return Outcome<FirmRepresentation>.Invalid("employerCreditCode", "credit-code-invalid");
            code = normalized;
        }
        var key = CaseRules.EmployerKey(code, name);
        var existing = await db.Set<FirmRepresentation>().AsNoTracking().FirstOrDefaultAsync(r => r.FirmId == firmId && r.EmployerKey == key, ct);
        if (existing is not null) return Outcome<FirmRepresentation>.Ok(existing, replayed: true);
        var rep = FirmRepresentation.Of(firmId, key, name);
        db.Add(rep);
        await db.SaveChangesAsync(ct);
        return Outcome<FirmRepresentation>.Ok(rep);
    }
}
