using Gonghui.Modules.Hotline.Public;
using Gonghui.Modules.LaborRelations.Rules;
using Gonghui.Modules.Legal.Public;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Gonghui.Platform.Http;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.LaborRelations.Signals;

/// <summary>A layoff reported to the union.</summary>
public sealed record LayoffInput(Guid? EnterpriseId, int? Workforce, int? LaidOff, DateOnly? EffectiveOn, DateOnly? UnionNotifiedOn, string? Reason);

/// <summary>A signal staff record by hand: social-insurance arrears or a collective incident.</summary>
public sealed record SignalInput(Guid? EnterpriseId, SignalKind? Kind, DateOnly? OccurredOn, int? Workers, string? Note);

public sealed record LayoffView(LayoffReport Report, LayoffAssessment Assessment);

public sealed record SignalDto(Guid Id, Guid EnterpriseId, string EnterpriseName, SignalKind Kind, DateOnly OccurredOn, int Units, string Source, string SourceRef, string? Note);

/// <summary>What taking signals from the hotline and legal aid added.</summary>
public sealed record HarvestResult(int FromHotline, int FromLegal);

/// <summary>
/// Recording signals: layoffs (checked by Art. 41), arrears and incidents by hand, and the hotline's and legal aid's signals taken
/// through their Public readers. Each write is one SaveChanges (the report and its signal together).
/// </summary>
public sealed class SignalHandlers(GonghuiDb db, LaborScope scope, IHotlineSignals hotline, ILegalSignals legal)
{
    public const string SourceHotline = "hotline";
    public const string SourceLegal = "legal";
    public const string SourceLayoff = "layoff";
    public const string SourceOpinion = "opinion";
    public const string SourceStaff = "staff";

    public static SignalDto ToDto(RiskSignal s) => new(s.Id, s.EnterpriseId, s.EnterpriseName, s.Kind, s.OccurredOn, s.Units, s.Source, s.SourceRef, s.Note);

    public async Task<Outcome<LayoffView>> RecordLayoffAsync(LayoffInput input, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        if (input.EnterpriseId is null) errors.Add(("enterpriseId", "required"));
        errors.AddRange(LayoffRule.Validate(input.Workforce, input.LaidOff, input.EffectiveOn, input.UnionNotifiedOn));
        if (input.Reason?.Length > 500) errors.Add(("reason", "too-long"));
        if (errors.Count > 0) return Outcome<LayoffView>.Invalid(errors);
        var e = await scope.VisibleEnterpriseAsync(input.EnterpriseId!.Value, ct);
        if (e is null) return Outcome<LayoffView>.Invalid("enterpriseId", "enterprise.unknown");
        var facts = new LayoffFacts(input.Workforce!.Value, input.LaidOff!.Value, input.EffectiveOn!.Value, input.UnionNotifiedOn);
        var a = LayoffRule.Assess(facts);
        var id = Guid.CreateVersion7();
        var report = LayoffReport.Of(id, e.Id, e.Name, facts, a, Trim(input.Reason), e.ScopePath, scope.Now, scope.Me.Name);
        // The signal is dated by the day the union learnt of it (today), not the effective day: a layoff announced for later is a risk now.
        var on = input.UnionNotifiedOn is { } n && n <= scope.Today ? n : scope.Today;
        db.Add(report);
        db.Add(RiskSignal.Of(Guid.CreateVersion7(), e.Id, e.Name, SignalKind.Layoff, on, LayoffRule.SignalUnits(a), SourceLayoff, id.ToString(),
            $"{facts.LaidOff}/{facts.Workforce}", e.ScopePath, e.DistrictCode, scope.Now, scope.Me.Name));
        await db.SaveChangesAsync(ct);
        return Outcome<LayoffView>.Ok(new LayoffView(report, a));
    }

    public async Task<Outcome<RiskSignal>> RecordAsync(SignalInput input, CancellationToken ct)
    {
        var errors = new List<(string Field, string Code)>();
        if (input.EnterpriseId is null) errors.Add(("enterpriseId", "required"));
        if (input.Kind is not { } kind || kind is not (SignalKind.InsuranceArrears or SignalKind.CollectiveIncident)) errors.Add(("kind", "signal.kindByHand"));
        if (input.OccurredOn is null) errors.Add(("occurredOn", "required"));
        else if (input.OccurredOn > scope.Today) errors.Add(("occurredOn", "date.future"));
        if (input.Workers is < 0 or > 1_000_000) errors.Add(("workers", "out-of-range"));
        if (input.Note?.Length > 500) errors.Add(("note", "too-long"));
        if (errors.Count > 0) return Outcome<RiskSignal>.Invalid(errors);
        var e = await scope.VisibleEnterpriseAsync(input.EnterpriseId!.Value, ct);
        if (e is null) return Outcome<RiskSignal>.Invalid("enterpriseId", "enterprise.unknown");
        var id = Guid.CreateVersion7();
        var note = Trim(input.Note);
        if (input.Workers is > 0) note = $"{input.Workers}人" + (note is null ? "" : " · " + note);
        var s = RiskSignal.Of(id, e.Id, e.Name, input.Kind!.Value, input.OccurredOn!.Value, 1, SourceStaff, id.ToString(), note, e.ScopePath, e.DistrictCode,
            scope.Now, scope.Me.Name);
        db.Add(s);
        await db.SaveChangesAsync(ct);
        return Outcome<RiskSignal>.Ok(s);
    }

    /// <summary>An enterprise's signals the caller may see, newest first (at most 200).</summary>
    public async Task<IReadOnlyList<RiskSignal>> OfEnterpriseAsync(Guid enterpriseId, CancellationToken ct) =>
        await db.Set<RiskSignal>().AsNoTracking().Where(s => s.EnterpriseId == enterpriseId).InScope(await scope.ScopeAsync(ct), s => s.ScopePath)
            .OrderByDescending(s => s.OccurredOn).ThenByDescending(s => s.Id).Take(200).ToListAsync(ct);

    /// <summary>
    /// Takes the hotline's and legal aid's signals of the longest window before <paramref name="asOf"/> that are not yet here (the unique
    /// (source, source_ref) index keeps them once), under each enterprise's district union; bulk-written with their audit entries.
    /// </summary>
    public async Task<HarvestResult> HarvestAsync(DateOnly asOf, RiskModel model, CancellationToken ct)
    {
        var since = asOf.AddDays(1 - model.LongestWindow);
        var hot = await hotline.SinceAsync(BeijingTime.StartOfDayUtc(since), ct);
        var cases = await legal.SinceAsync(since, ct);
        var known = (await db.Set<RiskSignal>().AsNoTracking().Where(s => (s.Source == SourceHotline || s.Source == SourceLegal) && s.OccurredOn >= since)
            .Select(s => s.Source + ":" + s.SourceRef).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var ids = hot.Select(h => h.EnterpriseId).Concat(cases.Select(c => c.EmployerId)).Distinct().ToList();
        var firms = new Dictionary<Guid, (string Name, string District)>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var f in await db.EnterpriseRows().Where(e => chunk.Contains(e.Id)).Select(e => new { e.Id, e.Name, e.DistrictCode }).ToListAsync(ct))
                firms[f.Id] = (f.Name, f.DistrictCode);
        var rows = new List<(object, string)>();
        var now = scope.Now;
        int fromHotline = 0, fromLegal = 0;
        foreach (var h in hot)
        {
            if (!firms.TryGetValue(h.EnterpriseId, out var f)) continue;
            var (_, path) = await scope.DistrictUnionAsync(f.District, ct);
            var on = BeijingTime.DateOf(h.ReceivedAt);
            if (h.WageArrears && known.Add($"{SourceHotline}:{h.RequestId}"))
            {
                rows.Add((RiskSignal.Of(Guid.CreateVersion7(), h.EnterpriseId, f.Name, SignalKind.HotlineWageArrears, on, 1, SourceHotline, h.RequestId.ToString(), null,
                    path, f.District, now, "system"), "system"));
                fromHotline++;
            }
            if (h.Collective && known.Add($"{SourceHotline}:{h.RequestId}/c"))
            {
                rows.Add((RiskSignal.Of(Guid.CreateVersion7(), h.EnterpriseId, f.Name, SignalKind.HotlineCollective, on, 1, SourceHotline, h.RequestId + "/c", null,
                    path, f.District, now, "system"), "system"));
                fromHotline++;
            }
        }
        foreach (var c in cases)
        {
            if (!firms.TryGetValue(c.EmployerId, out var f) || !known.Add($"{SourceLegal}:{c.CaseId}")) continue;
            var (_, path) = await scope.DistrictUnionAsync(f.District, ct);
            rows.Add((RiskSignal.Of(Guid.CreateVersion7(), c.EmployerId, f.Name, SignalKind.LegalCase, c.ReceivedOn, 1, SourceLegal, c.CaseId.ToString(),
                c.Workers > 1 ? $"{c.Workers}人" : null, path, f.District, now, "system"), "system"));
            fromLegal++;
        }
        if (rows.Count > 0) await RowWriter.InsertAsync(db, rows, now, ct);
        return new HarvestResult(fromHotline, fromLegal);
    }

    internal static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
