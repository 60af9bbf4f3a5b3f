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

public sealed record TransitionInput(FileAction? Action, string? Reason, ExitReason? ExitReason, long? MonthlyIncomeFen);

/// <summary>The file's life after filing: review steps (notice, approval, re-verification, exit, re-entry) and home visits.</summary>
public sealed class FileWorkflow(HardshipScope scope, FileQueries queries, GonghuiDb db, CurrentUser me)
{
    private ActorLevel Level => scope.Level;
    private DateTimeOffset Now => scope.Now;
    private HardshipRuleBook rules => scope.Rules;

    private Task<IQueryable<HardshipFile>> ScopedFilesAsync(CancellationToken ct) => scope.ScopedFilesAsync(ct);

    public async Task<Outcome<FileDetail>> TransitionAsync(Guid id, TransitionInput input, string? idempotencyKey, CancellationToken ct)
    {
        if (input.Action is not { } action) return Outcome<FileDetail>.Invalid("action", "field.required");
        var file = await (await ScopedFilesAsync(ct)).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null) return Outcome<FileDetail>.NotFound();
        if (!string.IsNullOrEmpty(idempotencyKey)
            && await db.Set<HardshipEvent>().AnyAsync(e => e.FileId == id && e.IdempotencyKey == idempotencyKey, ct))
            return Outcome<FileDetail>.Ok((await queries.DetailAsync(id, ct))!);

        var decision = HardshipWorkflow.Decide(action, new TransitionContext(file.Status, Level, Now, file.NoticeEndsAt, file.OpenObjections, input.Reason, input.ExitReason));
        if (!decision.Ok) return Outcome<FileDetail>.Conflict(decision.Error!);
        var from = file.Status;
        var household = await db.Set<HouseholdMember>().Where(m => m.FileId == id).ToListAsync(ct);

        if (action is FileAction.Reverify or FileAction.ReEnter && input.MonthlyIncomeFen is { } income)
        {
            if (income < 0) return Outcome<FileDetail>.Invalid("monthlyIncomeFen", "field.incomeInvalid");
            var year = BeijingTime.DateOf(Now).Year;
            var e = scope.Evaluate(year, file.DistrictCode, income, household.Count, file.Causes.ToList());
            if (!e.Eligible) return HardshipScope.Ineligible<FileDetail>(e);
            file.Reassess(income, household.Count, file.Causes, e, year, Now);
        }
        if (action == FileAction.ReEnter)
        {
            var dup = await scope.DuplicateAsync(household.Select(m => m.IdHash).ToList(), id, ct);
            if (dup is not null) return Outcome<FileDetail>.Conflict(HardshipScope.DuplicatePerson, dup);
        }

        file.Apply(action, decision.To!.Value, Now, rules, input.ExitReason);
        foreach (var m in household) m.SetActive(file.IsActive);
        var note = action == FileAction.ProposeExit ? $"{input.ExitReason}: {input.Reason}" : input.Reason;
        db.Add(HardshipEvent.Create(id, Now, me.Name, action.ToString(), from, file.Status, note, string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<FileDetail>.Conflict(HardshipScope.Concurrent); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!string.IsNullOrEmpty(idempotencyKey) && await db.Set<HardshipEvent>().AnyAsync(e => e.FileId == id && e.IdempotencyKey == idempotencyKey, ct))
                return Outcome<FileDetail>.Ok((await queries.DetailAsync(id, ct))!);
            return Outcome<FileDetail>.Conflict(action == FileAction.ReEnter ? HardshipScope.DuplicatePerson : HardshipScope.Concurrent);
        }
        return Outcome<FileDetail>.Ok((await queries.DetailAsync(id, ct))!);
    }

    public async Task<Outcome<FileDetail>> RecordVisitAsync(Guid id, DateOnly? on, string? note, CancellationToken ct)
    {
        var file = await (await ScopedFilesAsync(ct)).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null) return Outcome<FileDetail>.NotFound();
        if (string.IsNullOrWhiteSpace(note)) return Outcome<FileDetail>.Invalid("note", "field.required");
        var today = BeijingTime.DateOf(Now);
        var day = on ?? today;
        if (day > today) return Outcome<FileDetail>.Invalid("on", "field.dateInFuture");
        var at = HardshipWorkflow.LocalNoon(day);
        file.RecordVisit(at, rules, Now);
        db.Add(HardshipEvent.Create(id, Now, me.Name, "Visit", null, null, $"{day:yyyy-MM-dd} {note.Trim()}"));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<FileDetail>.Conflict(HardshipScope.Concurrent); }
        return Outcome<FileDetail>.Ok((await queries.DetailAsync(id, ct))!);
    }
}
