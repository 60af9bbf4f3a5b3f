using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Hardship.Precision;

/// <summary>A file drawn into the third-party evaluation sample of a year, and the evaluator's verdict on it.</summary>
public sealed class HardshipEvaluation : IAudited
{
    private HardshipEvaluation() { }
    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public Guid FileId { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public DateTimeOffset SampledAt { get; private set; }
    public string SampledBy { get; private set; } = "";
    public bool? RightlyIdentified { get; private set; }
    public bool? RightlyExited { get; private set; }
    public bool? AssistanceRight { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset? JudgedAt { get; private set; }
    public string? JudgedBy { get; private set; }

    public static HardshipEvaluation Draw(int year, Guid fileId, string district, string by, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), Year = year, FileId = fileId, DistrictCode = district, SampledAt = now, SampledBy = by };

    public void Judge(bool? identified, bool? exited, bool? assistance, string? note, string by, DateTimeOffset now)
    {
        RightlyIdentified = identified; RightlyExited = exited; AssistanceRight = assistance; Note = note; JudgedBy = by; JudgedAt = now;
    }
}
