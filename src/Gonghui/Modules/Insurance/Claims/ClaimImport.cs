using Gonghui.Modules.Organizations.Public;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gonghui.Modules.Insurance.Schemes;
using Gonghui.Platform.Data;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Importing;
using Gonghui.Platform.Money;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gonghui.Modules.Insurance.Claims;

public sealed record InsuranceImportErrorDto(int Row, string Column, string Reason);
public sealed record InsuranceImportResultDto(int Imported, bool Rejected, int ErrorCount, IReadOnlyList<InsuranceImportErrorDto> Errors);

/// <summary>What an intake did: claims filed, every row error (reason = error code, or "code|argument").</summary>
public sealed record InsuranceImportResult(int Imported, IReadOnlyList<RowError> Errors, bool Rejected);

/// <summary>
/// Accident-insurance claims from a unit's spreadsheet (CSV UTF-8/GB18030 or XLSX, Chinese headers). Every row is checked
/// with the single filing's rules (<see cref="ClaimFiling.CheckFacts"/>, <see cref="ClaimFiling.Prepare"/>): the
/// insured person found by the keyed hash of the resident ID among the scheme's covers in the caller's subtree, the name
/// matching the cover, the payout preview computed. A file with errors files nothing unless asked to skip bad rows. A row
/// filed before (same scheme, person, date, cause and outcome) is a duplicate: its filing key derives from those facts and
/// the claims' unique filing-key index refuses a second one, also under concurrent intakes.
/// </summary>
internal sealed class InsuranceClaimImporter(GonghuiDb db, InsuranceScope svc, ClaimFiling filing, PersonalDataProtector protector, IStringLocalizer<InsuranceText> t)
{
    public const int MaxRows = 20_000;

    public static readonly (string Key, string[] Names, bool Required)[] Columns =
    [
        ("idNumber", ["身份证号", "idNumber"], true),
        ("name", ["姓名", "name"], true),
        ("accidentOn", ["出险日期", "accidentOn"], true),
        ("cause", ["事故原因", "cause"], true),
        ("medical", ["医疗费用", "医疗费用(元)", "medical"], false),
        ("grade", ["伤残等级", "disabilityGrade"], false),
        ("death", ["身故", "death"], false),
        ("description", ["事故经过", "description"], false),
    ];

    public const string TemplateCsv = "身份证号,姓名,出险日期,事故原因,医疗费用,伤残等级,身故,事故经过\r\n" +
                                      "110101199003071234,张三,2020-05-06,交通事故,10000.00,,否,骑车摔倒\r\n";

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd", "yyyy-MM-dd HH:mm:ss"];

    public async Task<InsuranceImportResult> ImportAsync(Guid? schemeId, Stream stream, string fileName, bool skipBadRows, CancellationToken ct)
    {
        var errors = new List<RowError>();
        var scheme = schemeId is null ? null : await db.Set<InsuranceScheme>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == schemeId, ct);
        if (scheme is null) return new(0, [new(0, "schemeId", "claim.schemeUnknown")], true);
        using var file = TabularFile.Open(stream, fileName);
        var map = new ColumnMap(file.Headers, Columns, errors);
        if (errors.Count > 0) return new(0, errors, true);

        // The scheme's covers in the caller's subtree (members and covered family), by the keyed hash of the ID number.
        var covers = await (await svc.CoversInScopeAsync(ct)).Where(c => c.SchemeId == scheme.Id).ToDictionaryAsync(c => c.IdNumberHash, ct);
        var causes = CauseNames(t);
        var today = svc.Today;
        var funding = new Dictionary<Guid, Guid>();
        var rows = new List<(int Row, AccidentClaim Claim, AccidentClaimEvent Filed)>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var rowErrors = new List<RowError>();
        foreach (var row in file.Rows())
        {
            if (rows.Count + errors.Count >= MaxRows) { errors.Add(new(row.RowNumber, "", "import.tooManyRows")); break; }
            rowErrors.Clear();
            var r = row.RowNumber;
            var idText = map.Get(row, "idNumber");
            InsuranceCover? cover = null;
            if (!ResidentId.TryParse(idText, out var id, out _)) rowErrors.Add(new(r, map.HeaderOf("idNumber"), "import.idNumber"));
            else if (!covers.TryGetValue(protector.Hash(id.Number), out cover)) rowErrors.Add(new(r, map.HeaderOf("idNumber"), "claim.notCovered"));
            var name = map.Get(row, "name");
            if (cover is not null && !string.Equals(name, cover.PersonName, StringComparison.Ordinal)) rowErrors.Add(new(r, map.HeaderOf("name"), "import.nameMismatch"));
            DateOnly? on = null;
            var dateText = map.Get(row, "accidentOn");
            if (string.IsNullOrEmpty(dateText)) rowErrors.Add(new(r, map.HeaderOf("accidentOn"), "claim.accidentOnRequired"));
            else if (DateTime.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) on = DateOnly.FromDateTime(d);
            else rowErrors.Add(new(r, map.HeaderOf("accidentOn"), "claim.date"));
            var cause = causes.GetValueOrDefault(map.Get(row, "cause") ?? "");
            if (cause is null) rowErrors.Add(new(r, map.HeaderOf("cause"), "claim.cause"));
            long medical = 0;
            var medicalText = map.Get(row, "medical");
            if (!string.IsNullOrEmpty(medicalText))
            {
                if (Fen.TryParseYuan(medicalText, out var f) && f.Value >= 0) medical = f.Value;
                else rowErrors.Add(new(r, map.HeaderOf("medical"), "claim.amount"));
            }
            int? grade = null;
            var gradeText = map.Get(row, "grade")?.TrimEnd('级').Trim();
            if (!string.IsNullOrEmpty(gradeText) && gradeText != "无")
            {
                if (int.TryParse(gradeText, NumberStyles.None, CultureInfo.InvariantCulture, out var g) && g is >= 1 and <= 10) grade = g;
                else rowErrors.Add(new(r, map.HeaderOf("grade"), "claim.grade"));
            }
            var death = ParseYesNo(map.Get(row, "death"));
            if (death is null) rowErrors.Add(new(r, map.HeaderOf("death"), "import.yesNo"));
            var description = map.Get(row, "description");
            if (rowErrors.Count == 0 && ClaimFiling.CheckFacts(on, cause, medical, grade, death, description, today) is { } bad)
                rowErrors.Add(new(r, HeaderOfField(map, bad.Field), bad.Code));
            if (rowErrors.Count > 0) { errors.AddRange(rowErrors); continue; }

            var facts = new AccidentFacts(on!.Value, cause!, medical, grade, death!.Value);
            var key = ImportKey(scheme.Id, cover!.Id, facts);
            if (!keys.Add(key)) { errors.Add(new(r, "", "import.duplicateInFile")); continue; }
            if (!funding.TryGetValue(cover.UnionId, out var fundingUnit)) funding[cover.UnionId] = fundingUnit = await db.FundingUnitIdAsync(cover.UnionId, ct);
            var prepared = filing.Prepare(scheme, cover, facts, string.IsNullOrWhiteSpace(description) ? null : description.Trim(), fundingUnit, key);
            if (!prepared.IsOk)
            {
                var (field, codes) = prepared.Errors!.First();
                var arg = prepared.Args.Count > 0 ? prepared.Args[0] as string : null;
                errors.Add(new(r, HeaderOfField(map, field), arg is null ? codes[0] : codes[0] + "|" + arg));
                continue;
            }
            rows.Add((r, prepared.Value.Claim, prepared.Value.Filed));
        }

        // Rows filed before (by an earlier intake of the same rows) are duplicates, never filed twice.
        var filed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(x => x.Claim.FileKey!).Chunk(500))
            filed.UnionWith(await db.Set<AccidentClaim>().AsNoTracking().Where(c => chunk.Contains(c.FileKey!)).Select(c => c.FileKey!).ToListAsync(ct));
        var fresh = new List<(int Row, AccidentClaim Claim, AccidentClaimEvent Filed)>(rows.Count);
        foreach (var x in rows)
        {
            if (filed.Contains(x.Claim.FileKey!)) errors.Add(new(x.Row, "", "import.duplicate"));
            else fresh.Add(x);
        }
        errors.Sort((a, b) => a.Row.CompareTo(b.Row));
        if (errors.Count > 0 && !skipBadRows) return new(0, errors, true);
        if (fresh.Count == 0) return new(0, errors, false);
        foreach (var x in fresh) { db.Add(x.Claim); db.Add(x.Filed); }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Another intake of the same rows won the race: nothing of this one is kept.
            foreach (var e in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) e.State = EntityState.Detached;
            return new(0, [.. errors, new(0, "", "import.concurrent")], true);
        }
        return new(fresh.Count, errors, false);
    }

    /// <summary>The filing key of an imported row: derived from the scheme, the insured person's cover and the accident's facts.</summary>
    internal static string ImportKey(Guid schemeId, Guid coverId, AccidentFacts f)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{schemeId:N}|{coverId:N}|{f.AccidentOn:yyyy-MM-dd}|{f.Cause}|{f.MedicalFen}|{f.DisabilityGrade}|{f.Death}");
        return "import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>是/否, yes/no, true/false, 1/0; empty is no. Null when it is none of these.</summary>
    internal static bool? ParseYesNo(string? s) => (s ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "否" or "no" or "n" or "false" or "0" => false,
        "是" or "yes" or "y" or "true" or "1" or "身故" => true,
        _ => null,
    };

    private static string HeaderOfField(ColumnMap map, string field) => field switch
    {
        "accidentOn" => map.HeaderOf("accidentOn"),
        "cause" => map.HeaderOf("cause"),
        "medicalFen" => map.HeaderOf("medical"),
        "disabilityGrade" => map.HeaderOf("grade"),
        "description" => map.HeaderOf("description"),
        _ => field,
    };

    /// <summary>A cause by its code or its name in Chinese or English (e.g. "traffic", "交通事故", "Traffic accident").</summary>
    internal static Dictionary<string, string> CauseNames(IStringLocalizer<InsuranceText> t)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["新冠肺炎"] = AccidentCauses.Covid19, ["新冠"] = AccidentCauses.Covid19 };
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in new[] { "zh-CN", "en" })
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                foreach (var code in AccidentCauses.All)
                {
                    map.TryAdd(code, code);
                    map.TryAdd(t["Cause." + code].Value, code);
                }
            }
        }
        finally { CultureInfo.CurrentUICulture = ui; }
        return map;
    }

    /// <summary>A row error's reason in the caller's language (a refusal carries its argument, e.g. the COVID-19 date).</summary>
    internal static string Reason(string reason, IStringLocalizer<InsuranceText> t)
    {
        var bar = reason.IndexOf('|');
        var code = bar < 0 ? reason : reason[..bar];
        var text = bar < 0 ? t[code] : t[code, "", "", "", InsuranceWording.ArgText(code, reason[(bar + 1)..], t)];
        return text.ResourceNotFound ? code : text.Value;
    }
}
