using Gonghui.Modules.Culture.Rules;
using Gonghui.Platform.Audit;
using Gonghui.Platform.Scope;
using Gonghui.Platform.Time;

namespace Gonghui.Modules.Culture.Quiz;

/// <summary>A question bank (题库): the questions a quiz draws from.</summary>
public sealed class QuestionBank : IAudited
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    public int Questions { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    private QuestionBank() { }

    public static QuestionBank Create(string name, string by, DateTimeOffset now) => new() { Name = name, CreatedBy = by, CreatedAt = now };

    public void Added(int count) => Questions += count;
}

/// <summary>One question of a bank; options are stored one per line, the answer as option letters ("AC") or "T"/"F".</summary>
public sealed class BankQuestion
{
    public Guid Id { get; private set; }
    public Guid BankId { get; private set; }
    public int Position { get; private set; }
    public QuestionKind Kind { get; private set; }
    public string Text { get; private set; } = "";
    public string Options { get; private set; } = "";
    public string Answer { get; private set; } = "";
    public int OptionCount { get; private set; }

    private BankQuestion() { }

    public static BankQuestion From(Guid id, Guid bankId, int position, QuestionDraft d) => new()
    {
        Id = id, BankId = bankId, Position = position, Kind = d.Kind, Text = d.Text, Options = string.Join('\n', d.Options), Answer = d.Answer,
        OptionCount = d.Options.Count,
    };

    public IReadOnlyList<string> OptionList => Options.Length == 0 ? [] : Options.Split('\n');
}

/// <summary>A reading quiz (读书知识竞赛): draws questions from a bank per attempt, with a time limit and a number of attempts per member.</summary>
public sealed class ReadingQuiz : IAudited
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Title { get; private set; } = "";
    public Guid BankId { get; private set; }
    public int QuestionCount { get; private set; }
    public int TimeLimitSeconds { get; private set; }
    public int AttemptsPerMember { get; private set; }
    public DateTimeOffset OpensAt { get; private set; }
    public DateTimeOffset ClosesAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private ReadingQuiz() { }

    public static ReadingQuiz Create(string title, Guid bankId, int questions, int timeLimitSeconds, int attempts, DateTimeOffset opens, DateTimeOffset closes,
        DateTimeOffset now) => new()
    {
        Title = title, BankId = bankId, QuestionCount = questions, TimeLimitSeconds = timeLimitSeconds, AttemptsPerMember = attempts, OpensAt = opens,
        ClosesAt = closes, CreatedAt = now,
    };

    public bool IsOpen(DateTimeOffset now) => now >= OpensAt && now < ClosesAt;
}

/// <summary>
/// One attempt at a quiz by one participant: the questions drawn for it (kind letter + id, in order), its deadline, and once
/// submitted its score. Submitted once: the first submit sets <see cref="SubmittedAt"/> in one conditional update.
/// </summary>
public sealed class QuizAttempt
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid QuizId { get; private set; }
    public int Number { get; private set; }
    public Guid UserId { get; private set; }
    public Guid? MemberId { get; private set; }
    public Guid UnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string District { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    /// <summary>The Beijing date it started (indicators filter by date: SQLite cannot compare instants in SQL).</summary>
    public DateOnly StartedOn { get; private set; }
    public DateTimeOffset DeadlineAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public int? Correct { get; private set; }
    public int? Score { get; private set; }
    /// <summary>The drawn questions: per question its kind's digit, its option count's digit and its id ("04" + 32 hex digits), concatenated.</summary>
    public string Drawn { get; private set; } = "";

    private QuizAttempt() { }

    public static QuizAttempt Start(ReadingQuiz quiz, int number, Guid userId, Guid? memberId, Guid unitId, string unitPath,
        IReadOnlyList<DrawnQuestion> drawn, DateTimeOffset now) => new()
    {
        QuizId = quiz.Id, Number = number, UserId = userId, MemberId = memberId, UnitId = unitId, UnitPath = unitPath,
        District = ScopeFilter.DistrictOf(unitPath) ?? unitPath, StartedAt = now, StartedOn = BeijingTime.DateOf(now), DeadlineAt = now.AddSeconds(quiz.TimeLimitSeconds),
        Drawn = EncodeDrawn(drawn),
    };

    /// <summary>For bulk loads (the bench): an attempt with its outcome already known.</summary>
    public static QuizAttempt Loaded(Guid id, Guid quizId, int number, Guid userId, Guid? memberId, Guid unitId, string unitPath, DateTimeOffset started,
        DateTimeOffset deadline, DateTimeOffset? submitted, int? correct, int? score, string drawn) => new()
    {
        Id = id, QuizId = quizId, Number = number, UserId = userId, MemberId = memberId, UnitId = unitId, UnitPath = unitPath,
        District = ScopeFilter.DistrictOf(unitPath) ?? unitPath, StartedAt = started, StartedOn = BeijingTime.DateOf(started), DeadlineAt = deadline, SubmittedAt = submitted, Correct = correct,
        Score = score, Drawn = drawn,
    };

    public const int DrawnWidth = 34;

    public static string EncodeDrawn(IReadOnlyList<DrawnQuestion> drawn) =>
        string.Concat(drawn.Select(d => ((char)('0' + (int)d.Kind)).ToString() + (char)('0' + d.OptionCount) + d.Id.ToString("N")));

    public static List<DrawnQuestion> DecodeDrawn(string drawn)
    {
        var list = new List<DrawnQuestion>(drawn.Length / DrawnWidth);
        for (var i = 0; i + DrawnWidth <= drawn.Length; i += DrawnWidth)
            list.Add(new DrawnQuestion(Guid.ParseExact(drawn.AsSpan(i + 2, 32), "N"), (QuestionKind)(drawn[i] - '0'), drawn[i + 1] - '0'));
        return list;
    }

    /// <summary>A drawn question's kind and option count, or null when the question was not drawn in this attempt (no allocation: the hot path).</summary>
    public static (QuestionKind Kind, int Options)? FindDrawn(string drawn, Guid question)
    {
        Span<char> hex = stackalloc char[32];
        question.TryFormat(hex, out _, "N");
        for (var i = 0; i + DrawnWidth <= drawn.Length; i += DrawnWidth)
            if (drawn.AsSpan(i + 2, 32).SequenceEqual(hex)) return ((QuestionKind)(drawn[i] - '0'), drawn[i + 1] - '0');
        return null;
    }
}

/// <summary>A question drawn for an attempt: its id, kind and number of options.</summary>
public readonly record struct DrawnQuestion(Guid Id, QuestionKind Kind, int OptionCount);

/// <summary>A participant's choice for one drawn question, saved as it is given (the last one given counts).</summary>
public sealed class QuizAnswer
{
    public Guid AttemptId { get; private set; }
    public Guid QuestionId { get; private set; }
    public string Choice { get; private set; } = "";
    public DateTimeOffset AnsweredAt { get; private set; }

    private QuizAnswer() { }

    public static QuizAnswer Given(Guid attempt, Guid question, string choice, DateTimeOffset now) =>
        new() { AttemptId = attempt, QuestionId = question, Choice = choice, AnsweredAt = now };
}
