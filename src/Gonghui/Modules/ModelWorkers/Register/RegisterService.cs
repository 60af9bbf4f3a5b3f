using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Innovation.Public;
using Gonghui.Modules.ModelWorkers.Public;
using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Money;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.ModelWorkers.Register;

public sealed record RegisterRequest(Guid? MemberId, HonourKind? Kind, HonourLevel? Level, int? Year, string? Title, string? Employer, string? Occupation,
    Guid? StudioId, bool? Lecturer);
public sealed record CareRequest(CareKind? Kind, DateOnly? On, long? AmountFen, string? Note);

/// <summary>A register row as lists and pages show it: the honour, the masked ID number and phone read from the member record.</summary>
public sealed record ModelWorkerView(Guid Id, Guid MemberId, string Name, HonourKind Kind, HonourLevel Level, int Year, string Title, string Employer,
    string Occupation, string? DistrictCode, Guid UnitId, bool Lecturer, Guid? StudioId, string IdNumberMasked, string? PhoneMasked);
public sealed record CareView(Guid Id, CareKind Kind, DateOnly On, long AmountFen, string? Note, CareStatus Status, DateTimeOffset RecordedAt, string RecordedBy,
    DateTimeOffset? PaidAt, string? PaidBy);
public sealed record ModelWorkerDetail(ModelWorkerView Worker, StudioRef? Studio, IReadOnlyList<CareView> Care, int LecturesHeld, int LecturesBooked);
public sealed record RegisterFilter(HonourLevel? Level = null, HonourKind? Kind = null, bool? Lecturer = null, string? Q = null);

/// <summary>The register's use cases for the API and the pages: list, detail, enter, update, care records and allowance payments.</summary>
internal sealed class RegisterService(GonghuiDb db, CurrentUser me, TimeProvider clock, IStudioLookup studios, IFundLedger ledger, IConfiguration config)
{
    /// <summary>The ledger's source type of a care payment.</summary>
    public const string CareSource = "modelworkers.care";

    public DateOnly Today => BeijingTime.Today(clock);

    public async Task<IQueryable<ModelWorker>> VisibleAsync(CancellationToken ct) =>
        me.IsStaff ? db.Set<ModelWorker>().AsNoTracking().InScope(await me.ScopePathAsync(ct), w => w.ScopePath)
                   : db.Set<ModelWorker>().AsNoTracking().Where(w => false);

    private IQueryable<ModelWorkerView> Views(IQueryable<ModelWorker> q) =>
        from w in q
        join m in db.MemberRows() on w.MemberId equals m.Id
        select new ModelWorkerView(w.Id, w.MemberId, w.Name, w.Kind, w.Level, w.Year, w.Title, w.Employer, w.Occupation, w.DistrictCode, w.UnitId, w.Lecturer,
            w.StudioId, m.IdNumberMasked, m.PhoneMasked);

    /// <summary>The register in scope by name (keyset (name, id)), filtered by level, kind, lecturers and a name or employer.</summary>
    public async Task<Slice<ModelWorkerView>> ListAsync(RegisterFilter f, KeysetRequest request, CancellationToken ct)
    {
        var q = await VisibleAsync(ct);
        if (f.Level is { } l) q = q.Where(w => w.Level == l);
        if (f.Kind is { } k) q = q.Where(w => w.Kind == k);
        if (f.Lecturer is { } lec) q = q.Where(w => w.Lecturer == lec);
        if (!string.IsNullOrWhiteSpace(f.Q)) q = q.Where(w => w.Name.Contains(f.Q) || w.Employer.Contains(f.Q));
        return await q.SliceAsync(request, w => w.Name, w => w.Id, descending: false, Views, v => v.Name, v => v.Id, ct);
    }

    /// <summary>The lecturers in scope (for the schedule form), by name.</summary>
    public async Task<List<ModelWorkerView>> LecturersAsync(CancellationToken ct) =>
        await Views((await VisibleAsync(ct)).Where(w => w.Lecturer).OrderBy(w => w.Name).ThenBy(w => w.Id).Take(500)).ToListAsync(ct);

    public async Task<Outcome<ModelWorkerDetail>> DetailAsync(Guid id, CancellationToken ct)
    {
        var view = await Views((await VisibleAsync(ct)).Where(w => w.Id == id)).FirstOrDefaultAsync(ct);
        if (view is null) return Outcome<ModelWorkerDetail>.NotFound();
        var studio = view.StudioId is { } s ? await studios.FindAsync(s, ct) : null;
        var care = await db.Set<CareRecord>().AsNoTracking().Where(c => c.ModelWorkerId == id).OrderByDescending(c => c.On).ThenByDescending(c => c.Id)
            .Select(c => new CareView(c.Id, c.Kind, c.On, c.AmountFen, c.Note, c.Status, c.RecordedAt, c.RecordedBy, c.PaidAt, c.PaidBy)).ToListAsync(ct);
        var counts = await db.Set<Lectures.Lecture>().Where(l => l.SpeakerId == id).GroupBy(l => l.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        return Outcome<ModelWorkerDetail>.Ok(new ModelWorkerDetail(view, studio, care,
            counts.Where(c => c.Key == LectureStatus.Held).Sum(c => c.N), counts.Where(c => c.Key == LectureStatus.Scheduled).Sum(c => c.N)));
    }

    /// <summary>Enters a member in scope on the register (one row per person: a second entry is 409 naming the first).</summary>
    public async Task<Outcome<ModelWorkerView>> CreateAsync(RegisterRequest r, CancellationToken ct)
    {
        var errors = RegisterRules.CheckEntry(r.Kind, r.Level, r.Year, r.Title, r.Employer, r.Occupation, Today.Year);
        var scope = await me.ScopePathAsync(ct);
        var member = r.MemberId is { } mid
            ? await (from m in db.MemberRows()
                     join u in db.UnitRows() on m.UnionId equals u.Id
                     where m.Id == mid
                     select new { m.Id, m.Name, u.Path, UnitId = u.Id, u.DistrictCode }).InScope(scope, x => x.Path).FirstOrDefaultAsync(ct)
            : null;
        if (member is null) errors.Add(("memberId", "register.member"));
        if (r.StudioId is { } sid && await studios.FindAsync(sid, ct) is null) errors.Add(("studioId", "register.studio"));
        if (errors.Count > 0) return Outcome<ModelWorkerView>.Invalid(errors);
        if (await db.Set<ModelWorker>().AnyAsync(w => w.MemberId == member!.Id, ct)) return Outcome<ModelWorkerView>.Conflict("register.exists");
        var w = ModelWorker.Create(member!.Id, member.Name, r.Kind!.Value, r.Level!.Value, r.Year!.Value, r.Title, member.UnitId, member.Path,
            member.DistrictCode ?? await DistrictOfAsync(member.Path, ct), r.Employer!, r.Occupation!, r.StudioId, r.Lecturer ?? false, clock.GetUtcNow(), me.Name);
        db.Add(w);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(w).State = EntityState.Detached; return Outcome<ModelWorkerView>.Conflict("register.exists"); }
        return Outcome<ModelWorkerView>.Ok((await Views(db.Set<ModelWorker>().AsNoTracking().Where(x => x.Id == w.Id)).FirstAsync(ct)));
    }

    public async Task<Outcome<ModelWorkerView>> UpdateAsync(Guid id, RegisterRequest r, CancellationToken ct)
    {
        if (!await (await VisibleAsync(ct)).AnyAsync(w => w.Id == id, ct)) return Outcome<ModelWorkerView>.NotFound();
        var errors = RegisterRules.CheckEntry(r.Kind, r.Level, r.Year, r.Title, r.Employer, r.Occupation, Today.Year);
        if (r.StudioId is { } sid && await studios.FindAsync(sid, ct) is null) errors.Add(("studioId", "register.studio"));
        if (errors.Count > 0) return Outcome<ModelWorkerView>.Invalid(errors);
        var w = await db.Set<ModelWorker>().FirstAsync(x => x.Id == id, ct);
        w.Update(r.Kind!.Value, r.Level!.Value, r.Year!.Value, r.Title, r.Employer!, r.Occupation!, r.StudioId, r.Lecturer ?? w.Lecturer);
        await db.SaveChangesAsync(ct);
        return Outcome<ModelWorkerView>.Ok(await Views(db.Set<ModelWorker>().AsNoTracking().Where(x => x.Id == id)).FirstAsync(ct));
    }

    /// <summary>Records a health check or a money record (paid later, through the ledger); the honour allowance once per person and year.</summary>
    public async Task<Outcome<CareView>> RecordCareAsync(Guid id, CareRequest r, CancellationToken ct)
    {
        var w = await (await VisibleAsync(ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null) return Outcome<CareView>.NotFound();
        var errors = RegisterRules.CheckCare(r.Kind, r.On, r.AmountFen, r.Note, w.Level, Today);
        if (errors.Count > 0) return Outcome<CareView>.Invalid(errors);
        var c = CareRecord.Record(w, r.Kind!.Value, r.On!.Value, r.AmountFen ?? 0, r.Note, clock.GetUtcNow(), me.Name);
        if (c.OncePerYear is { } key && await db.Set<CareRecord>().AnyAsync(x => x.OncePerYear == key, ct))
            return Outcome<CareView>.Conflict("care.allowanceThisYear", null, c.Year);
        db.Add(c);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { db.Entry(c).State = EntityState.Detached; return Outcome<CareView>.Conflict("care.allowanceThisYear", null, c.Year); }
        return Outcome<CareView>.Ok(ToView(c));
    }

    /// <summary>
    /// Pays a recorded money record from the federation's warmth fund (送温暖资金) through the ledger: one payment per record
    /// (the ledger replays a repeat), a second person above the four-eyes threshold, refused when the budget would go negative.
    /// </summary>
    public async Task<Outcome<CareView>> PayCareAsync(Guid id, Guid careId, CancellationToken ct)
    {
        if (!await (await VisibleAsync(ct)).AnyAsync(w => w.Id == id, ct)) return Outcome<CareView>.NotFound();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var c = await db.Set<CareRecord>().FirstOrDefaultAsync(x => x.Id == careId && x.ModelWorkerId == id, ct);
        if (c is null) return Outcome<CareView>.NotFound();
        if (RegisterRules.PayRefusal(c.Kind, c.Status) is { } refusal) return Outcome<CareView>.Conflict(refusal);
        if (!FourEyes.Allows(c.AmountFen, FourEyes.ThresholdFen(config), c.RecordedBy, me.Name)) return Outcome<CareView>.Conflict(FourEyes.Code);
        var root = await db.UnitRows().Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync(ct);
        var paid = await ledger.PayAsync(FundCodes.Warmth, root, c.Year, new Fen(c.AmountFen), new SourceRef(CareSource, c.Id), $"modelworkers:care:pay:{c.Id}", ct);
        if (!paid.IsOk) return Outcome<CareView>.Conflict(paid.Code == LedgerCodes.InsufficientBudget ? "care.budget" : "care.ledgerRefused", paid.Detail, c.Year);
        c.MarkPaid(paid.Value, clock.GetUtcNow(), me.Name);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<CareView>.Ok(ToView(c));
    }

    public Task<IReadOnlyList<LedgerEntryView>> LedgerEntriesAsync(Guid careId, CancellationToken ct) => ledger.EntriesForAsync(new SourceRef(CareSource, careId), ct);

    private static CareView ToView(CareRecord c) => new(c.Id, c.Kind, c.On, c.AmountFen, c.Note, c.Status, c.RecordedAt, c.RecordedBy, c.PaidAt, c.PaidBy);

    /// <summary>The district code of the district-level union above a unit (path "/BJ/DC/…" → the unit at "/BJ/DC/").</summary>
    internal async Task<string?> DistrictOfAsync(string path, CancellationToken ct)
    {
        var top = ScopeFilter.DistrictOf(path);
        return top is null ? null : await db.UnitRows().Where(u => u.Path == top).Select(u => u.DistrictCode).FirstOrDefaultAsync(ct);
    }
}

/// <summary>The register's public look-up (<see cref="IModelWorkerLookup"/>).</summary>
internal sealed class ModelWorkerLookup(GonghuiDb db) : IModelWorkerLookup
{
    public Task<ModelWorkerRef?> ByMemberAsync(Guid memberId, CancellationToken ct) =>
        db.Set<ModelWorker>().AsNoTracking().Where(w => w.MemberId == memberId)
            .Select(w => new ModelWorkerRef(w.Id, w.MemberId, w.Name, w.Title, w.Level.ToString(), w.Year)).FirstOrDefaultAsync(ct);
}

/// <summary>Paid care records for the fund ledger's reconciliation and reversals.</summary>
internal sealed class CarePaidRecords(GonghuiDb db) : IPaidRecordSource
{
    public string SourceType => RegisterService.CareSource;
    public string Module => "ModelWorkers";

    public IQueryable<PaidRecordRow> PaidRecords() =>
        db.Set<CareRecord>().AsNoTracking().Where(c => c.Status == CareStatus.Paid).Select(c => new PaidRecordRow { Id = c.Id, AmountFen = c.AmountFen, Year = c.Year });

    public async Task<string?> PaymentReversedAsync(Guid recordId, Guid reversalEntryId, string reason, CancellationToken ct)
    {
        var c = await db.Set<CareRecord>().FirstOrDefaultAsync(x => x.Id == recordId, ct);
        if (c is not { Status: CareStatus.Paid }) return null;
        c.MarkReversed();
        await db.SaveChangesAsync(ct);
        return null;
    }
}
