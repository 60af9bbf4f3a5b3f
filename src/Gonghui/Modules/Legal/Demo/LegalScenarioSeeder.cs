using Gonghui.Modules.Legal.Cases;
using Gonghui.Modules.Legal.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Calendars;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Security;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Legal.Demo;

/// <summary>
/// The scenario's recovered amounts (<see cref="IScenarioSeeder"/>): wage-arrears mediations received in the last weeks of the
/// year before and settled in full early in the year, at most 50,000 yuan each, so that the year's recovered total reaches the
/// review's figure without adding to the year's cases received (the demo's cases carry that figure).
/// </summary>
internal sealed class LegalScenarioSeeder : IScenarioSeeder
{
    private const string Actor = "scenario";
    private const long MaxPerCase = 50_000_00;
    public IReadOnlyCollection<string> Keys { get; } = ["legal.recovered"];

    public async Task AddAsync(IServiceProvider sp, int year, IReadOnlyDictionary<string, long> missing, CancellationToken ct)
    {
        var total = missing.GetValueOrDefault("legal.recovered");
        if (total <= 0) return;
        var db = sp.GetRequiredService<GonghuiDb>();
        var units = await db.UnitRows().Where(u => u.Kind == OrgUnitKind.DistrictUnion).OrderBy(u => u.Code).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        if (units.Count == 0) return;
        var protector = sp.GetRequiredService<PersonalDataProtector>();
        var calendar = sp.GetRequiredService<CalendarService>().Current;
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var rnd = new Random(year * 31 + 1);
        var shares = ScenarioShares.Split(total, (int)((total + MaxPerCase - 1) / MaxPerCase));
        var rows = new List<(object, string)>();
        for (var i = 0; i < shares.Length; i++)
        {
            var id = Guid.CreateVersion7();
            var unit = units[i % units.Count];
            var received = new DateOnly(year - 1, 12, 1).AddDays(i % 31);
            var phone = $"13{rnd.Next(0, 10)}{rnd.Next(10_000_000, 99_999_999)}";
            var employer = $"北京建筑{(char)('甲' + i % 10)}{i / 10 + 1}号工程有限公司";
            var c = LegalCase.Open(id, CaseHandlers.NumberOf(received, id), CaseType.Mediation, CaseChannel.Hotline, unit.Id, unit.Path,
                $"{employer}年底拖欠农民工工资，请求工会帮助。", $"职工{i % 97}", null, (protector.Encrypt(phone), protector.Hash(phone), Platform.Ids.MobilePhone.Mask(phone)),
                1 + rnd.Next(20), null, employer, null, "建筑业", received, received.AddDays(-rnd.Next(5, 60)), null, null,
                BeijingTime.ToUtc(received, new TimeOnly(10, 0)), Actor);
            var claim = LegalClaim.Of(id, ClaimKind.WageArrears, shares[i]);
            claim.Recover(shares[i], null);
            var mediated = received.AddDays(1);
            var closed = new DateOnly(year, 1, 2).AddDays(i % 20);
            var dates = new CaseDates(received, mediated, closed);
            c.SetSteps(dates, c.KnewOn, c.EmploymentEndedOn);
            c.SetAmounts(shares[i], shares[i]);
            c.Close(CaseDisposition.MediatedAgreement, closed, null, 5, CaseRules.ClosedInTime(dates with { ClosedOn = closed }, calendar));
            rows.Add((c, Actor));
            rows.Add((claim, Actor));
        }
        await RowWriter.InsertAsync(db, rows, now, ct);
    }
}
