using Gonghui.Modules.ModelWorkers.Rules;
using Gonghui.Modules.Skills.Public;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.ModelWorkers.Contest;

/// <summary>The city-wide speech contest 八小时约定 of a year: how many go through to the semi-final and final, the current round, the judging options.</summary>
public sealed class SpeechContest : IAudited
{
    private SpeechContest() { }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public int Year { get; private set; }
    public int SemiFinalists { get; private set; }
    public int Finalists { get; private set; }
    public int EntriesPerUnit { get; private set; }
    public JudgingCorrection Correction { get; private set; }
    public JudgingTieRule Tie { get; private set; }
    public ContestRound Round { get; private set; }
    /// <summary>True once the final is closed: the prizes stand and certificates print.</summary>
    public bool Finished { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>Bumped by every score save and round closing: saves racing a close lose cleanly.</summary>
    public long Version { get; private set; }

    public static SpeechContest Create(string name, int year, int semi, int finals, int perUnit, JudgingCorrection correction, JudgingTieRule tie, DateTimeOffset at, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(), Name = name.Trim(), Year = year, SemiFinalists = semi, Finalists = finals, EntriesPerUnit = perUnit,
        Correction = correction, Tie = tie, Round = ContestRound.Preliminary, CreatedAt = at,
    };

    /// <summary>Changes the set-up; the service allows it only while the preliminary round is open.</summary>
    public void Edit(string name, int year, int semi, int finals, int perUnit, JudgingCorrection correction, JudgingTieRule tie)
    {
        Name = name.Trim(); Year = year; SemiFinalists = semi; Finalists = finals; EntriesPerUnit = perUnit; Correction = correction; Tie = tie;
        Version++;
    }

    public void Advance(ContestRound? next) { if (next is { } n) Round = n; else Finished = true; Version++; }
    public void Touch() => Version++;
}

/// <summary>A unit's entry: the speaker (a member), the speech's title, how far it got, its places and the final prize.</summary>
public sealed class SpeechEntry : IAudited
{
    private SpeechEntry() { }

    public Guid Id { get; private set; }
    public Guid ContestId { get; private set; }
    public Guid MemberId { get; private set; }
    public string SpeakerName { get; private set; } = "";
    public string Title { get; private set; } = "";
    /// <summary>The unit that entered it (scope) and the speaker's own union and enterprise (the conflict rule).</summary>
    public Guid UnitId { get; private set; }
    public string ScopePath { get; private set; } = "";
    public Guid UnionId { get; private set; }
    public Guid? EnterpriseId { get; private set; }
    /// <summary>The furthest round reached.</summary>
    public ContestRound Reached { get; private set; }
    public int? PreliminaryPlace { get; private set; }
    public int? SemiFinalPlace { get; private set; }
    public int? FinalPlace { get; private set; }
    public decimal? FinalTotal { get; private set; }
    public Prize Prize { get; private set; }
    public string? CertificateNo { get; private set; }
    public DateTimeOffset EnteredAt { get; private set; }
    public string EnteredBy { get; private set; } = "";

    public static SpeechEntry Enter(Guid contestId, Guid memberId, string name, string title, Guid unitId, string scopePath, Guid unionId, Guid? enterpriseId,
        DateTimeOffset at, string by, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(), ContestId = contestId, MemberId = memberId, SpeakerName = name, Title = title.Trim(), UnitId = unitId, ScopePath = scopePath,
        UnionId = unionId, EnterpriseId = enterpriseId, Reached = ContestRound.Preliminary, EnteredAt = at, EnteredBy = by,
    };

    public void Placed(ContestRound round, int place, bool through, decimal total)
    {
        switch (round)
        {
            case ContestRound.Preliminary: PreliminaryPlace = place; break;
            case ContestRound.SemiFinal: SemiFinalPlace = place; break;
            default: FinalPlace = place; FinalTotal = total; break;
        }
        if (through && ContestRules.Next(round) is { } next) Reached = next;
    }

    public void Award(Prize prize, string certificateNo) { Prize = prize; CertificateNo = certificateNo; }
}

/// <summary>A judge of one round: their unit and enterprise (the conflict rule), the entries they declared a conflict with.</summary>
public sealed class SpeechJudge : IAudited
{
    private SpeechJudge() { }
    public Guid Id { get; private set; }
    public Guid ContestId { get; private set; }
    public ContestRound Round { get; private set; }
    public string Name { get; private set; } = "";
    public Guid UnitId { get; private set; }
    public Guid? EnterpriseId { get; private set; }
    /// <summary>Entry ids the judge declared a conflict with, comma-separated (few).</summary>
    public string Declared { get; private set; } = "";

    public static SpeechJudge Of(Guid contestId, ContestRound round, string name, Guid unitId, Guid? enterpriseId, Guid? id = null) =>
        new() { Id = id ?? Guid.CreateVersion7(), ContestId = contestId, Round = round, Name = name.Trim(), UnitId = unitId, EnterpriseId = enterpriseId };

    public IReadOnlySet<Guid> DeclaredEntries => Declared.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToHashSet();

    public void Declare(Guid entryId) { if (!DeclaredEntries.Contains(entryId)) Declared = Declared.Length == 0 ? entryId.ToString() : Declared + "," + entryId; }
}

/// <summary>One judge's score (0–3, in hundredths) on one criterion of one entry in one round; re-entering replaces it.</summary>
public sealed class SpeechScore
{
    private SpeechScore() { }
    public Guid Id { get; private set; }
    public Guid ContestId { get; private set; }
    public ContestRound Round { get; private set; }
    public Guid JudgeId { get; private set; }
    public Guid EntryId { get; private set; }
    public int Criterion { get; private set; }
    public int Centi { get; private set; }

    public static SpeechScore Of(Guid contestId, ContestRound round, Guid judgeId, Guid entryId, int criterion, int centi) =>
        new() { Id = Guid.CreateVersion7(), ContestId = contestId, Round = round, JudgeId = judgeId, EntryId = entryId, Criterion = criterion, Centi = centi };

    public void Set(int centi) => Centi = centi;
}
