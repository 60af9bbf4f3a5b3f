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

/// <summary>A file with its grassroots union's name, as scoped queries return it.</summary>
public sealed class FileWithUnit
{
    public required HardshipFile File { get; init; }
    public required string UnitName { get; init; }
}

/// <summary>
/// What every hardship use case starts from: the caller's level (grassroots, district, federation), the files in the
/// caller's subtree, the rule book and the clock; and the checks more than one use case makes (eligibility, a person
/// already on an active file).
/// </summary>
public sealed class HardshipScope(GonghuiDb db, CurrentUser me, HardshipRuleBook rules, TimeProvider clock)
{
    public HardshipRuleBook Rules => rules;

    /// <summary>Another change to the same file won the race; reload.</summary>
    public const string Concurrent = "file.concurrentChange";

    /// <summary>Refused on eligibility: the outcome's argument is the result, so the explanation can name its figures.</summary>
    internal static Outcome<T> Ineligible<T>(EligibilityResult e) => Outcome<T>.Invalid("eligibility", e.Rule, e);

    // A path prefix no unit has (PostgreSQL refuses the NUL character, so no "\0" sentinel here).
    private const string NoScope = "//no-scope/";

    public ActorLevel Level =>
        me.IsInRole(Roles.FederationAdmin) ? ActorLevel.Federation :
        me.IsInRole(Roles.DistrictStaff) ? ActorLevel.District :
        me.IsInRole(Roles.GrassrootsStaff) ? ActorLevel.Grassroots : ActorLevel.None;

    public bool IsEvaluator => me.IsInRole(Roles.Evaluator);

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Files whose grassroots unit is in the caller's subtree, with the unit's name. Hotline agents and evaluators get nothing here.</summary>
    public async Task<IQueryable<FileWithUnit>> ScopedAsync(CancellationToken ct)
    {
        var scope = Level == ActorLevel.None ? NoScope : await me.ScopePathAsync(ct);
        return from f in db.Set<HardshipFile>()
               join u in db.UnitRows().InScope(scope, u => u.Path) on f.OrgUnitId equals u.Id
               select new FileWithUnit { File = f, UnitName = u.Name };
    }

    /// <summary>The files (alone) in the caller's subtree.</summary>
    public async Task<IQueryable<HardshipFile>> ScopedFilesAsync(CancellationToken ct)
    {
        var scope = Level == ActorLevel.None ? NoScope : await me.ScopePathAsync(ct);
        return from f in db.Set<HardshipFile>()
               join u in db.UnitRows().InScope(scope, u => u.Path) on f.OrgUnitId equals u.Id
               select f;
    }

    public EligibilityResult Evaluate(int year, string? district, long monthlyIncome, int size, IReadOnlyCollection<HardshipCause> causes) =>
        Eligibility.Evaluate(new HouseholdFacts(year, district, monthlyIncome, size, causes), rules);

    /// <summary>A person already on an active file: the code of the refusal, with the holder (masked) as its detail.</summary>
    public const string DuplicatePerson = "file.duplicatePerson";

    /// <summary>The (masked) unit holding an active file for any of these people, or null.</summary>
    internal async Task<string?> DuplicateAsync(IReadOnlyCollection<string> hashes, Guid? exceptFile, CancellationToken ct)
    {
        var hit = await (from m in db.Set<HouseholdMember>().AsNoTracking()
                         join f in db.Set<HardshipFile>() on m.FileId equals f.Id
                         join u in db.UnitRows() on f.OrgUnitId equals u.Id
                         where m.ActiveIdHash != null && hashes.Contains(m.ActiveIdHash) && f.Id != exceptFile
                         select new { u.Name, f.DistrictCode, m.IdMasked }).FirstOrDefaultAsync(ct);
        if (hit is null) return null;
        var districtName = Organizations.Public.BeijingDistricts.NameOf(hit.DistrictCode) ?? hit.DistrictCode;
        return $"{hit.IdMasked} · {districtName} · {MaskUnit(hit.Name)}";
    }

    /// <summary>北京市**工会: the first two and last two characters of a unit name, the middle hidden.</summary>
    public static string MaskUnit(string name) =>
        name.Length <= 4 ? new string('*', name.Length) : string.Concat(name.AsSpan(0, 2), new string('*', Math.Min(6, name.Length - 4)), name.AsSpan(name.Length - 2));

}
