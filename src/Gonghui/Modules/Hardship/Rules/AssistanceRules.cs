namespace Gonghui.Modules.Hardship.Rules;

/// <summary>A piece of assistance already given (or approved) to the household, for the frequency and cap rules.</summary>
public sealed record PriorAssistance(AssistanceType Type, long AmountFen, DateOnly On, string? ChildKey);

public sealed record AssistanceRequest(AssistanceType Type, HardshipGrade Grade, FileStatus FileStatus, long AmountFen, DateOnly On, string? ChildKey);

public sealed record AssistanceDecision(string? Refusal, string? Fund, long StandardFen)
{
    public bool Ok => Refusal is null;
}

/// <summary>How much, how often and up to what cap a household may be helped. Pure; the standards come from data.</summary>
public static class AssistanceRules
{
    public const string NotActive = "assistance.fileNotActive";
    public const string UnknownType = "assistance.unknownType";
    public const string AmountInvalid = "assistance.amountMustBePositive";
    public const string AboveStandard = "assistance.aboveStandard";
    public const string TooOften = "assistance.frequencyExceeded";
    public const string ChildRequired = "assistance.childRequired";
    public const string ChildAlreadyThisSchoolYear = "assistance.childAlreadyGrantedThisSchoolYear";
    public const string HouseholdCap = "assistance.householdCapExceeded";

    /// <summary>School year: 1 September to 31 August; named by the year it starts.</summary>
    public static int SchoolYear(DateOnly d) => d.Month >= 9 ? d.Year : d.Year - 1;

    public static AssistanceDecision Check(AssistanceRequest r, IEnumerable<PriorAssistance> history, HardshipRuleBook rules)
    {
        var std = rules.StandardFor(r.Type);
        if (std is null) return new(UnknownType, null, 0);
        var standard = std.Amounts.TryGetValue(r.Grade, out var a) ? a : 0;
        AssistanceDecision No(string code) => new(code, std.Fund, standard);
        // Only files in the archive receive help; a file in exit notice is still in the archive until approved.
        if (r.FileStatus is not (FileStatus.Active or FileStatus.ExitProposed or FileStatus.ExitInNotice)) return No(NotActive);
        if (r.AmountFen <= 0) return No(AmountInvalid);
        if (r.AmountFen > standard) return No(AboveStandard);
        var prior = history.ToList();
        if (std.PerChildPerSchoolYear is { } perChild)
        {
            if (string.IsNullOrWhiteSpace(r.ChildKey)) return No(ChildRequired);
            var sy = SchoolYear(r.On);
            if (prior.Count(p => p.Type == r.Type && p.ChildKey == r.ChildKey && SchoolYear(p.On) == sy) >= perChild) return No(ChildAlreadyThisSchoolYear);
        }
        if (std.PerYear is { } perYear && prior.Count(p => p.Type == r.Type && p.On.Year == r.On.Year) >= perYear) return No(TooOften);
        var yearTotal = prior.Where(p => p.On.Year == r.On.Year).Sum(p => p.AmountFen);
        if (yearTotal + r.AmountFen > rules.HouseholdCapPerYear) return No(HouseholdCap);
        return new(null, std.Fund, standard);
    }
}

/// <summary>Uploaded documents (supporting papers, admission letters): type by content, size by limit from data.</summary>
public static class DocumentRules
{
    public const string Empty = "document.empty";
    public const string TooLarge = "document.tooLarge";
    public const string TypeNotAllowed = "document.typeNotAllowed";

    /// <summary>Checks the declared type and the first bytes agree and are allowed (PDF, JPEG, PNG by default).</summary>
    public static string? Check(string contentType, long length, ReadOnlySpan<byte> head, DocumentLimits limits)
    {
        if (length <= 0) return Empty;
        if (length > limits.MaxBytes) return TooLarge;
        if (!limits.Types.Contains(contentType, StringComparer.OrdinalIgnoreCase)) return TypeNotAllowed;
        var sniffed = Sniff(head);
        return sniffed is not null && string.Equals(sniffed, contentType, StringComparison.OrdinalIgnoreCase) ? null : TypeNotAllowed;
    }

    public static string? Sniff(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith("%PDF-"u8)) return "application/pdf";
        if (h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF) return "image/jpeg";
        if (h.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        return null;
    }
}
