using Gonghui.Platform.Data;
using Gonghui.Platform.Data.Bulk;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gonghui.Modules.Culture.Quiz;

/// <summary>One answer to save: the choice, when it was given, and the oldest deadline the attempt may have to still take it.</summary>
public sealed record AnswerSave(Guid AttemptId, Guid QuestionId, string Choice, DateTimeOffset At, DateTimeOffset DeadlineNoEarlierThan);

/// <summary>
/// Group commit of answer saves (the platform's <see cref="GroupCommit{TItem,TResult}"/>): concurrent saves are written in one
/// transaction per batch, each by the conditional upsert <c>INSERT … SELECT … WHERE EXISTS (the attempt, unsubmitted, in time)
/// ON CONFLICT (attempt_id, question_id) DO UPDATE</c>; each caller learns whether its own answer was saved (true) or refused by
/// the stored attempt (false: submitted or past its time). On PostgreSQL the EXISTS takes the attempt row FOR SHARE, so a submit
/// (which locks it FOR UPDATE before scoring) waits for the batch, or the batch for the submit: an answer is either saved before
/// the submit reads the answers, or refused. On SQLite the batch and the submit each hold the one write lock. Answered only after
/// the commit.
/// </summary>
public sealed class AnswerWriter(IServiceScopeFactory scopes, ILogger<AnswerWriter> log) : GroupCommit<AnswerSave, bool>(scopes, log)
{
    private const string Head = "INSERT INTO culture_answers (attempt_id, question_id, choice, answered_at) SELECT $1, $2, $3, $4 " +
                                "WHERE EXISTS (SELECT 1 FROM culture_attempts WHERE id = $1 AND submitted_at IS NULL AND deadline_at >= $5";
    private const string Tail = ") ON CONFLICT (attempt_id, question_id) DO UPDATE SET choice = excluded.choice, answered_at = excluded.answered_at";
    // SQLite needs the WHERE on the SELECT to read ON CONFLICT as the upsert's (it is there).
    private const string SqliteSql = Head + Tail;
    private const string PgSql = Head + " FOR SHARE" + Tail;

    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    protected override async Task<IReadOnlyList<bool>> WriteAsync(GonghuiDb db, IReadOnlyList<AnswerSave> items, CancellationToken ct)
    {
        var pg = db.IsNpgsql();
        object T(DateTimeOffset t) => pg ? t.ToUniversalTime() : SqliteTime.ConvertToProvider(t)!;
        var rows = new object?[items.Count][];
        for (var i = 0; i < items.Count; i++)
        {
            var a = items[i];
            rows[i] = [a.AttemptId, a.QuestionId, a.Choice, T(a.At), T(a.DeadlineNoEarlierThan)];
        }
        var affected = await RowWriter.ExecuteEachAsync(db, pg ? PgSql : SqliteSql, rows, ct);
        return Array.ConvertAll(affected, n => n == 1);
    }
}
