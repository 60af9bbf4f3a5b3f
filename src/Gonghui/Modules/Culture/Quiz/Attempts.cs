using Gonghui.Modules.Culture.Participants;
using Gonghui.Modules.Culture.Rules;
using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Gonghui.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Gonghui.Modules.Culture.Quiz;

public sealed record AnswerRequest(string? Choice);
public sealed record AttemptQuestion(Guid Id, int Number, QuestionKind Kind, string Text, IReadOnlyList<string> Options, string? Choice);
public sealed record AttemptView(Guid Id, Guid QuizId, string Title, int Number, DateTimeOffset StartedAt, DateTimeOffset DeadlineAt, DateTimeOffset? SubmittedAt,
    int? Correct, int? Score, IReadOnlyList<AttemptQuestion> Questions);
public sealed record AttemptResult(Guid AttemptId, int Correct, int Total, int Score, DateTimeOffset SubmittedAt);
public sealed record AttemptSummary(Guid Id, Guid QuizId, int Number, DateTimeOffset StartedAt, DateTimeOffset DeadlineAt, DateTimeOffset? SubmittedAt, int? Score);

/// <summary>
/// Taking a quiz: start (or resume) an attempt with questions drawn at random, save each answer as it is given, submit once.
/// A participant sees and changes only their own attempts (another's is not found).
/// </summary>
public sealed class Attempts(GonghuiDb db, CurrentUser me, ParticipantLookup participants, TimeProvider clock, IMemoryCache cache, AnswerWriter writer)
{
    public const string TimeUp = "quiz.timeUp";
    public const string Submitted = "quiz.submitted";

    public async Task<Outcome<AttemptView>> StartAsync(Guid quizId, CancellationToken ct)
    {
        var who = await participants.CurrentAsync(ct);
        if (who is null) return Outcome<AttemptView>.Conflict(ParticipantLookup.NotEligible);
        var quiz = await db.Set<ReadingQuiz>().AsNoTracking().FirstOrDefaultAsync(q => q.Id == quizId, ct);
        if (quiz is null) return Outcome<AttemptView>.NotFound();
        var now = clock.GetUtcNow();
        if (!quiz.IsOpen(now)) return Outcome<AttemptView>.Conflict("quiz.notOpen");
        var mine = await db.Set<QuizAttempt>().AsNoTracking().Where(a => a.QuizId == quizId && a.UserId == who.UserId).OrderBy(a => a.Number).ToListAsync(ct);
        if (mine.FirstOrDefault(a => a.SubmittedAt is null && !QuizScoring.TooLate(a.DeadlineAt, now)) is { } open)
            return Outcome<AttemptView>.Ok(await ViewAsync(open, quiz, ct), replayed: true);
        // An attempt left when time ran out is scored with the answers saved in time.
        foreach (var expired in mine.Where(a => a.SubmittedAt is null)) await SubmitCoreAsync(expired, now, ct);
        if (mine.Count >= quiz.AttemptsPerMember) return Outcome<AttemptView>.Conflict("quiz.noAttemptsLeft", null, quiz.AttemptsPerMember);

        var pool = await PoolAsync(quiz.BankId, ct);
        var drawn = QuizScoring.Draw(pool, quiz.QuestionCount, Random.Shared);
        var attempt = QuizAttempt.Start(quiz, mine.Count + 1, who.UserId, who.MemberId, who.UnitId, who.UnitPath, drawn, now);
        // One transaction: the attempt and, for a first attempt, the report's roll-up of the quiz takers (TakerRollup).
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.Add(attempt);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException e) when (CultureDb.IsUniqueViolation(e))
            {
                // A second start of the same attempt number (a double tap): the first one stands.
                db.ChangeTracker.Clear();
                return Outcome<AttemptView>.Conflict("quiz.startedTwice");
            }
            if (attempt.Number == 1) await TakerRollup.ApplyAsync(db, TakerRollup.Source.Attempt, attempt.Id, ct);
            await tx.CommitAsync(ct);
        }
        return Outcome<AttemptView>.Ok(await ViewAsync(attempt, quiz, ct));
    }

    /// <summary>A bank's questions as drawn (id, kind, option count), cached for a minute: every start of a campaign's peak reads them.</summary>
    private async Task<List<DrawnQuestion>> PoolAsync(Guid bankId, CancellationToken ct)
    {
        var key = ("culture.pool", bankId);
        if (cache.TryGetValue(key, out List<DrawnQuestion>? pool) && pool is not null) return pool;
        pool = await db.Set<BankQuestion>().AsNoTracking().Where(q => q.BankId == bankId).OrderBy(q => q.Position)
            .Select(q => new DrawnQuestion(q.Id, q.Kind, q.OptionCount)).ToListAsync(ct);
        cache.Set(key, pool, TimeSpan.FromMinutes(1));
        return pool;
    }

    public async Task<Outcome<AttemptView>> GetAsync(Guid attemptId, CancellationToken ct)
    {
        var a = await MineAsync(attemptId, ct);
        if (a is null) return Outcome<AttemptView>.NotFound();
        var quiz = await db.Set<ReadingQuiz>().AsNoTracking().FirstAsync(q => q.Id == a.QuizId, ct);
        return Outcome<AttemptView>.Ok(await ViewAsync(a, quiz, ct));
    }

    public async Task<List<AttemptSummary>> MineAsync(Guid? quizId, CancellationToken ct)
    {
        if (me.UserId is not { } user) return [];
        return await db.Set<QuizAttempt>().AsNoTracking().Where(a => a.UserId == user && (quizId == null || a.QuizId == quizId))
            .OrderByDescending(a => a.Id).Take(100)
            .Select(a => new AttemptSummary(a.Id, a.QuizId, a.Number, a.StartedAt, a.DeadlineAt, a.SubmittedAt, a.Score)).ToListAsync(ct);
    }

    private Task<QuizAttempt?> MineAsync(Guid attemptId, CancellationToken ct)
    {
        var user = me.UserId ?? Guid.Empty;
        return db.Set<QuizAttempt>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId && a.UserId == user, ct);
    }

    private async Task<AttemptView> ViewAsync(QuizAttempt a, ReadingQuiz quiz, CancellationToken ct)
    {
        var drawn = QuizAttempt.DecodeDrawn(a.Drawn);
        var ids = drawn.Select(d => d.Id).ToList();
        var questions = await db.Set<BankQuestion>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var answers = await db.Set<QuizAnswer>().AsNoTracking().Where(x => x.AttemptId == a.Id).ToDictionaryAsync(x => x.QuestionId, x => x.Choice, ct);
        var list = drawn.Select((d, i) => questions.TryGetValue(d.Id, out var q)
            ? new AttemptQuestion(q.Id, i + 1, q.Kind, q.Text, q.OptionList, answers.GetValueOrDefault(q.Id)) : null).OfType<AttemptQuestion>().ToList();
        return new AttemptView(a.Id, a.QuizId, quiz.Title, a.Number, a.StartedAt, a.DeadlineAt, a.SubmittedAt, a.Correct, a.Score, list);
    }

    /// <summary>What never changes about a started attempt: whose, its deadline, the questions drawn (kept for the attempt's life).</summary>
    private sealed record AttemptHeader(Guid UserId, DateTimeOffset DeadlineAt, string Drawn);

    private static readonly TimeSpan HeaderLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Saves one answer (the last one given counts). Refused: an attempt already submitted or past its time (409
    /// <c>quiz.submitted</c> / <c>quiz.timeUp</c>), a question not drawn in this attempt (400 <c>questionId</c>), a choice that is
    /// not one of its options (400 <c>choice</c>). The attempt's owner, deadline and drawn questions never change after the start,
    /// so they are read once and kept for a while; whether it is still unsubmitted is part of the one statement that saves —
    /// <c>INSERT … SELECT … WHERE EXISTS (the attempt unsubmitted) ON CONFLICT DO UPDATE</c> (both engines) — so a save is one
    /// round trip, and a save racing a submit on any node is either in before the submit or refused.
    /// </summary>
    public async Task<Outcome<string>> SaveAnswerAsync(Guid attemptId, Guid questionId, AnswerRequest r, CancellationToken ct)
    {
        var user = me.UserId ?? Guid.Empty;
        var key = ("culture.attempt", attemptId);
        if (!cache.TryGetValue(key, out AttemptHeader? a) || a is null)
        {
            var row = await db.Set<QuizAttempt>().AsNoTracking().Where(x => x.Id == attemptId)
                .Select(x => new { x.UserId, x.DeadlineAt, x.SubmittedAt, x.Drawn }).FirstOrDefaultAsync(ct);
            if (row is null || row.UserId != user) return Outcome<string>.NotFound();
            if (row.SubmittedAt is not null) return Outcome<string>.Conflict(Submitted);
            a = new AttemptHeader(row.UserId, row.DeadlineAt, row.Drawn);
            cache.Set(key, a, HeaderLifetime);
        }
        if (a.UserId != user) return Outcome<string>.NotFound();
        var now = clock.GetUtcNow();
        if (QuizScoring.TooLate(a.DeadlineAt, now)) return Outcome<string>.Conflict(TimeUp);
        if (QuizAttempt.FindDrawn(a.Drawn, questionId) is not { } q) return Outcome<string>.Invalid("questionId", "quiz.notDrawn");
        if (QuestionRules.Normalize(q.Kind, q.Options, r.Choice) is not { } choice) return Outcome<string>.Invalid("choice", "quiz.choice");

        // One conditional upsert, only while the attempt is unsubmitted and in time, written by the group commit with the other saves
        // of the moment (one transaction per batch): the last answer given counts, two saves of one question at once are one row, and
        // the caller is answered after the commit.
        var saved = await writer.SubmitAsync(new AnswerSave(attemptId, questionId, choice, now, now - QuizScoring.Grace), ct);
        if (!saved)
        {
            // Submitted, or its time is up as the stored row says (the statement checks both): read which, once.
            cache.Remove(key);
            var state = await db.Set<QuizAttempt>().AsNoTracking().Where(x => x.Id == attemptId).Select(x => new { x.SubmittedAt, x.DeadlineAt }).FirstOrDefaultAsync(ct);
            if (state is null) return Outcome<string>.NotFound();
            return Outcome<string>.Conflict(state.SubmittedAt is null && QuizScoring.TooLate(state.DeadlineAt, now) ? TimeUp : Submitted);
        }
        return Outcome<string>.Ok(choice);
    }

    /// <summary>Submits the attempt once: the first submit scores it; any later one (or a concurrent one) answers the same stored result, replayed.</summary>
    public async Task<Outcome<AttemptResult>> SubmitAsync(Guid attemptId, CancellationToken ct)
    {
        var a = await MineAsync(attemptId, ct);
        if (a is null) return Outcome<AttemptResult>.NotFound();
        if (a.SubmittedAt is { } done) return Outcome<AttemptResult>.Ok(Result(a, done), replayed: true);
        var (won, result) = await SubmitCoreAsync(a, clock.GetUtcNow(), ct);
        return Outcome<AttemptResult>.Ok(result, replayed: !won);
    }

    private static AttemptResult Result(QuizAttempt a, DateTimeOffset at) =>
        new(a.Id, a.Correct ?? 0, a.Drawn.Length / QuizAttempt.DrawnWidth, a.Score ?? 0, at);

    /// <summary>Scores the saved answers and stores the score with the submit time in one conditional update (only while unsubmitted).</summary>
    private async Task<(bool Won, AttemptResult Result)> SubmitCoreAsync(QuizAttempt a, DateTimeOffset now, CancellationToken ct)
    {
        // One transaction with the attempt locked before the answers are read (PostgreSQL: FOR UPDATE, which waits for a batch of saves
        // holding it FOR SHARE; SQLite: the write lock, taken at BEGIN), so an answer saved concurrently is either scored or refused.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM culture_attempts WHERE id = {0} FOR UPDATE", [a.Id], ct);
        var drawn = QuizAttempt.DecodeDrawn(a.Drawn);
        var ids = drawn.Select(d => d.Id).ToList();
        var keys = await db.Set<BankQuestion>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.Answer, ct);
        // Answers given after the deadline's grace are not saved; an attempt submitted late is stamped at its deadline.
        var answers = await db.Set<QuizAnswer>().AsNoTracking().Where(x => x.AttemptId == a.Id).ToDictionaryAsync(x => x.QuestionId, x => x.Choice, ct);
        var (correct, score) = QuizScoring.Score(drawn.Select(d => (keys.GetValueOrDefault(d.Id) ?? "", answers.GetValueOrDefault(d.Id))).ToList());
        var at = QuizScoring.TooLate(a.DeadlineAt, now) ? a.DeadlineAt : now;
        at = new DateTimeOffset(at.Ticks - at.Ticks % 10, at.Offset); // PostgreSQL keeps microseconds: the first answer equals every replay
        var won = await db.Set<QuizAttempt>().Where(x => x.Id == a.Id && x.SubmittedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SubmittedAt, at).SetProperty(x => x.Correct, correct).SetProperty(x => x.Score, score), ct) == 1;
        // Both answers come from the stored row, so the first submit and every replay are equal to the tick on either engine.
        var stored = await db.Set<QuizAttempt>().AsNoTracking().FirstAsync(x => x.Id == a.Id, ct);
        await tx.CommitAsync(ct);
        return (won, Result(stored, stored.SubmittedAt!.Value));
    }
}
