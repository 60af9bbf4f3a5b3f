using Gonghui.Modules.Funds.Public;
using Gonghui.Modules.Loans.Rules;
using Gonghui.Modules.Organizations.Public;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Gonghui.Platform.Ids;
using Gonghui.Platform.Money;
using Gonghui.Platform.Notifications;
using Gonghui.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;
using Gonghui.Modules.Loans.Applications;

namespace Gonghui.Modules.Loans.Reminders;

/// <summary>Repayment reminders (还款提醒): queued per instalment due soon or overdue, each with its SMS in the platform outbox.</summary>
internal sealed class ReminderQueue(GonghuiDb db, CurrentUser me, TimeProvider clock, LoanQueries queries)
{
    public DateOnly Today => queries.Today;

    public async Task<IQueryable<LoanReminder>> RemindersInScopeAsync(CancellationToken ct)
    {
        var scope = await me.ScopePathAsync(ct);
        var units = db.UnitRows().InScope(scope, u => u.Path).Select(u => u.Id);
        return db.Set<LoanReminder>().Where(r => units.Contains(r.UnitId));
    }

    /// <summary>The outbox messages (Platform/Notifications) that carry reminders: their delivery state is the reminder's.</summary>
    public IQueryable<OutboxMessage> ReminderMessages() => db.Set<OutboxMessage>().AsNoTracking();

    /// <summary>
    /// Queues reminders as of a day for every disbursed loan (in the caller's scope, or all for the daily job): instalments due
    /// within <paramref name="daysAhead"/> days and overdue ones. One reminder per (loan, instalment, kind), kept by a unique index.
    /// </summary>
    public async Task<int> QueueRemindersAsync(DateOnly asOf, int daysAhead, bool allUnits, CancellationToken ct)
    {
        var loans = allUnits ? db.Set<Loan>().AsQueryable() : await queries.LoansInScopeAsync(ct);
        var active = await loans.AsNoTracking().Where(l => l.Status == LoanStatus.Disbursed).ToListAsync(ct);
        if (active.Count == 0) return 0;
        var ids = active.Select(l => l.Id).ToList();
        var repayments = new List<LoanRepayment>();
        var existing = new HashSet<(Guid, int, ReminderKind)>();
        foreach (var chunk in ids.Chunk(500))
        {
            repayments.AddRange(await db.Set<LoanRepayment>().AsNoTracking().Where(r => chunk.Contains(r.LoanId)).ToListAsync(ct));
            foreach (var r in await db.Set<LoanReminder>().AsNoTracking().Where(r => chunk.Contains(r.LoanId)).Select(r => new { r.LoanId, r.InstalmentNo, r.Kind }).ToListAsync(ct))
                existing.Add((r.LoanId, r.InstalmentNo, r.Kind));
        }
        var byLoan = repayments.ToLookup(r => r.LoanId);
        var now = clock.GetUtcNow();
        // Each reminder and its SMS (a platform outbox message) are written in the same SaveChanges: both or neither.
        var fresh = new List<(LoanReminder Reminder, OutboxMessage Sms)>();
        foreach (var l in active)
        {
            var repaid = byLoan[l.Id].Where(r => r.On <= asOf).Sum(r => r.AmountFen);
            foreach (var due in LoanRules.RemindersDue(l.Schedule(), repaid, asOf, daysAhead))
            {
                if (!existing.Add((l.Id, due.No, due.Kind))) continue;
                var reminder = LoanReminder.Create(l, due, ReminderText(l, due), now);
                fresh.Add((reminder, LoanReminder.Message(reminder, l.ContactCipher)));
            }
        }
        if (fresh.Count == 0) return 0;
        foreach (var (r, sms) in fresh) db.AddRange(r, sms);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Another run queued some of the same reminders meanwhile: the unique index kept one; add the rest one by one.
            db.ChangeTracker.Clear();
            var added = 0;
            foreach (var (r, sms) in fresh)
            {
                if (await db.Set<LoanReminder>().AnyAsync(x => x.LoanId == r.LoanId && x.InstalmentNo == r.InstalmentNo && x.Kind == r.Kind, ct)) continue;
                db.AddRange(r, sms);
                try { await db.SaveChangesAsync(ct); added++; } catch (DbUpdateException) { db.ChangeTracker.Clear(); }
            }
            return added;
        }
        return fresh.Count;
    }

    // The text goes to the borrower by SMS, so it is Chinese (the language of the borrower's phone), like the hotline's.
    private static string ReminderText(Loan l, ReminderDue d) => d.Kind == ReminderKind.DueSoon
        ? $"【工会创业贷款】{l.ApplicantName}：第{d.No}期还款 {new Fen(d.AmountFen)} 将于 {d.DueOn:yyyy-MM-dd} 到期，请按时还款。"
        : $"【工会创业贷款】{l.ApplicantName}：第{d.No}期还款 {new Fen(d.AmountFen)} 已逾期 {d.Days} 天（应还日 {d.DueOn:yyyy-MM-dd}），请尽快还款。";
}
