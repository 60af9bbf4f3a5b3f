namespace Gonghui.Modules.MemberCard;

/// <summary>Marker for the member card's resources (MemberCardText.resx, MemberCardText.en.resx; edit MemberCardText.tsv).</summary>
public sealed class MemberCardText;
