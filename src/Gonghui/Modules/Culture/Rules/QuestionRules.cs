namespace Gonghui.Modules.Culture.Rules;

/// <summary>单选, 多选, 判断.</summary>
public enum QuestionKind { Single = 0, Multiple = 1, TrueFalse = 2 }

/// <summary>A question as read from one row of a bank sheet, before it is stored.</summary>
public sealed record QuestionDraft(QuestionKind Kind, string Text, IReadOnlyList<string> Options, string Answer);

/// <summary>
/// The rules of a question bank: what a sheet row must hold, how a choice is written (the option letters in order, "AC";
/// "T" or "F" for true/false) and whether a given choice is right. Pure: no I/O.
/// </summary>
public static class QuestionRules
{
    public const int MaxOptions = 6;
    public const int MaxTextLength = 1000;
    public const int MaxOptionLength = 200;
    public static readonly string[] OptionColumns = ["A", "B", "C", "D", "E", "F"];

    public static QuestionKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "单选" or "单选题" or "single" => QuestionKind.Single,
        "多选" or "多选题" or "multiple" => QuestionKind.Multiple,
        "判断" or "判断题" or "truefalse" or "true/false" or "tf" => QuestionKind.TrueFalse,
        _ => null,
    };

    /// <summary>A choice in its one written form, or null when it is not a possible answer to a question of this kind and option count.</summary>
    public static string? Normalize(QuestionKind kind, int optionCount, string? given)
    {
        if (string.IsNullOrWhiteSpace(given)) return null;
        var g = given.Trim();
        if (kind == QuestionKind.TrueFalse)
            return g.ToUpperInvariant() switch
            {
                "T" or "TRUE" or "对" or "正确" or "√" or "Y" => "T",
                "F" or "FALSE" or "错" or "错误" or "×" or "N" => "F",
                _ => null,
            };
        var letters = new SortedSet<char>();
        foreach (var c in g.ToUpperInvariant())
        {
            if (c is ',' or '，' or ' ' or '、') continue;
            if (c < 'A' || c >= 'A' + optionCount) return null;
            if (!letters.Add(c)) return null;
        }
        if (letters.Count == 0) return null;
        if (kind == QuestionKind.Single && letters.Count != 1) return null;
        return string.Concat(letters);
    }

    /// <summary>Whether a stored choice is the stored answer (both normalized): all of a multiple-choice answer and nothing else.</summary>
    public static bool IsCorrect(string answer, string? choice) => choice is not null && string.Equals(answer, choice, StringComparison.Ordinal);

    /// <summary>Reads one sheet row; the problems name the column (题型, 题目, A–F, 答案) and a stable code.</summary>
    public static (QuestionDraft? Draft, List<(string Column, string Code)> Problems) ReadRow(string? kindText, string? text, IReadOnlyList<string?> options, string? answer)
    {
        var problems = new List<(string, string)>();
        var kind = ParseKind(kindText);
        if (kind is null) problems.Add(("kind", "bank.row.kind"));
        var body = text?.Trim() ?? "";
        if (body.Length is 0 or > MaxTextLength) problems.Add(("text", "bank.row.text"));
        var opts = options.Select(o => o?.Trim() ?? "").ToList();
        while (opts.Count > 0 && opts[^1].Length == 0) opts.RemoveAt(opts.Count - 1);
        if (kind == QuestionKind.TrueFalse)
        {
            if (opts.Count > 0) problems.Add(("A", "bank.row.optionsForTrueFalse"));
        }
        else if (kind is not null)
        {
            if (opts.Count < 2) problems.Add(("B", "bank.row.tooFewOptions"));
            for (var i = 0; i < opts.Count; i++)
                if (opts[i].Length is 0 or > MaxOptionLength) problems.Add((OptionColumns[i], "bank.row.option"));
        }
        string? normalized = null;
        if (kind is not null)
        {
            normalized = Normalize(kind.Value, opts.Count, answer);
            if (normalized is null) problems.Add(("answer", "bank.row.answer"));
            else if (kind == QuestionKind.Multiple && normalized.Length < 2) problems.Add(("answer", "bank.row.multipleNeedsTwo"));
        }
        return problems.Count > 0 ? (null, problems) : (new QuestionDraft(kind!.Value, body, opts, normalized!), problems);
    }
}

/// <summary>How an attempt is scored: one point per right answer, the score in percent (0–100, rounded down).</summary>
public static class QuizScoring
{
    public static (int Correct, int Score) Score(IReadOnlyList<(string Answer, string? Choice)> questions)
    {
        var correct = questions.Count(q => QuestionRules.IsCorrect(q.Answer, q.Choice));
        return (correct, questions.Count == 0 ? 0 : correct * 100 / questions.Count);
    }

    /// <summary>The pass mark (及格) for a certificate: 60 of 100, the usual mark of a knowledge quiz (the source names none).</summary>
    public const int PassScore = 60;

    public static bool Passed(int? score) => score >= PassScore;

    /// <summary>
    /// A passed attempt's certificate number: <c>YD</c>, the Beijing year of the submit, then 16 hex digits of the attempt's UUIDv7
    /// (its 48-bit millisecond stamp and 16 of its random bits), so nothing is stored and two attempts share a number only if
    /// they started in the same millisecond with the same 16 random bits.
    /// </summary>
    public static string CertificateNumber(Guid attemptId, int year)
    {
        var hex = attemptId.ToString("N").ToUpperInvariant();
        return $"YD{year}{hex[..12]}{hex[13..16]}{hex[17]}";
    }

    /// <summary>An answer arriving this long after the deadline still counts (network delay of a phone on a slow connection).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static bool TooLate(DateTimeOffset deadline, DateTimeOffset now) => now > deadline + Grace;

    /// <summary>Draws <paramref name="count"/> distinct items at random (Fisher–Yates on a copy).</summary>
    public static List<T> Draw<T>(IReadOnlyList<T> pool, int count, Random rng)
    {
        var a = pool.ToArray();
        var n = Math.Min(count, a.Length);
        for (var i = 0; i < n; i++)
        {
            var j = rng.Next(i, a.Length);
            (a[i], a[j]) = (a[j], a[i]);
        }
        return a.Take(n).ToList();
    }
}
