namespace Gonghui.Platform.Importing;

/// <summary>One field a confirmed import would overwrite: its column (as the file names it), the registered value and the file's.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>A registered record the file would change: its row, who it is (masked key and registered name) and each change.</summary>
public sealed record RowChange(int Row, string Who, IReadOnlyList<FieldChange> Fields);

/// <summary>
/// What an import would do, computed without writing: rows that add a record, change a registered one, leave it as it is,
/// or are wrong; and the first changed rows with old beside new values. <see cref="MaxChanges"/> bounds the list, not the counts.
/// </summary>
public sealed record ImportPreview(long New, long Changed, long Unchanged, long ErrorRows, IReadOnlyList<RowChange> Changes)
{
    public const int MaxChanges = 200;
    public bool ChangesTruncated => Changed > Changes.Count;
}
