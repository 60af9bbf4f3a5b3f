using Gonghui.Modules.Hotline.Requests;
using Gonghui.Platform.Audit;

namespace Gonghui.Modules.Hotline.Topics;

public enum TopicStatus { Open = 0, Closed = 1 }

/// <summary>
/// A monthly topic (每月一题) promoted from a 未诉先办 alert: a supervisor names the month, a title, the lead unit and the
/// target; the unit posts progress notes and the topic is closed with a summary. Its requests are those matching the
/// alert's cluster (enterprise and category) since the cluster began, including ones filed after promotion.
/// </summary>
public sealed class HotlineTopic : IAudited
{
    private HotlineTopic() { }

    public Guid Id { get; private set; }
    public Guid AlertId { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }
    public string Title { get; private set; } = "";
    public string Target { get; private set; } = "";
    public Guid LeadUnitId { get; private set; }
    public string LeadUnitPath { get; private set; } = "";
    /// <summary>The alert's scope (the district it was raised for): who sees the topic.</summary>
    public string ScopePath { get; private set; } = "";
    public Guid? EnterpriseId { get; private set; }
    public string Label { get; private set; } = "";
    public string Category { get; private set; } = "";
    public DateTimeOffset Since { get; private set; }
    public TopicStatus Status { get; private set; }
    public string? Summary { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosedBy { get; private set; }
    public int Version { get; private set; }

    public static HotlineTopic Promote(HotlineAlert alert, int year, int month, string title, string target, Guid leadUnitId, string leadUnitPath, string by, DateTimeOffset now)
    {
        if (alert.Status != AlertStatus.Open) throw new InvalidOperationException("topic.alertNotOpen");
        alert.Status = AlertStatus.Topic;
        return new HotlineTopic
        {
            Id = Guid.CreateVersion7(), AlertId = alert.Id, Year = year, Month = month, Title = title.Trim(), Target = target.Trim(), LeadUnitId = leadUnitId, LeadUnitPath = leadUnitPath,
            ScopePath = alert.ScopePath, EnterpriseId = EnterpriseOf(alert.Key), Label = alert.Label, Category = alert.Category, Since = alert.From,
            Status = TopicStatus.Open, CreatedAt = now.ToUniversalTime(), CreatedBy = by, Version = 1,
        };
    }

    public static Guid? EnterpriseOf(string alertKey) =>
        alertKey.StartsWith("enterprise:", StringComparison.Ordinal) && Guid.TryParse(alertKey["enterprise:".Length..], out var id) ? id : null;

    public void Touch() => Version++;

    public void Close(string summary, string by, DateTimeOffset now)
    {
        if (Status != TopicStatus.Open) throw new InvalidOperationException("topic.closed");
        Status = TopicStatus.Closed; Summary = summary.Trim(); ClosedAt = now.ToUniversalTime(); ClosedBy = by; Version++;
    }
}

/// <summary>A progress note on a monthly topic.</summary>
public sealed class HotlineTopicNote
{
    public long Id { get; set; }
    public Guid TopicId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Author { get; set; } = "";
    public string Text { get; set; } = "";
}
