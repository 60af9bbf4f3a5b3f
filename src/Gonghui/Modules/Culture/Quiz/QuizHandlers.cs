using Gonghui.Platform.Data;
using Gonghui.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Gonghui.Modules.Culture.Quiz;

public sealed record CreateQuizRequest(string? Title, Guid? BankId, int? QuestionCount, int? TimeLimitSeconds, int? AttemptsPerMember,
    DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt);

/// <summary>Reading quizzes: set one up over a bank, list them, read one.</summary>
public sealed class QuizHandlers(GonghuiDb db, TimeProvider clock)
{
    public Task<List<ReadingQuiz>> ListAsync(CancellationToken ct) =>
        db.Set<ReadingQuiz>().AsNoTracking().OrderByDescending(q => q.Id).Take(200).ToListAsync(ct);

    /// <summary>The quizzes open now, for the worker's list.</summary>
    public async Task<List<ReadingQuiz>> OpenAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return (await ListAsync(ct)).Where(q => q.IsOpen(now)).ToList();
    }

    public Task<ReadingQuiz?> FindAsync(Guid id, CancellationToken ct) => db.Set<ReadingQuiz>().AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct);

    public async Task<Outcome<ReadingQuiz>> CreateAsync(CreateQuizRequest r, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var title = r.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200) errors.Add(("title", "quiz.title"));
        if (r.QuestionCount is not (>= 1 and <= 200)) errors.Add(("questionCount", "quiz.questionCount"));
        if (r.TimeLimitSeconds is not (>= 30 and <= 4 * 3600)) errors.Add(("timeLimitSeconds", "quiz.timeLimit"));
        if (r.AttemptsPerMember is not (>= 1 and <= 100)) errors.Add(("attemptsPerMember", "quiz.attempts"));
        if (r.OpensAt is null) errors.Add(("opensAt", "quiz.opensAt"));
        if (r.ClosesAt is null || (r.OpensAt is { } o && r.ClosesAt <= o)) errors.Add(("closesAt", "quiz.closesAt"));
        QuestionBank? bank = null;
        if (r.BankId is null || (bank = await db.Set<QuestionBank>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == r.BankId, ct)) is null)
            errors.Add(("bankId", "quiz.bank"));
        else if (r.QuestionCount is { } n && n > bank.Questions) errors.Add(("questionCount", "quiz.moreThanBank"));
        if (errors.Count > 0) return Outcome<ReadingQuiz>.Invalid(errors);
        var quiz = ReadingQuiz.Create(title, bank!.Id, r.QuestionCount!.Value, r.TimeLimitSeconds!.Value, r.AttemptsPerMember!.Value, r.OpensAt!.Value,
            r.ClosesAt!.Value, clock.GetUtcNow());
        db.Add(quiz);
        await db.SaveChangesAsync(ct);
        return Outcome<ReadingQuiz>.Ok(quiz);
    }
}
